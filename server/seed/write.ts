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
import { computeEndDate } from '../../core/rules/measures';
import { addDays } from '../../core/rules/dates';
import { derivePersonStatus } from '../../core/rules/person-status';
import { defaultPolicy } from '../../core/rules/policy';
import { setSetting } from '../modules/system/service';
import { Random, uuidFrom } from './random';
import { planCity, type UnitSpec } from './city';
import { generatePerson } from './person';
import { generateHistory, type PersonHistory } from './history';
import { insertJson } from './bulk';
import { seedPrevention, type PreventionSummary } from './prevention';
import { seedGovOps, type GovOpsSummary } from './governance-ops';
import { seedAssistance, type AssistanceSeedSummary } from './assistance';
import { seedTransfers, type TransferSeedSummary } from './transfers';
import { sealingHistory, sealingKindOf, sealingMeasure, seedSealing, type SealingPerson, type SealingSeedSummary } from './sealing';
import { seedGovernance, type GovernanceSeedSummary } from './governance';
import { supervisionRecords, leaveRequests, leaveEvents, absences } from '../modules/supervision/schema';

export interface SeedOptions {
  persons: number;
  years: number;
  seed: number;
  today: string;
  /** Password of every generated staff account (demo) — hashed once. */
  staffPassword: string;
  demo?: boolean;
  /**
   * Also write three years of supervision (records, leave, absences; default true). Without
   * it a 2,000,000-person city fits a few hours; the schedule is then left to the daily job.
   */
  history?: boolean;
  /**
   * Runs the supervision recompute over everyone once the rows are in (tasks, breach
   * assessment, notices, education), as the daily job would; omitted, the daily job does it.
   */
  recompute?: () => Promise<{ persons: number; notices: number; education: number; ms: number }>;
  /** #13 warnings: reclassifies everyone (D4) and raises the alerts the facts support, once assistance is in. */
  reclassify?: () => Promise<{ persons: number; reclassified: number; raised: number; withdrawn: number }>;
  /** Issue 14: the sealing module's daily run (D2 standings), so the delisting list is filled at once. */
  delisting?: () => Promise<unknown>;
  log?: (msg: string) => void;
}

export interface SeedSummary {
  units: number;
  staff: number;
  persons: number;
  measures: number;
  records: number;
  leaveRequests: number;
  absences: number;
  /** Partners, assessments, plans, services and referrals (issue 12). */
  assistance: AssistanceSeedSummary;
  transfers: TransferSeedSummary;
  sealing: SealingSeedSummary;
  /** Largest resident memory seen while writing persons (MiB). */
  peakRssMiB: number;
  /** A year of publicity, volunteers and trainings (issue 16). */
  prevention: PreventionSummary;
  /** #15: a year of targets and the work plan's start. */
  governance: GovernanceSeedSummary;
  govOps: GovOpsSummary;
  /** What the recompute derived, when it ran. */
  supervision: { persons: number; notices: number; education: number; seconds: number } | null;
  /** #13 warnings: what the reclassification derived, when it ran. */
  warnings: { persons: number; reclassified: number; raised: number } | null;
  seconds: number;
  accounts: { username: string; role: string; unit: string }[];
}

const CHUNK = 500;

async function insertChunks<T>(exec: Executor, items: T[], write: (exec: Executor, chunk: T[]) => Promise<unknown>, size = CHUNK) {
  for (let i = 0; i < items.length; i += size) await write(exec, items.slice(i, i + size));
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
  /** Per community, its grids and each grid's worker: persons are filed in a grid (JOURNEYS 2, "my grid"). */
  const gridsOf = new Map<string, { id: string; workerId: string }[]>();
  const officerOf = new Map<string, string>();
  let d = 0,
    s = 0,
    c = 0;
  for (const [unitIndex, u] of plan.units.entries()) {
    if (u.level === 'district') {
      d++;
      addStaff(u, 'drug_control_office', `d${d}.office`, `${u.name}禁毒办`);
      addStaff(u, 'partner', `d${d}.partner`, `${u.name}人社局`);
    } else if (u.level === 'street') {
      s++;
      officerOf.set(u.id, addStaff(u, 'officer', `s${s}.officer`, `${u.name}专干`).id);
      addStaff(u, 'police_officer', `s${s}.police`, `${u.name}派出所民警`);
    } else if (u.level === 'community') {
      const n = plan.personsPerCommunity[c++]!;
      const ids: string[] = [];
      for (let k = 0; k < Math.max(1, Math.ceil(n / 30)); k++) ids.push(addStaff(u, 'social_worker', `c${c}.sw${k + 1}`, `${u.name}社工${k + 1}`).id);
      workersByCommunity.set(u.id, ids);
    } else if (u.level === 'grid') {
      const parent = byId.get(u.parentId)!;
      const g = addStaff(u, 'grid_worker', `g${unitIndex}`, `${parent.name}${u.name}网格员`);
      gridsOf.set(parent.id, [...(gridsOf.get(parent.id) ?? []), { id: u.id, workerId: g.id }]);
    }
  }
  await db.transaction(async (tx) => {
    await insertChunks(tx, staff, (e, chunk) =>
      e
        .insert(users)
        .values(chunk.map((x) => ({ id: x.id, orgUnitId: x.orgUnitId, username: x.username, displayName: x.displayName, passwordHash, mustChangePassword: !opts.demo }))),
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
  const hr = r.fork('history');
  const withHistory = opts.history ?? true;
  const counts = { records: 0, leaveRequests: 0, absences: 0 };
  const sealingPeople: SealingPerson[] = [];
  // Streaming is the claim: memory stays flat whatever N (the set of ID numbers aside).
  let peakRss = process.memoryUsage().rss;
  let batch: {
    person: Record<string, unknown>;
    assignment: Record<string, unknown>;
    ms: Record<string, unknown>[];
    evs: Record<string, unknown>[];
    history: PersonHistory | null;
  }[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const b = batch;
    batch = [];
    const history = b.map((x) => x.history).filter((h): h is PersonHistory => h !== null);
    const records = history.flatMap((h) => h.records);
    const leaves = history.flatMap((h) => h.leaves);
    const stays = history.flatMap((h) => h.absences);
    await db.transaction(async (tx) => {
      await tx.insert(persons).values(b.map((x) => x.person) as never);
      await tx.insert(assignments).values(b.map((x) => x.assignment) as never);
      const ms = b.flatMap((x) => x.ms);
      if (ms.length) await insertChunks(tx, ms, (e, chunk) => e.insert(measures).values(chunk as never));
      const evs = b.flatMap((x) => x.evs);
      if (evs.length) await insertChunks(tx, evs, (e, chunk) => e.insert(measureEvents).values(chunk as never));
      await insertChunks(tx, records, (e, chunk) => insertJson(e, supervisionRecords, chunk), 5000);
      await insertJson(tx, leaveRequests, leaves);
      await insertJson(
        tx,
        leaveEvents,
        history.flatMap((h) => h.leaveEvents),
      );
      await insertJson(tx, absences, stays);
    });
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    counts.records += records.length;
    counts.leaveRequests += leaves.length;
    counts.absences += stays.length;
  };
  const districtIndex = new Map(plan.units.filter((u) => u.level === 'district').map((u, i) => [u.id, i]));
  for (let ci = 0; ci < plan.communities.length; ci++) {
    const community = plan.communities[ci]!;
    const district = districtOf(community);
    const region = `1101${String((districtIndex.get(district.id)! % 18) + 1).padStart(2, '0')}`;
    const workers = workersByCommunity.get(community.id)!;
    const grids = gridsOf.get(community.id)!;
    const officerId = officerOf.get(community.parentId)!;
    for (let k = 0; k < plan.personsPerCommunity[ci]!; k++) {
      let g = generatePerson(pr, index, opts.today, opts.years, region, cityName, district.name);
      while (seen.has(g.identity.idNumber)) g = generatePerson(pr, index + seen.size, opts.today, opts.years, region, cityName, district.name);
      seen.add(g.identity.idNumber);
      const personId = uuidFrom(pr);
      const workerId = workers[k % workers.length]!;
      const grid = grids[k % grids.length]!;
      const workerName = staffById.get(workerId)!.displayName;
      // Issue 14 item 9: the first persons are the delisting and sealing cases (D2, D3, P4, M4).
      const sealingKind = sealingKindOf(index, opts.persons);
      let special: { history: PersonHistory; sealed: boolean } | null = null;
      if (sealingKind) {
        const m = sealingMeasure(sealingKind, index, opts.today);
        const h = sealingHistory(sr, personId, m, opts.today, workerId, workerName);
        g = {
          ...g,
          measures: [
            {
              measure: m,
              events: [{ event: 'create', date: m.decisionDate, from: null, to: m.status }],
              decisionNumber: `${district.name}公（禁）决字〔${m.decisionDate.slice(0, 4)}〕${800 + index}号`,
            },
          ],
        };
        special = { history: h.history, sealed: sealingKind === 'delisted' || sealingKind === 'voluntary' };
        const gridUnit = byId.get(grid.id)!;
        sealingPeople.push({
          kind: sealingKind,
          personId,
          name: g.input.name,
          idNumber: g.identity.idNumber,
          orgPath: gridUnit.path,
          orgUnitName: gridUnit.name,
          officerId,
          measure: m,
          tests: h.tests,
        });
      }
      const summary = derivePersonStatus(
        g.measures.map((x) => x.measure),
        opts.today,
      );
      const current = g.measures.find((x) => x.measure.id === summary.measureId)?.measure.kind ?? null;
      batch.push({
        person: {
          id: personId,
          orgUnitId: grid.id,
          ...personColumns(cipher, g.input, g.identity),
          status: summary.status,
          currentMeasureKind: current,
          responsibleWorkerId: workerId,
          workTeam: [{ role: 'social_worker', name: workerName, userId: workerId }],
          ...(special?.sealed ? { sealed: true } : {}),
        },
        assignment: { personId, kind: 'assign', orgUnitId: grid.id, workerId, reason: '数据生成' },
        ms: g.measures.map((x) => ({
          id: x.measure.id,
          personId,
          kind: x.measure.kind,
          status: x.measure.status,
          decisionNumber: x.decisionNumber,
          decisionDate: x.measure.decisionDate,
          decidingAuthority: `${district.name}公安分局`,
          decisionReceivedDate: x.measure.decisionReceivedDate,
          reportDate: x.measure.kind.startsWith('community') ? x.measure.startDate : null,
          startDate: x.measure.startDate,
          endDate: x.measure.endedOn ?? computeEndDate(x.measure, defaultPolicy),
          termMonths: x.measure.decisionTermMonths,
          state: x.measure,
          policyVersion: defaultPolicy.version,
        })),
        evs: g.measures.flatMap((x) => x.events.map((e) => ({ measureId: x.measure.id, personId, event: e.event, eventDate: e.date, fromStatus: e.from, toStatus: e.to }))),
        history: special
          ? special.history
          : withHistory
            ? generateHistory(hr, {
                personId,
                measures: g.measures.map((x) => x.measure),
                employmentStatus: g.input.employmentStatus,
                today: opts.today,
                policy: defaultPolicy,
                actors: { workerId, workerName, gridWorkerId: grid.workerId, officerId },
              })
            : null,
      });
      measureCount += g.measures.length;
      index++;
      if (batch.length >= CHUNK) {
        await flush();
        if (index % 10_000 === 0) log(`persons: ${index} (${Math.round((performance.now() - started) / 1000)} s, RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB)`);
      }
    }
  }
  await flush();
  log(`history: ${counts.records} records, ${counts.leaveRequests} leave requests, ${counts.absences} absences`);
  let supervision: SeedSummary['supervision'] = null;
  if (withHistory && opts.recompute) {
    const done = await opts.recompute();
    const settled = await settlePastFollowUps(db, opts.today);
    supervision = { persons: done.persons, notices: done.notices, education: done.education, seconds: Math.round(done.ms / 100) / 10 };
    log(
      `supervision: ${done.persons} schedules computed, ${done.notices} police notices (${settled.notices} of them already handled), ${done.education} education records (${settled.education} held) in ${supervision.seconds} s`,
    );
  }
  const prevention = await db.transaction((tx) => seedPrevention(tx, r.fork('prevention'), cipher, plan, (id) => workersByCommunity.get(id) ?? [], opts.today));
  log(
    `prevention: ${prevention.activities} publicity activities reaching ${prevention.reach} person-times, ${prevention.volunteers} volunteers in ${prevention.teams} teams, ${prevention.trainings} trainings, ${prevention.responses} survey answers in ${prevention.surveys} surveys, ${prevention.tips} tips, ${prevention.staff.graded} social workers graded with ${prevention.staff.qualifications} certificates (${prevention.staff.expiring} expiring, ${prevention.staff.expired} expired)`,
  );
  const assistance = await db.transaction((tx) => seedAssistance(tx, r.fork('assistance'), opts.today));
  log(
    `assistance: ${assistance.partners} partners, ${assistance.assessments} assessments, ${assistance.plans} plans, ${assistance.services} services, ${assistance.referrals} open referrals`,
  );
  const transfers = await db.transaction((tx) => seedTransfers(tx, r.fork('transfers'), opts.today));
  log(`transfers: ${transfers.transfers} awaiting an answer, ${transfers.handovers} handovers from isolation`);
  const sealing = await db.transaction((tx) => seedSealing(tx, sealingPeople, opts.today));
  // D2: the daily run judges every open file now, so the review list is there on the first start.
  if (opts.delisting) await opts.delisting();
  log(
    `sealing: ${sealing.eligible} eligible for delisting, ${sealing.upcoming} coming up, ${sealing.delisted} delisted and sealed, ${sealing.voluntary} voluntary treatment sealed (sealed-file lookup: ${sealing.sealedIdNumber ?? '—'})`,
  );
  const governance = await db.transaction((tx) =>
    seedGovernance(tx, {
      rootId: root.id,
      firstDistrictId: plan.units.find((u) => u.level === 'district')?.id ?? null,
      officeUserId: staff.find((x) => x.username === 'city.office')!.id,
      today: opts.today,
    }),
  );
  log(`governance: ${governance.targets} targets for the year`);
  const govOps = await db.transaction((tx) => seedGovOps(tx, r.fork('governance-ops'), plan, staff, opts.today));
  log(
    `governance: ${govOps.meetings} joint meetings (${govOps.actionItems} action items), ${govOps.risks} risks, ${govOps.budgets} budgets with ${govOps.expenses} expenses, ${govOps.figures} police figures`,
  );
  // #13 warnings: the recompute above classified without the assistance written since (D6 needs,
  // plans); the daily run would catch up tomorrow, the demo should be right today.
  const reclassified = withHistory && opts.recompute && opts.reclassify ? await opts.reclassify() : null;
  const warnings = reclassified ? { persons: reclassified.persons, reclassified: reclassified.reclassified, raised: reclassified.raised } : null;
  if (warnings) log(`warnings: ${warnings.persons} persons classified (${warnings.reclassified} changed), ${warnings.raised} alerts raised`);
  // Planner statistics for what was just written (PGlite has no autovacuum; PostgreSQL's comes
  // later): without them a 2,000,000-person city's person page took 234 ms instead of 17.
  await db.execute(sql`analyze`);
  if (opts.demo) await setSetting(db, 'demo', true);
  await setSetting(db, 'generated', { persons: opts.persons, years: opts.years, seed: opts.seed, today: opts.today, at: new Date().toISOString() });
  const accounts = staff.filter((x) => /^(sysadmin|secadmin|auditor|city\.office|leader|d1\.office|d1\.partner|s1\.officer|s1\.police|c1\.sw1|g\d+)$/.test(x.username));
  const firstGrid = accounts.find((a) => a.role === 'grid_worker');
  return {
    units: plan.units.length + 1,
    staff: staff.length,
    persons: index,
    measures: measureCount,
    ...counts,
    prevention,
    assistance,
    transfers,
    sealing,
    governance,
    govOps,
    supervision,
    warnings,
    peakRssMiB: Math.round(peakRss / 2 ** 20),
    seconds: Math.round((performance.now() - started) / 100) / 10,
    accounts: accounts.filter((a) => a.role !== 'grid_worker' || a === firstGrid).map((a) => ({ username: a.username, role: a.role, unit: a.unitName })),
  };
}

/**
 * The recompute raises every notice and education of the generated past as of today; in a
 * city that has been working for three years, those older than a few days were long handled:
 * the notice delivered by the responsible worker the day of the fact and acknowledged by the
 * street's police the next day, the education held within the week. Recent ones stay open, as
 * the work of the coming days.
 */
async function settlePastFollowUps(db: Executor, today: string): Promise<{ notices: number; education: number }> {
  const noticeCut = addDays(today, -3);
  const educationCut = addDays(today, -7);
  const at = (hours: number, col = 'fact_date') => sql.raw(`((${col}::timestamp + interval '${hours} hours') at time zone 'Asia/Shanghai')`);
  const notices = await rows<{ id: string }>(
    db,
    sql`
    update police_notices n set
      created_at = ${at(9, 'n.fact_date')}, deadline = ${at(33, 'n.fact_date')},
      delivered_at = ${at(15, 'n.fact_date')}, delivered_by = p.responsible_worker_id, delivery_note = '已送达辖区派出所',
      acknowledged_at = ${at(34, 'n.fact_date')},
      acknowledged_by = coalesce((
        select g.user_id from grants g join roles r on r.id = g.role_id join org_units gu on gu.id = g.org_unit_id
        join org_units pu on pu.id = p.org_unit_id
        where r.code = 'police_officer' and pu.path like gu.path || '%' order by gu.depth desc limit 1), p.responsible_worker_id)
    from persons p
    where p.id = n.person_id and n.acknowledged_at is null and n.fact_date < ${noticeCut}
    returning n.id`,
  );
  const education = await rows<{ id: string }>(
    db,
    sql`
    update education_records e set
      created_at = ${at(9, 'e.fact_date')},
      conducted_on = e.fact_date + 2, conducted_by = p.responsible_worker_id, conducted_at = ${at(58, 'e.fact_date')},
      note = '已进行批评教育，本人表示今后按时接受检测和报到'
    from persons p
    where p.id = e.person_id and e.conducted_on is null and e.fact_date < ${educationCut}
    returning e.id`,
  );
  // The in-app messages those notices raised were read when they were handled.
  await db.execute(sql`
    update reminder_messages m set created_at = n.created_at, sent_at = n.created_at, next_attempt_at = n.created_at, read_at = n.acknowledged_at
    from police_notices n
    where m.details->>'noticeId' = n.id::text and m.read_at is null and n.acknowledged_at is not null`);
  return { notices: notices.length, education: education.length };
}
