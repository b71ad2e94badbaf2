import { and, asc, eq, inArray, like, lt, or, sql } from 'drizzle-orm';
import { importJobs } from './schema';
import { orgUnits } from '../org/schema';
import type { Executor } from '../../db/client';

export type ImportJobRow = typeof importJobs.$inferSelect;

export async function insertJob(exec: Executor, row: { userId: string; orgUnitId: string; fileName: string }): Promise<ImportJobRow> {
  const r = await exec
    .insert(importJobs)
    .values({ ...row, status: 'queued', heartbeatAt: sql`now()` })
    .returning();
  return r[0]!;
}

export async function jobById(exec: Executor, id: string): Promise<ImportJobRow | undefined> {
  const r = await exec.select().from(importJobs).where(eq(importJobs.id, id));
  return r[0];
}

export async function updateJob(exec: Executor, id: string, patch: Partial<typeof importJobs.$inferInsert>): Promise<void> {
  await exec
    .update(importJobs)
    .set({ ...patch, heartbeatAt: sql`now()` })
    .where(eq(importJobs.id, id));
}

/** Adds a committed batch's counts to the job (batches written at once each add their own). */
export async function addToJob(exec: Executor, id: string, d: { processed: number; imported: number; updated: number; unchanged: number; rejected: number }): Promise<void> {
  await exec
    .update(importJobs)
    .set({
      processed: sql`${importJobs.processed} + ${d.processed}`,
      imported: sql`${importJobs.imported} + ${d.imported}`,
      updated: sql`${importJobs.updated} + ${d.updated}`,
      unchanged: sql`${importJobs.unchanged} + ${d.unchanged}`,
      rejected: sql`${importJobs.rejected} + ${d.rejected}`,
      heartbeatAt: sql`now()`,
    })
    .where(eq(importJobs.id, id));
}

/** Keeps this process's queued and running jobs alive for the reaper. */
export async function touch(exec: Executor, ids: string[]): Promise<void> {
  if (ids.length)
    await exec
      .update(importJobs)
      .set({ heartbeatAt: sql`now()` })
      .where(inArray(importJobs.id, ids));
}

/** Jobs whose process stopped touching them (it died or was killed): failed, with what they had written. */
export async function failStale(exec: Executor, staleSeconds: number): Promise<number> {
  const r = await exec
    .update(importJobs)
    .set({ status: 'failed', error: 'ledger.interrupted', finishedAt: sql`now()` })
    .where(
      and(
        inArray(importJobs.status, ['queued', 'running']),
        lt(sql`coalesce(${importJobs.heartbeatAt}, ${importJobs.createdAt})`, sql`now() - make_interval(secs => ${staleSeconds})`),
      ),
    )
    .returning({ id: importJobs.id });
  return r.length;
}

/** Units under the given org paths, for resolving 所属社区 names. */
export async function unitsUnder(exec: Executor, prefixes: string[]) {
  if (!prefixes.length) return [];
  const esc = (s: string) => s.replace(/[%_\\]/g, '\\$&');
  return exec
    .select({ id: orgUnits.id, parentId: orgUnits.parentId, name: orgUnits.name, level: orgUnits.level, path: orgUnits.path, active: orgUnits.active })
    .from(orgUnits)
    .where(or(...prefixes.map((p) => like(orgUnits.path, `${esc(p)}%`))))
    .orderBy(asc(orgUnits.depth), asc(orgUnits.name));
}
