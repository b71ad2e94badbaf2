import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { deleteRowsOfPerson } from '../../db/purge';
import { orgUnits } from '../org/schema';
import { personRef } from '../persons/relations';
import { alertEvents, alerts, riskClassifications, riskOverrides, warningRuns } from './schema';

export type ClassificationRow = typeof riskClassifications.$inferSelect;
export type OverrideRow = typeof riskOverrides.$inferSelect;
export type AlertRow = typeof alerts.$inferSelect;
export type AlertEventRow = typeof alertEvents.$inferSelect;

const persons = personRef();
const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');
const OPEN = ['open', 'acknowledged', 'acted'];
const underPaths = (paths: string[]): SQL => (paths.length ? or(...paths.map((p) => sql`${orgUnits.path} like ${`${escapeLike(p)}%`}`))! : sql`false`);

// ---- classifications ----

export async function currentClassifications(exec: Executor, personIds: string[]): Promise<ClassificationRow[]> {
  if (personIds.length === 0) return [];
  return exec
    .select()
    .from(riskClassifications)
    .where(and(inArray(riskClassifications.personId, personIds), isNull(riskClassifications.supersededAt)));
}

export async function supersede(exec: Executor, ids: string[], at: Date) {
  if (ids.length === 0) return;
  await exec.update(riskClassifications).set({ supersededAt: at }).where(inArray(riskClassifications.id, ids));
}

export async function insertClassifications(exec: Executor, rows: (typeof riskClassifications.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return exec.insert(riskClassifications).values(rows).returning();
}

export async function classificationHistory(exec: Executor, personId: string, limit: number) {
  return exec.select().from(riskClassifications).where(eq(riskClassifications.personId, personId)).orderBy(desc(riskClassifications.seq)).limit(limit);
}

// ---- overrides ----

/** The newest override of each person not replaced (its expiry is judged by the rule). */
export async function currentOverrides(exec: Executor, personIds: string[]): Promise<OverrideRow[]> {
  if (personIds.length === 0) return [];
  return exec
    .selectDistinctOn([riskOverrides.personId])
    .from(riskOverrides)
    .where(and(inArray(riskOverrides.personId, personIds), isNull(riskOverrides.endedAt)))
    .orderBy(riskOverrides.personId, desc(riskOverrides.createdAt));
}

export async function endOverrides(exec: Executor, personId: string, at: Date) {
  await exec
    .update(riskOverrides)
    .set({ endedAt: at })
    .where(and(eq(riskOverrides.personId, personId), isNull(riskOverrides.endedAt)));
}

export async function insertOverride(exec: Executor, row: typeof riskOverrides.$inferInsert): Promise<OverrideRow> {
  return (await exec.insert(riskOverrides).values(row).returning())[0]!;
}

export async function overrideHistory(exec: Executor, personId: string) {
  // The one in force first, then the ended ones newest first.
  return exec
    .select()
    .from(riskOverrides)
    .where(eq(riskOverrides.personId, personId))
    .orderBy(sql`${riskOverrides.endedAt} is null desc`, desc(riskOverrides.createdAt), desc(riskOverrides.endedAt));
}

// ---- alerts ----

/** Every alert of the persons not withdrawn (open and closed): a closed fact is not raised again. */
export async function standingAlerts(exec: Executor, personIds: string[]): Promise<AlertRow[]> {
  if (personIds.length === 0) return [];
  return exec
    .select()
    .from(alerts)
    .where(and(inArray(alerts.personId, personIds), isNull(alerts.withdrawnAt)));
}

export async function insertAlerts(exec: Executor, rows: (typeof alerts.$inferInsert)[]): Promise<AlertRow[]> {
  if (rows.length === 0) return [];
  return exec.insert(alerts).values(rows).onConflictDoNothing().returning();
}

export async function withdrawAlerts(exec: Executor, rows: { id: string; reason: string }[], at: Date): Promise<AlertRow[]> {
  const out: AlertRow[] = [];
  for (const r of rows) {
    const w = await exec
      .update(alerts)
      .set({ status: 'withdrawn', withdrawnAt: at, withdrawalReason: r.reason })
      .where(and(eq(alerts.id, r.id), inArray(alerts.status, OPEN)))
      .returning();
    out.push(...w);
  }
  return out;
}

export async function insertEvents(exec: Executor, rows: (typeof alertEvents.$inferInsert)[]) {
  if (rows.length === 0) return;
  await exec.insert(alertEvents).values(rows);
}

export async function alertById(exec: Executor, id: string): Promise<AlertRow | undefined> {
  return (await exec.select().from(alerts).where(eq(alerts.id, id)))[0];
}

export async function eventsOf(exec: Executor, alertId: string): Promise<AlertEventRow[]> {
  return exec.select().from(alertEvents).where(eq(alertEvents.alertId, alertId)).orderBy(asc(alertEvents.seq));
}

/**
 * Moves an alert on only from the states given, in one statement: of two closes at once, the
 * second finds it closed and gets nothing back (the service answers 409).
 */
export async function transition(exec: Executor, id: string, from: string[], patch: Partial<typeof alerts.$inferInsert>): Promise<AlertRow | undefined> {
  return (
    (
      await exec
        .update(alerts)
        // A comment moves nothing but must still find the alert open, in the same statement.
        .set(Object.keys(patch).length ? patch : { status: sql`${alerts.status}` })
        .where(and(eq(alerts.id, id), inArray(alerts.status, from)))
        .returning()
    )[0]
  );
}

export interface AlertFilter {
  scope: string[];
  ownerUserId?: string;
  personId?: string;
  state: 'open' | 'overdue' | 'closed' | 'withdrawn' | 'all';
  severity?: string;
  now: Date;
  limit: number;
  offset: number;
}

const alertBase = (exec: Executor) =>
  exec
    .select({ a: alerts, personName: persons.name, orgUnitName: orgUnits.name, orgPath: orgUnits.path })
    .from(alerts)
    .innerJoin(persons, eq(persons.id, alerts.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId));

/** The alerts of a scope (the persons' current units), open first by severity and age. */
export async function listAlerts(exec: Executor, f: AlertFilter) {
  const byState = {
    open: inArray(alerts.status, OPEN),
    overdue: and(inArray(alerts.status, OPEN), lt(alerts.deadline, f.now)),
    closed: eq(alerts.status, 'closed'),
    withdrawn: eq(alerts.status, 'withdrawn'),
    all: undefined,
  };
  const where = and(
    eq(persons.sealed, false),
    underPaths(f.scope),
    f.ownerUserId ? eq(alerts.ownerUserId, f.ownerUserId) : undefined,
    f.personId ? eq(alerts.personId, f.personId) : undefined,
    f.severity ? eq(alerts.severity, f.severity) : undefined,
    byState[f.state],
  );
  const severityRank = sql`case ${alerts.severity} when 'high' then 0 when 'medium' then 1 else 2 end`;
  const items = await alertBase(exec).where(where).orderBy(severityRank, asc(alerts.deadline), asc(alerts.id)).limit(f.limit).offset(f.offset);
  const [c] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(alerts)
    .innerJoin(persons, eq(persons.id, alerts.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .where(where);
  return { items, total: Number(c?.n ?? 0) };
}

export async function alertWithPerson(exec: Executor, id: string) {
  return (await alertBase(exec).where(eq(alerts.id, id)))[0];
}

/** Open alerts past their deadline, oldest first (the escalation job). */
export async function pastDeadline(exec: Executor, now: Date, limit: number) {
  return exec
    .select({ a: alerts, orgPath: orgUnits.path, personName: persons.name })
    .from(alerts)
    .innerJoin(persons, eq(persons.id, alerts.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .where(and(eq(alerts.status, 'open'), lt(alerts.deadline, now)))
    .orderBy(asc(alerts.deadline))
    .limit(limit);
}

export async function setEscalation(exec: Executor, id: string, fromLevel: number, level: number, at: Date) {
  return (
    await exec
      .update(alerts)
      .set({ escalationLevel: level, escalatedAt: at })
      .where(and(eq(alerts.id, id), eq(alerts.escalationLevel, fromLevel), eq(alerts.status, 'open')))
      .returning()
  )[0];
}

// ---- daily run ----

export async function ranOn(exec: Executor, day: string): Promise<boolean> {
  return (await exec.select({ day: warningRuns.day }).from(warningRuns).where(eq(warningRuns.day, day))).length > 0;
}

export async function noteRun(exec: Executor, day: string, at: Date, count: number) {
  await exec.insert(warningRuns).values({ day, ranAt: at, persons: count }).onConflictDoNothing();
}

/**
 * K17 (issue 15): the alerts raised on units of a subtree in a period (calendar days in the
 * deployment's zone), of open files (P4), withdrawn ones left out: their facts stopped holding.
 * The alert's own unit counts (where it was raised and owed), not the person's unit today.
 */
export async function alertsRaisedIn(exec: Executor, f: { path: string; from: string; to: string; timeZone: string }) {
  const raisedOn = sql`(${alerts.raisedAt} at time zone ${f.timeZone})::date`;
  return exec
    .select({ alertId: alerts.id, personId: alerts.personId, deadline: alerts.deadline, handledAt: alerts.handledAt, closedAt: alerts.closedAt })
    .from(alerts)
    .innerJoin(orgUnits, eq(orgUnits.id, alerts.orgUnitId))
    .innerJoin(persons, eq(persons.id, alerts.personId))
    .where(and(underPaths([f.path]), eq(persons.sealed, false), isNull(alerts.withdrawnAt), sql`${raisedOn} between ${f.from}::date and ${f.to}::date`));
}

/** P4, issue 14: the retention purge of a person: his alerts with their events, classifications and overrides. */
export async function purgePerson(exec: Executor, personId: string): Promise<Record<string, number>> {
  const ids = (await exec.select({ id: alerts.id }).from(alerts).where(eq(alerts.personId, personId))).map((r) => r.id);
  const events = ids.length ? (await exec.delete(alertEvents).where(inArray(alertEvents.alertId, ids)).returning({ id: alertEvents.id })).length : 0;
  return { alert_events: events, ...(await deleteRowsOfPerson(exec, [alerts, riskClassifications, riskOverrides], personId)) };
}
