import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, timestamp, date, jsonb, index, uniqueIndex, bigserial } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema';
import { users } from '../users/schema';
import { persons } from '../persons/schema';

/**
 * Risk classifications (D4, issue 13), with their history: a new row when the class, the score
 * or a factor changes; the one in force has `superseded_at` null. Each keeps the policy version
 * that weighed it and every factor's contribution with the records behind it.
 */
export const riskClassifications = pgTable(
  'risk_classifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The order of classifications (several may share an instant under a fixed clock). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    riskClass: text('risk_class').notNull(),
    score: integer('score').notNull(),
    /** [{ factor, value, weight, threshold, contribution, forcesHigh, recordIds }] */
    factors: jsonb('factors').notNull(),
    policyVersion: text('policy_version').notNull(),
    computedOn: date('computed_on').notNull(),
    /** The day the class became high, carried while it stays high (the rise-to-high alert's fact). */
    highSince: date('high_since'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('risk_classifications_current_idx')
      .on(t.personId)
      .where(sql`superseded_at is null`),
    index('risk_classifications_person_idx').on(t.personId, t.seq),
  ],
);

/** The street's override of the class (D4): a reason and an expiry, kept after it ends. */
export const riskOverrides = pgTable(
  'risk_overrides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    riskClass: text('risk_class').notNull(),
    reason: text('reason').notNull(),
    expiresOn: date('expires_on').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Replaced by a later override. */
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('risk_overrides_person_idx').on(t.personId, t.createdAt)],
);

/**
 * Alerts (issue 13): one per person, kind and fact while open; an owner (the responsible
 * worker, else the unit), a deadline by severity (K17), escalation, an outcome or a withdrawal.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    kind: text('kind').notNull(),
    factKey: text('fact_key').notNull(),
    factDate: date('fact_date').notNull(),
    severity: text('severity').notNull(),
    /** open → acknowledged → acted → closed; or withdrawn when the facts no longer support it. */
    status: text('status').notNull().default('open'),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    links: jsonb('links').notNull(),
    details: jsonb('details').notNull(),
    policyVersion: text('policy_version').notNull(),
    escalationLevel: integer('escalation_level').notNull().default(0),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => users.id),
    outcome: text('outcome'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawalReason: text('withdrawal_reason'),
  },
  (t) => [
    // A fact raises one alert; once withdrawn, a fact that holds again raises a new one.
    uniqueIndex('alerts_fact_idx')
      .on(t.personId, t.kind, t.factKey)
      .where(sql`withdrawn_at is null`),
    index('alerts_open_unit_idx')
      .on(t.orgUnitId, t.status)
      .where(sql`status in ('open', 'acknowledged', 'acted')`),
    index('alerts_owner_idx')
      .on(t.ownerUserId, t.status)
      .where(sql`status in ('open', 'acknowledged', 'acted')`),
    index('alerts_deadline_idx')
      .on(t.deadline)
      .where(sql`status = 'open'`),
    index('alerts_person_idx').on(t.personId),
  ],
);

/** What happened to an alert, in order: raised, acknowledged, acted, commented, reassigned, escalated, closed, withdrawn. */
export const alertEvents = pgTable(
  'alert_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The order of events written in one instant (a fixed clock, one transaction). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => alerts.id),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** recordId for act, toUserId for reassign, level for escalated, outcome for closed, reason for withdrawn. */
    details: jsonb('details').notNull(),
    /** A comment's text (a worker's note, never copied to the audit trail). */
    comment: text('comment'),
  },
  (t) => [index('alert_events_alert_idx').on(t.alertId, t.seq)],
);

/** The days the full reclassification ran (the hourly job runs it once per calendar day, SUNFLOWER_TZ). */
export const warningRuns = pgTable('warning_runs', {
  day: date('day').primaryKey(),
  ranAt: timestamp('ran_at', { withTimezone: true }).notNull(),
  persons: integer('persons').notNull(),
});
