import { and, eq, inArray, like, or, sql, asc, ilike } from 'drizzle-orm';
import { users, roles, grants } from './schema';
import { orgUnits } from '../org/schema';
import type { Executor } from '../../db/client';

export type UserRow = typeof users.$inferSelect;
export type RoleRow = typeof roles.$inferSelect;
export type GrantRow = typeof grants.$inferSelect;

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

export async function userById(exec: Executor, id: string) {
  const r = await exec
    .select({ user: users, orgPath: orgUnits.path, orgName: orgUnits.name })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(users.id, id));
  return r[0];
}

export async function userByUsername(exec: Executor, username: string) {
  const r = await exec
    .select({ user: users, orgPath: orgUnits.path })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(users.username, username));
  return r[0];
}

export async function listUsers(exec: Executor, scope: string[], filter: { q?: string; orgUnitId?: string }, limit: number, offset: number) {
  if (scope.length === 0) return { items: [], total: 0 };
  const cond = and(
    or(...scope.map((p) => like(orgUnits.path, `${escapeLike(p)}%`))),
    filter.q ? or(ilike(users.username, `%${escapeLike(filter.q)}%`), ilike(users.displayName, `%${escapeLike(filter.q)}%`)) : undefined,
    filter.orgUnitId ? eq(users.orgUnitId, filter.orgUnitId) : undefined,
  );
  const items = await exec
    .select({ user: users, orgPath: orgUnits.path, orgName: orgUnits.name })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(cond)
    .orderBy(asc(users.username))
    .limit(limit)
    .offset(offset);
  const [c] = await exec.select({ n: sql<number>`count(*)::int` }).from(users).innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId)).where(cond);
  return { items, total: Number(c?.n ?? 0) };
}

export async function insertUser(exec: Executor, row: typeof users.$inferInsert) {
  const r = await exec.insert(users).values(row).returning();
  return r[0]!;
}

export async function updateUser(exec: Executor, id: string, patch: Partial<typeof users.$inferInsert>) {
  const r = await exec.update(users).set({ ...patch, updatedAt: sql`now()` }).where(eq(users.id, id)).returning();
  return r[0]!;
}

export async function countUsersInUnit(exec: Executor, unitId: string): Promise<number> {
  const r = await exec.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.orgUnitId, unitId));
  return Number(r[0]?.n ?? 0);
}

export async function countGrantsOnUnit(exec: Executor, unitId: string): Promise<number> {
  const r = await exec.select({ n: sql<number>`count(*)::int` }).from(grants).where(eq(grants.orgUnitId, unitId));
  return Number(r[0]?.n ?? 0);
}

export async function anyUser(exec: Executor): Promise<boolean> {
  const r = await exec.select({ id: users.id }).from(users).limit(1);
  return r.length > 0;
}

/** A user's grants with role permissions and the unit's current path (paths move with the tree). */
export async function grantsOf(exec: Executor, userId: string) {
  return exec
    .select({ grant: grants, role: roles, orgPath: orgUnits.path, orgName: orgUnits.name, orgActive: orgUnits.active })
    .from(grants)
    .innerJoin(roles, eq(roles.id, grants.roleId))
    .innerJoin(orgUnits, eq(orgUnits.id, grants.orgUnitId))
    .where(eq(grants.userId, userId))
    .orderBy(asc(orgUnits.path));
}

export async function grantById(exec: Executor, id: string) {
  const r = await exec
    .select({ grant: grants, role: roles, orgPath: orgUnits.path })
    .from(grants)
    .innerJoin(roles, eq(roles.id, grants.roleId))
    .innerJoin(orgUnits, eq(orgUnits.id, grants.orgUnitId))
    .where(eq(grants.id, id));
  return r[0];
}

export async function insertGrant(exec: Executor, row: typeof grants.$inferInsert) {
  const r = await exec.insert(grants).values(row).onConflictDoNothing().returning();
  return r[0];
}

export async function deleteGrant(exec: Executor, id: string) {
  await exec.delete(grants).where(eq(grants.id, id));
}

export async function listRoles(exec: Executor) {
  return exec.select().from(roles).orderBy(asc(roles.builtin), asc(roles.code));
}

export async function roleById(exec: Executor, id: string) {
  const r = await exec.select().from(roles).where(eq(roles.id, id));
  return r[0];
}

export async function roleByCode(exec: Executor, code: string) {
  const r = await exec.select().from(roles).where(eq(roles.code, code));
  return r[0];
}

export async function upsertBuiltinRole(exec: Executor, row: { code: string; nameZh: string; nameEn: string; permissions: string[] }) {
  await exec
    .insert(roles)
    .values({ ...row, builtin: true })
    .onConflictDoUpdate({ target: roles.code, set: { nameZh: row.nameZh, nameEn: row.nameEn, permissions: row.permissions, builtin: true, updatedAt: sql`now()` } });
}

export async function insertRole(exec: Executor, row: typeof roles.$inferInsert) {
  const r = await exec.insert(roles).values(row).returning();
  return r[0]!;
}

export async function updateRole(exec: Executor, id: string, patch: Partial<typeof roles.$inferInsert>) {
  const r = await exec.update(roles).set({ ...patch, updatedAt: sql`now()` }).where(eq(roles.id, id)).returning();
  return r[0]!;
}

export async function deleteRole(exec: Executor, id: string) {
  await exec.delete(roles).where(eq(roles.id, id));
}

export async function grantsUsingRole(exec: Executor, roleId: string): Promise<number> {
  const r = await exec.select({ n: sql<number>`count(*)::int` }).from(grants).where(eq(grants.roleId, roleId));
  return Number(r[0]?.n ?? 0);
}

export async function usersByIds(exec: Executor, ids: string[]) {
  if (!ids.length) return [];
  return exec.select().from(users).where(inArray(users.id, ids));
}

/** Active staff in the subtrees who record supervision (social workers, grid workers, officers). */
export async function listWorkers(exec: Executor, scope: string[]) {
  if (scope.length === 0) return [];
  return exec
    .select({ id: users.id, displayName: users.displayName, orgUnitId: users.orgUnitId, orgUnitName: orgUnits.name, role: roles.code })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .innerJoin(grants, eq(grants.userId, users.id))
    .innerJoin(roles, eq(roles.id, grants.roleId))
    .where(and(eq(users.active, true), sql`'supervision.write' = any(${roles.permissions})`, or(...scope.map((p) => like(orgUnits.path, `${escapeLike(p)}%`)))))
    .orderBy(asc(orgUnits.name), asc(users.displayName))
    .limit(2000);
}

/** Active users holding `permission` through a grant on one of the units at `unitPaths`, with that path. */
export async function holdersOf(exec: Executor, permission: string, unitPaths: string[]) {
  if (unitPaths.length === 0) return [];
  return exec
    .select({ userId: users.id, unitPath: orgUnits.path })
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .innerJoin(roles, eq(roles.id, grants.roleId))
    .innerJoin(orgUnits, eq(orgUnits.id, grants.orgUnitId))
    .where(and(eq(users.active, true), inArray(orgUnits.path, unitPaths), sql`${permission} = any(${roles.permissions})`));
}
