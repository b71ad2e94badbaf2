import { pgTable, uuid, text, date, timestamp, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { persons } from '../persons/schema';

/**
 * Each open file's delisting standing (D2, D3) as the daily run last judged it: the state, the
 * basis of the count or what stops it, the day the person is (or will be) eligible. Written only
 * when it changes, so a rerun of the same day writes nothing.
 */
export const delistingStatus = pgTable(
  'delisting_status',
  {
    personId: uuid('person_id')
      .primaryKey()
      .references(() => persons.id),
    state: text('state', { enum: ['eligible', 'upcoming', 'counting', 'excluded', 'not_started'] }).notNull(),
    basis: text('basis').notNull(),
    cleanSince: date('clean_since'),
    eligibleOn: date('eligible_on'),
    factDate: date('fact_date'),
    computedOn: date('computed_on').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('delisting_status_state_idx').on(t.state, t.eligibleOn)],
);

/**
 * A delisting (撤销管控): the officer's review, then the street's decision; the notice for the
 * police carries the three years' test history (the police hold the national control system).
 * One open (reviewed) or approved delisting per person.
 */
export const delistings = pgTable(
  'delistings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** The person's unit path when reviewed: who may decide and whose auditors see it. */
    orgPath: text('org_path').notNull(),
    state: text('state', { enum: ['reviewed', 'approved', 'rejected'] }).notNull(),
    eligibleOn: date('eligible_on').notNull(),
    cleanSince: date('clean_since').notNull(),
    reviewedBy: uuid('reviewed_by').notNull(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull(),
    reviewNote: text('review_note'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionDate: date('decision_date'),
    decisionNote: text('decision_note'),
    /** The notice for the police: the tests of the three years (dates, results, samples), no voluntary treatment (M4). */
    notice: jsonb('notice'),
  },
  (t) => [
    uniqueIndex('delistings_open_idx')
      .on(t.personId)
      .where(sql`state in ('reviewed', 'approved')`),
  ],
);

/** A sealed file (P4, P5): why and since when; `purged_at` once its personal data is removed. */
export const seals = pgTable('seals', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => persons.id),
  reason: text('reason', { enum: ['delisted', 'completed', 'voluntary'] }).notNull(),
  sealedOn: date('sealed_on').notNull(),
  orgPath: text('org_path').notNull(),
  purgedAt: timestamp('purged_at', { withTimezone: true }),
});

/**
 * A time-boxed read of a file the reader could not otherwise reach: a sealed-file opening (P4,
 * with a purpose) or a break-the-glass read of a person outside the scope (an emergency). Read
 * only; each is audited and notified.
 */
export const fileOpenings = pgTable(
  'file_openings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    userId: uuid('user_id').notNull(),
    kind: text('kind', { enum: ['sealed', 'break_glass'] }).notNull(),
    purpose: text('purpose').notNull(),
    orgPath: text('org_path').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('file_openings_user_idx').on(t.userId, t.personId, t.expiresAt)],
);

/** The last day the daily run finished (it runs hourly and does its work once a day). */
export const sealingRuns = pgTable('sealing_runs', {
  job: text('job').primaryKey(),
  lastDate: date('last_date').notNull(),
  details: jsonb('details'),
});
