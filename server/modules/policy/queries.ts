import { desc, eq, isNull, sql } from 'drizzle-orm';
import { policyVersions } from './schema';
import { orgUnits } from '../org/schema';
import { userRef } from '../users/relations';
import type { Executor } from '../../db/client';

/** Who created a version (users module's published names). */
const users = userRef('creator');

export type PolicyVersionRow = typeof policyVersions.$inferSelect;

/** The override in force for each scope: the newest row per org unit (null = the deployment). */
export async function latestPerScope(exec: Executor): Promise<PolicyVersionRow[]> {
  const all = await exec.select().from(policyVersions).orderBy(desc(policyVersions.seq));
  const seen = new Set<string>();
  return all.filter((r) => {
    const k = r.orgUnitId ?? '';
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export async function history(exec: Executor) {
  return exec
    .select({ v: policyVersions, orgName: orgUnits.name, orgPath: orgUnits.path, createdByName: users.displayName })
    .from(policyVersions)
    .leftJoin(orgUnits, eq(orgUnits.id, policyVersions.orgUnitId))
    .leftJoin(users, eq(users.id, policyVersions.createdBy))
    .orderBy(desc(policyVersions.seq));
}

export async function byVersion(exec: Executor, version: string) {
  const r = await exec.select({ id: policyVersions.id }).from(policyVersions).where(eq(policyVersions.version, version));
  return r[0];
}

export async function insert(exec: Executor, row: typeof policyVersions.$inferInsert): Promise<PolicyVersionRow> {
  const r = await exec.insert(policyVersions).values(row).returning();
  return r[0]!;
}

export async function countForUnit(exec: Executor, unitId: string): Promise<number> {
  const r = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(policyVersions)
    .where(eq(policyVersions.orgUnitId, unitId));
  return Number(r[0]?.n ?? 0);
}

export async function deploymentCount(exec: Executor): Promise<number> {
  const r = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(policyVersions)
    .where(isNull(policyVersions.orgUnitId));
  return Number(r[0]?.n ?? 0);
}
