import { and, asc, eq, isNull } from 'drizzle-orm';
import { documents, unitDocuments } from './schema';
import { userRef } from '../users/relations';
import type { Executor } from '../../db/client';

export type DocumentRow = typeof documents.$inferSelect;
export type NewDocumentRow = typeof documents.$inferInsert;
export type DocumentWithNames = { doc: DocumentRow; uploadedByName: string | null; withdrawnByName: string | null };

const uploader = userRef('uploader');
const withdrawer = userRef('withdrawer');

function base(exec: Executor) {
  return exec
    .select({ doc: documents, uploadedByName: uploader.displayName, withdrawnByName: withdrawer.displayName })
    .from(documents)
    .leftJoin(uploader, eq(uploader.id, documents.uploadedBy))
    .leftJoin(withdrawer, eq(withdrawer.id, documents.withdrawnBy));
}

export async function byId(exec: Executor, id: string): Promise<DocumentWithNames | undefined> {
  return (await base(exec).where(eq(documents.id, id)))[0];
}

export function ofPerson(exec: Executor, personId: string, filter: { measureId?: string; includeWithdrawn: boolean }): Promise<DocumentWithNames[]> {
  return base(exec)
    .where(
      and(
        eq(documents.personId, personId),
        filter.measureId ? eq(documents.measureId, filter.measureId) : undefined,
        filter.includeWithdrawn ? undefined : isNull(documents.withdrawnAt),
      ),
    )
    .orderBy(asc(documents.createdAt), asc(documents.id));
}

/** Valid (not withdrawn) documents attached to a measure: what the checklist counts. */
export function validOfMeasure(exec: Executor, measureId: string): Promise<{ id: string; kind: string }[]> {
  return exec
    .select({ id: documents.id, kind: documents.kind })
    .from(documents)
    .where(and(eq(documents.measureId, measureId), isNull(documents.withdrawnAt)))
    .orderBy(asc(documents.createdAt), asc(documents.id));
}

export async function insert(exec: Executor, row: NewDocumentRow): Promise<DocumentRow> {
  const r = await exec.insert(documents).values(row).returning();
  return r[0]!;
}

/** Marks a document withdrawn, only if it is not already: returns undefined when it was. */
export async function withdraw(exec: Executor, id: string, by: string, reason: string, at: Date): Promise<DocumentRow | undefined> {
  const r = await exec
    .update(documents)
    .set({ withdrawnAt: at, withdrawnBy: by, withdrawReason: reason })
    .where(and(eq(documents.id, id), isNull(documents.withdrawnAt)))
    .returning();
  return r[0];
}

/** Upload and withdrawal lines of a person's timeline. */
export function timelineOf(exec: Executor, personId: string) {
  return exec
    .select({
      id: documents.id,
      kind: documents.kind,
      title: documents.title,
      createdAt: documents.createdAt,
      withdrawnAt: documents.withdrawnAt,
      withdrawReason: documents.withdrawReason,
    })
    .from(documents)
    .where(eq(documents.personId, personId))
    .orderBy(asc(documents.createdAt), asc(documents.id));
}

/** Whose a document is and whether it was withdrawn (another module's record attaches it). */
export async function ownerOf(exec: Executor, id: string) {
  const r = await exec.select({ personId: documents.personId, withdrawnAt: documents.withdrawnAt }).from(documents).where(eq(documents.id, id));
  return r[0];
}

// ——— documents of a unit (receipts, 七有 evidence)

export type UnitDocumentRow = typeof unitDocuments.$inferSelect;

export async function insertUnitDocument(exec: Executor, row: typeof unitDocuments.$inferInsert): Promise<UnitDocumentRow> {
  return (await exec.insert(unitDocuments).values(row).returning())[0]!;
}

export async function unitDocumentById(exec: Executor, id: string): Promise<UnitDocumentRow | undefined> {
  return (await exec.select().from(unitDocuments).where(eq(unitDocuments.id, id)))[0];
}

/** P4, issue 14: the retention purge: deletes the person's documents, returning their storage keys (the files go next). */
export async function purgePerson(exec: Executor, personId: string): Promise<{ id: string; storageKey: string }[]> {
  return exec.delete(documents).where(eq(documents.personId, personId)).returning({ id: documents.id, storageKey: documents.storageKey });
}
