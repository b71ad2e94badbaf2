import { pgTable, uuid, text, boolean, integer, timestamp, index } from 'drizzle-orm/pg-core';
import { users } from '../users/schema';

export const sessionStages = ['mfa', 'password_change', 'mfa_setup', 'active'] as const;
export type SessionStage = (typeof sessionStages)[number];

// Server-side sessions. The cookie holds a random token; only its SHA-256 is stored, so a
// database leak does not hand out live sessions.
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    stage: text('stage', { enum: sessionStages }).notNull(),
    csrfToken: text('csrf_token').notNull(),
    mfaVerified: boolean('mfa_verified').notNull().default(false),
    // Wrong one-time codes in this session: at the lockout threshold the session ends (issue 9 §4).
    mfaFailures: integer('mfa_failures').notNull().default(0),
    pendingTotpSecret: text('pending_totp_secret'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
