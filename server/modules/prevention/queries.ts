import { and, asc, desc, eq, gte, inArray, like, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import { orgUnits } from '../org/schema';
import { userRef } from '../users/relations';
import { publicityActivities as pa, staffTrainingAttendees as sta, staffTrainings as st, volunteerHours as vh, volunteerTeams as vt, volunteers as vol } from './schema';

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
      n: sql<number>`((select count(*) from ${pa} where ${pa.orgUnitId} = ${unitId}) + (select count(*) from ${vt} where ${vt.orgUnitId} = ${unitId}) + (select count(*) from ${st} where ${st.orgUnitId} = ${unitId}))::int`,
    })
    .from(sql`(select 1) as one`);
  return Number(r?.n ?? 0);
}
