import { and, asc, eq, sql } from 'drizzle-orm';
import { dictionaryEntries } from './schema';
import type { Executor } from '../../db/client';

export type DictionaryRow = typeof dictionaryEntries.$inferSelect;

export async function all(exec: Executor): Promise<DictionaryRow[]> {
  return exec.select().from(dictionaryEntries).orderBy(asc(dictionaryEntries.kind), asc(dictionaryEntries.sort), asc(dictionaryEntries.code));
}

export async function byId(exec: Executor, id: string) {
  const r = await exec.select().from(dictionaryEntries).where(eq(dictionaryEntries.id, id));
  return r[0];
}

export async function byKindCode(exec: Executor, kind: string, code: string) {
  const r = await exec
    .select()
    .from(dictionaryEntries)
    .where(and(eq(dictionaryEntries.kind, kind), eq(dictionaryEntries.code, code)));
  return r[0];
}

/** Seeds never overwrite an administrator's edits: existing codes are left alone. */
export async function insertMissing(exec: Executor, rows: (typeof dictionaryEntries.$inferInsert)[]) {
  if (rows.length === 0) return;
  await exec.insert(dictionaryEntries).values(rows).onConflictDoNothing();
}

export async function insert(exec: Executor, row: typeof dictionaryEntries.$inferInsert) {
  const r = await exec.insert(dictionaryEntries).values(row).returning();
  return r[0]!;
}

export async function update(exec: Executor, id: string, patch: Partial<typeof dictionaryEntries.$inferInsert>) {
  const r = await exec
    .update(dictionaryEntries)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(dictionaryEntries.id, id))
    .returning();
  return r[0]!;
}

/** Seed aliases for entries whose aliases were never set (null); an administrator's list, even empty, is kept. */
export async function fillUnsetAliases(exec: Executor, rows: { kind: string; code: string; aliases: string[] }[]) {
  if (rows.length === 0) return;
  await exec.execute(
    sql`update dictionary_entries d set aliases = v.aliases from json_to_recordset(${JSON.stringify(rows)}::json) as v(kind text, code text, aliases text[]) where d.kind = v.kind and d.code = v.code and d.aliases is null`,
  );
}
