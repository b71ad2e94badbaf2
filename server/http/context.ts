import type { Permission } from '../../core/contracts/permissions';

/** What a route requires. Declared where the route is registered; a route without it cannot start. */
export interface Access {
  /**
   * `public`: no session. `sign_in_step`: any session, even one still in the two-factor or
   * password-change step. `signed_in`: a fully signed-in session. Else a permission.
   */
  permission: Permission | 'public' | 'sign_in_step' | 'signed_in';
  /**
   * `none`: not about records of an org unit. `self`: only the caller's own account.
   * `org_subtree`: records are filtered to the org subtrees where the caller holds the permission.
   * `partner`: records are filtered to what was referred to the partner organisations the caller
   * is staff of (issue 12: a partner sees only its referrals).
   */
  scope: 'none' | 'self' | 'org_subtree' | 'partner';
}

export interface GrantInfo {
  grantId: string;
  roleCode: string;
  roleNameZh: string;
  roleNameEn: string;
  orgName: string;
  permissions: string[];
  orgUnitId: string;
  orgPath: string;
}

export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  orgUnitId: string;
  orgPath: string;
  sessionId: string;
  stage: 'mfa' | 'password_change' | 'mfa_setup' | 'active';
  csrfToken: string;
  grants: GrantInfo[];
}

/** Who did it and from where; every audited write and read carries one. */
export interface RequestContext {
  actor: Principal | null;
  ip: string | null;
  userAgent: string | null;
}

export function hasPermission(p: Principal, perm: Permission): boolean {
  return p.grants.some((g) => g.permissions.includes(perm));
}

/** The org paths where `perm` holds, with nested paths removed (a subtree covers its children). */
export function scopePaths(p: Principal, perm: Permission): string[] {
  const paths = [...new Set(p.grants.filter((g) => g.permissions.includes(perm)).map((g) => g.orgPath))].sort();
  return paths.filter((path, i) => !paths.slice(0, i).some((other) => path.startsWith(other)));
}

export function inScope(p: Principal, perm: Permission, orgPath: string): boolean {
  return scopePaths(p, perm).some((s) => orgPath.startsWith(s));
}
