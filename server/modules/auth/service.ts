import './audit-actions';
import type { Db } from '../../db/client';
import type { Clock } from '../../clock';
import type { SecurityPolicy } from '../../config';
import type { DataCipher } from '../../lib/data-key';
import { AppError, conflict, fieldError, unauthorized } from '../../errors';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../lib/password';
import { generateTotpSecret, matchTotp, otpauthUri } from './totp';
import type { Principal, RequestContext } from '../../http/context';
import type { AuditService } from '../audit/service';
import type { SessionService, SessionRow } from '../sessions/service';
import type { UserService, UserRow } from '../users/service';

type Stage = SessionRow['stage'];
type Ctx = RequestContext & { actor: Principal };

export interface LoginResult {
  token: string;
  stage: Stage;
  csrfToken: string;
}

/** A step that completed the second factor: the session's new cookie token comes with it. */
export type FactorResult = LoginResult;

/**
 * Unknown name, wrong password, locked address or account: one answer, so that neither the
 * names that exist nor the locks can be told apart from outside (issue 9 §6).
 */
const invalidCredentials = () => unauthorized('auth.invalid_credentials');

export function createAuthService(deps: { db: Db; clock: Clock; policy: SecurityPolicy; cipher: DataCipher; audit: AuditService; users: UserService; sessions: SessionService }) {
  const { db, audit, users, sessions, clock } = deps;
  const lockouts = users.lockouts;
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
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    orgUnitId: user.orgUnitId,
    orgPath,
    sessionId: sessionId ?? '',
    stage: 'mfa',
    csrfToken: '',
    grants: [],
  });

  async function signInFailed(ctx: RequestContext, user: UserRow, orgPath: string, failures: number) {
    await db.transaction(async (tx) => {
      const locked = await lockouts.failed(tx, user, ctx.ip, failures);
      await audit.record(
        tx,
        { ...ctx, actor: signingIn(user, orgPath, null) },
        { action: 'auth.login', outcome: 'failure', entityType: 'user', entityId: user.id, orgPath, details: { username: user.username, reason: 'wrong_password', ...locked } },
      );
    });
  }

  /**
   * A wrong one-time code (or an attempt from a locked address): counted for the account and
   * address like a wrong password, and for the session; at the threshold the session ends and
   * the sign-in starts again from the password (issue 9 §4).
   */
  async function codeFailed(ctx: Ctx, user: UserRow, failures: number | null): Promise<never> {
    const p = ctx.actor;
    const ended = await db.transaction(async (tx) => {
      const inSession = await sessions.countMfaFailure(tx, p.sessionId);
      const locked = failures === null ? { addressLocked: true, accountLocked: false } : await lockouts.failed(tx, user, ctx.ip, failures);
      const ends = locked.addressLocked || locked.accountLocked || inSession >= deps.policy.lockoutThreshold;
      if (ends) await sessions.revoke(tx, p.sessionId, 'mfa_failures');
      await audit.record(tx, ctx, {
        action: 'auth.mfa',
        outcome: 'failure',
        entityType: 'user',
        entityId: user.id,
        orgPath: p.orgPath,
        details: { reason: failures === null ? 'locked' : 'wrong_code', sessionFailures: inSession, ...locked },
      });
      return ends;
    });
    if (ended) throw unauthorized('auth.mfa_locked');
    throw fieldError('code', 'auth.mfa_invalid');
  }

  /** Checks the account's current code: counted, locked like passwords, and each code taken once. */
  async function proveCode(ctx: Ctx, user: UserRow, code: string): Promise<void> {
    const attempt = await lockouts.begin(db, user, ctx.ip);
    if (attempt.barred) return codeFailed(ctx, user, null);
    const step = user.totpSecret ? matchTotp(deps.cipher.decrypt(user.totpSecret), code, clock.now()) : null;
    if (step === null) return codeFailed(ctx, user, attempt.failures);
    await lockouts.passed(db, user, ctx.ip);
    if (!(await users.takeTotpStep(db, user.id, step))) {
      // The right code, but used already (by this or another session): a replay, refused.
      await audit.record(db, ctx, { action: 'auth.mfa', outcome: 'failure', entityType: 'user', entityId: user.id, orgPath: ctx.actor.orgPath, details: { reason: 'code_used' } });
      throw fieldError('code', 'auth.mfa_used');
    }
  }

  /** The second factor is complete: the session moves on under a new token; the old one is dead. */
  async function factorComplete(ctx: Ctx, user: UserRow, action: 'auth.mfa' | 'auth.mfa_enable' | 'auth.mfa_replace', patch: { totpSecret?: string }) {
    const p = ctx.actor;
    const stage = p.stage === 'active' ? 'active' : await nextStage({ ...user, totpEnabled: true }, true);
    return db.transaction(async (tx) => {
      if (patch.totpSecret) await users.updateAccount(tx, user.id, { totpSecret: patch.totpSecret, totpEnabled: true });
      await sessions.update(tx, p.sessionId, { stage, mfaVerified: true, pendingTotpSecret: null });
      const rotated = await sessions.rotate(tx, p.sessionId);
      await lockouts.succeeded(tx, user, ctx.ip);
      if (stage === 'active') await users.updateAccount(tx, user.id, { lastLoginAt: clock.now() });
      // A new authenticator replaces the old everywhere: other sessions end.
      if (action === 'auth.mfa_replace') await sessions.revokeAllForUser(tx, user.id, 'mfa_replaced', p.sessionId);
      await audit.record(tx, ctx, { action, entityType: 'user', entityId: user.id, orgPath: p.orgPath, details: { stage } });
      return { stage, token: rotated.token, csrfToken: rotated.csrfToken };
    });
  }

  const userOf = async (p: Principal) => (await users.byId(p.userId))!.user;

  /** The current code where an authenticator is enrolled, else (or instead) the password. */
  async function proveHolder(ctx: Ctx, user: UserRow, proof: { code?: string; password?: string }): Promise<void> {
    if (proof.code && user.totpEnabled) return proveCode(ctx, user, proof.code);
    if (!proof.password) throw fieldError(user.totpEnabled ? 'code' : 'password', 'auth.mfa_proof_required');
    const attempt = await lockouts.begin(db, user, ctx.ip);
    const right = await verifyPassword(user.passwordHash, proof.password);
    if (attempt.barred || !right) {
      if (!attempt.barred) await lockouts.failed(db, user, ctx.ip, attempt.failures);
      await audit.record(db, ctx, {
        action: 'auth.mfa_replace',
        outcome: 'failure',
        entityType: 'user',
        entityId: user.id,
        orgPath: ctx.actor.orgPath,
        details: { reason: attempt.barred ? 'locked' : 'wrong_password' },
      });
      throw fieldError('password', 'auth.password_wrong');
    }
    await lockouts.passed(db, user, ctx.ip);
  }

  return {
    async login(ctx: RequestContext, username: string, password: string): Promise<LoginResult> {
      const found = await users.byUsername(username);
      if (!found) {
        // Same work as for a real account, so response time does not reveal which names exist.
        await verifyPassword(await dummyPasswordHash(), password);
        await audit.record(db, ctx, { action: 'auth.login', outcome: 'failure', details: { username: username.slice(0, 64), reason: 'unknown_user' } });
        throw invalidCredentials();
      }
      const { user, orgPath } = found;
      const attempt = await lockouts.begin(db, user, ctx.ip);
      // Checked even when locked (RULES P7: then even the right password is refused), for the time it takes.
      const right = await verifyPassword(user.passwordHash, password);
      if (attempt.barred) {
        await audit.record(
          db,
          { ...ctx, actor: signingIn(user, orgPath, null) },
          { action: 'auth.login', outcome: 'failure', entityType: 'user', entityId: user.id, orgPath, details: { username: user.username, reason: 'locked' } },
        );
        throw invalidCredentials();
      }
      if (!right) {
        await signInFailed(ctx, user, orgPath, attempt.failures);
        throw invalidCredentials();
      }
      if (!user.active) {
        await audit.record(
          db,
          { ...ctx, actor: signingIn(user, orgPath, null) },
          { action: 'auth.login', outcome: 'failure', entityType: 'user', entityId: user.id, orgPath, details: { username: user.username, reason: 'inactive' } },
        );
        throw new AppError('auth.inactive', 403);
      }
      const stage = await nextStage(user, false);
      return db.transaction(async (tx) => {
        if (stage === 'mfa') await lockouts.passed(tx, user, ctx.ip);
        else await lockouts.succeeded(tx, user, ctx.ip);
        if (stage === 'active') await users.updateAccount(tx, user.id, { lastLoginAt: clock.now() });
        const { token, session } = await sessions.create(tx, { userId: user.id, stage, mfaVerified: false, ip: ctx.ip, userAgent: ctx.userAgent });
        await audit.record(
          tx,
          { ...ctx, actor: signingIn(user, orgPath, session.id) },
          { action: 'auth.login', entityType: 'user', entityId: user.id, orgPath, details: { username: user.username, stage, sessionId: session.id } },
        );
        return { token, stage, csrfToken: session.csrfToken };
      });
    },

    async verifyMfa(ctx: Ctx, code: string): Promise<FactorResult> {
      if (ctx.actor.stage !== 'mfa') throw conflict('auth.stage');
      const user = await userOf(ctx.actor);
      await proveCode(ctx, user, code);
      return factorComplete(ctx, user, 'auth.mfa', {});
    },

    async changePassword(ctx: Ctx, current: string, next: string): Promise<Stage> {
      const p = ctx.actor;
      if (p.stage !== 'password_change' && p.stage !== 'active') throw conflict('auth.stage');
      const user = await userOf(p);
      if (!(await verifyPassword(user.passwordHash, current))) {
        await audit.record(db, ctx, { action: 'auth.password_change', outcome: 'failure', entityType: 'user', entityId: user.id, orgPath: p.orgPath });
        throw fieldError('currentPassword', 'auth.password_wrong');
      }
      if (current === next) throw fieldError('newPassword', 'auth.password_reused');
      users.checkPassword(next, user.username, 'newPassword');
      const updated = { ...user, mustChangePassword: false };
      const stage = p.stage === 'active' ? 'active' : await nextStage(updated, true);
      await db.transaction(async (tx) => {
        await users.updateAccount(tx, user.id, {
          passwordHash: await hashPassword(next),
          mustChangePassword: false,
          passwordChangedAt: clock.now(),
          resetSecondPart: null,
          resetBy: null,
        });
        await sessions.update(tx, p.sessionId, { stage });
        // Every other session of this user ends: whoever knew the old password is out.
        await sessions.revokeAllForUser(tx, user.id, 'password_changed', p.sessionId);
        await audit.record(tx, ctx, { action: 'auth.password_change', entityType: 'user', entityId: user.id, orgPath: p.orgPath });
      });
      return stage;
    },

    /**
     * Starts two-factor enrolment: a fresh secret is kept (encrypted) on the session until
     * confirmed. In the sign-in step it needs nothing more; from a signed-in session it needs
     * the current code or the password, so that a session left open (or stolen) cannot swap the
     * authenticator for its own (issue 9 §4).
     */
    async startMfaSetup(ctx: Ctx, proof: { code?: string; password?: string }) {
      const p = ctx.actor;
      if (p.stage !== 'mfa_setup' && p.stage !== 'active') throw conflict('auth.stage');
      const session = await sessions.byId(p.sessionId);
      // A reload during the sign-in step must not invalidate a QR code already scanned: reuse the pending secret.
      const pending = p.stage === 'mfa_setup' ? session?.pendingTotpSecret : null;
      if (p.stage === 'active') await proveHolder(ctx, await userOf(p), proof);
      const secret = pending ? deps.cipher.decrypt(pending) : generateTotpSecret();
      if (!pending) await sessions.update(db, p.sessionId, { pendingTotpSecret: deps.cipher.encrypt(secret) });
      return { secret, uri: otpauthUri(secret, p.username) };
    },

    async confirmMfaSetup(ctx: Ctx, code: string): Promise<FactorResult> {
      const p = ctx.actor;
      if (p.stage !== 'mfa_setup' && p.stage !== 'active') throw conflict('auth.stage');
      const session = await sessions.byId(p.sessionId);
      if (!session?.pendingTotpSecret) throw conflict('auth.mfa_not_pending');
      const step = matchTotp(deps.cipher.decrypt(session.pendingTotpSecret), code, clock.now());
      if (step === null) throw fieldError('code', 'auth.mfa_invalid');
      const user = await userOf(p);
      // The new secret starts its own count of used steps at the one just proven.
      await users.updateAccount(db, user.id, { totpLastStep: step });
      return factorComplete(ctx, user, user.totpEnabled ? 'auth.mfa_replace' : 'auth.mfa_enable', { totpSecret: session.pendingTotpSecret });
    },

    async logout(ctx: Ctx) {
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

    async revokeSession(ctx: Ctx, userId: string, sessionId: string) {
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
