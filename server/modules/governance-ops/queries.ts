import { and, asc, desc, eq, gte, inArray, like, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { orgUnits } from '../org/schema';
import { userRef } from '../users/relations';
import {
  budgetExpenses as be,
  budgetLines as bl,
  budgetPlans as bp,
  jointMeetings as jm,
  meetingActionItems as ai,
  policeBaseYears as pby,
  policeFigures as pf,
  risks as rk,
  stationChecklist as sc,
} from './schema';

export type PoliceFigureRow = typeof pf.$inferSelect;
export type MeetingRow = typeof jm.$inferSelect;
export type ActionItemRow = typeof ai.$inferSelect;
export type RiskRow = typeof rk.$inferSelect;
export type PlanRow = typeof bp.$inferSelect;
export type ExpenseRow = typeof be.$inferSelect;
export type ChecklistRow = typeof sc.$inferSelect;

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');
/** Rows of units under any of the prefixes (one `LIKE` per prefix on the org path index). */
const inSubtrees = (prefixes: string[]): SQL => (prefixes.length ? or(...prefixes.map((p) => like(orgUnits.path, `${escapeLike(p)}%`)))! : sql`false`);

export async function unitById(exec: Executor, id: string) {
  return (
    await exec.select({ id: orgUnits.id, path: orgUnits.path, name: orgUnits.name, active: orgUnits.active, level: orgUnits.level }).from(orgUnits).where(eq(orgUnits.id, id))
  )[0];
}

/** Units of a level under the prefixes (the stations of a district for the 七有 list). */
export async function unitsOfLevel(exec: Executor, prefixes: string[], level: 'street' | 'community') {
  return exec
    .select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path })
    .from(orgUnits)
    .where(and(inSubtrees(prefixes), eq(orgUnits.level, level), eq(orgUnits.active, true)))
    .orderBy(asc(orgUnits.name));
}

export async function recordsOfUnit(exec: Executor, unitId: string): Promise<number> {
  const [r] = await exec
    .select({
      n: sql<number>`((select count(*) from ${pf} where ${pf.orgUnitId} = ${unitId}) + (select count(*) from ${jm} where ${jm.orgUnitId} = ${unitId}) + (select count(*) from ${rk} where ${rk.orgUnitId} = ${unitId}) + (select count(*) from ${bp} where ${bp.orgUnitId} = ${unitId}) + (select count(*) from ${sc} where ${sc.orgUnitId} = ${unitId}))::int`,
    })
    .from(sql`(select 1) as one`);
  return Number(r?.n ?? 0);
}

// ——— police figures

const enteredBy = userRef('entered_by_user');
const decidedBy = userRef('decided_by_user');
function figureBase(exec: Executor) {
  return exec
    .select({ f: pf, orgPath: orgUnits.path, orgUnitName: orgUnits.name, enteredByName: enteredBy.displayName, decidedByName: decidedBy.displayName })
    .from(pf)
    .innerJoin(orgUnits, eq(orgUnits.id, pf.orgUnitId))
    .leftJoin(enteredBy, eq(enteredBy.id, pf.enteredBy))
    .leftJoin(decidedBy, eq(decidedBy.id, pf.decidedBy));
}
export type FigureWithUnit = Awaited<ReturnType<ReturnType<typeof figureBase>['where']>>[number];

export async function figureById(exec: Executor, id: string) {
  return (await figureBase(exec).where(eq(pf.id, id)))[0];
}
export async function figureAt(exec: Executor, orgUnitId: string, year: number, month: number) {
  return (
    await exec
      .select({ id: pf.id })
      .from(pf)
      .where(and(eq(pf.orgUnitId, orgUnitId), eq(pf.year, year), eq(pf.month, month)))
  )[0];
}
export async function listFigures(exec: Executor, f: { prefixes: string[]; year?: number; status?: string }) {
  return figureBase(exec)
    .where(and(inSubtrees(f.prefixes), f.year ? eq(pf.year, f.year) : undefined, f.status ? eq(pf.status, f.status) : undefined))
    .orderBy(asc(orgUnits.name), desc(pf.year), asc(pf.month));
}
export async function insertFigure(exec: Executor, row: typeof pf.$inferInsert) {
  return (await exec.insert(pf).values(row).returning())[0]!;
}
export async function updateFigure(exec: Executor, id: string, set: Partial<typeof pf.$inferInsert>) {
  await exec
    .update(pf)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(pf.id, id));
}
/** The figures of one unit (its own rows) in some years, any status: the K18 rule filters approved ones. */
export async function figuresOfUnit(exec: Executor, orgUnitId: string, years: number[]) {
  return exec
    .select({ year: pf.year, month: pf.month, cases: pf.cases, status: pf.status })
    .from(pf)
    .where(and(eq(pf.orgUnitId, orgUnitId), inArray(pf.year, years)));
}
export async function baseYearOf(exec: Executor, orgUnitId: string) {
  return (await exec.select({ baseYear: pby.baseYear }).from(pby).where(eq(pby.orgUnitId, orgUnitId)))[0]?.baseYear ?? null;
}
export async function setBaseYear(exec: Executor, orgUnitId: string, baseYear: number, userId: string) {
  await exec
    .insert(pby)
    .values({ orgUnitId, baseYear, setBy: userId })
    .onConflictDoUpdate({ target: pby.orgUnitId, set: { baseYear, setBy: userId, setAt: sql`now()` } });
}

// ——— joint meetings

const recorder = userRef('recorder');
export async function insertMeeting(exec: Executor, row: typeof jm.$inferInsert) {
  return (await exec.insert(jm).values(row).returning())[0]!;
}
export async function insertActionItems(exec: Executor, rows: (typeof ai.$inferInsert)[]) {
  if (rows.length) await exec.insert(ai).values(rows);
}
function meetingBase(exec: Executor) {
  return exec
    .select({ m: jm, orgPath: orgUnits.path, orgUnitName: orgUnits.name, recordedByName: recorder.displayName })
    .from(jm)
    .innerJoin(orgUnits, eq(orgUnits.id, jm.orgUnitId))
    .leftJoin(recorder, eq(recorder.id, jm.recordedBy));
}
export type MeetingWithUnit = Awaited<ReturnType<ReturnType<typeof meetingBase>['where']>>[number];
export async function meetingById(exec: Executor, id: string) {
  return (await meetingBase(exec).where(eq(jm.id, id)))[0];
}
export async function listMeetings(exec: Executor, f: { prefixes: string[]; from?: string; to?: string }) {
  return meetingBase(exec)
    .where(and(inSubtrees(f.prefixes), f.from ? gte(jm.heldOn, f.from) : undefined, f.to ? lte(jm.heldOn, f.to) : undefined))
    .orderBy(desc(jm.heldOn))
    .limit(500);
}

const owner = userRef('owner');
function itemBase(exec: Executor) {
  return exec
    .select({ i: ai, meetingTitle: jm.title, orgUnitId: jm.orgUnitId, orgPath: orgUnits.path, orgUnitName: orgUnits.name, ownerName: owner.displayName })
    .from(ai)
    .innerJoin(jm, eq(jm.id, ai.meetingId))
    .innerJoin(orgUnits, eq(orgUnits.id, jm.orgUnitId))
    .leftJoin(owner, eq(owner.id, ai.ownerUserId));
}
export type ItemWithMeeting = Awaited<ReturnType<ReturnType<typeof itemBase>['where']>>[number];
export async function itemsOfMeetings(exec: Executor, meetingIds: string[]) {
  if (!meetingIds.length) return [];
  return itemBase(exec).where(inArray(ai.meetingId, meetingIds)).orderBy(asc(ai.dueOn), asc(ai.title));
}
export async function itemById(exec: Executor, id: string) {
  return (await itemBase(exec).where(eq(ai.id, id)))[0];
}
export async function updateItem(exec: Executor, id: string, set: { status: string; note?: string }) {
  await exec
    .update(ai)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(ai.id, id));
}
/** Open items due before `before` (overdue), or — with an owner — due on or before it. */
export async function openItems(exec: Executor, f: { prefixes?: string[]; ownerUserId?: string; dueBefore?: string; dueOnOrBefore?: string }) {
  return itemBase(exec)
    .where(
      and(
        inArray(ai.status, ['open', 'in_progress']),
        f.prefixes ? inSubtrees(f.prefixes) : undefined,
        f.ownerUserId ? eq(ai.ownerUserId, f.ownerUserId) : undefined,
        f.dueBefore ? sql`${ai.dueOn} < ${f.dueBefore}` : undefined,
        f.dueOnOrBefore ? lte(ai.dueOn, f.dueOnOrBefore) : undefined,
      ),
    )
    .orderBy(asc(ai.dueOn))
    .limit(1000);
}

// ——— risks

const riskOwner = userRef('risk_owner');
function riskBase(exec: Executor) {
  return exec
    .select({ r: rk, orgPath: orgUnits.path, orgUnitName: orgUnits.name, ownerName: riskOwner.displayName })
    .from(rk)
    .innerJoin(orgUnits, eq(orgUnits.id, rk.orgUnitId))
    .leftJoin(riskOwner, eq(riskOwner.id, rk.ownerUserId));
}
export type RiskWithUnit = Awaited<ReturnType<ReturnType<typeof riskBase>['where']>>[number];
export async function insertRisk(exec: Executor, row: typeof rk.$inferInsert) {
  return (await exec.insert(rk).values(row).returning())[0]!;
}
export async function riskById(exec: Executor, id: string) {
  return (await riskBase(exec).where(eq(rk.id, id)))[0];
}
export async function updateRisk(exec: Executor, id: string, set: Partial<typeof rk.$inferInsert>) {
  await exec.update(rk).set(set).where(eq(rk.id, id));
}
export async function listRisks(exec: Executor, f: { prefixes: string[]; ownerUserId?: string; reviewOnOrBefore?: string }) {
  return riskBase(exec)
    .where(
      and(
        inSubtrees(f.prefixes),
        eq(rk.active, true),
        f.ownerUserId ? eq(rk.ownerUserId, f.ownerUserId) : undefined,
        f.reviewOnOrBefore ? lte(rk.reviewOn, f.reviewOnOrBefore) : undefined,
      ),
    )
    .orderBy(desc(sql`${rk.likelihood} * ${rk.impact}`), asc(rk.title))
    .limit(1000);
}
export async function risksOfOwner(exec: Executor, ownerUserId: string, reviewOnOrBefore: string) {
  return riskBase(exec).where(and(eq(rk.active, true), eq(rk.ownerUserId, ownerUserId), lte(rk.reviewOn, reviewOnOrBefore)));
}

// ——— budget

export async function planOf(exec: Executor, orgUnitId: string, year: number) {
  return (
    await exec
      .select()
      .from(bp)
      .where(and(eq(bp.orgUnitId, orgUnitId), eq(bp.year, year)))
  )[0];
}
export async function planById(exec: Executor, id: string) {
  return (await exec.select({ p: bp, orgPath: orgUnits.path, orgUnitName: orgUnits.name }).from(bp).innerJoin(orgUnits, eq(orgUnits.id, bp.orgUnitId)).where(eq(bp.id, id)))[0];
}
/** Locks the plan row so two expenses of one plan are judged against the budget one after the other. */
export async function lockPlan(exec: Executor, id: string) {
  await exec.execute(sql`select id from budget_plans where id = ${id} for update`);
}
export async function upsertPlan(exec: Executor, row: { orgUnitId: string; year: number; totalFen: number; createdBy: string }, lines: { category: string; amountFen: number }[]) {
  const [p] = await exec
    .insert(bp)
    .values(row)
    .onConflictDoUpdate({ target: [bp.orgUnitId, bp.year], set: { totalFen: row.totalFen } })
    .returning();
  await exec.delete(bl).where(eq(bl.planId, p!.id));
  await exec.insert(bl).values(lines.map((l) => ({ planId: p!.id, ...l })));
  return p!;
}
export async function linesOf(exec: Executor, planId: string) {
  return exec.select({ category: bl.category, amountFen: bl.amountFen }).from(bl).where(eq(bl.planId, planId));
}
export async function spentByCategory(exec: Executor, planId: string) {
  const rows = await exec
    .select({ category: be.category, spent: sql<string>`coalesce(sum(${be.amountFen}), 0)` })
    .from(be)
    .where(eq(be.planId, planId))
    .groupBy(be.category);
  return new Map(rows.map((r) => [r.category, Number(r.spent)]));
}
const expRecorder = userRef('exp_recorder');
export async function expensesOf(exec: Executor, planId: string) {
  return exec
    .select({ e: be, recordedByName: expRecorder.displayName })
    .from(be)
    .leftJoin(expRecorder, eq(expRecorder.id, be.recordedBy))
    .where(eq(be.planId, planId))
    .orderBy(desc(be.spentOn), desc(be.createdAt));
}
export async function insertExpense(exec: Executor, row: typeof be.$inferInsert) {
  return (await exec.insert(be).values(row).returning())[0]!;
}

// ——— 七有

export async function checklistOf(exec: Executor, unitIds: string[]) {
  if (!unitIds.length) return [];
  return exec.select().from(sc).where(inArray(sc.orgUnitId, unitIds));
}
export async function upsertChecklistItem(
  exec: Executor,
  row: { orgUnitId: string; item: string; done: boolean; note: string; evidenceDocumentId: string | null; updatedBy: string },
) {
  await exec
    .insert(sc)
    .values(row)
    .onConflictDoUpdate({
      target: [sc.orgUnitId, sc.item],
      set: { done: row.done, note: row.note, evidenceDocumentId: row.evidenceDocumentId, updatedBy: row.updatedBy, updatedAt: sql`now()` },
    });
}
