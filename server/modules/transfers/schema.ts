import { pgTable, uuid, text, timestamp, date, jsonb, boolean, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { persons } from '../persons/schema';
import { orgUnits } from '../org/schema';
import { measures } from '../measures/schema';

/**
 * A transfer of a person's file from the street holding it to another (变更执行地, RULES C7),
 * with every step timed: requested, answered, the person's report to the new street, the old
 * street's forwarding of the paper file. One open (pending) transfer per person.
 */
export const transfers = pgTable(
  'transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    fromOrgUnitId: uuid('from_org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    toOrgUnitId: uuid('to_org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    initiatedBy: text('initiated_by', { enum: ['holder', 'finder'] }).notNull(),
    status: text('status', { enum: ['pending', 'accepted', 'declined'] }).notNull(),
    /** Why the person moves, as the requesting street put it (shown to the street asked). */
    reason: text('reason').notNull(),
    requestedBy: uuid('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decideBy: date('decide_by').notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
    acceptedOn: date('accepted_on'),
    /** C7: the person reports to the new street by this day, else lost contact (C11). */
    reportBy: date('report_by'),
    reportedOn: date('reported_on'),
    reportedBy: uuid('reported_by'),
    /** C7: the old street forwards the paper file within N working days. */
    fileForwardBy: date('file_forward_by'),
    fileForwardedOn: date('file_forwarded_on'),
    /** What moved on acceptance (counts per kind), for the timeline and the test that nothing stayed behind. */
    moved: jsonb('moved'),
    /** Set once the overdue report raised its notice, so the daily job raises it once. */
    overdueRaisedAt: timestamp('overdue_raised_at', { withTimezone: true }),
    policyVersion: text('policy_version').notNull(),
  },
  (t) => [
    index('transfers_person_idx').on(t.personId, t.requestedAt),
    index('transfers_from_idx').on(t.fromOrgUnitId, t.status),
    index('transfers_to_idx').on(t.toOrgUnitId, t.status),
    // C7 edge case: a second transfer while one is open is refused, also under a race.
    uniqueIndex('transfers_open_idx')
      .on(t.personId)
      .where(sql`status = 'pending'`),
  ],
);

/**
 * A handover from compulsory isolation to the street (衔接, RULES C10): the facility's release
 * notice as entered by the police or the district office, its deadlines, the papers (documents
 * of the person), and the community rehabilitation measure started when the person reports.
 */
export const handovers = pgTable(
  'handovers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** The street of the registered or residence address, which receives the person. */
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    addressBasis: text('address_basis', { enum: ['registered', 'residence'] }).notNull(),
    facility: text('facility').notNull(),
    releaseDate: date('release_date').notNull(),
    noticeReceivedOn: date('notice_received_on').notNull(),
    noticeDueBy: date('notice_due_by').notNull(),
    noticeLate: boolean('notice_late').notNull(),
    papersDueBy: date('papers_due_by'),
    reportBy: date('report_by').notNull(),
    documentIds: uuid('document_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    isolationMeasureId: uuid('isolation_measure_id').references(() => measures.id),
    reportedOn: date('reported_on'),
    reportedBy: uuid('reported_by'),
    /** The community_rehab measure started on the report (M9, F1). */
    measureId: uuid('measure_id').references(() => measures.id),
    missedRaisedAt: timestamp('missed_raised_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    policyVersion: text('policy_version').notNull(),
  },
  (t) => [
    index('handovers_unit_idx').on(t.orgUnitId, t.reportBy),
    index('handovers_person_idx').on(t.personId),
    // One open handover per person: a second release notice for the same stay is a mistake.
    uniqueIndex('handovers_open_idx')
      .on(t.personId)
      .where(sql`reported_on is null`),
  ],
);
