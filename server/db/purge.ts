// The retention purge (RULES P4, issue 14): each module deletes its own rows of a person, in the
// order the caller gives (rows pointing at others first), inside the purge's one transaction.
import { eq, getTableName } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client';

export type PersonTable = PgTable & { personId: PgColumn };

/** Deletes the person's rows of each table in turn; the count per table (SQL name) for the purge's tally. */
export async function deleteRowsOfPerson(exec: Executor, tables: PersonTable[], personId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const gone = await exec.delete(t).where(eq(t.personId, personId)).returning({ p: t.personId });
    out[getTableName(t)] = gone.length;
  }
  return out;
}
