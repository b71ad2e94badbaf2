import { pgTable, uuid, text, integer, boolean, timestamp, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    // Account-wide lock, the backstop against guessing from many addresses (per-address locks
    // are in sign_in_lockouts): wrong passwords and codes since the last sign-in, and the lock end.
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    // Where the account last signed in: spared by the account-wide lock, so that guessers
    // elsewhere cannot lock its holder out.
    lastLoginAddress: text('last_login_address'),
    // TOTP secret, encrypted with the data key (never stored in clear).
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    // The last 30-second step whose code was accepted: a code works once (issue 9 §4).
    totpLastStep: integer('totp_last_step'),
    // An administrator's password reset of an account with person data is issued in two parts
    // (RULES P6, docs/decisions/0006): the second, encrypted, waits here for a security
    // administrator other than `reset_by`, who sees it once.
    resetSecondPart: text('reset_second_part'),
    resetBy: uuid('reset_by'),
    active: boolean('active').notNull().default(true),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_idx').on(t.username), index('users_org_idx').on(t.orgUnitId)],
);

export const roles = pgTable(
  'roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    builtin: boolean('builtin').notNull().default(false),
    permissions: text('permissions').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('roles_code_idx').on(t.code)],
);

// A role granted on an org unit holds for that unit's whole subtree.
export const grants = pgTable(
  'grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('grants_unique_idx').on(t.userId, t.roleId, t.orgUnitId), index('grants_org_idx').on(t.orgUnitId)],
);

// Sign-in failures per account and client address (RULES P7: lock after N failures). Only the
// address that guessed is locked out of the account; the holder elsewhere signs in as usual.
export const signInLockouts = pgTable(
  'sign_in_lockouts',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    address: text('address').notNull(),
    failures: integer('failures').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.address] })],
);
