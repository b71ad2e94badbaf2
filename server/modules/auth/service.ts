import type { Db } from '../../db/client';
import type { Clock } from '../../clock';
import type { SecurityPolicy } from '../../config';
import type { DataCipher } from '../../lib/data-key';
import { AppError, conflict, fieldError, unauthorized } from '../../errors';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../lib/password';
import { generateTotpSecret, otpauthUri, verifyTotp } from '../../lib/totp';
import type { Principal, RequestContext } from '../../http/context';
import type { AuditService } from '../audit/service';
import type { SessionService, SessionRow } from '../sessions/service';
import type { UserService, UserRow } from '../users/service';

type Stage = SessionRow['stage'];

export interface LoginResult {
  token: string;
  stage: Stage;
  csrfToken: string;
}

export function createAuthService(deps: {
  db: Db;
  clock: Clock;
  policy: SecurityPolicy;
  cipher: DataCipher;
  audit: AuditService;
  users: UserService;
  sessions: SessionService;
}) {
  const { db, audit, users, sessions, clock, policy } = deps;
  const PRINCIPAL_TTL_MS = 3_000;
  const principalCache = new Map<string, { principal: Principal; until: number }>();
  sessions.onInvalidate((userId) => {
    if (userId === '*') return principalCache.clear();
    for (const [token, entry] of principalCache) if (entry.principal.userId === userId) principalCache.delete(token);
  });

  async function loadPrincipal(token: string): Promise<Principal | null> {
    const session = await sessions.resolve(token);
    if (!session) return null;
    const found = await users.byId(session.userId);
    if (!found || !found.user.active) return null;
    await sessions.touch(session);
    return {
      userId: found.user.id,
      username: found.user.username,
      displayName: found.user.displayName,
      orgUnitId: found.user.orgUnitId,
      orgPath: found.orgPath,
      sessionId: session.id,
      stage: session.stage,
      csrfToken: session.csrfToken,
      grants: await users.grantsFor(found.user.id),
    };
  }

  /** The step a session is in, given what it has proven so far (order: 2FA, password change, 2FA setup). */
  async function nextStage(user: UserRow, mfaVerified: boolean): Promise<Stage> {
    if (user.totpEnabled && !mfaVerified) return 'mfa';
    if (user.mustChangePassword) return 'password_change';
    if (!user.totpEnabled && (await users.requiresMfa(user.id))) return 'mfa_setup';
    return 'active';
  }

  /** The account a sign-in attempt is about, as the actor of its audit row (it has no session yet). */
  const signingIn = (user: UserRow, orgPath: string, sessionId: string | null): Principal => ({
    userId: user.id, username: user.username, displayName: user.displayName, orgUnitId: user.orgUnitId, orgPath,
    sessionId: sessionId ?? '', stage: 'mfa', csrfToken: '', grants: [],
  });

  const lockMinutesLeft = (u: UserRow) => Math.max(1, Math.ceil(((u.lockedUntil?.getTime() ?? 0) - clock.now().getTime()) / 60_000));

  return {
    async login(ctx: RequestContext, username: string, password: string): Promise<LoginResult> {
      const found = await users.byUsername(username);
      const now = clock.now();
      if (!found) {
        // Same work as for a real account, so response time does not reveal which names exist.
        await verifyPassword(await dummyPasswordHash(), password);
        await audit.record(db, ctx, { action: 'auth.login', outcome: 'failure', details: { username: username.slice(0, 64), reason: 'unknown_user' } });
        throw unauthorized('auth.invalid_credentials');
      }
      const { user, orgPath } = found;
      const fail = (reason: string, extra: Record<string, unknown> = {}) =>
        audit.record(db, { ...ctx, actor: signingIn(user, orgPath, null) }, { action: 'auth.login', outcome: 'failure', entityType: 'user', entityId: user.id, orgPath, details: { username: user.username, reason, ...extra } });

      if (user.lockedUntil && user.lockedUntil > now) {
        // RULES P7: while locked even the right password is refused.
        await fail('locked');
        throw new AppError('auth.locked', 423, [], { minutes: lockMinutesLeft(user) });
      }
      if (!(await verifyPassword(user.passwordHash, password))) {
        const attempts = user.failedAttempts + 1;
        const locks = attempts >= policy.lockoutThreshold;
        await db.transaction(async (tx) => {
          await users.updateAccount(tx, user.id, {
            failedAttempts: locks ? 0 : attempts,
            lockedUntil: locks ? new Date(now.getTime() + policy.lockoutMinutes * 60_000) : user.lockedUntil,
          });
          await audit.record(tx, { ...ctx, actor: signingIn(user, orgPath, null) }, { action: 'auth.login', outcome: 'failure', entityType: 'user', entityId: user.id, orgPath, details: { username: user.username, reason: 'wrong_password', attempts, locked: locks } });
        });
        if (locks) throw new AppError('auth.locked', 423, [], { minutes: policy.lockoutMinutes });
        throw unauthorized('auth.invalid_credentials');
      }
      if (!user.active) {
        await fail('inactive');
        throw new AppError('auth.inactive', 403);
      }
      const stage = await nextStage(user, false);
      return db.transaction(async (tx) => {
        await users.updateAccount(tx, user.id, { failedAttempts: 0, lockedUntil: null, lastLoginAt: stage === 'active' ? now : user.lastLoginAt });
        const { token, session } = await sessions.create(tx, { userId: user.id, stage, mfaVerified: false, ip: ctx.ip, userAgent: ctx.userAgent });
        await audit.record(tx, { ...ctx, actor: signingIn(user, orgPath, session.id) }, { action: 'auth.login', entityType: 'user', entityId: user.id, orgPath, details: { username: user.username, stage, sessionId: session.id } });
        return { token, stage, csrfToken: session.csrfToken };
      });
    },

    async verifyMfa(ctx: RequestContext & { actor: Principal }, code: string): Promise<Stage> {
      const p = ctx.actor;
      if (p.stage !== 'mfa') throw conflict('auth.stage');
      const found = await users.byId(p.userId);
      const user = found!.user;
      if (!user.totpSecret || !verifyTotp(deps.cipher.decrypt(user.totpSecret), code, clock.now())) {
        await audit.record(db, ctx, { action: 'auth.mfa', outcome: 'failure', entityType: 'user', entityId: user.id, orgPath: p.orgPath });
        throw fieldError('code', 'auth.mfa_invalid');
      }
      const stage = await nextStage(user, true);
      await db.transaction(async (tx) => {
        await sessions.update(tx, p.sessionId, { stage, mfaVerified: true });
        if (stage === 'active') await users.updateAccount(tx, user.id, { lastLoginAt: clock.now() });
        await audit.record(tx, ctx, { action: 'auth.mfa', entityType: 'user', entityId: user.id, orgPath: p.orgPath, details: { stage } });
      });
      return stage;
    },

    async changePassword(ctx: RequestContext & { actor: Principal }, current: string, next: string): Promise<Stage> {
      const p = ctx.actor;
      if (p.stage !== 'password_change' && p.stage !== 'active') throw conflict('auth.stage');
      const user = (await users.byId(p.userId))!.user;
      if (!(await verifyPassword(user.passwordHash, current))) {
        await audit.record(db, ctx, { action: 'auth.password_change', outcome: 'failure', entityType: 'user', entityId: user.id, orgPath: p.orgPath });
        throw fieldError('currentPassword', 'auth.password_wrong');
      }
      if (current === next) throw fieldError('newPassword', 'auth.password_reused');
      users.checkPassword(next, user.username, 'newPassword');
      const updated = { ...user, mustChangePassword: false };
      const stage = p.stage === 'active' ? 'active' : await nextStage(updated, true);
      await db.transaction(async (tx) => {
        await users.updateAccount(tx, user.id, { passwordHash: await hashPassword(next), mustChangePassword: false, passwordChangedAt: clock.now() });
        await sessions.update(tx, p.sessionId, { stage });
        // Every other session of this user ends: whoever knew the old password is out.
        await sessions.revokeAllForUser(tx, user.id, 'password_changed', p.sessionId);
        await audit.record(tx, ctx, { action: 'auth.password_change', entityType: 'user', entityId: user.id, orgPath: p.orgPath });
      });
      return stage;
    },

    /** Starts two-factor enrolment: a fresh secret is kept (encrypted) on the session until confirmed. */
    async startMfaSetup(ctx: RequestContext & { actor: Principal }) {
      const p = ctx.actor;
      if (p.stage !== 'mfa_setup' && p.stage !== 'active') throw conflict('auth.stage');
      // A reload during setup must not invalidate a QR code already scanned: reuse the pending secret.
      const pending = (await sessions.byId(p.sessionId))?.pendingTotpSecret;
      const secret = pending ? deps.cipher.decrypt(pending) : generateTotpSecret();
      if (!pending) await sessions.update(db, p.sessionId, { pendingTotpSecret: deps.cipher.encrypt(secret) });
      return { secret, uri: otpauthUri(secret, p.username) };
    },

    async confirmMfaSetup(ctx: RequestContext & { actor: Principal }, code: string): Promise<Stage> {
      const p = ctx.actor;
      const session = await sessions.byId(p.sessionId);
      if (!session?.pendingTotpSecret) throw conflict('auth.mfa_not_pending');
      const secret = deps.cipher.decrypt(session.pendingTotpSecret);
      if (!verifyTotp(secret, code, clock.now())) throw fieldError('code', 'auth.mfa_invalid');
      const stage: Stage = 'active';
      await db.transaction(async (tx) => {
        await users.updateAccount(tx, p.userId, { totpSecret: session.pendingTotpSecret, totpEnabled: true, lastLoginAt: clock.now() });
        await sessions.update(tx, p.sessionId, { stage, mfaVerified: true, pendingTotpSecret: null });
        await audit.record(tx, ctx, { action: 'auth.mfa_enable', entityType: 'user', entityId: p.userId, orgPath: p.orgPath });
      });
      return stage;
    },

    async logout(ctx: RequestContext & { actor: Principal }) {
      await db.transaction(async (tx) => {
        await sessions.revoke(tx, ctx.actor.sessionId, 'logout');
        await audit.record(tx, ctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.actor.userId, orgPath: ctx.actor.orgPath });
      });
    },

    /**
     * The principal behind a cookie token, or null. Cached for a few seconds so an authenticated
     * request costs one lookup, not four; any change to the user's sessions, account or grants on
     * this instance drops the entry at once (other instances see it within PRINCIPAL_TTL_MS).
     */
    async principal(token: string): Promise<Principal | null> {
      const now = clock.now().getTime();
      const cached = principalCache.get(token);
      if (cached && cached.until > now) return cached.principal;
      const principal = await loadPrincipal(token);
      if (principal) {
        if (principalCache.size > 10_000) principalCache.clear();
        principalCache.set(token, { principal, until: now + PRINCIPAL_TTL_MS });
      } else principalCache.delete(token);
      return principal;
    },

    async revokeSession(ctx: RequestContext & { actor: Principal }, userId: string, sessionId: string) {
      const s = await sessions.byId(sessionId);
      if (!s || s.userId !== userId || s.revokedAt) throw new AppError('session.not_found', 404);
      await db.transaction(async (tx) => {
        await sessions.revoke(tx, sessionId, userId === ctx.actor.userId ? 'revoked_by_user' : 'revoked_by_admin');
        await audit.record(tx, ctx, { action: 'session.revoke', entityType: 'user', entityId: userId, details: { sessionId } });
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
