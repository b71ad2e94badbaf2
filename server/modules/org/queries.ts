import { and, eq, like, or, sql, asc } from 'drizzle-orm';
import { orgUnits } from './schema';
import type { Executor } from '../../db/client';

export type OrgUnitRow = typeof orgUnits.$inferSelect;

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');
/** `path LIKE '<prefix>%'`, which the text_pattern_ops index answers. */
export const underPath = (prefix: string) => like(orgUnits.path, `${escapeLike(prefix)}%`);

export async function byId(exec: Executor, id: string): Promise<OrgUnitRow | undefined> {
  const r = await exec.select().from(orgUnits).where(eq(orgUnits.id, id));
  return r[0];
}

export async function listUnder(exec: Executor, prefixes: string[]): Promise<OrgUnitRow[]> {
  if (prefixes.length === 0) return [];
  return exec
    .select()
    .from(orgUnits)
    .where(or(...prefixes.map(underPath)))
    .orderBy(asc(orgUnits.depth), asc(orgUnits.name));
}

export async function rootCount(exec: Executor): Promise<number> {
  const r = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(orgUnits)
    .where(sql`${orgUnits.parentId} is null`);
  return Number(r[0]?.n ?? 0);
}

export async function insert(
  exec: Executor,
  row: { id: string; parentId: string | null; level: OrgUnitRow['level']; name: string; code: string | null; path: string; depth: number },
) {
  const r = await exec.insert(orgUnits).values(row).returning();
  return r[0]!;
}

export async function update(exec: Executor, id: string, patch: Partial<Pick<OrgUnitRow, 'name' | 'code' | 'active'>>) {
  const r = await exec
    .update(orgUnits)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(orgUnits.id, id))
    .returning();
  return r[0]!;
}

export async function setActiveUnder(exec: Executor, prefix: string, active: boolean): Promise<void> {
  await exec
    .update(orgUnits)
    .set({ active, updatedAt: sql`now()` })
    .where(underPath(prefix));
}

/** Re-roots a whole subtree in one statement: every path under `oldPrefix` gets `newPrefix`. */
export async function movePaths(exec: Executor, oldPrefix: string, newPrefix: string, depthDelta: number): Promise<void> {
  await exec
    .update(orgUnits)
    .set({
      path: sql`${newPrefix} || substr(${orgUnits.path}, ${oldPrefix.length + 1})`,
      depth: sql`${orgUnits.depth} + ${depthDelta}`,
      updatedAt: sql`now()`,
    })
    .where(underPath(oldPrefix));
}

export async function setParent(exec: Executor, id: string, parentId: string): Promise<void> {
  await exec.update(orgUnits).set({ parentId }).where(eq(orgUnits.id, id));
}

export async function childCount(exec: Executor, id: string): Promise<number> {
  const r = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(orgUnits)
    .where(eq(orgUnits.parentId, id));
  return Number(r[0]?.n ?? 0);
}

export async function siblingNamed(exec: Executor, parentId: string | null, name: string, exceptId?: string) {
  const r = await exec
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(parentId ? eq(orgUnits.parentId, parentId) : sql`${orgUnits.parentId} is null`, eq(orgUnits.name, name)));
  return r.find((x) => x.id !== exceptId);
}

export async function remove(exec: Executor, id: string): Promise<void> {
  await exec.delete(orgUnits).where(eq(orgUnits.id, id));
}
