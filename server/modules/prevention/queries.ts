import { and, asc, desc, eq, gte, inArray, like, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import { orgUnits } from '../org/schema';
import { userRef } from '../users/relations';
import { personRef } from '../persons/relations';
import { measureRef } from '../measures/relations';
import {
  activityPhotos as ph,
  publicityActivities as pa,
  staffGrades as sg,
  staffQualifications as sq,
  staffTrainingAttendees as sta,
  staffTrainings as st,
  surveyLinks as sl,
  surveyResponses as sr,
  surveys as sv,
  tips as tp,
  volunteerHours as vh,
  volunteerRecognitions as vr,
  volunteerTeams as vt,
  volunteers as vol,
} from './schema';

export type ActivityRow = typeof pa.$inferSelect;
export type TeamRow = typeof vt.$inferSelect;
export type VolunteerRow = typeof vol.$inferSelect;
export type TrainingRow = typeof st.$inferSelect;

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');
/** `path LIKE '<prefix>%'`, which org's text_pattern_ops index answers. */
const underPath = (prefix: string) => like(orgUnits.path, `${escapeLike(prefix)}%`);
/** Rows of units under any of the prefixes (a principal's scope, or one unit's subtree). */
const inSubtrees = (prefixes: string[]): SQL => (prefixes.length ? or(...prefixes.map(underPath))! : sql`false`);

export interface Period {
  prefixes: string[];
  from: string;
  to: string;
}

const recorder = userRef('recorder');

// ——— publicity activities

export async function insertActivity(exec: Executor, row: typeof pa.$inferInsert): Promise<ActivityRow> {
  return (await exec.insert(pa).values(row).returning())[0]!;
}

function activityBase(exec: Executor) {
  return exec
    .select({ a: pa, orgPath: orgUnits.path, orgUnitName: orgUnits.name, recordedByName: recorder.displayName })
    .from(pa)
    .innerJoin(orgUnits, eq(orgUnits.id, pa.orgUnitId))
    .leftJoin(recorder, eq(recorder.id, pa.recordedBy));
}
export type ActivityWithUnit = Awaited<ReturnType<ReturnType<typeof activityBase>['where']>>[number];

export async function activityById(exec: Executor, id: string): Promise<ActivityWithUnit | undefined> {
  return (await activityBase(exec).where(eq(pa.id, id)))[0];
}

function activityFilter(f: Period & { audience?: string; kind?: string }): SQL {
  return and(
    inSubtrees(f.prefixes),
    gte(pa.heldOn, f.from),
    lte(pa.heldOn, f.to),
    f.kind ? eq(pa.kind, f.kind) : undefined,
    f.audience ? sql`${f.audience} = any(${pa.audiences})` : undefined,
  )!;
}

export async function listActivities(exec: Executor, f: Period & { audience?: string; kind?: string; limit: number; offset: number }) {
  const where = activityFilter(f);
  const items = await activityBase(exec).where(where).orderBy(desc(pa.heldOn), desc(pa.createdAt)).limit(f.limit).offset(f.offset);
  const [n] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(pa)
    .innerJoin(orgUnits, eq(orgUnits.id, pa.orgUnitId))
    .where(where);
  return { items, total: Number(n?.n ?? 0) };
}

const tally = { activities: sql<number>`count(*)::int`, reach: sql<number>`coalesce(sum(${pa.reach}), 0)::int` };

export async function publicityTotal(exec: Executor, f: Period) {
  const [r] = await exec.select(tally).from(pa).innerJoin(orgUnits, eq(orgUnits.id, pa.orgUnitId)).where(activityFilter(f));
  return { activities: Number(r?.activities ?? 0), reach: Number(r?.reach ?? 0) };
}

/** An activity for several audiences counts once in each (its whole reach: it is not split). */
export async function publicityByAudience(exec: Executor, f: Period) {
  const audience = sql<string>`unnest(${pa.audiences})`;
  const rows = await exec
    .select({ audience: sql<string>`aud`, activities: sql<number>`count(*)::int`, reach: sql<number>`coalesce(sum(reach), 0)::int` })
    .from(
      exec
        .select({ aud: audience.as('aud'), reach: pa.reach })
        .from(pa)
        .innerJoin(orgUnits, eq(orgUnits.id, pa.orgUnitId))
        .where(activityFilter(f))
        .as('x'),
    )
    .groupBy(sql`aud`);
  return rows.map((r) => ({ audience: r.audience, activities: Number(r.activities), reach: Number(r.reach) }));
}

export async function publicityByKind(exec: Executor, f: Period) {
  const rows = await exec
    .select({ kind: pa.kind, ...tally })
    .from(pa)
    .innerJoin(orgUnits, eq(orgUnits.id, pa.orgUnitId))
    .where(activityFilter(f))
    .groupBy(pa.kind);
  return rows.map((r) => ({ kind: r.kind, activities: Number(r.activities), reach: Number(r.reach) }));
}

/** Per direct child of a unit, each with its whole subtree. */
export async function publicityByChild(exec: Executor, parentId: string, from: string, to: string) {
  const child = alias(orgUnits, 'child');
  const rows = await exec
    .select({ orgUnitId: child.id, orgUnitName: child.name, activities: sql<number>`count(${pa.id})::int`, reach: sql<number>`coalesce(sum(${pa.reach}), 0)::int` })
    .from(child)
    .leftJoin(orgUnits, sql`${orgUnits.path} like ${child.path} || '%'`)
    .leftJoin(pa, and(eq(pa.orgUnitId, orgUnits.id), gte(pa.heldOn, from), lte(pa.heldOn, to)))
    .where(eq(child.parentId, parentId))
    .groupBy(child.id, child.name)
    .orderBy(asc(child.name));
  return rows.map((r) => ({ ...r, activities: Number(r.activities), reach: Number(r.reach) }));
}

// ——— org units (paths only: scope checks)

export async function unitById(exec: Executor, id: string) {
  return (await exec.select({ id: orgUnits.id, path: orgUnits.path, name: orgUnits.name, active: orgUnits.active }).from(orgUnits).where(eq(orgUnits.id, id)))[0];
}

// ——— volunteer teams and volunteers

export async function insertTeam(exec: Executor, row: typeof vt.$inferInsert): Promise<TeamRow> {
  return (await exec.insert(vt).values(row).returning())[0]!;
}

const leader = alias(vol, 'leader');
function teamBase(exec: Executor) {
  return exec
    .select({
      t: vt,
      orgPath: orgUnits.path,
      orgUnitName: orgUnits.name,
      leaderName: leader.name,
      members: sql<number>`(select count(*)::int from ${vol} where ${vol.teamId} = ${vt.id})`,
      minutes: sql<number>`(select coalesce(sum(h.minutes), 0)::int from ${vh} h join ${vol} v on v.id = h.volunteer_id where v.team_id = ${vt.id})`,
    })
    .from(vt)
    .innerJoin(orgUnits, eq(orgUnits.id, vt.orgUnitId))
    .leftJoin(leader, eq(leader.id, vt.leaderVolunteerId));
}
export type TeamWithCounts = Awaited<ReturnType<ReturnType<typeof teamBase>['where']>>[number];

export async function teamById(exec: Executor, id: string): Promise<TeamWithCounts | undefined> {
  return (await teamBase(exec).where(eq(vt.id, id)))[0];
}

export function listTeams(exec: Executor, prefixes: string[]): Promise<TeamWithCounts[]> {
  return teamBase(exec).where(inSubtrees(prefixes)).orderBy(asc(orgUnits.path), asc(vt.name));
}

export async function setLeader(exec: Executor, teamId: string, volunteerId: string | null): Promise<void> {
  await exec.update(vt).set({ leaderVolunteerId: volunteerId }).where(eq(vt.id, teamId));
}

export async function insertVolunteer(exec: Executor, row: typeof vol.$inferInsert): Promise<VolunteerRow> {
  return (await exec.insert(vol).values(row).returning())[0]!;
}

function volunteerBase(exec: Executor) {
  return exec
    .select({
      v: vol,
      teamName: vt.name,
      orgUnitId: vt.orgUnitId,
      orgPath: orgUnits.path,
      minutes: sql<number>`(select coalesce(sum(${vh.minutes}), 0)::int from ${vh} where ${vh.volunteerId} = ${vol.id})`,
      recognised: sql<number[]>`coalesce((select array_agg(${vr.year} order by ${vr.year}) from ${vr} where ${vr.volunteerId} = ${vol.id}), '{}')`,
    })
    .from(vol)
    .innerJoin(vt, eq(vt.id, vol.teamId))
    .innerJoin(orgUnits, eq(orgUnits.id, vt.orgUnitId));
}
export type VolunteerWithTeam = Awaited<ReturnType<ReturnType<typeof volunteerBase>['where']>>[number];

export async function volunteerById(exec: Executor, id: string): Promise<VolunteerWithTeam | undefined> {
  return (await volunteerBase(exec).where(eq(vol.id, id)))[0];
}

export async function listVolunteers(exec: Executor, f: { prefixes: string[]; teamId?: string; limit: number; offset: number }) {
  const where = and(inSubtrees(f.prefixes), f.teamId ? eq(vol.teamId, f.teamId) : undefined);
  const items = await volunteerBase(exec).where(where).orderBy(asc(vt.name), asc(vol.name), asc(vol.id)).limit(f.limit).offset(f.offset);
  const [n] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(vol)
    .innerJoin(vt, eq(vt.id, vol.teamId))
    .innerJoin(orgUnits, eq(orgUnits.id, vt.orgUnitId))
    .where(where);
  return { items, total: Number(n?.n ?? 0) };
}

export async function insertHours(exec: Executor, row: typeof vh.$inferInsert) {
  return (await exec.insert(vh).values(row).returning())[0]!;
}

export async function volunteerTotals(exec: Executor, f: Period) {
  const [teams] = await exec
    .select({ teams: sql<number>`count(*)::int`, atTarget: sql<number>`count(*) filter (where (select count(*) from ${vol} where ${vol.teamId} = ${vt.id}) >= 30)::int` })
    .from(vt)
    .innerJoin(orgUnits, eq(orgUnits.id, vt.orgUnitId))
    .where(inSubtrees(f.prefixes));
  const [people] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(vol)
    .innerJoin(vt, eq(vt.id, vol.teamId))
    .innerJoin(orgUnits, eq(orgUnits.id, vt.orgUnitId))
    .where(inSubtrees(f.prefixes));
  const [time] = await exec
    .select({ minutes: sql<number>`coalesce(sum(${vh.minutes}), 0)::int` })
    .from(vh)
    .innerJoin(vol, eq(vol.id, vh.volunteerId))
    .innerJoin(vt, eq(vt.id, vol.teamId))
    .innerJoin(orgUnits, eq(orgUnits.id, vt.orgUnitId))
    .where(and(inSubtrees(f.prefixes), gte(vh.servedOn, f.from), lte(vh.servedOn, f.to)));
  return { teams: Number(teams?.teams ?? 0), teamsAtTarget: Number(teams?.atTarget ?? 0), volunteers: Number(people?.n ?? 0), minutes: Number(time?.minutes ?? 0) };
}

// ——— staff trainings

export async function insertTraining(exec: Executor, row: typeof st.$inferInsert, attendees: { userId: string; result: string }[]): Promise<TrainingRow> {
  const t = (await exec.insert(st).values(row).returning())[0]!;
  await exec.insert(sta).values(attendees.map((a) => ({ trainingId: t.id, userId: a.userId, result: a.result })));
  return t;
}

export async function listTrainings(exec: Executor, f: Period & { limit: number; offset: number }) {
  const where = and(inSubtrees(f.prefixes), gte(st.heldOn, f.from), lte(st.heldOn, f.to));
  const items = await exec
    .select({ t: st, orgPath: orgUnits.path, orgUnitName: orgUnits.name })
    .from(st)
    .innerJoin(orgUnits, eq(orgUnits.id, st.orgUnitId))
    .where(where)
    .orderBy(desc(st.heldOn), desc(st.createdAt))
    .limit(f.limit)
    .offset(f.offset);
  const [n] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(st)
    .innerJoin(orgUnits, eq(orgUnits.id, st.orgUnitId))
    .where(where);
  return { items, total: Number(n?.n ?? 0) };
}

export async function trainingById(exec: Executor, id: string) {
  return (await exec.select({ t: st, orgPath: orgUnits.path, orgUnitName: orgUnits.name }).from(st).innerJoin(orgUnits, eq(orgUnits.id, st.orgUnitId)).where(eq(st.id, id)))[0];
}

export function attendeesOf(exec: Executor, trainingIds: string[]) {
  if (trainingIds.length === 0) return Promise.resolve([]);
  const attendee = userRef('attendee');
  return exec
    .select({ trainingId: sta.trainingId, userId: sta.userId, result: sta.result, displayName: attendee.displayName })
    .from(sta)
    .innerJoin(attendee, eq(attendee.id, sta.userId))
    .where(inArray(sta.trainingId, trainingIds))
    .orderBy(asc(attendee.displayName), asc(sta.userId));
}

export async function trainingTotals(exec: Executor, f: Period) {
  const where = and(inSubtrees(f.prefixes), gte(st.heldOn, f.from), lte(st.heldOn, f.to));
  const [t] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(st)
    .innerJoin(orgUnits, eq(orgUnits.id, st.orgUnitId))
    .where(where);
  const [r] = await exec
    .select({
      passed: sql<number>`count(*) filter (where ${sta.result} = 'passed')::int`,
      examined: sql<number>`count(*) filter (where ${sta.result} <> 'not_examined')::int`,
    })
    .from(sta)
    .innerJoin(st, eq(st.id, sta.trainingId))
    .innerJoin(orgUnits, eq(orgUnits.id, st.orgUnitId))
    .where(where);
  return { trainings: Number(t?.n ?? 0), passed: Number(r?.passed ?? 0), examined: Number(r?.examined ?? 0) };
}

export async function activityExists(exec: Executor, id: string): Promise<{ orgPath: string } | undefined> {
  return (await exec.select({ orgPath: orgUnits.path }).from(pa).innerJoin(orgUnits, eq(orgUnits.id, pa.orgUnitId)).where(eq(pa.id, id)))[0];
}

/** Prevention records that pin a unit (activities, teams, trainings): such a unit cannot be deleted. */
export async function recordsOfUnit(exec: Executor, unitId: string): Promise<number> {
  const [r] = await exec
    .select({
      n: sql<number>`((select count(*) from ${pa} where ${pa.orgUnitId} = ${unitId}) + (select count(*) from ${vt} where ${vt.orgUnitId} = ${unitId}) + (select count(*) from ${st} where ${st.orgUnitId} = ${unitId}) + (select count(*) from ${sl} where ${sl.orgUnitId} = ${unitId}) + (select count(*) from ${sv} where ${sv.orgUnitId} = ${unitId}) + (select count(*) from ${tp} where ${tp.orgUnitId} = ${unitId}))::int`,
    })
    .from(sql`(select 1) as one`);
  return Number(r?.n ?? 0);
}

// ——— resident surveys

export type SurveyRow = typeof sv.$inferSelect;

export async function insertSurvey(exec: Executor, row: typeof sv.$inferInsert): Promise<SurveyRow> {
  return (await exec.insert(sv).values(row).returning())[0]!;
}

export async function insertLink(exec: Executor, row: typeof sl.$inferInsert) {
  return (await exec.insert(sl).values(row).onConflictDoNothing().returning())[0];
}

function surveyBase(exec: Executor) {
  return exec
    .select({ s: sv, orgPath: orgUnits.path, orgUnitName: orgUnits.name, responses: sql<number>`(select count(*)::int from ${sr} where ${sr.surveyId} = ${sv.id})` })
    .from(sv)
    .innerJoin(orgUnits, eq(orgUnits.id, sv.orgUnitId));
}
export type SurveyWithUnit = Awaited<ReturnType<ReturnType<typeof surveyBase>['where']>>[number];

export async function surveyById(exec: Executor, id: string): Promise<SurveyWithUnit | undefined> {
  return (await surveyBase(exec).where(eq(sv.id, id)))[0];
}

export async function listSurveys(exec: Executor, f: { prefixes: string[]; limit: number; offset: number }) {
  const where = inSubtrees(f.prefixes);
  const items = await surveyBase(exec).where(where).orderBy(desc(sv.createdAt), asc(sv.id)).limit(f.limit).offset(f.offset);
  const [n] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(sv)
    .innerJoin(orgUnits, eq(orgUnits.id, sv.orgUnitId))
    .where(where);
  return { items, total: Number(n?.n ?? 0) };
}

export async function setSurveyState(exec: Executor, id: string, state: string): Promise<void> {
  await exec.update(sv).set({ state }).where(eq(sv.id, id));
}

export function linksOf(exec: Executor, surveyIds: string[]) {
  if (surveyIds.length === 0) return Promise.resolve([]);
  return exec
    .select({
      token: sl.token,
      surveyId: sl.surveyId,
      orgUnitId: sl.orgUnitId,
      orgUnitName: orgUnits.name,
      responses: sql<number>`(select count(*)::int from ${sr} where ${sr.surveyId} = ${sl.surveyId} and ${sr.orgUnitId} = ${sl.orgUnitId})`,
    })
    .from(sl)
    .innerJoin(orgUnits, eq(orgUnits.id, sl.orgUnitId))
    .where(inArray(sl.surveyId, surveyIds))
    .orderBy(asc(orgUnits.path));
}

/** A public link with what answering it needs (the survey's questions and state, the link's unit). */
export async function linkByToken(exec: Executor, token: string) {
  return (
    await exec
      .select({ token: sl.token, surveyId: sl.surveyId, orgUnitId: sl.orgUnitId, orgUnitName: orgUnits.name, orgActive: orgUnits.active, survey: sv })
      .from(sl)
      .innerJoin(sv, eq(sv.id, sl.surveyId))
      .innerJoin(orgUnits, eq(orgUnits.id, sl.orgUnitId))
      .where(eq(sl.token, token))
  )[0];
}

export async function insertResponse(exec: Executor, row: typeof sr.$inferInsert): Promise<{ id: string }> {
  return (await exec.insert(sr).values(row).returning({ id: sr.id }))[0]!;
}

const surveyTally = {
  responses: sql<number>`count(*)::int`,
  knowledge: sql<number>`coalesce(sum(${sr.knowledge}), 0)::int`,
  correct: sql<number>`coalesce(sum(${sr.correct}), 0)::int`,
  rated: sql<number>`coalesce(sum(${sr.rated}), 0)::int`,
  satisfied: sql<number>`coalesce(sum(${sr.satisfied}), 0)::int`,
};
export type SurveyTally = { responses: number; knowledge: number; correct: number; rated: number; satisfied: number };
const toTally = (r: Partial<Record<keyof SurveyTally, unknown>> | undefined): SurveyTally => ({
  responses: Number(r?.responses ?? 0),
  knowledge: Number(r?.knowledge ?? 0),
  correct: Number(r?.correct ?? 0),
  rated: Number(r?.rated ?? 0),
  satisfied: Number(r?.satisfied ?? 0),
});

/** A survey's responses grouped by the links' units and by the audience the respondents named. */
export async function surveyTallies(exec: Executor, surveyId: string) {
  const byUnit = await exec
    .select({ orgUnitId: sr.orgUnitId, orgUnitName: orgUnits.name, ...surveyTally })
    .from(sr)
    .innerJoin(orgUnits, eq(orgUnits.id, sr.orgUnitId))
    .where(eq(sr.surveyId, surveyId))
    .groupBy(sr.orgUnitId, orgUnits.name, orgUnits.path)
    .orderBy(asc(orgUnits.path));
  const byAudience = await exec
    .select({ audience: sr.audience, ...surveyTally })
    .from(sr)
    .where(eq(sr.surveyId, surveyId))
    .groupBy(sr.audience)
    .orderBy(asc(sr.audience));
  return {
    byUnit: byUnit.map((r) => ({ orgUnitId: r.orgUnitId, orgUnitName: r.orgUnitName, ...toTally(r) })),
    byAudience: byAudience.map((r) => ({ audience: r.audience, ...toTally(r) })),
  };
}

export async function surveyAnswers(exec: Executor, surveyId: string): Promise<number[][][]> {
  const rows = await exec.select({ answers: sr.answers }).from(sr).where(eq(sr.surveyId, surveyId));
  return rows.map((r) => r.answers as number[][]);
}

/** K14/K15 raw material of a subtree in a period: every survey response answered through a link of a unit in it. */
export async function surveyTotals(exec: Executor, f: Period): Promise<SurveyTally> {
  const [r] = await exec
    .select(surveyTally)
    .from(sr)
    .innerJoin(orgUnits, eq(orgUnits.id, sr.orgUnitId))
    .where(and(inSubtrees(f.prefixes), gte(sr.answeredOn, f.from), lte(sr.answeredOn, f.to)));
  return toTally(r);
}

export async function responsesOfSurvey(exec: Executor, surveyId: string): Promise<number> {
  const [r] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(sr)
    .where(eq(sr.surveyId, surveyId));
  return Number(r?.n ?? 0);
}

// ——— tips

export type TipRow = typeof tp.$inferSelect;

export async function insertTip(exec: Executor, row: typeof tp.$inferInsert): Promise<TipRow> {
  return (await exec.insert(tp).values(row).returning())[0]!;
}

export async function tipByReceipt(exec: Executor, receiptHash: string) {
  return (await exec.select({ status: tp.status, receivedOn: tp.receivedOn }).from(tp).where(eq(tp.receiptHash, receiptHash)))[0];
}

function tipBase(exec: Executor) {
  return exec.select({ t: tp, orgPath: orgUnits.path, orgUnitName: orgUnits.name }).from(tp).innerJoin(orgUnits, eq(orgUnits.id, tp.orgUnitId));
}
export type TipWithUnit = Awaited<ReturnType<ReturnType<typeof tipBase>['where']>>[number];

export async function tipById(exec: Executor, id: string): Promise<TipWithUnit | undefined> {
  return (await tipBase(exec).where(eq(tp.id, id)))[0];
}

export async function listTips(exec: Executor, f: { prefixes: string[]; status?: string; limit: number; offset: number }) {
  const where = and(inSubtrees(f.prefixes), f.status ? eq(tp.status, f.status) : undefined);
  const items = await tipBase(exec).where(where).orderBy(desc(tp.createdAt), asc(tp.id)).limit(f.limit).offset(f.offset);
  const [n] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(tp)
    .innerJoin(orgUnits, eq(orgUnits.id, tp.orgUnitId))
    .where(where);
  return { items, total: Number(n?.n ?? 0) };
}

export async function updateTip(exec: Executor, id: string, set: Partial<Pick<TipRow, 'status' | 'statusNote' | 'rewardYuan' | 'rewardPaidOn'>>): Promise<void> {
  await exec
    .update(tp)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(tp.id, id));
}

/** Units a tip may be addressed to: active, above community level (the police of a street receive them). */
export function tipUnits(exec: Executor) {
  return exec
    .select({ id: orgUnits.id, name: orgUnits.name, level: orgUnits.level, parentId: orgUnits.parentId })
    .from(orgUnits)
    .where(and(eq(orgUnits.active, true), inArray(orgUnits.level, ['city', 'district', 'street'])))
    .orderBy(asc(orgUnits.path));
}

// ——— K12 staffing (through the persons' and measures' published projections)

/**
 * Persons under a running community measure (社区戒毒 / 社区康复, active or suspended) in a
 * subtree, by responsible worker (null: none assigned). Sealed files are not counted, as they
 * are closed cases.
 */
export async function caseloads(exec: Executor, prefix: string): Promise<{ workerId: string | null; persons: number }[]> {
  const p = personRef('p');
  const m = measureRef('m');
  const rows = await exec
    .select({ workerId: p.responsibleWorkerId, persons: sql<number>`count(distinct ${p.id})::int` })
    .from(p)
    .innerJoin(orgUnits, eq(orgUnits.id, p.orgUnitId))
    .innerJoin(m, and(eq(m.personId, p.id), inArray(m.kind, ['community_detox', 'community_rehab']), inArray(m.status, ['active', 'suspended'])))
    .where(and(underPath(prefix), eq(p.sealed, false)))
    .groupBy(p.responsibleWorkerId);
  return rows.map((r) => ({ workerId: r.workerId, persons: Number(r.persons) }));
}

/** A recognition (优秀志愿者) for the year; none when he already has that year's (returns undefined). */
export async function insertRecognition(exec: Executor, row: typeof vr.$inferInsert) {
  return (await exec.insert(vr).values(row).onConflictDoNothing().returning())[0];
}

/** Volunteers of a subtree recognised in the years the period touches. */
export async function recognisedIn(exec: Executor, f: Period): Promise<number> {
  const [r] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(vr)
    .innerJoin(vol, eq(vol.id, vr.volunteerId))
    .innerJoin(vt, eq(vt.id, vol.teamId))
    .innerJoin(orgUnits, eq(orgUnits.id, vt.orgUnitId))
    .where(and(inSubtrees(f.prefixes), gte(vr.recognisedOn, f.from), lte(vr.recognisedOn, f.to)));
  return Number(r?.n ?? 0);
}

// ——— #16 item 3: staff capacity (grades, qualifications, training per person)

export type QualificationRow = typeof sq.$inferSelect;

export async function unitsByIds(exec: Executor, ids: string[]) {
  if (!ids.length) return [];
  return exec.select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path }).from(orgUnits).where(inArray(orgUnits.id, ids));
}

export async function gradesOf(exec: Executor, userIds: string[]): Promise<Map<string, string>> {
  if (!userIds.length) return new Map();
  const rows = await exec.select({ userId: sg.userId, grade: sg.grade }).from(sg).where(inArray(sg.userId, userIds));
  return new Map(rows.map((r) => [r.userId, r.grade]));
}

/** Sets the grade and returns the one it replaced (undefined: none recorded); the row is locked while the old one is read. */
export async function setGrade(exec: Executor, userId: string, grade: string, by: string): Promise<string | undefined> {
  const [old] = await exec.select({ grade: sg.grade }).from(sg).where(eq(sg.userId, userId)).for('update');
  await exec
    .insert(sg)
    .values({ userId, grade, updatedBy: by })
    .onConflictDoUpdate({ target: sg.userId, set: { grade, updatedBy: by, updatedAt: sql`now()` } });
  return old?.grade;
}

export async function qualificationsOf(exec: Executor, userIds: string[]): Promise<QualificationRow[]> {
  if (!userIds.length) return [];
  return exec.select().from(sq).where(inArray(sq.userId, userIds)).orderBy(asc(sq.issuedOn), asc(sq.createdAt));
}

export async function insertQualification(exec: Executor, row: typeof sq.$inferInsert): Promise<QualificationRow> {
  return (await exec.insert(sq).values(row).returning())[0]!;
}

/** Removes one of the user's qualifications; undefined when he has no such one. */
export async function deleteQualification(exec: Executor, userId: string, id: string): Promise<QualificationRow | undefined> {
  return (
    await exec
      .delete(sq)
      .where(and(eq(sq.id, id), eq(sq.userId, userId)))
      .returning()
  )[0];
}

/** Trainings each user attended in the period: how many, their minutes, and his exam results. */
export async function trainingByUser(exec: Executor, userIds: string[], from: string, to: string) {
  if (!userIds.length) return new Map<string, { trainings: number; minutes: number; passed: number; examined: number }>();
  const rows = await exec
    .select({
      userId: sta.userId,
      trainings: sql<number>`count(*)::int`,
      minutes: sql<number>`coalesce(sum(${st.minutes}), 0)::int`,
      passed: sql<number>`count(*) filter (where ${sta.result} = 'passed')::int`,
      examined: sql<number>`count(*) filter (where ${sta.result} <> 'not_examined')::int`,
    })
    .from(sta)
    .innerJoin(st, eq(st.id, sta.trainingId))
    .where(and(inArray(sta.userId, userIds), gte(st.heldOn, from), lte(st.heldOn, to)))
    .groupBy(sta.userId);
  return new Map(rows.map((r) => [r.userId, { trainings: Number(r.trainings), minutes: Number(r.minutes), passed: Number(r.passed), examined: Number(r.examined) }]));
}

// ——— photos of an activity (issue 16 item 1)
export type PhotoRow = typeof ph.$inferSelect;
const photoMeta = {
  id: ph.id,
  activityId: ph.activityId,
  mimeType: ph.mimeType,
  size: ph.size,
  sha256: ph.sha256,
  consent: ph.consent,
  noMeasuredPerson: ph.noMeasuredPerson,
  uploadedBy: ph.uploadedBy,
  createdAt: ph.createdAt,
};
export type PhotoMetaRow = Omit<PhotoRow, 'bytes'>;

export async function insertPhoto(exec: Executor, row: typeof ph.$inferInsert): Promise<PhotoMetaRow> {
  return (await exec.insert(ph).values(row).returning(photoMeta))[0]!;
}

/** The photos of an activity, oldest first, without their bytes. */
export function photosOf(exec: Executor, activityId: string): Promise<PhotoMetaRow[]> {
  return exec.select(photoMeta).from(ph).where(eq(ph.activityId, activityId)).orderBy(asc(ph.createdAt), asc(ph.id));
}

/** Counts an activity's photos, locking the activity's row so two uploads at once cannot pass the limit together. */
export async function lockAndCountPhotos(exec: Executor, activityId: string): Promise<number> {
  await exec.select({ id: pa.id }).from(pa).where(eq(pa.id, activityId)).for('update');
  const [n] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(ph)
    .where(eq(ph.activityId, activityId));
  return Number(n?.n ?? 0);
}

export async function photoById(exec: Executor, id: string, withBytes: true): Promise<PhotoRow | undefined>;
export async function photoById(exec: Executor, id: string, withBytes?: false): Promise<PhotoMetaRow | undefined>;
export async function photoById(exec: Executor, id: string, withBytes = false): Promise<PhotoMetaRow | PhotoRow | undefined> {
  if (withBytes) return (await exec.select().from(ph).where(eq(ph.id, id)))[0];
  return (await exec.select(photoMeta).from(ph).where(eq(ph.id, id)))[0];
}

export async function deletePhoto(exec: Executor, id: string): Promise<PhotoMetaRow | undefined> {
  return (await exec.delete(ph).where(eq(ph.id, id)).returning(photoMeta))[0];
}
