// The assessment module's tables (its scoring rules), and the child units it ranks (org's schema,
// read for scoping like every module's queries).
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { orgUnits } from '../org/schema';
import { assessmentRules } from './schema';

export type RulesRow = typeof assessmentRules.$inferSelect;

export async function unitById(exec: Executor, id: string) {
  const [u] = await exec.select({ id: orgUnits.id, path: orgUnits.path, name: orgUnits.name, level: orgUnits.level }).from(orgUnits).where(eq(orgUnits.id, id));
  return u;
}

export async function childUnits(exec: Executor, parentId: string) {
  return exec
    .select({ id: orgUnits.id, path: orgUnits.path, name: orgUnits.name, level: orgUnits.level })
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, parentId), eq(orgUnits.active, true)))
    .orderBy(asc(orgUnits.name));
}

/** The rules rows of a chain of units (root … unit). */
export async function rulesFor(exec: Executor, unitIds: string[]): Promise<RulesRow[]> {
  if (!unitIds.length) return [];
  return exec.select().from(assessmentRules).where(inArray(assessmentRules.orgUnitId, unitIds));
}

export async function upsertRules(exec: Executor, row: typeof assessmentRules.$inferInsert) {
  await exec
    .insert(assessmentRules)
    .values(row)
    .onConflictDoUpdate({
      target: assessmentRules.orgUnitId,
      set: { weights: row.weights, milestoneShare: row.milestoneShare, milestonePoints: row.milestonePoints, updatedBy: row.updatedBy, updatedAt: row.updatedAt },
    });
}

export async function rulesOfUnit(exec: Executor, unitId: string): Promise<number> {
  const [r] = await exec.select({ n: count() }).from(assessmentRules).where(eq(assessmentRules.orgUnitId, unitId));
  return Number(r?.n ?? 0);
}
