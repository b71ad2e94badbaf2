// Every SQL statement of the governance module. Its own tables, the org paths it scopes by, and
// the read-only projections other modules publish for joins (persons, measures, supervision).
import { and, asc, eq, gte, inArray, isNotNull, like, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { orgUnits } from '../org/schema';
import { personRef } from '../persons/relations';
import { measureTermRef } from '../measures/relations';
import { noticeFactRef, recordFactRef, statusRef, taskRef } from '../supervision/relations';
import { governanceDirtyUnits, governanceMilestones, governancePlans, governanceRollupState, governanceRollups, governanceTargets } from './schema';
import type { PersonFacts, TaskFact } from '../../../core/rules/indicators';

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/** Whose facts: the persons of a subtree (a path prefix), or of exactly these units (the rollups). */
export type Population = { path: string } | { unitIds: string[] };

const people = personRef('people');
const whereIn = (pop: Population): SQL =>
  'path' in pop ? like(orgUnits.path, `${escapeLike(pop.path)}%`) : pop.unitIds.length ? inArray(people.orgUnitId, pop.unitIds) : sql`false`;
/** Sealed files (P4, P5) are out of every figure and every drill-down. */
const unsealed = eq(people.sealed, false);

async function populationOf(exec: Executor, pop: Population) {
  return exec
    .select({ id: people.id, orgUnitId: people.orgUnitId })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .where(and(whereIn(pop), unsealed));
}

const m = measureTermRef('mt');
const t = taskRef('tk');
const r = recordFactRef('rf');
const done = recordFactRef('done_rec');
const n = noticeFactRef('nf');
const st = statusRef('ss');

/** The facts of every unsealed person of the population over `from..to`, as the indicator rules read them. */
export async function loadFacts(exec: Executor, pop: Population, from: string, to: string): Promise<PersonFacts[]> {
  // One statement after the other: a transaction (and PGlite) has one connection.
  const who = await populationOf(exec, pop);
  const measures = await exec
    .select({
      personId: m.personId,
      kind: m.kind,
      status: m.status,
      decisionReceivedDate: m.decisionReceivedDate,
      reportDate: m.reportDate,
      startDate: m.startDate,
      endDate: m.endDate,
    })
    .from(m)
    .innerJoin(people, eq(people.id, m.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .where(and(whereIn(pop), unsealed, inArray(m.kind, ['community_detox', 'community_rehab'])));
  const tasks = await exec
    .select({ personId: t.personId, kind: t.kind, dueDate: t.dueDate, state: t.state, doneOn: done.date })
    .from(t)
    .innerJoin(people, eq(people.id, t.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .leftJoin(done, eq(done.id, t.recordId))
    .where(and(whereIn(pop), unsealed, gte(t.dueDate, from), lte(t.dueDate, to), inArray(t.kind, ['check_in', 'drug_test'])));
  const records = await exec
    .select({ personId: r.personId, date: r.date, inPerson: r.inPerson, visit: r.visit, positive: r.positive })
    .from(r)
    .innerJoin(people, eq(people.id, r.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .where(and(whereIn(pop), unsealed, gte(r.date, from), lte(r.date, to), or(r.inPerson, r.visit, r.positive)));
  const notices = await exec
    .select({ personId: n.personId, reason: n.reason, factDate: n.factDate })
    .from(n)
    .innerJoin(people, eq(people.id, n.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .where(and(whereIn(pop), unsealed, gte(n.factDate, from), lte(n.factDate, to), inArray(n.reason, ['relapse', 'lost_contact'])));
  const lost = await exec
    .select({ personId: st.personId })
    .from(st)
    .innerJoin(people, eq(people.id, st.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .where(and(whereIn(pop), unsealed, eq(st.lostContact, true)));
  const byId = new Map<string, PersonFacts>();
  for (const p of who) byId.set(p.id, { personId: p.id, orgUnitId: p.orgUnitId, measures: [], tasks: [], metOn: [], visitedOn: [], relapseOn: [], lostOn: [], lostNow: false });
  for (const x of measures) byId.get(x.personId)?.measures.push(x);
  for (const x of tasks) byId.get(x.personId)?.tasks.push({ kind: x.kind, dueDate: x.dueDate, state: x.state, doneOn: x.doneOn } as TaskFact);
  for (const x of records) {
    const f = byId.get(x.personId);
    if (!f) continue;
    if (x.inPerson) f.metOn.push(x.date);
    if (x.visit) f.visitedOn.push(x.date);
    if (x.positive) f.relapseOn.push(x.date);
  }
  for (const x of notices) {
    const f = byId.get(x.personId);
    if (x.reason === 'relapse') f?.relapseOn.push(x.factDate);
    else f?.lostOn.push(x.factDate);
  }
  for (const x of lost) {
    const f = byId.get(x.personId);
    if (f) f.lostNow = true;
  }
  return [...byId.values()];
}

/** Names and units of persons for a drill-down page, unsealed only, in name order. */
export async function personsPage(exec: Executor, ids: string[], limit: number, offset: number) {
  if (!ids.length) return [];
  return exec
    .select({ id: people.id, name: people.name, orgUnitId: people.orgUnitId, orgUnitName: orgUnits.name })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .where(and(inArray(people.id, ids), unsealed))
    .orderBy(asc(people.namePinyin), asc(people.id))
    .limit(limit)
    .offset(offset);
}

// ——— org units

export async function unitById(exec: Executor, id: string) {
  return (
    await exec.select({ id: orgUnits.id, path: orgUnits.path, name: orgUnits.name, level: orgUnits.level, parentId: orgUnits.parentId }).from(orgUnits).where(eq(orgUnits.id, id))
  )[0];
}

export async function childUnits(exec: Executor, parentId: string) {
  return exec
    .select({ id: orgUnits.id, path: orgUnits.path, name: orgUnits.name, level: orgUnits.level })
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, parentId), eq(orgUnits.active, true)))
    .orderBy(asc(orgUnits.name));
}

export async function allUnitIds(exec: Executor): Promise<{ id: string; path: string }[]> {
  return exec.select({ id: orgUnits.id, path: orgUnits.path }).from(orgUnits);
}

export async function unitPaths(exec: Executor, ids: string[]) {
  if (!ids.length) return [];
  return exec.select({ id: orgUnits.id, path: orgUnits.path }).from(orgUnits).where(inArray(orgUnits.id, ids));
}

// ——— rollups

export interface RollupRow {
  orgUnitId: string;
  periodKind: 'week' | 'month' | 'quarter' | 'year';
  periodStart: string;
  indicator: string;
  numerator: number;
  denominator: number;
}

/** Replaces the rollups of these units (idempotent: the same facts give the same rows). */
export async function replaceRollups(exec: Executor, unitIds: string[], rows: RollupRow[], at: Date) {
  if (!unitIds.length) return;
  await exec.delete(governanceRollups).where(inArray(governanceRollups.orgUnitId, unitIds));
  for (let i = 0; i < rows.length; i += 2000) {
    await exec.insert(governanceRollups).values(rows.slice(i, i + 2000).map((x) => ({ ...x, refreshedAt: at })));
  }
}

/** The subtree's sums per indicator for one standard period, from the rollups. */
export async function rollupSums(exec: Executor, path: string, kind: RollupRow['periodKind'], start: string) {
  const rows = await exec
    .select({
      indicator: governanceRollups.indicator,
      numerator: sql<number>`sum(${governanceRollups.numerator})::int`,
      denominator: sql<number>`sum(${governanceRollups.denominator})::int`,
    })
    .from(governanceRollups)
    .innerJoin(orgUnits, eq(orgUnits.id, governanceRollups.orgUnitId))
    .where(and(like(orgUnits.path, `${escapeLike(path)}%`), eq(governanceRollups.periodKind, kind), eq(governanceRollups.periodStart, start)))
    .groupBy(governanceRollups.indicator);
  return rows.map((x) => ({ indicator: x.indicator, numerator: Number(x.numerator), denominator: Number(x.denominator) }));
}

/** Sums per child subtree: the child is the path segment after the parent's (`/root/d/s/` → s under d). */
export async function rollupSumsByChild(exec: Executor, path: string, kind: RollupRow['periodKind'], start: string, indicator: string) {
  const depth = path.split('/').filter(Boolean).length;
  const child = sql<string>`split_part(${orgUnits.path}, '/', ${depth + 2})`;
  const rows = await exec
    .select({ child, numerator: sql<number>`sum(${governanceRollups.numerator})::int`, denominator: sql<number>`sum(${governanceRollups.denominator})::int` })
    .from(governanceRollups)
    .innerJoin(orgUnits, eq(orgUnits.id, governanceRollups.orgUnitId))
    .where(
      and(
        like(orgUnits.path, `${escapeLike(path)}_%`),
        eq(governanceRollups.periodKind, kind),
        eq(governanceRollups.periodStart, start),
        eq(governanceRollups.indicator, indicator),
      ),
    )
    .groupBy(child);
  return rows.filter((x) => x.child).map((x) => ({ childId: x.child, numerator: Number(x.numerator), denominator: Number(x.denominator) }));
}

/** A subtree's monthly series of one indicator from the rollups. */
export async function rollupSeries(exec: Executor, path: string, kind: RollupRow['periodKind'], indicator: string, since: string) {
  const rows = await exec
    .select({
      start: governanceRollups.periodStart,
      numerator: sql<number>`sum(${governanceRollups.numerator})::int`,
      denominator: sql<number>`sum(${governanceRollups.denominator})::int`,
    })
    .from(governanceRollups)
    .innerJoin(orgUnits, eq(orgUnits.id, governanceRollups.orgUnitId))
    .where(
      and(
        like(orgUnits.path, `${escapeLike(path)}%`),
        eq(governanceRollups.periodKind, kind),
        eq(governanceRollups.indicator, indicator),
        gte(governanceRollups.periodStart, since),
      ),
    )
    .groupBy(governanceRollups.periodStart)
    .orderBy(asc(governanceRollups.periodStart));
  return rows.map((x) => ({ start: x.start, numerator: Number(x.numerator), denominator: Number(x.denominator) }));
}

/** Takes every dirty mark visible now (a mark committed later stays for the next run). */
export async function takeDirty(exec: Executor): Promise<string[]> {
  const rows = await exec.delete(governanceDirtyUnits).returning({ orgUnitId: governanceDirtyUnits.orgUnitId });
  return [...new Set(rows.map((x) => x.orgUnitId))];
}

export async function clearDirty(exec: Executor) {
  await exec.delete(governanceDirtyUnits);
}

export async function dirtyCount(exec: Executor): Promise<number> {
  const [x] = await exec.select({ n: sql<number>`count(*)::int` }).from(governanceDirtyUnits);
  return Number(x?.n ?? 0);
}

const STATE_ID = 'rollups';

export async function rollupState(exec: Executor) {
  return (await exec.select().from(governanceRollupState).where(eq(governanceRollupState.id, STATE_ID)))[0];
}

export async function saveRollupState(exec: Executor, s: { builtFor: string; refreshedAt: Date; unitsLastRun: number; msLastRun: number }) {
  await exec
    .insert(governanceRollupState)
    .values({ id: STATE_ID, ...s })
    .onConflictDoUpdate({ target: governanceRollupState.id, set: s });
}

// ——— targets, plans, milestones

export async function targetsFor(exec: Executor, unitIds: string[], year: number) {
  if (!unitIds.length) return [];
  return exec
    .select()
    .from(governanceTargets)
    .where(and(inArray(governanceTargets.orgUnitId, unitIds), eq(governanceTargets.year, year)));
}

export async function upsertTarget(exec: Executor, row: typeof governanceTargets.$inferInsert) {
  await exec
    .insert(governanceTargets)
    .values(row)
    .onConflictDoUpdate({
      target: [governanceTargets.orgUnitId, governanceTargets.year, governanceTargets.indicator],
      set: { baseline: row.baseline, target: row.target, updatedBy: row.updatedBy, updatedAt: row.updatedAt },
    });
}

export async function plansFor(exec: Executor, unitIds: string[]) {
  if (!unitIds.length) return [];
  return exec.select().from(governancePlans).where(inArray(governancePlans.orgUnitId, unitIds));
}

export async function upsertPlan(exec: Executor, row: typeof governancePlans.$inferInsert) {
  await exec
    .insert(governancePlans)
    .values(row)
    .onConflictDoUpdate({ target: governancePlans.orgUnitId, set: { startDate: row.startDate, updatedBy: row.updatedBy, updatedAt: row.updatedAt } });
}

export async function milestonesFor(exec: Executor, unitIds: string[]) {
  if (!unitIds.length) return [];
  return exec
    .select()
    .from(governanceMilestones)
    .where(and(inArray(governanceMilestones.orgUnitId, unitIds), isNotNull(governanceMilestones.goal)));
}

export async function upsertMilestone(exec: Executor, row: typeof governanceMilestones.$inferInsert) {
  await exec
    .insert(governanceMilestones)
    .values(row)
    .onConflictDoUpdate({
      target: [governanceMilestones.orgUnitId, governanceMilestones.indicator, governanceMilestones.month],
      set: { goal: row.goal, updatedBy: row.updatedBy, updatedAt: row.updatedAt },
    });
}
