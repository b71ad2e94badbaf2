import { and, asc, desc, eq, gt, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { deleteRowsOfPerson } from '../../db/purge';
import { orgUnits } from '../org/schema';
import { openFile, personRef } from '../persons/relations';
import { delistingStatus, delistings, fileOpenings, seals, sealingRuns } from './schema';

export type StatusRow = typeof delistingStatus.$inferSelect;
export type DelistingRow = typeof delistings.$inferSelect;
export type SealRow = typeof seals.$inferSelect;
export type OpeningRow = typeof fileOpenings.$inferSelect;

const persons = personRef();
const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');
const under = (col: typeof orgUnits.path, paths: string[]): SQL => (paths.length ? or(...paths.map((p) => like(col, `${escapeLike(p)}%`)))! : sql`false`);

// ---- the daily run ----

export async function statusOf(exec: Executor, ids: string[]): Promise<StatusRow[]> {
  if (ids.length === 0) return [];
  return exec.select().from(delistingStatus).where(inArray(delistingStatus.personId, ids));
}

/** Writes the changed standings of a batch in one statement (one JSON parameter, same SQL on both databases). */
export async function upsertStatus(exec: Executor, rows: (typeof delistingStatus.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await exec.execute(sql`
    insert into delisting_status (person_id, state, basis, clean_since, eligible_on, fact_date, computed_on, updated_at)
    select v.person_id, v.state, v.basis, v.clean_since, v.eligible_on, v.fact_date, v.computed_on, now()
    from json_to_recordset(${JSON.stringify(
      rows.map((r) => ({
        person_id: r.personId,
        state: r.state,
        basis: r.basis,
        clean_since: r.cleanSince,
        eligible_on: r.eligibleOn,
        fact_date: r.factDate,
        computed_on: r.computedOn,
      })),
    )}::json) as v(person_id uuid, state text, basis text, clean_since date, eligible_on date, fact_date date, computed_on date)
    on conflict (person_id) do update set state = excluded.state, basis = excluded.basis, clean_since = excluded.clean_since,
      eligible_on = excluded.eligible_on, fact_date = excluded.fact_date, computed_on = excluded.computed_on, updated_at = now()`);
}

export async function lastRunOf(exec: Executor, job: string): Promise<{ lastDate: string; details: unknown } | null> {
  const r = await exec.select({ lastDate: sealingRuns.lastDate, details: sealingRuns.details }).from(sealingRuns).where(eq(sealingRuns.job, job));
  return r[0] ?? null;
}

export async function markRun(exec: Executor, job: string, lastDate: string, details: unknown): Promise<void> {
  await exec.insert(sealingRuns).values({ job, lastDate, details }).onConflictDoUpdate({ target: sealingRuns.job, set: { lastDate, details } });
}

// ---- the delisting list ----

const listWhere = (scope: string[], state: string, underPath?: string) =>
  and(
    openFile(persons),
    under(orgUnits.path, scope),
    underPath ? like(orgUnits.path, `${escapeLike(underPath)}%`) : undefined,
    state === 'due' ? inArray(delistingStatus.state, ['eligible', 'upcoming']) : eq(delistingStatus.state, state as 'eligible'),
  );

/** Open files of the scope by delisting state, soonest eligible first, with the open delisting if any. */
export async function list(exec: Executor, f: { scope: string[]; state: string; under?: string }, limit: number, offset: number) {
  const where = listWhere(f.scope, f.state, f.under);
  const items = await exec
    .select({ s: delistingStatus, name: persons.name, orgUnitName: orgUnits.name, orgPath: orgUnits.path, d: delistings })
    .from(delistingStatus)
    .innerJoin(persons, eq(persons.id, delistingStatus.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .leftJoin(delistings, and(eq(delistings.personId, delistingStatus.personId), inArray(delistings.state, ['reviewed', 'approved'])))
    .where(where)
    .orderBy(asc(delistingStatus.eligibleOn), asc(persons.namePinyin), asc(delistingStatus.personId))
    .limit(limit)
    .offset(offset);
  const [c] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(delistingStatus)
    .innerJoin(persons, eq(persons.id, delistingStatus.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .where(where);
  return { items, total: Number(c?.n ?? 0) };
}

export async function openDelistingOf(exec: Executor, personId: string): Promise<DelistingRow | undefined> {
  const r = await exec
    .select()
    .from(delistings)
    .where(and(eq(delistings.personId, personId), inArray(delistings.state, ['reviewed', 'approved'])));
  return r[0];
}

export async function delistingById(exec: Executor, id: string): Promise<DelistingRow | undefined> {
  const r = await exec.select().from(delistings).where(eq(delistings.id, id));
  return r[0];
}

export async function insertDelisting(exec: Executor, row: typeof delistings.$inferInsert): Promise<DelistingRow> {
  return (await exec.insert(delistings).values(row).returning())[0]!;
}

export async function decide(exec: Executor, id: string, patch: Partial<typeof delistings.$inferInsert>): Promise<DelistingRow | undefined> {
  // Only a reviewed delisting is decided, once: a second decision finds no row.
  const r = await exec
    .update(delistings)
    .set(patch)
    .where(and(eq(delistings.id, id), eq(delistings.state, 'reviewed')))
    .returning();
  return r[0];
}

// ---- seals and openings ----

export async function sealOf(exec: Executor, personId: string): Promise<SealRow | undefined> {
  const r = await exec.select().from(seals).where(eq(seals.personId, personId));
  return r[0];
}

export async function insertSeal(exec: Executor, row: typeof seals.$inferInsert): Promise<boolean> {
  const r = await exec.insert(seals).values(row).onConflictDoNothing().returning({ id: seals.personId });
  return r.length > 0;
}

/** Sealed files whose personal data is still there, oldest seal first (the purge reads a page). */
export async function unpurged(exec: Executor, limit: number): Promise<SealRow[]> {
  return exec.select().from(seals).where(isNull(seals.purgedAt)).orderBy(asc(seals.sealedOn)).limit(limit);
}

export async function insertOpening(exec: Executor, row: typeof fileOpenings.$inferInsert): Promise<OpeningRow> {
  return (await exec.insert(fileOpenings).values(row).returning())[0]!;
}

/** The user's newest opening of a file of a kind (live or run out). */
export async function latestOpening(exec: Executor, userId: string, personId: string, kind: 'sealed' | 'break_glass'): Promise<OpeningRow | undefined> {
  const r = await exec
    .select()
    .from(fileOpenings)
    .where(and(eq(fileOpenings.userId, userId), eq(fileOpenings.personId, personId), eq(fileOpenings.kind, kind)))
    .orderBy(desc(fileOpenings.expiresAt))
    .limit(1);
  return r[0];
}

export async function liveOpeningsOf(exec: Executor, userId: string, now: Date): Promise<OpeningRow[]> {
  return exec
    .select()
    .from(fileOpenings)
    .where(and(eq(fileOpenings.userId, userId), gt(fileOpenings.expiresAt, now)))
    .orderBy(desc(fileOpenings.openedAt));
}

/** P4, issue 14: the retention purge of a person: his openings, delisting decisions and standing, and the seal itself (the audit row is the trace). */
export const purgePerson = (exec: Executor, personId: string) => deleteRowsOfPerson(exec, [fileOpenings, delistings, delistingStatus, seals], personId);
