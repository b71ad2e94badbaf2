// SQL of the supervision module. Everything a list filters on has an index in schema.ts.
import { and, asc, desc, eq, getTableColumns, gt, gte, inArray, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias, unionAll } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import { deleteRowsOfPerson } from '../../db/purge';
import type { ExistingRecord } from '../../../core/rules/records';
import { orgUnits } from '../org/schema';
import { openFile, personRef } from '../persons/relations';
import { measureRef } from '../measures/relations';
import { userRef } from '../users/relations';
import {
  absences,
  educationRecords,
  leaveEvents,
  leaveRequests,
  policeNotices,
  supervisionJobRuns,
  supervisionPreferences,
  supervisionInputs,
  supervisionRecords,
  supervisionStatus,
  supervisionSync,
  supervisionTasks,
} from './schema';

export type RecordRow = typeof supervisionRecords.$inferSelect;
export type TaskRow = typeof supervisionTasks.$inferSelect;
export type NewTaskRow = typeof supervisionTasks.$inferInsert;
export type LeaveRow = typeof leaveRequests.$inferSelect;
export type AbsenceRow = typeof absences.$inferSelect;
export type NoticeRow = typeof policeNotices.$inferSelect;
export type EducationRow = typeof educationRecords.$inferSelect;
export type StatusRow = typeof supervisionStatus.$inferSelect;
export type PreferenceRow = typeof supervisionPreferences.$inferSelect;
export type NewStatusRow = typeof supervisionStatus.$inferInsert;
export type NewSyncRow = typeof supervisionSync.$inferInsert;

// Other modules' rows are joined only through what they publish (relations.ts): the person's
// unit, worker, name and seal; the measure's kind and status; an account's display name.
const persons = personRef();
const measures = measureRef();

const COMMUNITY = ['community_detox', 'community_rehab'];
const OPEN = ['awaiting_report', 'active', 'suspended'];
const CHUNK = 1000;
const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');
/** Persons under any of the org paths (subtrees). */
export const underPaths = (paths: string[]): SQL => or(...paths.map((p) => sql`${orgUnits.path} like ${`${escapeLike(p)}%`}`))!;

async function chunked<T>(items: T[], size: number, fn: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size));
}

// ---- the inputs of a recompute, for a batch of persons ----

export async function recordsForRules(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return (
    exec
      .select({
        id: supervisionRecords.id,
        personId: supervisionRecords.personId,
        measureId: supervisionRecords.measureId,
        kind: supervisionRecords.kind,
        date: supervisionRecords.date,
        result: supervisionRecords.result,
        random: supervisionRecords.random,
        retestOfId: supervisionRecords.retestOfId,
        contactMode: supervisionRecords.contactMode,
      })
      .from(supervisionRecords)
      // Issue 9.14: a voided (or corrected) record counts for nothing.
      .where(and(inArray(supervisionRecords.personId, ids), isNull(supervisionRecords.voidedAt)))
  );
}

export async function leavesOf(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec.select().from(leaveRequests).where(inArray(leaveRequests.personId, ids)).orderBy(asc(leaveRequests.fromDate));
}

export async function absencesOf(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec.select().from(absences).where(inArray(absences.personId, ids)).orderBy(asc(absences.fromDate));
}

export async function tasksOfPersons(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec.select().from(supervisionTasks).where(inArray(supervisionTasks.personId, ids));
}

export async function statusOfPersons(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec.select().from(supervisionStatus).where(inArray(supervisionStatus.personId, ids));
}

/** The persons' inputs versions (raised by the triggers of migration 0006), as text; a person never written to has none. */
export async function inputVersions(exec: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await exec.select({ personId: supervisionInputs.personId, version: supervisionInputs.version }).from(supervisionInputs).where(inArray(supervisionInputs.personId, ids));
  return new Map(r.map((x) => [x.personId, String(x.version)]));
}

export async function syncOfPersons(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec.select().from(supervisionSync).where(inArray(supervisionSync.personId, ids));
}

// ---- writes of a recompute ----

export async function upsertSync(exec: Executor, rows: NewSyncRow[]) {
  await chunked(rows, CHUNK, (chunk) =>
    exec
      .insert(supervisionSync)
      .values(chunk)
      .onConflictDoUpdate({
        target: supervisionSync.personId,
        set: {
          orgUnitId: sql`excluded.org_unit_id`,
          tasksHash: sql`excluded.tasks_hash`,
          reviewOn: sql`excluded.review_on`,
          inputsKey: sql`excluded.inputs_key`,
          reviewAfter: sql`excluded.review_after`,
          updatedAt: sql`excluded.updated_at`,
        },
      }),
  );
}

/** A policy change too wide to recompute at once: the persons under it are reviewed by the next daily run. */
export async function reviewUnder(exec: Executor, path: string | null, today: string) {
  const under = exec
    .select({ id: persons.id })
    .from(persons)
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .where(path === null ? undefined : underPaths([path]));
  await exec.update(supervisionSync).set({ reviewOn: today }).where(inArray(supervisionSync.personId, under));
}

/**
 * Upserts task rows by measure and key. The rows travel as one JSON parameter per 5,000
 * (json_to_recordset), not as a dozen parameters per row: building and binding those costs
 * more than the insert itself. Same SQL on PGlite and PostgreSQL.
 */
export async function upsertTasks(exec: Executor, rows: NewTaskRow[]) {
  await chunked(rows, 5000, async (chunk) => {
    const json = JSON.stringify(
      chunk.map((r) => ({
        measure_id: r.measureId,
        key: r.key,
        person_id: r.personId,
        kind: r.kind,
        due_date: r.dueDate,
        window_start: r.windowStart,
        window_end: r.windowEnd,
        state: r.state,
        record_id: r.recordId ?? null,
        policy_version: r.policyVersion,
        open: r.open,
        updated_at: (r.updatedAt instanceof Date ? r.updatedAt : new Date()).toISOString(),
      })),
    );
    await exec.execute(sql`
      insert into supervision_tasks (measure_id, key, person_id, kind, due_date, window_start, window_end, state, record_id, policy_version, open, updated_at)
      select measure_id, key, person_id, kind, due_date, window_start, window_end, state, record_id, policy_version, open, updated_at
      from json_to_recordset(${json}::json) as x(
        measure_id uuid, key text, person_id uuid, kind text, due_date date, window_start date, window_end date, state text,
        record_id uuid, policy_version text, open boolean, updated_at timestamptz)
      on conflict (measure_id, key) do update set
        person_id = excluded.person_id, kind = excluded.kind, due_date = excluded.due_date, window_start = excluded.window_start,
        window_end = excluded.window_end, state = excluded.state, record_id = excluded.record_id, policy_version = excluded.policy_version,
        open = excluded.open, updated_at = excluded.updated_at`);
  });
}

export async function deleteTasks(exec: Executor, keys: { measureId: string; key: string }[]) {
  const byMeasure = new Map<string, string[]>();
  for (const k of keys) byMeasure.set(k.measureId, [...(byMeasure.get(k.measureId) ?? []), k.key]);
  for (const [measureId, list] of byMeasure) {
    await chunked(list, CHUNK, (chunk) => exec.delete(supervisionTasks).where(and(eq(supervisionTasks.measureId, measureId), inArray(supervisionTasks.key, chunk))));
  }
}

export async function upsertStatus(exec: Executor, rows: (typeof supervisionStatus.$inferInsert)[]) {
  await chunked(rows, CHUNK, (chunk) =>
    exec
      .insert(supervisionStatus)
      .values(chunk)
      .onConflictDoUpdate({
        target: supervisionStatus.personId,
        set: Object.fromEntries(
          [
            'measure_id',
            'level',
            'reasons',
            'refusals',
            'evasions',
            'unauthorised_departures',
            'absence_days',
            'until_tests',
            'until_departures',
            'until_absence_days',
            'lost_contact',
            'last_in_person_contact',
            'last_reachable',
            'policy_version',
            'assessed_on',
            'updated_at',
          ].map((c) => [camel(c), sql.raw(`excluded.${c}`)]),
        ),
      }),
  );
}
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export async function deleteStatus(exec: Executor, personIds: string[]) {
  if (personIds.length) await exec.delete(supervisionStatus).where(inArray(supervisionStatus.personId, personIds));
}

/** New notices only: one per person, reason and fact (the unique index decides). */
export async function insertNotices(exec: Executor, rows: (typeof policeNotices.$inferInsert)[]): Promise<NoticeRow[]> {
  const out: NoticeRow[] = [];
  await chunked(rows, 500, async (chunk) => {
    out.push(...(await exec.insert(policeNotices).values(chunk).onConflictDoNothing().returning()));
  });
  return out;
}

/** Issue 9.13: the standing (not withdrawn) notices and education of the persons, to judge against the facts. */
export async function standingNotices(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec
    .select()
    .from(policeNotices)
    .where(and(inArray(policeNotices.personId, ids), isNull(policeNotices.withdrawnAt)));
}

export async function standingEducation(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec
    .select()
    .from(educationRecords)
    .where(and(inArray(educationRecords.personId, ids), isNull(educationRecords.withdrawnAt)));
}

export async function withdrawNotices(exec: Executor, ids: string[], patch: { withdrawnAt: Date; withdrawnBy: string | null; withdrawalReason: string }) {
  if (ids.length === 0) return [];
  return exec
    .update(policeNotices)
    .set(patch)
    .where(and(inArray(policeNotices.id, ids), isNull(policeNotices.withdrawnAt)))
    .returning();
}

export async function withdrawEducation(exec: Executor, ids: string[], patch: { withdrawnAt: Date; withdrawalReason: string }) {
  if (ids.length === 0) return [];
  return exec
    .update(educationRecords)
    .set(patch)
    .where(and(inArray(educationRecords.id, ids), isNull(educationRecords.withdrawnAt)))
    .returning();
}

export async function insertEducation(exec: Executor, rows: (typeof educationRecords.$inferInsert)[]): Promise<EducationRow[]> {
  const out: EducationRow[] = [];
  await chunked(rows, 500, async (chunk) => {
    out.push(...(await exec.insert(educationRecords).values(chunk).onConflictDoNothing().returning()));
  });
  return out;
}

/**
 * Persons with a community measure not finished, in id order after `after` (keyset pages);
 * with `reviewBy`, only those the calendar changes something for by that day, those never
 * computed, and those who moved to another unit since (its district may have another policy).
 */
export async function personsToRecompute(exec: Executor, after: string | null, limit: number, reviewBy?: string, now?: Date): Promise<string[]> {
  // Issue 9.16: a person due today because of a write waits for the write's grace (`review_after`).
  const due = reviewBy ? and(lte(supervisionSync.reviewOn, reviewBy), now ? or(isNull(supervisionSync.reviewAfter), lte(supervisionSync.reviewAfter, now)) : undefined) : undefined;
  const r = await exec
    .selectDistinct({ personId: measures.personId })
    .from(measures)
    .leftJoin(supervisionSync, eq(supervisionSync.personId, measures.personId))
    .leftJoin(persons, eq(persons.id, measures.personId))
    .where(
      and(
        inArray(measures.kind, COMMUNITY),
        inArray(measures.status, OPEN),
        after ? gt(measures.personId, after) : undefined,
        reviewBy ? or(isNull(supervisionSync.personId), due, ne(supervisionSync.orgUnitId, persons.orgUnitId)) : undefined,
      ),
    )
    .orderBy(asc(measures.personId))
    .limit(limit);
  return r.map((x) => x.personId);
}

export interface RecomputeCandidate {
  personId: string;
  orgUnitId: string;
  orgPath: string;
  version: string;
  inputsKey: string | null;
  reviewOn: string | null;
}

/**
 * One keyset page of the full recompute (the persons of `personsToRecompute` without `reviewBy`)
 * with what tells whether the stored outcome still holds: his unit and its path (the policy),
 * his inputs version and the key and review day stored with his outcome. One index range of
 * measures, then lookups by primary key: no record is read.
 */
export async function recomputeCandidates(exec: Executor, after: string | null, limit: number): Promise<RecomputeCandidate[]> {
  const page = exec
    .selectDistinct({ personId: measures.personId })
    .from(measures)
    .where(and(inArray(measures.kind, COMMUNITY), inArray(measures.status, OPEN), after ? gt(measures.personId, after) : undefined))
    .orderBy(asc(measures.personId))
    .limit(limit)
    .as('page');
  const r = await exec
    .select({
      personId: page.personId,
      orgUnitId: persons.orgUnitId,
      orgPath: orgUnits.path,
      version: supervisionInputs.version,
      inputsKey: supervisionSync.inputsKey,
      reviewOn: supervisionSync.reviewOn,
    })
    .from(page)
    .innerJoin(persons, eq(persons.id, page.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .leftJoin(supervisionSync, eq(supervisionSync.personId, page.personId))
    .leftJoin(supervisionInputs, eq(supervisionInputs.personId, page.personId))
    .orderBy(asc(page.personId));
  return r.map((x) => ({ ...x, version: x.version === null ? '0' : String(x.version) }));
}

export async function personsUnder(exec: Executor, path: string | null, limit: number): Promise<string[]> {
  const r = await exec
    .selectDistinct({ personId: measures.personId })
    .from(measures)
    .innerJoin(persons, eq(persons.id, measures.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .where(and(inArray(measures.kind, COMMUNITY), inArray(measures.status, OPEN), path ? underPaths([path]) : undefined))
    .limit(limit);
  return r.map((x) => x.personId);
}

// ---- records ----

const recorder = userRef('recorder');

export async function insertRecord(exec: Executor, row: typeof supervisionRecords.$inferInsert): Promise<RecordRow> {
  const r = await exec.insert(supervisionRecords).values(row).returning();
  return r[0]!;
}

/** Issue 9.14: the record is voided (by a correction: superseded by its replacement), once. */
export async function voidRecord(
  exec: Executor,
  id: string,
  patch: { voidedAt: Date; voidedBy: string; voidReason: string; supersededBy?: string | null },
): Promise<RecordRow | undefined> {
  const r = await exec
    .update(supervisionRecords)
    .set(patch)
    .where(and(eq(supervisionRecords.id, id), isNull(supervisionRecords.voidedAt)))
    .returning();
  return r[0];
}

/** A person's records written after `since` (server time): what an offline record may clash with (issue 17 §3). */
export async function recordsWrittenSince(exec: Executor, personId: string, since: Date): Promise<ExistingRecord[]> {
  const r = await exec
    .select({
      id: supervisionRecords.id,
      kind: supervisionRecords.kind,
      date: supervisionRecords.date,
      recordedBy: supervisionRecords.recordedBy,
      recordedAt: supervisionRecords.recordedAt,
      voidedAt: supervisionRecords.voidedAt,
    })
    .from(supervisionRecords)
    .where(and(eq(supervisionRecords.personId, personId), gt(supervisionRecords.recordedAt, since)));
  return r.map(({ voidedAt, ...x }) => ({ ...x, voided: voidedAt !== null }));
}

/** The record a user made under a client key (issue 17: a replayed offline record). */
export async function recordByClientKey(exec: Executor, recordedBy: string, clientKey: string): Promise<RecordRow | undefined> {
  const r = await exec
    .select()
    .from(supervisionRecords)
    .where(and(eq(supervisionRecords.recordedBy, recordedBy), eq(supervisionRecords.clientKey, clientKey)));
  return r[0];
}

/** The stored tasks a record of the person resolved (found through the person's index). */
export async function tasksOfRecord(exec: Executor, personId: string, recordId: string) {
  return exec
    .select()
    .from(supervisionTasks)
    .where(and(eq(supervisionTasks.personId, personId), eq(supervisionTasks.recordId, recordId)));
}

export async function recordById(exec: Executor, id: string) {
  const r = await exec.select().from(supervisionRecords).where(eq(supervisionRecords.id, id));
  return r[0];
}

/** Records with the name of who recorded them, as every record view shows it. */
const recordsWithRecorder = (exec: Executor) =>
  exec.select({ r: supervisionRecords, recordedByName: recorder.displayName }).from(supervisionRecords).leftJoin(recorder, eq(recorder.id, supervisionRecords.recordedBy));

export async function recordOfPerson(exec: Executor, personId: string, recordId: string) {
  const r = await recordsWithRecorder(exec).where(and(eq(supervisionRecords.personId, personId), eq(supervisionRecords.id, recordId)));
  return r[0];
}

export async function recordsOfPerson(exec: Executor, personId: string, f: { kind?: string; from?: string; to?: string; limit: number; offset: number }) {
  const where = and(
    eq(supervisionRecords.personId, personId),
    f.kind ? eq(supervisionRecords.kind, f.kind as 'visit') : undefined,
    f.from ? gte(supervisionRecords.date, f.from) : undefined,
    f.to ? lte(supervisionRecords.date, f.to) : undefined,
  );
  const items = await recordsWithRecorder(exec).where(where).orderBy(desc(supervisionRecords.date), desc(supervisionRecords.recordedAt)).limit(f.limit).offset(f.offset);
  const [c] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(supervisionRecords)
    .where(where);
  return { items, total: Number(c?.n ?? 0) };
}

export async function recordsWithNames(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec
    .select({ r: supervisionRecords, recordedByName: recorder.displayName })
    .from(supervisionRecords)
    .leftJoin(recorder, eq(recorder.id, supervisionRecords.recordedBy))
    .where(inArray(supervisionRecords.id, ids));
}

// ---- tasks ----

export async function tasksOfPerson(exec: Executor, personId: string) {
  return exec.select().from(supervisionTasks).where(eq(supervisionTasks.personId, personId)).orderBy(asc(supervisionTasks.dueDate), asc(supervisionTasks.key));
}

/** Who the task lists are about: my caseload, or a unit's subtree, within my scope. */
export interface Audience {
  scope: string[];
  workerId?: string;
  under?: string;
}

function audienceWhere(a: Audience): SQL | undefined {
  return and(openFile(persons), underPaths(a.scope), a.workerId ? eq(persons.responsibleWorkerId, a.workerId) : undefined, a.under ? underPaths([a.under]) : undefined);
}

const worker = userRef('worker');
const taskColumns = {
  t: supervisionTasks,
  personName: persons.name,
  orgUnitId: persons.orgUnitId,
  orgUnitName: orgUnits.name,
  workerId: persons.responsibleWorkerId,
};

/** Tasks of the audience's persons are found through their current unit; only those of measures in force (`open`). */
const openTasks = () => and(eq(supervisionTasks.personId, persons.id), eq(supervisionTasks.open, true));

/**
 * The worker's day: due tasks, overdue ones whose window ended since `overdueSince`, and anything
 * due today; with the totals over all of them. Per person, the two arms are two index ranges
 * (issue 11.3): the due and overdue tasks from `supervision_tasks_todo_open_idx` (a few per
 * person), the rest due today from `(person_id, due_date)`. As one OR over the table the planner
 * read every task of every person of the street (about 125 each) and filtered them.
 */
export function todayTasksQuery(exec: Executor, a: Audience, today: string, overdueSince: string, limit: number) {
  const st = alias(supervisionTasks, 'st');
  // Literals, not parameters: the partial index's predicate must be visible in the plan a
  // prepared statement keeps.
  const todo = exec
    .select()
    .from(st)
    .where(and(eq(st.personId, persons.id), sql`${st.open} and ${st.state} in ('due', 'overdue')`, or(sql`${st.state} = 'due'`, gte(st.windowEnd, overdueSince))));
  const restOfToday = exec
    .select()
    .from(st)
    .where(and(eq(st.personId, persons.id), sql`${st.open} and ${st.state} not in ('due', 'overdue')`, eq(st.dueDate, today)));
  const tk = unionAll(todo, restOfToday).as('tk');
  const keys = Object.keys(getTableColumns(supervisionTasks)) as (keyof typeof supervisionTasks.$inferSelect)[];
  const t = Object.fromEntries(keys.map((k) => [k, tk[k]])) as { [K in (typeof keys)[number]]: (typeof tk)[K] };
  const over = (cond: SQL) => sql<number>`(count(*) filter (where ${cond}) over ())::int`;
  return (
    exec
      .select({
        t,
        personName: persons.name,
        orgUnitId: persons.orgUnitId,
        orgUnitName: orgUnits.name,
        workerId: persons.responsibleWorkerId,
        total: sql<number>`(count(*) over ())::int`,
        due: over(sql`${tk.state} = 'due'`),
        overdue: over(sql`${tk.state} = 'overdue'`),
        dueToday: over(sql`${tk.dueDate} = ${today}`),
        doneToday: over(sql`${tk.dueDate} = ${today} and ${tk.state} = 'done'`),
      })
      .from(persons)
      .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
      .innerJoinLateral(tk, sql`true`)
      .where(audienceWhere(a))
      // `+ 0`: an expression no index provides, so the planner finds the audience's few tasks per
      // person and sorts them, rather than walking every task in due-date order to fill the limit.
      .orderBy(sql`${tk.dueDate} + 0`, asc(persons.namePinyin), asc(tk.key))
      .limit(limit)
  );
}
export const todayTasks = (exec: Executor, a: Audience, today: string, overdueSince: string, limit: number) => todayTasksQuery(exec, a, today, overdueSince, limit);

/**
 * The audience's overdue tasks whose window ended before `overdueSince`: history that 今日待办 does
 * not list but folds into one line (issue 17 §5). The same partial index as the list's due arm.
 */
export async function olderOverdue(exec: Executor, a: Audience, overdueSince: string): Promise<{ tasks: number; persons: number }> {
  const r = await exec
    .select({ tasks: sql<number>`count(*)::int`, persons: sql<number>`count(distinct ${persons.id})::int` })
    .from(persons)
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .innerJoin(supervisionTasks, and(eq(supervisionTasks.personId, persons.id), sql`${supervisionTasks.open} and ${supervisionTasks.state} in ('due', 'overdue')`))
    .where(and(audienceWhere(a), eq(supervisionTasks.state, 'overdue'), lt(supervisionTasks.windowEnd, overdueSince)));
  return { tasks: Number(r[0]?.tasks ?? 0), persons: Number(r[0]?.persons ?? 0) };
}

/** How many persons the audience holds (the caseload). */
export async function audienceSize(exec: Executor, a: Audience): Promise<number> {
  const r = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(persons)
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .where(audienceWhere(a));
  return Number(r[0]?.n ?? 0);
}

export function calendarTasksQuery(exec: Executor, a: Audience, from: string, to: string, limit: number) {
  return exec
    .select(taskColumns)
    .from(persons)
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .innerJoin(supervisionTasks, openTasks())
    .where(and(audienceWhere(a), gte(supervisionTasks.dueDate, from), lte(supervisionTasks.dueDate, to)))
    .orderBy(asc(supervisionTasks.dueDate), asc(persons.namePinyin), asc(supervisionTasks.key))
    .limit(limit);
}
export const calendarTasks = (exec: Executor, a: Audience, from: string, to: string, limit: number) => calendarTasksQuery(exec, a, from, to, limit);

/** Tasks falling due in a period, counted by state, per responsible worker and per current unit. */
export async function taskCounts(exec: Executor, a: Audience, from: string, to: string) {
  const stateCount = (s: string) => sql<number>`count(*) filter (where ${supervisionTasks.state} = ${s})::int`;
  return exec
    .select({
      workerId: persons.responsibleWorkerId,
      workerName: worker.displayName,
      orgUnitId: persons.orgUnitId,
      orgUnitName: orgUnits.name,
      total: sql<number>`count(*)::int`,
      done: stateCount('done'),
      due: stateCount('due'),
      overdue: stateCount('overdue'),
      excused: stateCount('excused'),
      upcoming: stateCount('upcoming'),
    })
    .from(persons)
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .innerJoin(supervisionTasks, eq(supervisionTasks.personId, persons.id))
    .leftJoin(worker, eq(worker.id, persons.responsibleWorkerId))
    .where(and(audienceWhere(a), gte(supervisionTasks.dueDate, from), lte(supervisionTasks.dueDate, to)))
    .groupBy(persons.responsibleWorkerId, worker.displayName, persons.orgUnitId, orgUnits.name);
}

/** Tasks due on a day, of running measures, with the responsible worker (reminders). */
export async function tasksDueOn(exec: Executor, date: string) {
  return exec
    .select({ t: supervisionTasks, workerId: persons.responsibleWorkerId, orgPath: orgUnits.path, sealed: persons.sealed })
    .from(supervisionTasks)
    .innerJoin(measures, eq(measures.id, supervisionTasks.measureId))
    .innerJoin(persons, eq(persons.id, supervisionTasks.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .where(and(eq(supervisionTasks.dueDate, date), eq(measures.status, 'active'), inArray(supervisionTasks.state, ['due', 'upcoming'])));
}

// ---- the worker's day: leaves, notices, warnings ----

export async function leavesEndingOnOrBefore(exec: Executor, a: Audience, today: string) {
  return exec
    .select({ l: leaveRequests, personName: persons.name })
    .from(leaveRequests)
    .innerJoin(persons, eq(persons.id, leaveRequests.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .where(and(audienceWhere(a), eq(leaveRequests.status, 'approved'), lte(leaveRequests.toDate, today)))
    .orderBy(asc(leaveRequests.toDate))
    .limit(500);
}

export async function pendingLeaves(exec: Executor, a: Audience) {
  return exec
    .select({ l: leaveRequests, personName: persons.name })
    .from(leaveRequests)
    .innerJoin(persons, eq(persons.id, leaveRequests.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .where(and(audienceWhere(a), or(eq(leaveRequests.status, 'pending'), sql`${leaveRequests.pendingToDate} is not null`)))
    .orderBy(asc(leaveRequests.fromDate))
    .limit(500);
}

export async function openNotices(exec: Executor, a: Audience) {
  return noticeBase(exec)
    .where(and(audienceWhere(a), isNull(policeNotices.acknowledgedAt), isNull(policeNotices.withdrawnAt)))
    .orderBy(asc(policeNotices.createdAt))
    .limit(500);
}

export async function warnings(exec: Executor, a: Audience) {
  return exec
    .select({ s: supervisionStatus, personName: persons.name, orgPath: orgUnits.path })
    .from(supervisionStatus)
    .innerJoin(persons, eq(persons.id, supervisionStatus.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .innerJoin(measures, eq(measures.id, supervisionStatus.measureId))
    .where(
      and(
        audienceWhere(a),
        inArray(measures.status, ['active', 'suspended']),
        or(eq(supervisionStatus.level, 'serious_breach'), eq(supervisionStatus.untilTests, 1), eq(supervisionStatus.untilDepartures, 1), eq(supervisionStatus.lostContact, true)),
      ),
    )
    .orderBy(asc(persons.namePinyin))
    .limit(500);
}

// ---- leaves ----

export async function insertLeave(exec: Executor, row: typeof leaveRequests.$inferInsert): Promise<LeaveRow> {
  const r = await exec.insert(leaveRequests).values(row).returning();
  return r[0]!;
}

export async function updateLeave(exec: Executor, id: string, patch: Partial<typeof leaveRequests.$inferInsert>): Promise<LeaveRow> {
  const r = await exec.update(leaveRequests).set(patch).where(eq(leaveRequests.id, id)).returning();
  return r[0]!;
}

export async function leaveById(exec: Executor, id: string) {
  const r = await exec.select().from(leaveRequests).where(eq(leaveRequests.id, id));
  return r[0];
}

export async function leavesOfPerson(exec: Executor, personId: string) {
  return exec.select().from(leaveRequests).where(eq(leaveRequests.personId, personId)).orderBy(desc(leaveRequests.fromDate));
}

/** Leaves of the person still standing (pending or approved, not the one being changed). */
export async function liveLeaves(exec: Executor, personId: string, exceptId?: string) {
  return exec
    .select()
    .from(leaveRequests)
    .where(and(eq(leaveRequests.personId, personId), inArray(leaveRequests.status, ['pending', 'approved', 'returned']), exceptId ? ne(leaveRequests.id, exceptId) : undefined));
}

export async function insertLeaveEvent(exec: Executor, row: typeof leaveEvents.$inferInsert) {
  await exec.insert(leaveEvents).values(row);
}

const actor = userRef('actor');
export async function leaveEventsOf(exec: Executor, leaveIds: string[]) {
  if (leaveIds.length === 0) return [];
  return exec
    .select({ e: leaveEvents, actorName: actor.displayName })
    .from(leaveEvents)
    .leftJoin(actor, eq(actor.id, leaveEvents.actorId))
    .where(inArray(leaveEvents.leaveId, leaveIds))
    .orderBy(asc(leaveEvents.seq));
}

export async function leaveEventsOfPerson(exec: Executor, personId: string) {
  return exec.select().from(leaveEvents).where(eq(leaveEvents.personId, personId)).orderBy(asc(leaveEvents.seq));
}

// ---- absences ----

export async function insertAbsence(exec: Executor, row: typeof absences.$inferInsert): Promise<AbsenceRow> {
  const r = await exec.insert(absences).values(row).returning();
  return r[0]!;
}

export async function absenceById(exec: Executor, id: string) {
  const r = await exec.select().from(absences).where(eq(absences.id, id));
  return r[0];
}

export async function updateAbsence(exec: Executor, id: string, patch: Partial<typeof absences.$inferInsert>): Promise<AbsenceRow> {
  const r = await exec.update(absences).set(patch).where(eq(absences.id, id)).returning();
  return r[0]!;
}

// ---- notices and education ----

const deliverer = userRef('deliverer');
const acknowledger = userRef('acknowledger');
const noticeColumns = {
  n: policeNotices,
  personName: persons.name,
  orgUnitName: orgUnits.name,
  orgPath: orgUnits.path,
  deliveredByName: deliverer.displayName,
  acknowledgedByName: acknowledger.displayName,
};

function noticeBase(exec: Executor) {
  return exec
    .select(noticeColumns)
    .from(policeNotices)
    .innerJoin(persons, eq(persons.id, policeNotices.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .leftJoin(deliverer, eq(deliverer.id, policeNotices.deliveredBy))
    .leftJoin(acknowledger, eq(acknowledger.id, policeNotices.acknowledgedBy));
}

export async function noticeById(exec: Executor, id: string) {
  const r = await noticeBase(exec).where(eq(policeNotices.id, id));
  return r[0];
}

export async function notices(exec: Executor, f: { scope: string[]; state: 'open' | 'acknowledged' | 'withdrawn' | 'all'; personId?: string; limit: number; offset: number }) {
  const byState = {
    open: and(isNull(policeNotices.acknowledgedAt), isNull(policeNotices.withdrawnAt)),
    acknowledged: sql`${policeNotices.acknowledgedAt} is not null`,
    withdrawn: sql`${policeNotices.withdrawnAt} is not null`,
    all: undefined,
  };
  const where = and(openFile(persons), underPaths(f.scope), f.personId ? eq(policeNotices.personId, f.personId) : undefined, byState[f.state]);
  const items = await noticeBase(exec).where(where).orderBy(desc(policeNotices.createdAt), asc(policeNotices.id)).limit(f.limit).offset(f.offset);
  const [c] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(policeNotices)
    .innerJoin(persons, eq(persons.id, policeNotices.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .where(where);
  return { items, total: Number(c?.n ?? 0) };
}

export async function noticesOfPerson(exec: Executor, personId: string) {
  return noticeBase(exec).where(eq(policeNotices.personId, personId)).orderBy(desc(policeNotices.createdAt));
}

export async function updateNotice(exec: Executor, id: string, patch: Partial<typeof policeNotices.$inferInsert>) {
  await exec.update(policeNotices).set(patch).where(eq(policeNotices.id, id));
}

export async function educationOfPerson(exec: Executor, personId: string) {
  return exec.select().from(educationRecords).where(eq(educationRecords.personId, personId)).orderBy(desc(educationRecords.factDate), asc(educationRecords.id));
}

export async function educationById(exec: Executor, id: string) {
  const r = await exec.select().from(educationRecords).where(eq(educationRecords.id, id));
  return r[0];
}

export async function updateEducation(exec: Executor, id: string, patch: Partial<typeof educationRecords.$inferInsert>): Promise<EducationRow> {
  const r = await exec.update(educationRecords).set(patch).where(eq(educationRecords.id, id)).returning();
  return r[0]!;
}

// ---- preferences, job runs ----

export async function preferenceOf(exec: Executor, personId: string): Promise<PreferenceRow | undefined> {
  const r = await exec.select().from(supervisionPreferences).where(eq(supervisionPreferences.personId, personId));
  return r[0];
}

export async function consentedAmong(exec: Executor, personIds: string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const r = await exec
    .select({ personId: supervisionPreferences.personId })
    .from(supervisionPreferences)
    .where(and(inArray(supervisionPreferences.personId, personIds), eq(supervisionPreferences.smsConsent, true)));
  return new Set(r.map((x) => x.personId));
}

export async function setPreference(exec: Executor, row: typeof supervisionPreferences.$inferInsert): Promise<PreferenceRow> {
  const r = await exec
    .insert(supervisionPreferences)
    .values(row)
    .onConflictDoUpdate({
      target: supervisionPreferences.personId,
      set: { smsConsent: row.smsConsent, consentDate: row.consentDate, recordedBy: row.recordedBy, recordedAt: row.recordedAt },
    })
    .returning();
  return r[0]!;
}

export async function lastRun(exec: Executor, job: string) {
  const r = await exec.select().from(supervisionJobRuns).where(eq(supervisionJobRuns.job, job));
  return r[0];
}

export async function markRun(exec: Executor, job: string, lastDate: string, finishedAt: Date, details: unknown) {
  await exec
    .insert(supervisionJobRuns)
    .values({ job, lastDate, finishedAt, details })
    .onConflictDoUpdate({ target: supervisionJobRuns.job, set: { lastDate, finishedAt, details } });
}

// ---- the person's timeline ----

/**
 * One page of the person's records in timeline order (fact date, entry instant, id; newest
 * first), strictly after a cursor: one range of `supervision_records_person_idx`, however long
 * the person's history. The cursor's `tie` against `tie` (the records' place among lines of the same
 * instant) says whether records of the cursor's date and instant come before or after it.
 */
export async function recordsPage(exec: Executor, personId: string, after: { date: string; at: Date; tie: number; key: string } | null, tie: number, limit: number) {
  const r = supervisionRecords;
  let from: SQL | undefined;
  if (after) {
    // Typed parameters: a row comparison gives the driver no column to infer them from.
    const [d, at] = [sql`${after.date}::date`, sql`${after.at.toISOString()}::timestamptz`];
    if (after.tie > tie) from = sql`(${r.date}, ${r.recordedAt}) <= (${d}, ${at})`;
    else if (after.tie < tie) from = sql`(${r.date}, ${r.recordedAt}) < (${d}, ${at})`;
    else from = sql`(${r.date}, ${r.recordedAt}, ${r.id}) < (${d}, ${at}, ${after.key}::uuid)`;
  }
  return exec
    .select({
      id: r.id,
      kind: r.kind,
      result: r.result,
      date: r.date,
      recordedAt: r.recordedAt,
      place: r.place,
      note: r.note,
      voidedAt: r.voidedAt,
      supersededBy: r.supersededBy,
      voidReason: r.voidReason,
    })
    .from(r)
    .where(and(eq(r.personId, personId), from))
    .orderBy(desc(r.date), desc(r.recordedAt), desc(r.id))
    .limit(limit);
}

/** The needs noted on the person's latest visit-type record with a form (the assistance plan's open needs, JOURNEYS 1). */
export async function latestVisitNeeds(exec: Executor, personId: string): Promise<string[]> {
  const r = await exec
    .select({ form: supervisionRecords.form })
    .from(supervisionRecords)
    .where(and(eq(supervisionRecords.personId, personId), sql`${supervisionRecords.form} is not null`))
    .orderBy(desc(supervisionRecords.date), desc(supervisionRecords.recordedAt))
    .limit(1);
  const form = r[0]?.form as { needs?: string[] } | undefined;
  return form?.needs ?? [];
}

/** The days of live positive drug tests of some persons (T3: a positive test is a relapse), for assistance's re-assessment. */
export async function positiveTestDates(exec: Executor, personIds: string[]): Promise<{ personId: string; date: string }[]> {
  if (personIds.length === 0) return [];
  return exec
    .select({ personId: supervisionRecords.personId, date: supervisionRecords.date })
    .from(supervisionRecords)
    .where(
      and(
        inArray(supervisionRecords.personId, personIds),
        eq(supervisionRecords.kind, 'drug_test'),
        eq(supervisionRecords.result, 'positive'),
        isNull(supervisionRecords.voidedAt),
      ),
    );
}

// ---- what delisting reads (issue 14, D2, D3) ----

/** The standing notices that bear on delisting (relapse, serious breach, refusal) of many persons: fact dates only. */
/**
 * D2, D3's supervision inputs of everyone in one figure: the recompute's input versions (bumped by
 * triggers on records, leave, absences and measures) and the standing relapse, serious-breach and
 * refusal notices (raised by the recompute, also by time alone). Unchanged: no fact of the rule changed.
 */
export async function delistingFingerprint(exec: Executor): Promise<string> {
  const [inputs] = await exec.select({ n: sql<number>`count(*)::int`, v: sql<string>`coalesce(sum(${supervisionInputs.version}), 0)::text` }).from(supervisionInputs);
  const [notices] = await exec
    .select({ n: sql<number>`count(*)::int`, w: sql<number>`count(${policeNotices.withdrawnAt})::int`, last: sql<string>`coalesce(max(${policeNotices.createdAt})::text, '')` })
    .from(policeNotices)
    .where(and(eq(policeNotices.kind, 'notice'), inArray(policeNotices.reason, ['relapse', 'serious_breach', 'refused'])));
  return `${inputs!.n}:${inputs!.v}|${notices!.n}:${notices!.w}:${notices!.last}`;
}

export async function delistingNotices(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec
    .select({ personId: policeNotices.personId, reason: policeNotices.reason, factDate: policeNotices.factDate })
    .from(policeNotices)
    .where(
      and(
        inArray(policeNotices.personId, ids),
        isNull(policeNotices.withdrawnAt),
        eq(policeNotices.kind, 'notice'),
        inArray(policeNotices.reason, ['relapse', 'serious_breach', 'refused']),
      ),
    );
}

/** Live positive drug tests of many persons (T3: a relapse), by date. */
export async function positiveTests(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec
    .select({ personId: supervisionRecords.personId, date: supervisionRecords.date })
    .from(supervisionRecords)
    .where(
      and(
        inArray(supervisionRecords.personId, ids),
        eq(supervisionRecords.kind, 'drug_test'),
        eq(supervisionRecords.result, 'positive'),
        isNull(supervisionRecords.voidedAt),
        isNull(supervisionRecords.supersededBy),
      ),
    );
}

// ---- transfers (issue 14, C7) ----

/** What of a person's supervision is still open: it follows his file when it moves (C7). */
export async function openItemsOf(exec: Executor, personId: string): Promise<{ tasks: number; notices: number; leaves: number; education: number }> {
  const [t] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(supervisionTasks)
    .where(and(eq(supervisionTasks.personId, personId), eq(supervisionTasks.open, true), inArray(supervisionTasks.state, ['due', 'overdue', 'upcoming'])));
  const [n] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(policeNotices)
    .where(and(eq(policeNotices.personId, personId), isNull(policeNotices.acknowledgedAt), isNull(policeNotices.withdrawnAt)));
  const [l] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(leaveRequests)
    .where(and(eq(leaveRequests.personId, personId), eq(leaveRequests.status, 'pending')));
  const [e] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(educationRecords)
    .where(and(eq(educationRecords.personId, personId), isNull(educationRecords.conductedOn), isNull(educationRecords.withdrawnAt)));
  return { tasks: Number(t?.n ?? 0), notices: Number(n?.n ?? 0), leaves: Number(l?.n ?? 0), education: Number(e?.n ?? 0) };
}

/** The records of a person entered in a window of time: what a street wrote while it held the file (C7). */
export async function recordsEnteredBetween(exec: Executor, personId: string, since: Date, until: Date, limit: number, offset: number) {
  const where = and(eq(supervisionRecords.personId, personId), gte(supervisionRecords.recordedAt, since), lt(supervisionRecords.recordedAt, until));
  const items = await recordsWithRecorder(exec).where(where).orderBy(desc(supervisionRecords.date), desc(supervisionRecords.recordedAt)).limit(limit).offset(offset);
  const [c] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(supervisionRecords)
    .where(where);
  return { items, total: Number(c?.n ?? 0) };
}

/** Issue 13: the latest visit form of each person (live records only), for the warnings module's D4 factors. */
export async function latestVisitForms(exec: Executor, personIds: string[]) {
  if (personIds.length === 0) return [];
  return exec
    .selectDistinctOn([supervisionRecords.personId], {
      id: supervisionRecords.id,
      personId: supervisionRecords.personId,
      date: supervisionRecords.date,
      form: supervisionRecords.form,
    })
    .from(supervisionRecords)
    .where(and(inArray(supervisionRecords.personId, personIds), isNull(supervisionRecords.voidedAt), sql`${supervisionRecords.form} is not null`))
    .orderBy(supervisionRecords.personId, desc(supervisionRecords.date), desc(supervisionRecords.recordedAt));
}

/** A person's live drug tests from a day on, oldest first: the evidence of a delisting notice. */
export async function drugTestsSince(exec: Executor, personId: string, from: string) {
  return exec
    .select({
      date: supervisionRecords.date,
      result: supervisionRecords.result,
      sample: supervisionRecords.sample,
      method: supervisionRecords.method,
      measureId: supervisionRecords.measureId,
    })
    .from(supervisionRecords)
    .where(
      and(
        eq(supervisionRecords.personId, personId),
        eq(supervisionRecords.kind, 'drug_test'),
        gte(supervisionRecords.date, from),
        isNull(supervisionRecords.voidedAt),
        isNull(supervisionRecords.supersededBy),
      ),
    )
    .orderBy(asc(supervisionRecords.date));
}

/** P4, issue 14: the retention purge of a person: every supervision row of his (leave events before their leave). */
export const purgePerson = (exec: Executor, personId: string) =>
  deleteRowsOfPerson(
    exec,
    [
      leaveEvents,
      leaveRequests,
      absences,
      educationRecords,
      policeNotices,
      supervisionTasks,
      supervisionStatus,
      supervisionSync,
      supervisionPreferences,
      supervisionRecords,
      supervisionInputs,
    ],
    personId,
  );

/** The recompute's bookkeeping of the person, which a trigger on measures touches again when they are deleted: the purge's last step but the file's. */
export const purgeInputsOf = (exec: Executor, personId: string) => deleteRowsOfPerson(exec, [supervisionInputs], personId);
/** #15 reports: police notices (not corrections, not withdrawn) raised in a period under a path, counted by reason. */
export async function noticeCountsIn(exec: Executor, f: { path: string; from: string; to: string; timeZone: string }): Promise<Record<string, number>> {
  const p = personRef('p');
  const rows = await exec
    .select({ reason: policeNotices.reason, n: sql<number>`count(*)::int` })
    .from(policeNotices)
    .innerJoin(p, eq(p.id, policeNotices.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, p.orgUnitId))
    .where(
      and(
        eq(policeNotices.kind, 'notice'),
        isNull(policeNotices.withdrawnAt),
        sql`${orgUnits.path} like ${`${f.path}%`}`,
        openFile(p),
        sql`(${policeNotices.createdAt} at time zone ${f.timeZone})::date between ${f.from}::date and ${f.to}::date`,
      ),
    )
    .groupBy(policeNotices.reason);
  return Object.fromEntries(rows.map((r) => [r.reason, Number(r.n)]));
}
