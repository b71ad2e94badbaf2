// The demo city's transfers and handovers (issue 14 item 9): a few files offered to a street of
// another district and awaiting its answer (C7), and persons in isolation whose release notice has
// come in, with their handover to the street due (C10). Written as rows, as the rest of the seed.
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { rows } from '../db/client';
import { addDays } from '../../core/rules/dates';
import { defaultPolicy } from '../../core/rules/policy';
import { decideBy, handoverDeadlines, releaseNoticeLate } from '../../core/rules/transfers';
import { handovers, transfers } from '../modules/transfers/schema';
import { Random } from './random';

export interface TransferSeedSummary {
  transfers: number;
  handovers: number;
}

const REASONS = ['居住地变更，已在新街道租房居住', '随家人迁居', '工作调动至新区'];
const FACILITIES = ['市强制隔离戒毒所', '市女子强制隔离戒毒所'];

/** One person in twenty streets' worth: the demo shows a handful of each, not a flood. */
export async function seedTransfers(tx: Executor, r: Random, today: string): Promise<TransferSeedSummary> {
  const streets = await rows<{ id: string; path: string }>(tx, sql`select id, path from org_units where level = 'street' and active order by path`);
  if (streets.length < 2) return { transfers: 0, handovers: 0 };
  const streetOf = (path: string) => streets.find((s) => path.startsWith(s.path));
  const districtOf = (path: string) => path.split('/').slice(0, 4).join('/');
  const officer = (await rows<{ id: string }>(tx, sql`select id from users where username like '%.officer' order by username limit 1`))[0]?.id;
  if (!officer) return { transfers: 0, handovers: 0 };
  const moving = await rows<{ id: string; path: string }>(
    tx,
    sql`select p.id, u.path from persons p join org_units u on u.id = p.org_unit_id where p.status in ('under_community_detox', 'under_community_rehab') and not p.sealed order by p.id limit ${Math.max(3, Math.ceil(streets.length / 2))}`,
  );
  const transferRows = moving.flatMap((p, i) => {
    const from = streetOf(p.path);
    const others = streets.filter((s) => s.id !== from?.id && districtOf(s.path) !== districtOf(p.path));
    const to = others[r.int(0, Math.max(0, others.length - 1))] ?? streets.find((s) => s.id !== from?.id);
    if (!from || !to) return [];
    const requestedOn = addDays(today, -r.int(0, 6));
    return [
      {
        personId: p.id,
        fromOrgUnitId: from.id,
        toOrgUnitId: to.id,
        initiatedBy: i % 3 === 2 ? ('finder' as const) : ('holder' as const),
        status: 'pending' as const,
        reason: REASONS[i % REASONS.length]!,
        requestedBy: officer,
        requestedAt: new Date(`${requestedOn}T02:00:00Z`),
        decideBy: decideBy(requestedOn, defaultPolicy),
        policyVersion: defaultPolicy.version,
      },
    ];
  });
  if (transferRows.length) await tx.insert(transfers).values(transferRows);
  const isolated = await rows<{ id: string; path: string; measure_id: string }>(
    tx,
    sql`select p.id, u.path, m.id as measure_id from persons p join org_units u on u.id = p.org_unit_id
        join measures m on m.person_id = p.id and m.kind = 'compulsory_isolation' and m.status = 'active'
        where not p.sealed order by p.id limit 6`,
  );
  const handoverRows = isolated.flatMap((p, i) => {
    const street = streetOf(p.path);
    if (!street) return [];
    const releaseDate = addDays(today, i - 2);
    const d = handoverDeadlines(releaseDate, defaultPolicy);
    const noticeReceivedOn = addDays(releaseDate, -r.int(1, 5));
    return [
      {
        personId: p.id,
        orgUnitId: street.id,
        addressBasis: i % 2 ? ('registered' as const) : ('residence' as const),
        facility: FACILITIES[i % FACILITIES.length]!,
        releaseDate,
        noticeReceivedOn,
        ...d,
        noticeLate: releaseNoticeLate(noticeReceivedOn, d),
        isolationMeasureId: p.measure_id,
        createdBy: officer,
        createdAt: new Date(`${noticeReceivedOn}T02:00:00Z`),
        policyVersion: defaultPolicy.version,
      },
    ];
  });
  if (handoverRows.length) await tx.insert(handovers).values(handoverRows);
  return { transfers: transferRows.length, handovers: handoverRows.length };
}
