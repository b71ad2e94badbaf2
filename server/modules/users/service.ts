import './audit-actions';
import type { Db, Executor } from '../../db/client';
import type { Clock } from '../../clock';
import type { SecurityPolicy } from '../../config';
import type { DataCipher } from '../../lib/data-key';
import { conflict, fieldError, notFound, forbidden } from '../../errors';
import { inScope, scopePaths, type GrantInfo, type Principal, type RequestContext } from '../../http/context';
import { builtinRoles, isAdminPermission, isPermission, type BuiltinRole, type Permission } from '../../../core/contracts/permissions';
import { checkPasswordPolicy, generatePassword, hashPassword } from '../../lib/password';
import type { AuditService } from '../audit/service';
import type { OrgService } from '../org/service';
import type { SessionService } from '../sessions/service';
import { accountsMixingDuties, mixesDuties } from './separation';
import { createLockouts } from './lockouts';
import { resetCredentials, takeSecondPart, type ResetPart } from './password-reset';
import * as q from './queries';

type Ctx = RequestContext & { actor: Principal };
export type UserRow = q.UserRow;
export type RoleRow = q.RoleRow;

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  orgUnitId: string;
  orgName: string;
  active: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  /** A two-part password reset waits for its second part (a security administrator's). */
  resetPending: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export interface GrantView {
  id: string;
  roleId: string;
  roleCode: string;
  roleNameZh: string;
  roleNameEn: string;
  orgUnitId: string;
  orgName: string;
}

export function createUserService(deps: { db: Db; clock: Clock; policy: SecurityPolicy; cipher: DataCipher; audit: AuditService; org: OrgService; sessions: SessionService }) {
  const { db, audit } = deps;
  const lockouts = createLockouts(deps);

  const view = (r: { user: UserRow; orgName: string }, locked: Set<string>): UserView => ({
    id: r.user.id,
    username: r.user.username,
    displayName: r.user.displayName,
    orgUnitId: r.user.orgUnitId,
    orgName: r.orgName,
    active: r.user.active,
    locked: locked.has(r.user.id),
    mustChangePassword: r.user.mustChangePassword,
    totpEnabled: r.user.totpEnabled,
    resetPending: !!r.user.resetSecondPart,
    lastLoginAt: r.user.lastLoginAt,
    createdAt: r.user.createdAt,
  });

  /** The user if the actor may see them with `perm`; else 404 as if absent. */
  async function visibleUser(exec: Executor, actor: Principal, id: string, perm: 'user.read' | 'user.manage' | 'role.manage' | 'session.manage') {
    const r = await q.userById(exec, id);
    if (!r || !inScope(actor, perm, r.orgPath)) throw notFound('user');
    return r;
  }

  function checkPassword(password: string, username: string, field = 'password') {
    const problem = checkPasswordPolicy(password, username, deps.policy);
    if (problem) throw fieldError(field, problem.code, problem.params);
  }

  const grantInfo = (rows: Awaited<ReturnType<typeof q.grantsOf>>): GrantInfo[] =>
    rows
      .filter((r) => r.orgActive)
      .map((r) => ({
        grantId: r.grant.id,
        roleCode: r.role.code,
        roleNameZh: r.role.nameZh,
        roleNameEn: r.role.nameEn,
        orgName: r.orgName,
        permissions: r.role.permissions,
        orgUnitId: r.grant.orgUnitId,
        orgPath: r.orgPath,
      }));

  /** Views with the lock state (any address, or the whole account). */
  async function views(exec: Executor, rows: { user: UserRow; orgName: string }[]): Promise<UserView[]> {
    const locked = await lockouts.lockedIds(
      exec,
      rows.map((r) => r.user),
    );
    return rows.map((r) => view(r, locked));
  }

  /** RULES P6 on a grant or a role change: refused if any account would then mix duties. */
  async function assertSeparated(exec: Executor, userIds: string[], change: Parameters<typeof accountsMixingDuties>[2], code: string) {
    const mixed = await accountsMixingDuties(exec, userIds, change);
    if (mixed.length) throw change?.grant ? conflict(code) : fieldError('permissions', code, { count: mixed.length });
  }

  return {
    lockouts,

    /**
     * At every start the built-in roles are brought up to date, in one transaction that is
     * refused (and the start with it) if the new definitions would give an account both
     * administrator and person-data permissions (RULES P6).
     */
    syncBuiltinRoles: (definitions: BuiltinRole[] = builtinRoles) =>
      db.transaction(async (tx) => {
        const before = new Set(await accountsMixingDuties(tx, 'all'));
        for (const r of definitions) {
          if (mixesDuties(r.permissions)) throw new Error(`Built-in role ${r.code} mixes administrator and person-data permissions (三员分立, RULES P6)`);
          await q.upsertBuiltinRole(tx, { code: r.code, nameZh: r.zh, nameEn: r.en, permissions: r.permissions });
        }
        const mixed = (await accountsMixingDuties(tx, 'all')).filter((id) => !before.has(id));
        if (mixed.length) {
          throw new Error(
            `The built-in roles would give ${mixed.length} account(s) administrator and person-data permissions at once (三员分立, RULES P6): remove those grants first`,
          );
        }
        // Grants made before every path was checked: said loudly, left to the security administrator.
        if (before.size) console.warn(`三员分立 (RULES P6): ${before.size} account(s) hold administrator and person-data permissions at once; remove one of their grants`);
      }),

    hasAnyUser: () => q.anyUser(db),

    async createInitialAdmin(exec: Executor, ctx: RequestContext, input: { rootUnitId: string; password: string }) {
      const user = await q.insertUser(exec, {
        orgUnitId: input.rootUnitId,
        username: 'admin',
        displayName: '初始管理员',
        passwordHash: await hashPassword(input.password),
        mustChangePassword: true,
      });
      for (const code of ['system_admin', 'security_admin', 'audit_admin']) {
        const role = await q.roleByCode(exec, code);
        await q.insertGrant(exec, { userId: user.id, roleId: role!.id, orgUnitId: input.rootUnitId });
      }
      await audit.record(exec, ctx, { action: 'user.bootstrap', entityType: 'user', entityId: user.id, after: { username: 'admin' } });
      return user;
    },

    // ---- lookups for the auth module ----
    byUsername: (username: string) => q.userByUsername(db, username.trim().toLowerCase()),
    byId: (id: string, exec: Executor = db) => q.userById(exec, id),
    grantsFor: async (userId: string) => grantInfo(await q.grantsOf(db, userId)),
    requiresMfa: async (userId: string) => {
      if (!deps.policy.mfaForAdmins) return false;
      const g = await q.grantsOf(db, userId);
      return g.some((r) => r.role.permissions.some(isAdminPermission));
    },
    updateAccount: (
      exec: Executor,
      id: string,
      patch: Partial<
        Pick<UserRow, 'lastLoginAt' | 'totpSecret' | 'totpEnabled' | 'passwordHash' | 'mustChangePassword' | 'passwordChangedAt' | 'resetSecondPart' | 'resetBy' | 'totpLastStep'>
      >,
    ) => q.updateUser(exec, id, patch),
    /** A code of `step` is accepted once per account, whichever session sends it (issue 9 §4). */
    takeTotpStep: (exec: Executor, id: string, step: number) => q.takeTotpStep(exec, id, step),
    checkPassword,

    // ---- user administration ----
    async list(actor: Principal, filter: { q?: string; orgUnitId?: string }, page: { limit: number; offset: number }) {
      const r = await q.listUsers(db, scopePaths(actor, 'user.read'), filter, page.limit, page.offset);
      return { items: await views(db, r.items), total: r.total };
    },

    async get(actor: Principal, id: string) {
      return (await views(db, [await visibleUser(db, actor, id, 'user.read')]))[0]!;
    },

    create: (ctx: Ctx, input: { username: string; displayName: string; orgUnitId: string; password?: string }) =>
      db.transaction(async (tx) => {
        const unit = await deps.org.byId(tx, input.orgUnitId);
        if (!unit || !inScope(ctx.actor, 'user.manage', unit.path)) throw notFound('org');
        const username = input.username.toLowerCase();
        if (await q.userByUsername(tx, username)) throw fieldError('username', 'user.username_taken');
        const oneTime = input.password ?? generatePassword();
        checkPassword(oneTime, username);
        const user = await q.insertUser(tx, {
          orgUnitId: unit.id,
          username,
          displayName: input.displayName,
          passwordHash: await hashPassword(oneTime),
          mustChangePassword: true,
        });
        await audit.record(tx, ctx, {
          action: 'user.create',
          entityType: 'user',
          entityId: user.id,
          orgPath: unit.path,
          after: { username, displayName: input.displayName, orgUnitId: unit.id },
        });
        return { user: view({ user, orgName: unit.name }, new Set()), oneTimePassword: input.password ? null : oneTime };
      }),

    update: (ctx: Ctx, id: string, patch: { displayName?: string; orgUnitId?: string; active?: boolean }) =>
      db.transaction(async (tx) => {
        const before = await visibleUser(tx, ctx.actor, id, 'user.manage');
        if (id === ctx.actor.userId && patch.active === false) throw forbidden('user.cannot_change_self');
        let orgName = before.orgName;
        let orgPath = before.orgPath;
        if (patch.orgUnitId && patch.orgUnitId !== before.user.orgUnitId) {
          const unit = await deps.org.byId(tx, patch.orgUnitId);
          if (!unit || !inScope(ctx.actor, 'user.manage', unit.path)) throw notFound('org');
          orgName = unit.name;
          orgPath = unit.path;
        }
        const user = await q.updateUser(tx, id, { displayName: patch.displayName, orgUnitId: patch.orgUnitId, active: patch.active });
        if (patch.active === false) await deps.sessions.revokeAllForUser(tx, id, 'deactivated');
        deps.sessions.invalidateUser(id);
        await audit.record(tx, ctx, {
          action: 'user.update',
          entityType: 'user',
          entityId: id,
          orgPath,
          before: { displayName: before.user.displayName, orgUnitId: before.user.orgUnitId, active: before.user.active },
          after: { displayName: user.displayName, orgUnitId: user.orgUnitId, active: user.active },
        });
        return (await views(tx, [{ user, orgName }]))[0]!;
      }),

    /**
     * A new one-time password, shown once, whole or (for an account with person data) its first
     * part only; the user must change it, is signed out everywhere and unlocked.
     */
    resetPassword: (ctx: Ctx, id: string): Promise<{ oneTimePassword: string; part: ResetPart }> =>
      db.transaction(async (tx) => {
        const target = await visibleUser(tx, ctx.actor, id, 'user.manage');
        const issued = await resetCredentials(tx, deps.cipher, id, ctx.actor.userId);
        await lockouts.unlock(tx, id);
        await deps.sessions.revokeAllForUser(tx, id, 'password_reset');
        await audit.record(tx, ctx, { action: 'user.password_reset', entityType: 'user', entityId: id, orgPath: target.orgPath, details: { part: issued.part } });
        return issued;
      }),

    /** The second part of a two-part reset, to a security administrator other than the resetter, once. */
    issueResetSecondPart: (ctx: Ctx, id: string): Promise<{ oneTimePassword: string; part: ResetPart }> =>
      db.transaction(async (tx) => {
        const target = await visibleUser(tx, ctx.actor, id, 'role.manage');
        const second = await takeSecondPart(tx, deps.cipher, id, ctx.actor.userId);
        await audit.record(tx, ctx, { action: 'user.password_reset_second_part', entityType: 'user', entityId: id, orgPath: target.orgPath });
        return { oneTimePassword: second, part: 'second' };
      }),

    unlock: (ctx: Ctx, id: string) =>
      db.transaction(async (tx) => {
        const target = await visibleUser(tx, ctx.actor, id, 'user.manage');
        await lockouts.unlock(tx, id);
        deps.sessions.invalidateUser(id);
        await audit.record(tx, ctx, { action: 'user.unlock', entityType: 'user', entityId: id, orgPath: target.orgPath });
      }),

    resetMfa: (ctx: Ctx, id: string) =>
      db.transaction(async (tx) => {
        const target = await visibleUser(tx, ctx.actor, id, 'role.manage');
        await q.updateUser(tx, id, { totpSecret: null, totpEnabled: false, totpLastStep: null });
        await deps.sessions.revokeAllForUser(tx, id, 'mfa_reset');
        await audit.record(tx, ctx, { action: 'user.mfa_reset', entityType: 'user', entityId: id, orgPath: target.orgPath });
      }),

    /** Who can be made responsible for a person, for anyone who works on person files in the scope. */
    /**
     * Who holds `permission` over each of `orgPaths` (a grant on the unit or an ancestor):
     * e.g. the police officers to tell of a notice about a person filed there.
     */
    /** Display names of some accounts, by id (other modules' lists). */
    async names(exec: Executor, ids: string[]): Promise<Map<string, string>> {
      return new Map((await q.displayNames(exec, ids)).map((x) => [x.id, x.name]));
    },

    /** #15 governance: who holds a role (by code) on a unit of the subtree, with the unit (K12 counts social workers). */
    roleHoldersUnder: (exec: Executor, roleCode: string, pathPrefix: string) => q.roleHoldersUnder(exec, roleCode, pathPrefix),
    async holdersOver(exec: Executor, permission: Permission, orgPaths: string[]): Promise<Map<string, string[]>> {
      // The units that can hold a grant over a path are its ancestors and itself ('/a/b/' → '/a/', '/a/b/').
      const ancestors = new Set(
        orgPaths.flatMap((path) => {
          const parts = path.split('/').filter(Boolean);
          return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
        }),
      );
      const holders = await q.holdersOf(exec, permission, [...ancestors]);
      return new Map(orgPaths.map((path) => [path, [...new Set(holders.filter((h) => path.startsWith(h.unitPath)).map((h) => h.userId))]]));
    },

    async workers(actor: Principal) {
      const rows = await q.listWorkers(db, scopePaths(actor, 'person.read'));
      const byId = new Map<string, { id: string; displayName: string; orgUnitId: string; orgUnitName: string; roles: string[] }>();
      for (const r of rows) {
        const w = byId.get(r.id) ?? { id: r.id, displayName: r.displayName, orgUnitId: r.orgUnitId, orgUnitName: r.orgUnitName, roles: [] };
        if (!w.roles.includes(r.role)) w.roles.push(r.role);
        byId.set(r.id, w);
      }
      return [...byId.values()];
    },

    // ---- grants ----
    async listGrants(actor: Principal, userId: string): Promise<GrantView[]> {
      await visibleUser(db, actor, userId, 'user.read');
      const rows = await q.grantsOf(db, userId);
      return rows.map((r) => ({
        id: r.grant.id,
        roleId: r.role.id,
        roleCode: r.role.code,
        roleNameZh: r.role.nameZh,
        roleNameEn: r.role.nameEn,
        orgUnitId: r.grant.orgUnitId,
        orgName: r.orgName,
      }));
    },

    addGrant: (ctx: Ctx, userId: string, input: { roleId: string; orgUnitId: string }) =>
      db.transaction(async (tx) => {
        if (userId === ctx.actor.userId) throw forbidden('user.cannot_change_self');
        const target = await visibleUser(tx, ctx.actor, userId, 'role.manage');
        // Lock order role → user, as in updateRole (see q.lockRole).
        const role = await q.lockRole(tx, input.roleId);
        if (!role) throw notFound('role');
        const unit = await deps.org.byId(tx, input.orgUnitId);
        if (!unit || !inScope(ctx.actor, 'role.manage', unit.path)) throw notFound('org');
        await assertSeparated(tx, [userId], { grant: { userId, permissions: role.permissions } }, 'grant.separation_of_duties');
        const grant = await q.insertGrant(tx, { userId, roleId: role.id, orgUnitId: unit.id, createdBy: ctx.actor.userId });
        if (!grant) throw conflict('grant.duplicate');
        deps.sessions.invalidateUser(userId);
        await audit.record(tx, ctx, {
          action: 'grant.create',
          entityType: 'user',
          entityId: userId,
          orgPath: target.orgPath,
          after: { role: role.code, orgUnitId: unit.id, orgPath: unit.path },
        });
        return grant;
      }),

    removeGrant: (ctx: Ctx, userId: string, grantId: string) =>
      db.transaction(async (tx) => {
        if (userId === ctx.actor.userId) throw forbidden('user.cannot_change_self');
        const target = await visibleUser(tx, ctx.actor, userId, 'role.manage');
        const g = await q.grantById(tx, grantId);
        if (!g || g.grant.userId !== userId || !inScope(ctx.actor, 'role.manage', g.orgPath)) throw notFound('grant');
        await q.deleteGrant(tx, grantId);
        deps.sessions.invalidateUser(userId);
        await audit.record(tx, ctx, {
          action: 'grant.delete',
          entityType: 'user',
          entityId: userId,
          orgPath: target.orgPath,
          before: { role: g.role.code, orgUnitId: g.grant.orgUnitId },
        });
      }),

    // ---- roles ----
    listRoles: () => q.listRoles(db),

    createRole: (ctx: Ctx, input: { code: string; nameZh: string; nameEn: string; permissions: string[] }) =>
      db.transaction(async (tx) => {
        validatePermissions(input.permissions);
        if (await q.roleByCode(tx, input.code)) throw fieldError('code', 'role.code_taken');
        const role = await q.insertRole(tx, { ...input, builtin: false });
        await audit.record(tx, ctx, { action: 'role.create', entityType: 'role', entityId: role.id, after: input });
        return role;
      }),

    updateRole: (ctx: Ctx, id: string, patch: { nameZh?: string; nameEn?: string; permissions?: string[] }) =>
      db.transaction(async (tx) => {
        const before = await q.lockRole(tx, id);
        if (!before) throw notFound('role');
        if (before.builtin) throw conflict('role.builtin');
        if (patch.permissions) {
          validatePermissions(patch.permissions);
          // RULES P6 holds for the role's holders too: no widening of a role already granted
          // to an administrator into person data, nor of a worker's role into administration.
          await assertSeparated(tx, await q.holdersOfRole(tx, id), { role: { id, permissions: patch.permissions } }, 'role.separation_of_duties_granted');
        }
        const role = await q.updateRole(tx, id, patch);
        deps.sessions.invalidateUser('*'); // every holder of the role
        await audit.record(tx, ctx, {
          action: 'role.update',
          entityType: 'role',
          entityId: id,
          before: { nameZh: before.nameZh, nameEn: before.nameEn, permissions: before.permissions },
          after: patch,
        });
        return role;
      }),

    deleteRole: (ctx: Ctx, id: string) =>
      db.transaction(async (tx) => {
        const role = await q.roleById(tx, id);
        if (!role) throw notFound('role');
        if (role.builtin) throw conflict('role.builtin');
        if ((await q.grantsUsingRole(tx, id)) > 0) throw conflict('role.in_use');
        await q.deleteRole(tx, id);
        await audit.record(tx, ctx, { action: 'role.delete', entityType: 'role', entityId: id, before: { code: role.code, permissions: role.permissions } });
      }),

    purgeLockouts: (exec: Executor) => lockouts.purge(exec),

    registerOrgUsage() {
      deps.org.registerUsage({ 'zh-CN': '用户', 'en-US': 'users' }, (exec, unitId) => q.countUsersInUnit(exec, unitId));
      deps.org.registerUsage({ 'zh-CN': '授权', 'en-US': 'grants' }, (exec, unitId) => q.countGrantsOnUnit(exec, unitId));
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;

function validatePermissions(perms: string[]): void {
  const unknown = perms.find((p) => !isPermission(p));
  if (unknown) throw fieldError('permissions', 'role.unknown_permission', { permission: unknown });
  if (mixesDuties(perms)) throw fieldError('permissions', 'role.separation_of_duties');
}
