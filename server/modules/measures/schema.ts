import { pgTable, uuid, text, integer, timestamp, date, jsonb, index } from 'drizzle-orm/pg-core';
import { persons } from '../persons/schema';

/** A person's history of measures (GLOSSARY), each with its lifecycle (rules M*, C*). */
export const measures = pgTable(
  'measures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    decisionNumber: text('decision_number'),
    decisionDate: date('decision_date'),
    decidingAuthority: text('deciding_authority'),
    decisionReceivedDate: date('decision_received_date'),
    reportDate: date('report_date'),
    startDate: date('start_date'),
    endDate: date('end_date'),
    termMonths: integer('term_months'),
    executionPlace: text('execution_place'),
    /** The whole rule-level state (suspensions, credits, extensions) as the pure state machine keeps it. */
    state: jsonb('state').notNull(),
    previousMeasureId: uuid('previous_measure_id'),
    policyVersion: text('policy_version').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('measures_person_idx').on(t.personId), index('measures_status_idx').on(t.status, t.kind)],
);

/** Each transition of a measure, for the timeline and the audit of decisions. */
export const measureEvents = pgTable(
  'measure_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    measureId: uuid('measure_id')
      .notNull()
      .references(() => measures.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    event: text('event').notNull(),
    eventDate: date('event_date').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    details: jsonb('details'),
    actorId: uuid('actor_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('measure_events_person_idx').on(t.personId, t.at)],
);
