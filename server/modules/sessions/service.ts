import crypto from 'node:crypto';
import type { Db, Executor } from '../../db/client';
import type { Clock } from '../../clock';
import type { SecurityPolicy } from '../../config';
import type { SessionStage } from './schema';
import * as q from './queries';

export type SessionRow = q.SessionRow;

export interface SessionService {
  create(
    exec: Executor,
    input: { userId: string; stage: SessionStage; mfaVerified: boolean; ip: string | null; userAgent: string | null },
  ): Promise<{ token: string; session: SessionRow }>;
  /** The live session for a cookie token, or null if unknown, revoked, expired or idle too long. */
  resolve(token: string): Promise<SessionRow | null>;
  /** Marks activity; written at most once a minute so reads stay reads. */
  touch(session: SessionRow): Promise<void>;
  update(exec: Executor, id: string, patch: Partial<Pick<SessionRow, 'stage' | 'mfaVerified' | 'pendingTotpSecret'>>): Promise<void>;
  revoke(exec: Executor, id: string, reason: string): Promise<void>;
  /**
   * A new cookie token and CSRF token for the session, when it gains a factor: whoever held
   * the token before (a fixated or observed cookie) holds a dead one (issue 9 §4).
   */
  rotate(exec: Executor, id: string): Promise<{ token: string; csrfToken: string }>;
  /** Counts a wrong one-time code in this session; returns the count so far. */
  countMfaFailure(exec: Executor, id: string): Promise<number>;
  revokeAllForUser(exec: Executor, userId: string, reason: string, exceptId?: string): Promise<void>;
  listForUser(userId: string): Promise<SessionRow[]>;
  byId(id: string): Promise<SessionRow | undefined>;
  purge(): Promise<void>;
  /** Tells listeners (the principal cache) that a user's sessions, account or grants changed. */
  invalidateUser(userId: string): void;
  onInvalidate(listener: (userId: string) => void): void;
}

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
const newToken = () => crypto.randomBytes(32).toString('base64url');
const newCsrfToken = () => crypto.randomBytes(24).toString('base64url');

export function createSessionService(deps: { db: Db; clock: Clock; policy: SecurityPolicy }): SessionService {
  const idleMs = () => deps.policy.idleTimeoutMinutes * 60_000;
  const isLive = (s: SessionRow, now: Date) => !s.revokedAt && s.expiresAt > now && now.getTime() - s.lastSeenAt.getTime() <= idleMs();

  const listeners: ((userId: string) => void)[] = [];
  const invalidateUser = (userId: string) => listeners.forEach((l) => l(userId));
  const byIdOf = async (exec: Executor, id: string) => (await q.byId(exec, id))?.userId;

  return {
    invalidateUser,
    onInvalidate: (l) => void listeners.push(l),

    async create(exec, input) {
      const token = newToken();
      const now = deps.clock.now();
      const session = await q.insert(exec, {
        tokenHash: hashToken(token),
        userId: input.userId,
        stage: input.stage,
        mfaVerified: input.mfaVerified,
        csrfToken: newCsrfToken(),
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + deps.policy.sessionMaxHours * 3_600_000),
      });
      return { token, session };
    },

    async resolve(token) {
      if (!token || token.length > 100) return null;
      const s = await q.byTokenHash(deps.db, hashToken(token));
      return s && isLive(s, deps.clock.now()) ? s : null;
    },

    async touch(s) {
      const now = deps.clock.now();
      if (now.getTime() - s.lastSeenAt.getTime() > 60_000) await q.update(deps.db, s.id, { lastSeenAt: now });
    },

    async update(exec, id, patch) {
      await q.update(exec, id, patch);
      const userId = await byIdOf(exec, id);
      if (userId) invalidateUser(userId);
    },
    async revoke(exec, id, reason) {
      await q.update(exec, id, { revokedAt: deps.clock.now(), revokedReason: reason });
      const userId = await byIdOf(exec, id);
      if (userId) invalidateUser(userId);
    },
    async rotate(exec, id) {
      const token = newToken();
      const csrfToken = newCsrfToken();
      await q.update(exec, id, { tokenHash: hashToken(token), csrfToken });
      const userId = await byIdOf(exec, id);
      if (userId) invalidateUser(userId);
      return { token, csrfToken };
    },
    countMfaFailure: (exec, id) => q.countMfaFailure(exec, id),
    async revokeAllForUser(exec, userId, reason, exceptId) {
      await q.revokeAllForUser(exec, userId, deps.clock.now(), reason, exceptId);
      invalidateUser(userId);
    },
    async listForUser(userId) {
      const now = deps.clock.now();
      return (await q.activeForUser(deps.db, userId, now)).filter((s) => isLive(s, now));
    },
    byId: (id) => q.byId(deps.db, id),
    purge: () => q.purgeEndedBefore(deps.db, new Date(deps.clock.now().getTime() - 7 * 86_400_000)),
  };
}
