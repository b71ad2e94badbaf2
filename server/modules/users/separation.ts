import type { Executor } from '../../db/client';
import { isAdminPermission, personPermissions } from '../../../core/contracts/permissions';
import * as q from './queries';

// 三员分立 (RULES P6, 等保 L3): no account may hold an administrator permission and a
// person-data permission at once, by any path that changes what an account may do — a role's
// own permissions (create, change), a grant, a change of the built-in roles. Moving a user or a
// unit changes no permission (grants name their unit), so it needs no check.

const personSet = new Set<string>(personPermissions);

export const mixesDuties = (perms: readonly string[]) => perms.some(isAdminPermission) && perms.some((p) => personSet.has(p));
export const holdsPersonData = (perms: readonly string[]) => perms.some((p) => personSet.has(p));

export interface PermissionChange {
  /** A role's permissions as they would be after the change. */
  role?: { id: string; permissions: readonly string[] };
  /** A grant about to be added. */
  grant?: { userId: string; permissions: readonly string[] };
}

/**
 * The ids, among `userIds`, of the accounts that would hold both kinds of permission after `change`.
 * Locks the users first (see q.lockRole), so a concurrent grant or role change waits and is
 * then checked against this one.
 */
export async function accountsMixingDuties(exec: Executor, userIds: string[] | 'all', change: PermissionChange = {}): Promise<string[]> {
  if (userIds !== 'all') await q.lockUsers(exec, userIds);
  const rows = await q.grantPermissions(exec, userIds === 'all' ? undefined : userIds);
  const held = new Map<string, string[]>();
  const add = (userId: string, perms: readonly string[]) => held.set(userId, [...(held.get(userId) ?? []), ...perms]);
  for (const r of rows) add(r.userId, change.role && r.roleId === change.role.id ? change.role.permissions : r.permissions);
  if (change.grant) add(change.grant.userId, change.grant.permissions);
  return [...held].filter(([, perms]) => mixesDuties(perms)).map(([userId]) => userId);
}
