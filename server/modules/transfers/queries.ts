// SQL of the transfers module: its own tables, and the org units' names and paths it scopes by.
import { and, asc, desc, eq, isNull, like, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import { deleteRowsOfPerson } from '../../db/purge';
import { orgUnits } from '../org/schema';
import { handovers, transfers } from './schema';

export type TransferRow = typeof transfers.$inferSelect;
export type HandoverRow = typeof handovers.$inferSelect;

const fromUnit = alias(orgUnits, 'from_unit');
const toUnit = alias(orgUnits, 'to_unit');
const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');
const under = (col: AnyColumn, paths: string[]): SQL => or(...paths.map((p) => like(col, `${escapeLike(p)}%`))) ?? sql`false`;

const withUnits = (exec: Executor) =>
  exec
    .select({ t: transfers, fromName: fromUnit.name, fromPath: fromUnit.path, toName: toUnit.name, toPath: toUnit.path })
    .from(transfers)
    .innerJoin(fromUnit, eq(fromUnit.id, transfers.fromOrgUnitId))
    .innerJoin(toUnit, eq(toUnit.id, transfers.toOrgUnitId));
export type TransferWithUnits = Awaited<ReturnType<ReturnType<typeof withUnits>['where']>>[number];

export async function byId(exec: Executor, id: string): Promise<TransferWithUnits | undefined> {
  return (await withUnits(exec).where(eq(transfers.id, id)))[0];
}

/** The row locked for the rest of the transaction: two answers to one transfer follow one another. */
export async function lockById(exec: Executor, id: string): Promise<TransferRow | undefined> {
  return (await exec.select().from(transfers).where(eq(transfers.id, id)).for('update'))[0];
}

export async function openOfPerson(exec: Executor, personId: string): Promise<number> {
  const [r] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(transfers)
    .where(and(eq(transfers.personId, personId), eq(transfers.status, 'pending')));
  return Number(r?.n ?? 0);
}

export async function insert(exec: Executor, row: typeof transfers.$inferInsert): Promise<TransferRow> {
  return (await exec.insert(transfers).values(row).returning())[0]!;
}

export async function update(exec: Executor, id: string, patch: Partial<typeof transfers.$inferInsert>): Promise<TransferRow> {
  return (await exec.update(transfers).set(patch).where(eq(transfers.id, id)).returning())[0]!;
}

/** Transfers whose sending or receiving street lies in the given subtrees, newest first. */
export async function list(exec: Executor, f: { inPaths: string[]; outPaths: string[]; status?: TransferRow['status'] }, limit: number, offset: number) {
  const sides = [f.inPaths.length ? under(toUnit.path, f.inPaths) : undefined, f.outPaths.length ? under(fromUnit.path, f.outPaths) : undefined].filter(Boolean) as SQL[];
  if (sides.length === 0) return { items: [], total: 0 };
  const where = and(or(...sides), f.status ? eq(transfers.status, f.status) : undefined);
  const items = await withUnits(exec).where(where).orderBy(desc(transfers.requestedAt), asc(transfers.id)).limit(limit).offset(offset);
  const [c] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(transfers)
    .innerJoin(fromUnit, eq(fromUnit.id, transfers.fromOrgUnitId))
    .innerJoin(toUnit, eq(toUnit.id, transfers.toOrgUnitId))
    .where(where);
  return { items, total: Number(c?.n ?? 0) };
}

export async function ofPerson(exec: Executor, personId: string) {
  return withUnits(exec).where(eq(transfers.personId, personId)).orderBy(asc(transfers.requestedAt));
}

/** C7/C11: accepted transfers whose report is overdue and has not raised its notice yet. */
export async function reportsOverdue(exec: Executor, today: string) {
  return withUnits(exec).where(and(eq(transfers.status, 'accepted'), isNull(transfers.reportedOn), isNull(transfers.overdueRaisedAt), sql`${transfers.reportBy} < ${today}`));
}

/** Every street of the city with its district's name: where a file can be transferred to (names of units only). */
export async function streets(exec: Executor) {
  const parent = alias(orgUnits, 'parent');
  return exec
    .select({ id: orgUnits.id, name: orgUnits.name, districtName: parent.name })
    .from(orgUnits)
    .leftJoin(parent, eq(parent.id, orgUnits.parentId))
    .where(and(eq(orgUnits.level, 'street'), eq(orgUnits.active, true)))
    .orderBy(asc(parent.name), asc(orgUnits.name));
}

// ---- handovers (C10) ----

const hUnit = alias(orgUnits, 'h_unit');
const handoversWithUnit = (exec: Executor) =>
  exec.select({ h: handovers, unitName: hUnit.name, unitPath: hUnit.path }).from(handovers).innerJoin(hUnit, eq(hUnit.id, handovers.orgUnitId));

export async function insertHandover(exec: Executor, row: typeof handovers.$inferInsert): Promise<HandoverRow> {
  return (await exec.insert(handovers).values(row).returning())[0]!;
}

export async function handoverById(exec: Executor, id: string) {
  return (await handoversWithUnit(exec).where(eq(handovers.id, id)))[0];
}

export async function lockHandover(exec: Executor, id: string): Promise<HandoverRow | undefined> {
  return (await exec.select().from(handovers).where(eq(handovers.id, id)).for('update'))[0];
}

export async function updateHandover(exec: Executor, id: string, patch: Partial<typeof handovers.$inferInsert>): Promise<HandoverRow> {
  return (await exec.update(handovers).set(patch).where(eq(handovers.id, id)).returning())[0]!;
}

export async function openHandoverOf(exec: Executor, personId: string): Promise<number> {
  const [r] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(handovers)
    .where(and(eq(handovers.personId, personId), isNull(handovers.reportedOn)));
  return Number(r?.n ?? 0);
}

/** Handovers to streets in the subtrees, the nearest deadline first; `state` filtered as of `today`. */
export async function handoverList(exec: Executor, f: { paths: string[]; state?: 'awaiting' | 'reported' | 'missed'; today: string }, limit: number, offset: number) {
  if (f.paths.length === 0) return { items: [], total: 0 };
  const state =
    f.state === 'reported'
      ? sql`${handovers.reportedOn} is not null`
      : f.state === 'missed'
        ? and(isNull(handovers.reportedOn), sql`${handovers.reportBy} < ${f.today}`)
        : f.state === 'awaiting'
          ? and(isNull(handovers.reportedOn), sql`${handovers.reportBy} >= ${f.today}`)
          : undefined;
  const where = and(under(hUnit.path, f.paths), state);
  const items = await handoversWithUnit(exec).where(where).orderBy(asc(handovers.reportBy), asc(handovers.id)).limit(limit).offset(offset);
  const [c] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(handovers)
    .innerJoin(hUnit, eq(hUnit.id, handovers.orgUnitId))
    .where(where);
  return { items, total: Number(c?.n ?? 0) };
}

export async function handoversOfPerson(exec: Executor, personId: string) {
  return exec.select().from(handovers).where(eq(handovers.personId, personId)).orderBy(asc(handovers.createdAt));
}

/** C10/C11: handovers past their report deadline that have not raised their notice yet. */
export async function handoversMissed(exec: Executor, today: string) {
  return handoversWithUnit(exec).where(and(isNull(handovers.reportedOn), isNull(handovers.missedRaisedAt), sql`${handovers.reportBy} < ${today}`));
}

/** P4, issue 14: the retention purge of a person: his handovers and transfers. */
export const purgePerson = (exec: Executor, personId: string) => deleteRowsOfPerson(exec, [handovers, transfers], personId);
