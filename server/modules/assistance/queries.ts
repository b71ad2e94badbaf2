import { and, asc, desc, eq, ilike, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import { deleteRowsOfPerson } from '../../db/purge';
import { orgUnits } from '../org/schema';
import { assistanceAssessments, assistancePlans, assistanceServices, partners, partnerStaff, placementChecks, planActions, referrals } from './schema';

export type PartnerRow = typeof partners.$inferSelect;
export type AssessmentRow = typeof assistanceAssessments.$inferSelect;
export type PlanRow = typeof assistancePlans.$inferSelect;
export type ActionRow = typeof planActions.$inferSelect;
export type ReferralRow = typeof referrals.$inferSelect;
export type ServiceRow = typeof assistanceServices.$inferSelect;
export type CheckRow = typeof placementChecks.$inferSelect;

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');
const under = (col: SQL | typeof orgUnits.path | typeof referrals.personOrgPath, paths: string[]) => or(...paths.map((p) => like(col, `${escapeLike(p)}%`)));
const district = alias(orgUnits, 'district');

/** Partners kept by units in the given subtrees, with the unit's name and its district's. */
export async function partnersUnder(exec: Executor, paths: string[], f: { q?: string; kind?: string }) {
  if (paths.length === 0) return [];
  const where = [under(orgUnits.path, paths)];
  if (f.kind) where.push(eq(partners.kind, f.kind));
  if (f.q) where.push(ilike(partners.name, `%${escapeLike(f.q)}%`));
  return (
    exec
      .select({ partner: partners, orgPath: orgUnits.path, orgName: orgUnits.name, districtName: district.name })
      .from(partners)
      .innerJoin(orgUnits, eq(orgUnits.id, partners.orgUnitId))
      // The district is the unit at depth 1 on the path ('/<city>/<district>/…').
      .leftJoin(district, and(eq(district.level, 'district'), sql`${orgUnits.path} like ${district.path} || '%'`))
      .where(and(...where, eq(partners.active, true)))
      .orderBy(asc(district.name), asc(partners.name))
      .limit(500)
  );
}

/** Partners kept exactly at the given units (the units above a worker's area). */
export async function partnersAt(exec: Executor, paths: string[], f: { q?: string; kind?: string }) {
  if (paths.length === 0) return [];
  const where = [inArray(orgUnits.path, paths), eq(partners.active, true)];
  if (f.kind) where.push(eq(partners.kind, f.kind));
  if (f.q) where.push(ilike(partners.name, `%${escapeLike(f.q)}%`));
  return exec
    .select({ partner: partners, orgPath: orgUnits.path, orgName: orgUnits.name, districtName: district.name })
    .from(partners)
    .innerJoin(orgUnits, eq(orgUnits.id, partners.orgUnitId))
    .leftJoin(district, and(eq(district.level, 'district'), sql`${orgUnits.path} like ${district.path} || '%'`))
    .where(and(...where))
    .orderBy(asc(partners.name));
}

export async function partnerById(exec: Executor, id: string) {
  const r = await exec.select({ partner: partners, orgPath: orgUnits.path }).from(partners).innerJoin(orgUnits, eq(orgUnits.id, partners.orgUnitId)).where(eq(partners.id, id));
  return r[0];
}

export async function partnerNames(exec: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await exec.select({ id: partners.id, name: partners.name }).from(partners).where(inArray(partners.id, ids));
  return new Map(r.map((x) => [x.id, x.name]));
}

export async function insertPartner(exec: Executor, row: typeof partners.$inferInsert) {
  return (await exec.insert(partners).values(row).returning())[0]!;
}

/** One more place taken, only while one is free (item 6): false when the partner is full. */
export async function takePlace(exec: Executor, id: string): Promise<boolean> {
  const r = await exec
    .update(partners)
    .set({ placesTaken: sql`${partners.placesTaken} + 1` })
    .where(and(eq(partners.id, id), sql`(${partners.capacity} is null or ${partners.placesTaken} < ${partners.capacity})`))
    .returning({ id: partners.id });
  return r.length === 1;
}

export async function addStaff(exec: Executor, partnerId: string, userId: string) {
  await exec.insert(partnerStaff).values({ partnerId, userId }).onConflictDoNothing();
}

export async function partnersOfUser(exec: Executor, userId: string): Promise<string[]> {
  return (await exec.select({ id: partnerStaff.partnerId }).from(partnerStaff).where(eq(partnerStaff.userId, userId))).map((r) => r.id);
}

export async function unitsByIds(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec.select({ id: orgUnits.id, path: orgUnits.path }).from(orgUnits).where(inArray(orgUnits.id, ids));
}

export async function insertAssessment(exec: Executor, row: typeof assistanceAssessments.$inferInsert) {
  return (await exec.insert(assistanceAssessments).values(row).returning())[0]!;
}

export async function assessmentsOf(exec: Executor, personId: string) {
  return exec
    .select()
    .from(assistanceAssessments)
    .where(eq(assistanceAssessments.personId, personId))
    .orderBy(desc(assistanceAssessments.assessedOn), desc(assistanceAssessments.createdAt));
}

/** Issue 13: each person's latest needs assessment (warnings: housing and relief needs). */
export async function latestAssessments(exec: Executor, personIds: string[]) {
  if (personIds.length === 0) return [];
  return exec
    .selectDistinctOn([assistanceAssessments.personId], { id: assistanceAssessments.id, personId: assistanceAssessments.personId, needs: assistanceAssessments.needs })
    .from(assistanceAssessments)
    .where(inArray(assistanceAssessments.personId, personIds))
    .orderBy(assistanceAssessments.personId, desc(assistanceAssessments.assessedOn), desc(assistanceAssessments.createdAt));
}

/** Issue 13: the persons among these with an approved plan. */
export async function withApprovedPlan(exec: Executor, personIds: string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const r = await exec
    .selectDistinct({ personId: assistancePlans.personId })
    .from(assistancePlans)
    .where(and(inArray(assistancePlans.personId, personIds), eq(assistancePlans.status, 'approved')));
  return new Set(r.map((x) => x.personId));
}

export async function latestPlan(exec: Executor, personId: string) {
  const r = await exec.select().from(assistancePlans).where(eq(assistancePlans.personId, personId)).orderBy(desc(assistancePlans.version)).limit(1);
  return r[0];
}

export async function planById(exec: Executor, id: string) {
  return (await exec.select().from(assistancePlans).where(eq(assistancePlans.id, id)))[0];
}

export async function planCount(exec: Executor, personId: string): Promise<number> {
  const r = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(assistancePlans)
    .where(eq(assistancePlans.personId, personId));
  return Number(r[0]?.n ?? 0);
}

export async function insertPlan(exec: Executor, row: typeof assistancePlans.$inferInsert) {
  return (await exec.insert(assistancePlans).values(row).returning())[0]!;
}

export async function approvePlan(exec: Executor, id: string, by: string, at: Date) {
  return (await exec.update(assistancePlans).set({ status: 'approved', approvedBy: by, approvedAt: at }).where(eq(assistancePlans.id, id)).returning())[0]!;
}

export async function insertActions(exec: Executor, rows: (typeof planActions.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return exec.insert(planActions).values(rows).returning();
}

export async function actionsOfPlan(exec: Executor, planId: string) {
  return exec.select().from(planActions).where(eq(planActions.planId, planId)).orderBy(asc(planActions.dueDate), asc(planActions.need));
}

export async function actionById(exec: Executor, id: string) {
  return (await exec.select().from(planActions).where(eq(planActions.id, id)))[0];
}

export async function closeAction(exec: Executor, id: string, on: string) {
  await exec
    .update(planActions)
    .set({ status: 'done', closedOn: on })
    .where(and(eq(planActions.id, id), eq(planActions.status, 'open')));
}

/** The open action of the person's current plan for a need, which a service for it closes. */
export async function openActionFor(exec: Executor, planId: string, need: string) {
  const r = await exec
    .select()
    .from(planActions)
    .where(and(eq(planActions.planId, planId), eq(planActions.need, need), eq(planActions.status, 'open')))
    .orderBy(asc(planActions.dueDate))
    .limit(1);
  return r[0];
}

export async function insertReferral(exec: Executor, row: typeof referrals.$inferInsert) {
  return (await exec.insert(referrals).values(row).onConflictDoNothing().returning())[0];
}

export async function referralById(exec: Executor, id: string) {
  return (await exec.select().from(referrals).where(eq(referrals.id, id)))[0];
}

export async function referralsOf(exec: Executor, personId: string) {
  return exec.select().from(referrals).where(eq(referrals.personId, personId)).orderBy(desc(referrals.sentOn), desc(referrals.createdAt));
}

export async function updateReferral(exec: Executor, id: string, patch: Partial<typeof referrals.$inferInsert>) {
  return (
    await exec
      .update(referrals)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(referrals.id, id))
      .returning()
  )[0]!;
}

/** A partner's inbox: its open referrals, oldest deadline first. */
export async function openReferralsOfPartners(exec: Executor, partnerIds: string[], limit: number) {
  if (partnerIds.length === 0) return [];
  return exec
    .select()
    .from(referrals)
    .where(and(inArray(referrals.partnerId, partnerIds), inArray(referrals.status, ['sent', 'accepted'])))
    .orderBy(asc(referrals.respondBy), asc(referrals.id))
    .limit(limit);
}

/** The workers' list: open referrals of persons in the given subtrees. */
export async function openReferralsUnder(exec: Executor, paths: string[], limit: number) {
  if (paths.length === 0) return [];
  return exec
    .select()
    .from(referrals)
    .where(and(under(referrals.personOrgPath, paths), inArray(referrals.status, ['sent', 'accepted'])))
    .orderBy(asc(referrals.respondBy))
    .limit(limit);
}

export async function insertService(exec: Executor, row: typeof assistanceServices.$inferInsert) {
  return (await exec.insert(assistanceServices).values(row).returning())[0]!;
}

export async function servicesOf(exec: Executor, personId: string) {
  return exec.select().from(assistanceServices).where(eq(assistanceServices.personId, personId)).orderBy(desc(assistanceServices.serviceDate), desc(assistanceServices.createdAt));
}

/** The raw material of K8–K10 in a subtree (item 8). */
export async function indicatorRows(exec: Executor, path: string, to: string) {
  const inPath = like(assistanceServices.personOrgPath, `${escapeLike(path)}%`);
  const placements = await exec
    .select({ personId: assistanceServices.personId, startDate: assistanceServices.startDate, endDate: assistanceServices.endDate })
    .from(assistanceServices)
    .where(and(inPath, eq(assistanceServices.kind, 'job_placement'), sql`${assistanceServices.startDate} <= ${to}`));
  const counselling = await exec
    .select({ personId: assistanceServices.personId, date: assistanceServices.serviceDate })
    .from(assistanceServices)
    .where(and(inPath, eq(assistanceServices.kind, 'counselling'), sql`${assistanceServices.serviceDate} <= ${to}`));
  const repaired = await exec
    .select({ personId: assistanceServices.personId })
    .from(assistanceServices)
    .where(
      and(inPath, eq(assistanceServices.kind, 'family_repair'), sql`(${assistanceServices.details} ->> 'repaired')::boolean`, sql`${assistanceServices.serviceDate} <= ${to}`),
    );
  return { placements, counselling, repaired: repaired.map((r) => r.personId) };
}

/** Person ids as one PostgreSQL array literal (a uuid is hex digits and dashes: nothing to quote). */
const uuidArray = (ids: string[]) => `{${ids.join(',')}}`;

/** Persons whose latest assessment, up to `to`, names a family-repair need (K10's denominator). */
export async function familyNeedIn(exec: Executor, personIds: string[], to: string): Promise<string[]> {
  if (personIds.length === 0) return [];
  const rows = await exec
    .select({ personId: assistanceAssessments.personId, needs: assistanceAssessments.needs })
    .from(assistanceAssessments)
    // One array parameter, not one parameter per person: a city's 27,000 persons under a measure
    // made an IN list of 27,000 parameters (PostgreSQL refuses more than 65,535), and the array is
    // 10–20 % faster at 30k (bench/README.md, "Governance").
    .where(and(sql`${assistanceAssessments.personId} = any(${uuidArray(personIds)}::uuid[])`, sql`${assistanceAssessments.assessedOn} <= ${to}`))
    .orderBy(asc(assistanceAssessments.personId), desc(assistanceAssessments.assessedOn), desc(assistanceAssessments.createdAt));
  const latest = new Map<string, { need: string; level: string }[]>();
  for (const r of rows) if (!latest.has(r.personId)) latest.set(r.personId, r.needs as { need: string; level: string }[]);
  return [...latest].filter(([, needs]) => needs.some((n) => n.need === 'family_repair' && n.level !== 'none')).map(([id]) => id);
}

/**
 * What the assistance tasks of some persons are computed from (item 7): the last assessment, the
 * latest plan's review date, the open plan actions, placements with the checks made, and the
 * referrals still sent. Six statements for any number of persons.
 */
export async function taskFacts(exec: Executor, personIds: string[]) {
  if (personIds.length === 0) return { assessed: [], plans: [], actions: [], placements: [], checks: [], referrals: [] };
  const assessed = await exec
    .select({ personId: assistanceAssessments.personId, last: sql<string>`max(${assistanceAssessments.assessedOn})::text` })
    .from(assistanceAssessments)
    .where(inArray(assistanceAssessments.personId, personIds))
    .groupBy(assistanceAssessments.personId);
  const plans = await exec
    .selectDistinctOn([assistancePlans.personId], { personId: assistancePlans.personId, id: assistancePlans.id, reviewDate: assistancePlans.reviewDate })
    .from(assistancePlans)
    .where(inArray(assistancePlans.personId, personIds))
    .orderBy(assistancePlans.personId, desc(assistancePlans.version));
  const actions = await exec
    .select({ id: planActions.id, personId: planActions.personId, planId: planActions.planId, dueDate: planActions.dueDate })
    .from(planActions)
    .where(and(inArray(planActions.personId, personIds), eq(planActions.status, 'open')));
  const placements = await exec
    .select({ id: assistanceServices.id, personId: assistanceServices.personId, startDate: assistanceServices.startDate, endDate: assistanceServices.endDate })
    .from(assistanceServices)
    .where(and(inArray(assistanceServices.personId, personIds), eq(assistanceServices.kind, 'job_placement')));
  const checks = await checksOfPersons(exec, personIds);
  const sent = await exec
    .select({ id: referrals.id, personId: referrals.personId, status: referrals.status, respondBy: referrals.respondBy })
    .from(referrals)
    .where(and(inArray(referrals.personId, personIds), eq(referrals.status, 'sent')));
  return { assessed, plans, actions, placements, checks, referrals: sent };
}

export async function checksOfPersons(exec: Executor, personIds: string[]) {
  if (personIds.length === 0) return [];
  return exec.select().from(placementChecks).where(inArray(placementChecks.personId, personIds)).orderBy(asc(placementChecks.month));
}

export async function serviceById(exec: Executor, id: string) {
  return (await exec.select().from(assistanceServices).where(eq(assistanceServices.id, id)))[0];
}

/** A check of a placement; null when that month was checked already. */
export async function insertCheck(exec: Executor, row: typeof placementChecks.$inferInsert) {
  return (await exec.insert(placementChecks).values(row).onConflictDoNothing().returning())[0] ?? null;
}

/** The placement ended: its end date, for K8 (employed at the period's end). */
export async function endPlacement(exec: Executor, id: string, endDate: string) {
  await exec
    .update(assistanceServices)
    .set({ endDate, details: sql`jsonb_set(${assistanceServices.details}, '{endDate}', to_jsonb(${endDate}::text))` })
    .where(eq(assistanceServices.id, id));
}

/** One place freed at an employer or base (item 6), never below zero. */
export async function freePlace(exec: Executor, id: string) {
  await exec
    .update(partners)
    .set({ placesTaken: sql`${partners.placesTaken} - 1` })
    .where(and(eq(partners.id, id), sql`${partners.placesTaken} > 0`));
}

export async function plansOf(exec: Executor, personId: string) {
  return exec.select().from(assistancePlans).where(eq(assistancePlans.personId, personId)).orderBy(desc(assistancePlans.version));
}

export async function planByVersion(exec: Executor, personId: string, version: number) {
  return (
    await exec
      .select()
      .from(assistancePlans)
      .where(and(eq(assistancePlans.personId, personId), eq(assistancePlans.version, version)))
  )[0];
}

/** A relief application's decision, recorded later than the application (item 3). */
export async function setServiceOutcome(exec: Executor, id: string, details: unknown, outcome?: string) {
  await exec
    .update(assistanceServices)
    .set({ details, ...(outcome ? { outcome } : {}) })
    .where(eq(assistanceServices.id, id));
}

// ---- transfers (issue 14, C7) ----

/** The open referrals of a person now listed under his new unit (the workers' lists are scoped by `person_org_path`). */
export async function moveOpenReferrals(exec: Executor, personId: string, newPath: string): Promise<number> {
  const r = await exec
    .update(referrals)
    .set({ personOrgPath: newPath, updatedAt: new Date() })
    .where(and(eq(referrals.personId, personId), inArray(referrals.status, ['sent', 'accepted'])))
    .returning({ id: referrals.id });
  return r.length;
}

/** Plans not yet closed and their open actions: they follow the person (they are found through him). */
export async function openPlanCounts(exec: Executor, personId: string): Promise<{ plans: number; actions: number }> {
  const [p] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(assistancePlans)
    .where(and(eq(assistancePlans.personId, personId), inArray(assistancePlans.status, ['draft', 'approved'])));
  const [a] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(planActions)
    .where(and(eq(planActions.personId, personId), eq(planActions.status, 'open')));
  return { plans: Number(p?.n ?? 0), actions: Number(a?.n ?? 0) };
}

/** Open referrals still listed under a path (the test that nothing stayed with the old street). */
export async function openReferralsOfPersonUnder(exec: Executor, personId: string, path: string): Promise<number> {
  const [r] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(referrals)
    .where(and(eq(referrals.personId, personId), inArray(referrals.status, ['sent', 'accepted']), like(referrals.personOrgPath, `${escapeLike(path)}%`)));
  return Number(r?.n ?? 0);
}

/** P4, issue 14: the retention purge of a person: his checks, services, referrals, plans and assessments (rows pointing at others first). */
export const purgePerson = (exec: Executor, personId: string) =>
  deleteRowsOfPerson(exec, [placementChecks, assistanceServices, referrals, planActions, assistancePlans, assistanceAssessments], personId);
