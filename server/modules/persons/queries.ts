import { and, asc, desc, eq, ilike, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { persons, assignments } from './schema';
import { orgUnits } from '../org/schema';
import { userRef } from '../users/relations';
import { openFile } from './relations';
import type { Executor } from '../../db/client';
import { deleteRowsOfPerson } from '../../db/purge';
import { insertJson } from '../../db/bulk';

export type PersonRow = typeof persons.$inferSelect;
export type NewPersonRow = typeof persons.$inferInsert;
export type AssignmentRow = typeof assignments.$inferSelect;

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');
const worker = userRef('worker');

const withContext = {
  person: persons,
  orgPath: orgUnits.path,
  orgName: orgUnits.name,
  orgLevel: orgUnits.level,
  workerName: worker.displayName,
};

export type PersonWithContext = { person: PersonRow; orgPath: string; orgName: string; orgLevel: string; workerName: string | null };

function base(exec: Executor) {
  return exec.select(withContext).from(persons).innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId)).leftJoin(worker, eq(worker.id, persons.responsibleWorkerId));
}

export async function byId(exec: Executor, id: string): Promise<PersonWithContext | undefined> {
  const r = await base(exec).where(eq(persons.id, id));
  return r[0];
}

export async function byIdHash(exec: Executor, hash: string): Promise<PersonWithContext | undefined> {
  const r = await base(exec).where(eq(persons.idNumberHash, hash));
  return r[0];
}

export interface ListFilter {
  scope: string[];
  under?: string;
  /** letters: pinyin or initials; last4 and hash: keyed hashes (blind indexes), never clear digits. */
  text?: { kind: 'letters' | 'last4' | 'hash' | 'name'; value: string };
  status?: string;
  measureKind?: string;
  riskLevel?: string;
  workerId?: string;
  sort: 'name' | 'updated_at' | 'birth_date' | 'status' | 'risk_level';
  order: 'asc' | 'desc';
}

function where(f: ListFilter): SQL | undefined {
  const text = f.text;
  let textCond: SQL | undefined;
  if (text?.kind === 'letters') {
    const v = escapeLike(text.value.toLowerCase());
    textCond = or(like(persons.nameInitials, `${v}%`), like(persons.namePinyin, `${v}%`));
  } else if (text?.kind === 'last4') textCond = eq(persons.idLast4Index, text.value);
  else if (text?.kind === 'hash') textCond = eq(persons.idNumberHash, text.value);
  else if (text?.kind === 'name') {
    const v = `%${escapeLike(text.value)}%`;
    textCond = or(ilike(persons.name, v), sql`array_to_string(${persons.formerNames}, ' ') ilike ${v}`);
  }
  return and(
    or(...f.scope.map((p) => like(orgUnits.path, `${escapeLike(p)}%`))),
    f.under ? like(orgUnits.path, `${escapeLike(f.under)}%`) : undefined,
    openFile(persons),
    textCond,
    f.status ? eq(persons.status, f.status) : undefined,
    f.measureKind ? eq(persons.currentMeasureKind, f.measureKind) : undefined,
    f.riskLevel ? eq(persons.riskLevel, f.riskLevel as 'high') : undefined,
    f.workerId ? eq(persons.responsibleWorkerId, f.workerId) : undefined,
  );
}

const sortColumn = {
  name: persons.namePinyin,
  updated_at: persons.updatedAt,
  birth_date: persons.birthDate,
  status: persons.status,
  risk_level: persons.riskLevel,
} as const;

export async function list(exec: Executor, f: ListFilter, limit: number, offset: number) {
  if (f.scope.length === 0) return { items: [], total: 0 };
  const dir = f.order === 'desc' ? desc : asc;
  const cond = where(f);
  const items = await base(exec).where(cond).orderBy(dir(sortColumn[f.sort]), asc(persons.id)).limit(limit).offset(offset);
  const [c] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(persons)
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .where(cond);
  return { items, total: Number(c?.n ?? 0) };
}

/** Every person in the scope matching the filter, for exports (in pages, to bound memory). */
export async function listPage(exec: Executor, f: ListFilter, afterName: string, afterId: string, limit: number) {
  return base(exec)
    .where(and(where(f), sql`(${persons.namePinyin}, ${persons.id}) > (${afterName}, ${afterId}::uuid)`))
    .orderBy(asc(persons.namePinyin), asc(persons.id))
    .limit(limit);
}

export async function byIdHashes(exec: Executor, hashes: string[]): Promise<PersonWithContext[]> {
  if (hashes.length === 0) return [];
  return base(exec).where(inArray(persons.idNumberHash, hashes));
}

export async function insertMany(exec: Executor, rows: NewPersonRow[]): Promise<PersonRow[]> {
  if (rows.length === 0) return [];
  return exec.insert(persons).values(rows).returning();
}

export async function insertAssignments(exec: Executor, rows: (typeof assignments.$inferInsert)[]) {
  if (rows.length) await exec.insert(assignments).values(rows);
}

export async function insert(exec: Executor, row: NewPersonRow): Promise<PersonRow> {
  const r = await exec.insert(persons).values(row).returning();
  return r[0]!;
}

/** Optimistic concurrency: updates only if the stored version is the one the editor saw. */
export async function updateVersioned(exec: Executor, id: string, version: number, patch: Partial<NewPersonRow>): Promise<PersonRow | undefined> {
  const r = await exec
    .update(persons)
    .set({ ...patch, version: sql`${persons.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(persons.id, id), eq(persons.version, version)))
    .returning();
  return r[0];
}

export async function update(exec: Executor, id: string, patch: Partial<NewPersonRow>): Promise<PersonRow> {
  const r = await exec
    .update(persons)
    .set({ ...patch, version: sql`${persons.version} + 1`, updatedAt: sql`now()` })
    .where(eq(persons.id, id))
    .returning();
  return r[0]!;
}

export async function setStatus(exec: Executor, id: string, status: string, measureKind: string | null) {
  await exec
    .update(persons)
    .set({ status, currentMeasureKind: measureKind, updatedAt: sql`now()` })
    .where(eq(persons.id, id));
}

export async function insertAssignment(exec: Executor, row: typeof assignments.$inferInsert) {
  await exec.insert(assignments).values(row);
}

export async function assignmentsOf(exec: Executor, personId: string) {
  const from = alias(orgUnits, 'from_unit');
  return exec
    .select({ a: assignments, orgName: orgUnits.name, fromName: from.name, workerName: worker.displayName })
    .from(assignments)
    .innerJoin(orgUnits, eq(orgUnits.id, assignments.orgUnitId))
    .leftJoin(from, eq(from.id, assignments.fromOrgUnitId))
    .leftJoin(worker, eq(worker.id, assignments.workerId))
    .where(eq(assignments.personId, personId))
    .orderBy(asc(assignments.at));
}

export async function countInUnit(exec: Executor, unitId: string): Promise<number> {
  const r = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(persons)
    .where(eq(persons.orgUnitId, unitId));
  return Number(r[0]?.n ?? 0);
}

/** Fresh planner statistics for the module's tables (after bulk writes). */
export async function analyzePersonTables(exec: Executor): Promise<void> {
  await exec.execute(sql`analyze persons, person_assignments`);
}

/** Any one encrypted value of the module, to test a data key against (null when there is none). */
export async function anyEncryptedValue(exec: Executor): Promise<string | null> {
  const r = await exec.select({ v: persons.idNumberEnc }).from(persons).limit(1);
  return r[0]?.v ?? null;
}

/** Rows written before `id_last4_index` existed (migration 0003), a page at a time. */
export async function withoutLast4Index(exec: Executor, limit: number): Promise<{ id: string; idNumberEnc: string }[]> {
  return exec.select({ id: persons.id, idNumberEnc: persons.idNumberEnc }).from(persons).where(isNull(persons.idLast4Index)).limit(limit);
}

/** Sets the blind index of many rows in one statement (one JSON parameter, same SQL on both databases). */
export async function setLast4Indexes(exec: Executor, items: { id: string; idx: string }[]): Promise<void> {
  if (items.length === 0) return;
  await exec.execute(sql`update persons set id_last4_index = v.idx from json_to_recordset(${JSON.stringify(items)}::json) as v(id uuid, idx text) where persons.id = v.id`);
}

/** Many new files in one statement (one JSON parameter; same SQL on both databases): the ledger import's write. */
export async function insertManyJson(exec: Executor, rows: NewPersonRow[]): Promise<void> {
  await insertJson(exec, persons, rows);
}

export async function insertAssignmentsJson(exec: Executor, rows: (typeof assignments.$inferInsert)[]): Promise<void> {
  await insertJson(exec, assignments, rows);
}

/** Name and encrypted ID number of some persons, for the audit viewer's masked labels (nothing else). */
export async function labelsOf(exec: Executor, ids: string[]): Promise<{ id: string; name: string; idNumberEnc: string }[]> {
  if (ids.length === 0) return [];
  return exec.select({ id: persons.id, name: persons.name, idNumberEnc: persons.idNumberEnc }).from(persons).where(inArray(persons.id, ids));
}

// ---- what other modules ask of a person (through the service) ----

const contextColumns = {
  id: persons.id,
  name: persons.name,
  orgUnitId: persons.orgUnitId,
  orgUnitName: orgUnits.name,
  workerId: persons.responsibleWorkerId,
  orgPath: orgUnits.path,
  sealed: persons.sealed,
};
export type PersonContext = { id: string; name: string; orgUnitId: string; orgUnitName: string; workerId: string | null; orgPath: string; sealed: boolean };

/** Unit, path, worker and seal of some persons. */
export async function contextOf(exec: Executor, ids: string[]): Promise<PersonContext[]> {
  if (ids.length === 0) return [];
  return exec.select(contextColumns).from(persons).innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId)).where(inArray(persons.id, ids));
}

/**
 * The same, locking the persons' rows (not their units') in id order, so that two batches never
 * wait on each other in a circle: one statement both locks and reads.
 */
export async function lockContextOf(exec: Executor, ids: string[]): Promise<PersonContext[]> {
  if (ids.length === 0) return [];
  return exec
    .select(contextColumns)
    .from(persons)
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .where(inArray(persons.id, ids))
    .orderBy(asc(persons.id))
    .for('update', { of: persons });
}

export async function phoneOf(exec: Executor, personId: string) {
  const r = await exec
    .select({ phoneEnc: persons.phoneEnc, orgPath: orgUnits.path, sealed: persons.sealed })
    .from(persons)
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .where(eq(persons.id, personId));
  return r[0];
}

/** The org path of a person's current unit. */
export async function orgPathOf(exec: Executor, personId: string): Promise<string | null> {
  const r = await exec.select({ path: orgUnits.path }).from(persons).innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId)).where(eq(persons.id, personId));
  return r[0]?.path ?? null;
}

/** Name and encrypted phone of some persons: what a partner may know of a referral (issue 12 item 5). */
export async function contactsOf(exec: Executor, ids: string[]): Promise<{ id: string; name: string; phoneEnc: string | null }[]> {
  if (ids.length === 0) return [];
  return exec
    .select({ id: persons.id, name: persons.name, phoneEnc: persons.phoneEnc })
    .from(persons)
    .where(and(inArray(persons.id, ids), openFile(persons)));
}

/** Persons under a community measure in a subtree (K8, K9 denominators), unsealed. */
/** D6: the drugs and ways of use on file (clear columns), for the warnings module. */
export async function useOf(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec.select({ id: persons.id, drugTypes: persons.drugTypes, useMethods: persons.useMethods, riskLevel: persons.riskLevel }).from(persons).where(inArray(persons.id, ids));
}

/** D4: the class the warnings module derived (never typed in once computed), so lists filter and sort on it. */
export async function setRiskLevel(exec: Executor, id: string, level: 'high' | 'medium' | 'low') {
  await exec.update(persons).set({ riskLevel: level }).where(eq(persons.id, id));
}

export async function idsUnderMeasureIn(exec: Executor, orgPath: string): Promise<string[]> {
  const r = await exec
    .select({ id: persons.id })
    .from(persons)
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .where(and(like(orgUnits.path, `${escapeLike(orgPath)}%`), inArray(persons.status, ['under_community_detox', 'under_community_rehab']), openFile(persons)));
  return r.map((x) => x.id);
}

/**
 * #16 capacity (K12): open files under a running community measure (or one suspended) in a
 * subtree, counted by responsible worker (null: none assigned). The derived status says it, so
 * no other module's table is read.
 */
export async function caseloadsUnder(exec: Executor, orgPath: string): Promise<{ workerId: string | null; persons: number }[]> {
  const r = await exec
    .select({ workerId: persons.responsibleWorkerId, persons: sql<number>`count(*)::int` })
    .from(persons)
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .where(and(like(orgUnits.path, `${escapeLike(orgPath)}%`), inArray(persons.status, ['under_community_detox', 'under_community_rehab', 'suspended']), openFile(persons)))
    .groupBy(persons.responsibleWorkerId);
  return r.map((x) => ({ workerId: x.workerId, persons: Number(x.persons) }));
}

export async function setSealed(exec: Executor, id: string, sealed: boolean): Promise<void> {
  await exec
    .update(persons)
    .set({ sealed, updatedAt: sql`now()` })
    .where(eq(persons.id, id));
}

/** Open files in id order after `after` (keyset pages over the whole city). */
/** The set of open files in one figure: their count and a sum of their ids' hashes (a file sealed, unsealed or filed changes it). */
export async function openFingerprint(exec: Executor): Promise<string> {
  const r = await exec
    .select({ n: sql<number>`count(*)::int`, h: sql<string>`coalesce(sum(hashtext(${persons.id}::text)::bigint), 0)::text` })
    .from(persons)
    .where(openFile(persons));
  return `${r[0]!.n}:${r[0]!.h}`;
}

export async function openIdsPage(exec: Executor, after: string | null, limit: number): Promise<string[]> {
  const r = await exec
    .select({ id: persons.id })
    .from(persons)
    .where(and(openFile(persons), after ? sql`${persons.id} > ${after}::uuid` : undefined))
    .orderBy(asc(persons.id))
    .limit(limit);
  return r.map((x) => x.id);
}

/** The transfers of some persons (C7): when each arrived in its new unit. */
export async function transfersOf(exec: Executor, ids: string[]): Promise<{ personId: string; at: Date }[]> {
  if (ids.length === 0) return [];
  return exec
    .select({ personId: assignments.personId, at: assignments.at })
    .from(assignments)
    .where(and(inArray(assignments.personId, ids), eq(assignments.kind, 'transfer')));
}

/** P4, issue 14: the retention purge: the person's assignments and the file itself, last of all. */
export async function purgePerson(exec: Executor, personId: string): Promise<Record<string, number>> {
  const counts = await deleteRowsOfPerson(exec, [assignments], personId);
  counts.persons = (await exec.delete(persons).where(eq(persons.id, personId)).returning({ id: persons.id })).length;
  return counts;
}

/** #15 reports: how many open files were opened under a path in a period (a count, nobody named). */
export async function filedCountIn(exec: Executor, f: { path: string; from: string; to: string; timeZone: string }): Promise<number> {
  const [r] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(persons)
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .where(
      and(like(orgUnits.path, `${escapeLike(f.path)}%`), openFile(persons), sql`(${persons.createdAt} at time zone ${f.timeZone})::date between ${f.from}::date and ${f.to}::date`),
    );
  return Number(r?.n ?? 0);
}
