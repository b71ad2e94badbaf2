
import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client';
import { rows } from '../db/client';
import type { DataCipher } from '../lib/data-key';
import { hashPassword } from '../lib/password';
import { orgUnits } from '../modules/org/schema';
import { users, grants, roles } from '../modules/users/schema';
import { persons, assignments } from '../modules/persons/schema';
import { measures, measureEvents } from '../modules/measures/schema';
import { personColumns } from '../modules/persons/record';
import { computeEndDate } from '../rules/measures';
import { derivePersonStatus } from '../rules/person-status';
import { defaultPolicy } from '../rules/policy';
import { setSetting } from '../modules/system/service';
import { Random, uuidFrom } from './random';
import { planCity, type UnitSpec } from './city';
import { generatePerson } from './person';

export interface SeedOptions {
  persons: number;
  years: number;
  seed: number;
  today: string;
  /** Password of every generated staff account (demo) — hashed once. */
  staffPassword: string;
  demo?: boolean;
  log?: (msg: string) => void;
}

export interface SeedSummary {
  units: number;
  staff: number;
  persons: number;
  measures: number;
  seconds: number;
  accounts: { username: string; role: string; unit: string }[];
}

const CHUNK = 500;

async function insertChunks<T>(exec: Executor, items: T[], write: (exec: Executor, chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += CHUNK) await write(exec, items.slice(i, i + CHUNK));
}

/**
 * Fills a bootstrapped database (roles, dictionaries, root unit) with a synthetic city,
 * deterministically from the seed. Persons are written in batches, each batch one transaction.
 */
export async function seedCity(database: Database, cipher: DataCipher, opts: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const db = database.db;
  const existing = await rows<{ n: number }>(db, sql`select count(*)::int as n from persons`);
  if (Number(existing[0]?.n ?? 0) > 0) throw new Error('The database already holds person files; the generator only fills an empty one.');
  const root = (await rows<{ id: string; path: string; name: string }>(db, sql`select id, path, name from org_units where parent_id is null limit 1`))[0];
  if (!root) throw new Error('Bootstrap first: no root unit.');
  const roleIds = new Map((await db.select({ id: roles.id, code: roles.code }).from(roles)).map((r) => [r.code, r.id]));

  const r = new Random(opts.seed);
  const plan = planCity(r.fork('city'), root, opts.persons);
  log(`city: ${plan.units.length} units, ${plan.communities.length} communities`);
  await db.transaction(async (tx) => {
    await insertChunks(tx, plan.units, (e, chunk) => e.insert(orgUnits).values(chunk.map((u) => ({ ...u }))));
  });

  // Staff: every role of the brief, at the level where it works; one social worker per 30 persons (K12).
  const passwordHash = await hashPassword(opts.staffPassword);
  const staff: { id: string; username: string; displayName: string; orgUnitId: string; role: string; unitName: string }[] = [];
  const byId = new Map(plan.units.map((u) => [u.id, u]));
  const sr = r.fork('staff');
  const addStaff = (unit: { id: string; name: string }, role: string, username: string, displayName: string) => {
    const s = { id: uuidFrom(sr), username, displayName, orgUnitId: unit.id, role, unitName: unit.name };
    staff.push(s);
    return s;
  };
  addStaff(root, 'system_admin', 'sysadmin', '系统管理员');
  addStaff(root, 'security_admin', 'secadmin', '安全管理员');
  addStaff(root, 'audit_admin', 'auditor', '审计管理员');
  addStaff(root, 'drug_control_office', 'city.office', '市禁毒办');
  addStaff(root, 'leader', 'leader', '市领导');
  const workersByCommunity = new Map<string, string[]>();
  let d = 0, s = 0, c = 0;
  for (const u of plan.units) {
    if (u.level === 'district') {
      d++;
      addStaff(u, 'drug_control_office', `d${d}.office`, `${u.name}禁毒办`);
      addStaff(u, 'partner', `d${d}.partner`, `${u.name}人社局`);
    } else if (u.level === 'street') {
      s++;
      addStaff(u, 'officer', `s${s}.officer`, `${u.name}专干`);
      addStaff(u, 'police_officer', `s${s}.police`, `${u.name}派出所民警`);
    } else if (u.level === 'community') {
      const n = plan.personsPerCommunity[c++]!;
      const ids: string[] = [];
      for (let k = 0; k < Math.max(1, Math.ceil(n / 30)); k++) ids.push(addStaff(u, 'social_worker', `c${c}.sw${k + 1}`, `${u.name}社工${k + 1}`).id);
      workersByCommunity.set(u.id, ids);
    } else if (u.level === 'grid') {
      const parent = byId.get(u.parentId)!;
      addStaff(u, 'grid_worker', `g${plan.units.indexOf(u)}`, `${parent.name}${u.name}网格员`);
    }
  }
  await db.transaction(async (tx) => {
    await insertChunks(tx, staff, (e, chunk) =>
      e.insert(users).values(chunk.map((x) => ({ id: x.id, orgUnitId: x.orgUnitId, username: x.username, displayName: x.displayName, passwordHash, mustChangePassword: !opts.demo }))),
    );
    await insertChunks(tx, staff, (e, chunk) => e.insert(grants).values(chunk.map((x) => ({ userId: x.id, roleId: roleIds.get(x.role)!, orgUnitId: x.orgUnitId }))));
  });
  log(`staff: ${staff.length} accounts`);
  const staffById = new Map(staff.map((x) => [x.id, x]));

  // Persons, community by community, in batches.
  const pr = r.fork('persons');
  const cityName = root.name === '本市' ? '' : root.name;
  const districtOf = (u: UnitSpec) => byId.get(byId.get(u.parentId)!.parentId)!;
  const seen = new Set<string>();
  let index = 0;
  let measureCount = 0;
  let batch: { person: Record<string, unknown>; assignment: Record<string, unknown>; ms: Record<string, unknown>[]; evs: Record<string, unknown>[] }[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const b = batch;
    batch = [];
    await db.transaction(async (tx) => {
      await tx.insert(persons).values(b.map((x) => x.person) as never);
      await tx.insert(assignments).values(b.map((x) => x.assignment) as never);
      const ms = b.flatMap((x) => x.ms);
      if (ms.length) await insertChunks(tx, ms, (e, chunk) => e.insert(measures).values(chunk as never));
      const evs = b.flatMap((x) => x.evs);
      if (evs.length) await insertChunks(tx, evs, (e, chunk) => e.insert(measureEvents).values(chunk as never));
    });
  };
  for (let ci = 0; ci < plan.communities.length; ci++) {
    const community = plan.communities[ci]!;
    const district = districtOf(community);
    const region = `1101${String((plan.units.filter((u) => u.level === 'district').indexOf(district) % 18) + 1).padStart(2, '0')}`;
    const workers = workersByCommunity.get(community.id)!;
    for (let k = 0; k < plan.personsPerCommunity[ci]!; k++) {
      let g = generatePerson(pr, index, opts.today, opts.years, region, cityName, district.name);
      while (seen.has(g.identity.idNumber)) g = generatePerson(pr, index + seen.size, opts.today, opts.years, region, cityName, district.name);
      seen.add(g.identity.idNumber);
      const personId = uuidFrom(pr);
      const workerId = workers[k % workers.length]!;
      const workerName = staffById.get(workerId)!.displayName;
      const summary = derivePersonStatus(g.measures.map((x) => x.measure), opts.today);
      const current = g.measures.find((x) => x.measure.id === summary.measureId)?.measure.kind ?? null;
      batch.push({
        person: {
          id: personId, orgUnitId: community.id, ...personColumns(cipher, g.input, g.identity), status: summary.status, currentMeasureKind: current,
          responsibleWorkerId: workerId, workTeam: [{ role: 'social_worker', name: workerName, userId: workerId }],
        },
        assignment: { personId, kind: 'assign', orgUnitId: community.id, workerId, reason: '数据生成' },
        ms: g.measures.map((x) => ({
          id: x.measure.id, personId, kind: x.measure.kind, status: x.measure.status, decisionNumber: x.decisionNumber, decisionDate: x.measure.decisionDate,
          decidingAuthority: `${district.name}公安分局`, decisionReceivedDate: x.measure.decisionReceivedDate, reportDate: x.measure.kind.startsWith('community') ? x.measure.startDate : null,
          startDate: x.measure.startDate, endDate: x.measure.endedOn ?? computeEndDate(x.measure, defaultPolicy), termMonths: x.measure.decisionTermMonths,
          state: x.measure, policyVersion: defaultPolicy.version,
        })),
        evs: g.measures.flatMap((x) => x.events.map((e) => ({ measureId: x.measure.id, personId, event: e.event, eventDate: e.date, fromStatus: e.from, toStatus: e.to }))),
      });
      measureCount += g.measures.length;
      index++;
      if (batch.length >= CHUNK) {
        await flush();
        if (index % 10_000 === 0) log(`persons: ${index}`);
      }
    }
  }
  await flush();
  if (opts.demo) await setSetting(db, 'demo', true);
  await setSetting(db, 'generated', { persons: opts.persons, years: opts.years, seed: opts.seed, today: opts.today, at: new Date().toISOString() });
  const accounts = staff.filter((x) => /^(sysadmin|secadmin|auditor|city\.office|leader|d1\.office|d1\.partner|s1\.officer|s1\.police|c1\.sw1|g\d+)$/.test(x.username));
  const firstGrid = accounts.find((a) => a.role === 'grid_worker');
  return {
    units: plan.units.length + 1,
    staff: staff.length,
    persons: index,
    measures: measureCount,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    accounts: accounts.filter((a) => a.role !== 'grid_worker' || a === firstGrid).map((a) => ({ username: a.username, role: a.role, unit: a.unitName })),
  };
}

