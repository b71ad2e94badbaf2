import { and, asc, desc, eq, inArray, like, notInArray, sql } from 'drizzle-orm';
import { orgUnits } from '../org/schema';
import { openFile, personRef } from '../persons/relations';
import { measures, measureEvents } from './schema';
import type { Executor } from '../../db/client';
import { deleteRowsOfPerson } from '../../db/purge';

export type MeasureRow = typeof measures.$inferSelect;
export type MeasureEventRow = typeof measureEvents.$inferSelect;

export async function byId(exec: Executor, id: string) {
  const r = await exec.select().from(measures).where(eq(measures.id, id));
  return r[0];
}

export async function ofPerson(exec: Executor, personId: string) {
  return exec.select().from(measures).where(eq(measures.personId, personId)).orderBy(desc(measures.decisionDate), desc(measures.createdAt));
}

/** The measures of many persons (the sealing module's daily run), by person. */
export async function ofPersons(exec: Executor, personIds: string[]) {
  if (personIds.length === 0) return [];
  return exec.select().from(measures).where(inArray(measures.personId, personIds)).orderBy(asc(measures.personId));
}

export async function insert(exec: Executor, row: typeof measures.$inferInsert) {
  const r = await exec.insert(measures).values(row).returning();
  return r[0]!;
}

export async function update(exec: Executor, id: string, patch: Partial<typeof measures.$inferInsert>) {
  const r = await exec
    .update(measures)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(measures.id, id))
    .returning();
  return r[0]!;
}

export async function insertEvent(exec: Executor, row: typeof measureEvents.$inferInsert) {
  await exec.insert(measureEvents).values(row);
}

export async function eventsOfPerson(exec: Executor, personId: string) {
  return exec.select().from(measureEvents).where(eq(measureEvents.personId, personId)).orderBy(asc(measureEvents.at));
}

const COMMUNITY = ['community_detox', 'community_rehab'];

/** The community measures (M1, M9) of a batch of persons, with their rule-level state. */
/** The measures of a batch of persons other than community ones (the warnings module: releases from isolation, earlier measures). */
export async function otherOfPersons(exec: Executor, personIds: string[]) {
  if (personIds.length === 0) return [];
  return exec
    .select({ id: measures.id, personId: measures.personId, kind: measures.kind, state: measures.state })
    .from(measures)
    .where(and(inArray(measures.personId, personIds), notInArray(measures.kind, COMMUNITY)));
}

export async function communityOfPersons(exec: Executor, personIds: string[]) {
  if (personIds.length === 0) return [];
  return exec
    .select({ id: measures.id, personId: measures.personId, kind: measures.kind, state: measures.state })
    .from(measures)
    .where(and(inArray(measures.personId, personIds), inArray(measures.kind, COMMUNITY)));
}

/** P4, issue 14: the retention purge of a person: his measure events and measures (other modules' rows pointing at them go first). */
export const purgePerson = (exec: Executor, personId: string) => deleteRowsOfPerson(exec, [measureEvents, measures], personId);
/** #15 reports: measures ended in a period under a path (completed, terminated, converted), counted by the status reached. */
export async function endedCountsIn(exec: Executor, f: { path: string; from: string; to: string }): Promise<Record<string, number>> {
  const p = personRef('p');
  const rows = await exec
    .select({ status: measureEvents.toStatus, n: sql<number>`count(distinct ${measureEvents.measureId})::int` })
    .from(measureEvents)
    .innerJoin(p, eq(p.id, measureEvents.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, p.orgUnitId))
    .where(
      and(
        inArray(measureEvents.toStatus, ['completed', 'terminated', 'converted']),
        like(orgUnits.path, `${f.path}%`),
        openFile(p),
        sql`${measureEvents.eventDate} between ${f.from}::date and ${f.to}::date`,
      ),
    )
    .groupBy(measureEvents.toStatus);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
