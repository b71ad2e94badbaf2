import { and, eq, gt, inArray, isNull, like, lt, or, sql, asc, ilike } from 'drizzle-orm';
import { users, roles, grants, signInLockouts } from './schema';
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
  const r = await exec.select({ user: users, orgPath: orgUnits.path }).from(users).innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId)).where(eq(users.username, username));
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
  const [c] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(cond);
  return { items, total: Number(c?.n ?? 0) };
}

export async function insertUser(exec: Executor, row: typeof users.$inferInsert) {
  const r = await exec.insert(users).values(row).returning();
  return r[0]!;
}

export async function updateUser(exec: Executor, id: string, patch: Partial<typeof users.$inferInsert>) {
  const r = await exec
    .update(users)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning();
  return r[0]!;
}

export async function countUsersInUnit(exec: Executor, unitId: string): Promise<number> {
  const r = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(eq(users.orgUnitId, unitId));
  return Number(r[0]?.n ?? 0);
}

export async function countGrantsOnUnit(exec: Executor, unitId: string): Promise<number> {
  const r = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(grants)
    .where(eq(grants.orgUnitId, unitId));
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
  const r = await exec
    .update(roles)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(roles.id, id))
    .returning();
  return r[0]!;
}

export async function deleteRole(exec: Executor, id: string) {
  await exec.delete(roles).where(eq(roles.id, id));
}

export async function grantsUsingRole(exec: Executor, roleId: string): Promise<number> {
  const r = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(grants)
    .where(eq(grants.roleId, roleId));
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

/** #15 governance: active holders of a role (by code) granted on units of a subtree, one row per user and unit (K12). */
export async function roleHoldersUnder(exec: Executor, roleCode: string, pathPrefix: string) {
  return exec
    .selectDistinct({ userId: users.id, orgUnitId: grants.orgUnitId })
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .innerJoin(roles, eq(roles.id, grants.roleId))
    .innerJoin(orgUnits, eq(orgUnits.id, grants.orgUnitId))
    .where(and(eq(users.active, true), eq(roles.code, roleCode), like(orgUnits.path, `${pathPrefix.replace(/[%_\\]/g, '\\$&')}%`)));
}

// ---- separation of duties (三员分立) ----

/**
 * Row locks that serialise every change of what a user may do: a grant locks the role and then
 * the user, a role change locks the role (by its update) and then its holders. Two such changes
 * at once therefore see each other instead of each passing the check alone.
 */
export async function lockRole(exec: Executor, id: string) {
  const r = await exec.select().from(roles).where(eq(roles.id, id)).for('update');
  return r[0];
}

export async function lockUsers(exec: Executor, ids: string[]): Promise<void> {
  if (ids.length) await exec.select({ id: users.id }).from(users).where(inArray(users.id, ids)).orderBy(asc(users.id)).for('update');
}

/** Users holding the role through any grant. */
export async function holdersOfRole(exec: Executor, roleId: string): Promise<string[]> {
  const r = await exec.selectDistinct({ userId: grants.userId }).from(grants).where(eq(grants.roleId, roleId));
  return r.map((x) => x.userId);
}

/** Every grant's user, role and permissions; of `userIds` only when given. */
export async function grantPermissions(exec: Executor, userIds?: string[]) {
  if (userIds && !userIds.length) return [];
  return exec
    .select({ userId: grants.userId, roleId: roles.id, roleCode: roles.code, permissions: roles.permissions })
    .from(grants)
    .innerJoin(roles, eq(roles.id, grants.roleId))
    .where(userIds ? inArray(grants.userId, userIds) : undefined);
}

// ---- sign-in lockouts per account and address ----

export type LockoutRow = typeof signInLockouts.$inferSelect;

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Counts one attempt against the account from the address, before its password or code is
 * checked, in one statement: parallel attempts each see the others (no burst slips past the
 * threshold). A lock that has run out starts the count afresh.
 */
export async function countAttempt(exec: Executor, userId: string, address: string, now: Date): Promise<{ failures: number; lockedUntil: Date | null }> {
  const expired = sql`${signInLockouts.lockedUntil} <= ${at(now)}`;
  const r = await exec
    .insert(signInLockouts)
    .values({ userId, address, failures: 1, lockedUntil: null, updatedAt: now })
    .onConflictDoUpdate({
      target: [signInLockouts.userId, signInLockouts.address],
      set: {
        failures: sql`case when ${expired} then 1 else ${signInLockouts.failures} + 1 end`,
        lockedUntil: sql`case when ${expired} then null else ${signInLockouts.lockedUntil} end`,
        updatedAt: now,
      },
    })
    .returning({ failures: signInLockouts.failures, lockedUntil: signInLockouts.lockedUntil });
  return r[0]!;
}

/** An attempt counted by countAttempt that proved right (a password before its code). */
export async function uncountAttempt(exec: Executor, userId: string, address: string): Promise<void> {
  await exec
    .update(signInLockouts)
    .set({ failures: sql`greatest(${signInLockouts.failures} - 1, 0)` })
    .where(and(eq(signInLockouts.userId, userId), eq(signInLockouts.address, address)));
}

export async function lockAddress(exec: Executor, userId: string, address: string, until: Date): Promise<void> {
  await exec
    .update(signInLockouts)
    .set({ failures: 0, lockedUntil: until })
    .where(and(eq(signInLockouts.userId, userId), eq(signInLockouts.address, address)));
}

/** One more wrong password or code against the account from anywhere; the count so far. */
export async function countAccountFailure(exec: Executor, userId: string): Promise<number> {
  const r = await exec
    .update(users)
    .set({ failedAttempts: sql`${users.failedAttempts} + 1` })
    .where(eq(users.id, userId))
    .returning({ n: users.failedAttempts });
  return r[0]?.n ?? 0;
}

export async function clearLockouts(exec: Executor, userId: string, address?: string): Promise<void> {
  await exec.delete(signInLockouts).where(and(eq(signInLockouts.userId, userId), address === undefined ? undefined : eq(signInLockouts.address, address)));
}

/** Of `userIds`, those locked out from at least one address at `now`. */
export async function lockedFromSomewhere(exec: Executor, userIds: string[], now: Date): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const r = await exec
    .selectDistinct({ userId: signInLockouts.userId })
    .from(signInLockouts)
    .where(and(inArray(signInLockouts.userId, userIds), gt(signInLockouts.lockedUntil, now)));
  return new Set(r.map((x) => x.userId));
}

/** Counters untouched since `before` and not locked any more are of no use. */
export async function purgeLockouts(exec: Executor, before: Date, now: Date): Promise<void> {
  await exec.delete(signInLockouts).where(and(lt(signInLockouts.updatedAt, before), or(isNull(signInLockouts.lockedUntil), lt(signInLockouts.lockedUntil, now))));
}

/** Marks `step` as the account's last accepted one-time code; false if it (or a later one) was used already. */
export async function takeTotpStep(exec: Executor, userId: string, step: number): Promise<boolean> {
  const r = await exec
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return r.length > 0;
}

export async function displayNames(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
}
