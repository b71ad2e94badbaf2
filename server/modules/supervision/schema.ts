import { pgTable, uuid, text, integer, bigint, boolean, timestamp, date, jsonb, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { persons } from '../persons/schema';
import { measures } from '../measures/schema';

/**
 * What a worker records about a person under a community measure: check-ins (F4), drug tests
 * (T1–T3, T6), visits, follow-ups, talks and grid visits (F1–F3), each with who, when and where.
 * Rows are never changed but to be voided: a correction voids the record and adds its
 * replacement (`corrects_id` → the old one, `superseded_by` → the new one), so the old version is
 * kept (issue 9.14). The schedule and the breach assessment are computed from the live rows
 * (`voided_at` null).
 */
export const supervisionRecords = pgTable(
  'supervision_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    measureId: uuid('measure_id')
      .notNull()
      .references(() => measures.id),
    kind: text('kind', { enum: ['check_in', 'drug_test', 'visit', 'follow_up', 'talk', 'grid_visit'] }).notNull(),
    date: date('date').notNull(),
    place: text('place').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    /** A document of the same person (documents module); optional. */
    attachmentId: uuid('attachment_id'),
    note: text('note'),
    // Drug tests (T1–T3, T6).
    sample: text('sample', { enum: ['urine', 'hair', 'blood', 'saliva'] }),
    method: text('method', { enum: ['on_site', 'lab', 'lab_retest'] }),
    result: text('result', { enum: ['negative', 'positive', 'refused', 'evaded', 'invalid'] }),
    tester: text('tester'),
    retestOfId: uuid('retest_of_id'),
    random: boolean('random').notNull().default(false),
    // Visits, follow-ups, talks: how the person was reached (C11) and the structured form.
    contactMode: text('contact_mode', { enum: ['in_person', 'phone', 'video'] }),
    form: jsonb('form'),
    // Voiding and correction (issue 9.14): who, when, the reason stated; a correction's new row.
    voidedAt: timestamp('voided_at', { withTimezone: true }),
    voidedBy: uuid('voided_by'),
    voidReason: text('void_reason'),
    supersededBy: uuid('superseded_by'),
    correctsId: uuid('corrects_id'),
    /**
     * The key the recording device drew for this record (issue 17: offline capture). A record
     * sent again — a retry after a lost answer, a replayed outbox — finds the first one by
     * (recorded_by, client_key) instead of making a second; null for records entered online
     * without one and for generated history.
     */
    clientKey: uuid('client_key'),
  },
  // The timeline reads a person's records a page at a time in (date, recorded_at, id) order, newest
  // first; the same index serves every by-person-and-date read the narrower one served.
  (t) => [
    index('supervision_records_person_idx').on(t.personId, t.date, t.recordedAt, t.id),
    index('supervision_records_measure_idx').on(t.measureId),
    uniqueIndex('supervision_records_client_key_idx')
      .on(t.recordedBy, t.clientKey)
      .where(sql`client_key is not null`),
  ],
);

/**
 * The tasks (待办) computed by the rules (core/rules/schedule.ts) for each community measure,
 * stored so lists and counts are queries. Keyed by measure and the rules' stable key; found
 * through the person's current org unit, never copied per unit. Stored up to a horizon ahead.
 */
export const supervisionTasks = pgTable(
  'supervision_tasks',
  {
    measureId: uuid('measure_id')
      .notNull()
      .references(() => measures.id),
    key: text('key').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    kind: text('kind', { enum: ['drug_test', 'check_in', 'follow_up', 'grid_visit'] }).notNull(),
    dueDate: date('due_date').notNull(),
    windowStart: date('window_start').notNull(),
    windowEnd: date('window_end').notNull(),
    state: text('state', { enum: ['done', 'due', 'overdue', 'excused', 'upcoming'] }).notNull(),
    recordId: uuid('record_id'),
    policyVersion: text('policy_version').notNull(),
    /** The measure is in force (active or suspended): lists of work to do show only these. */
    open: boolean('open').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'supervision_tasks_pk', columns: [t.measureId, t.key] }),
    // The worker's day: due, recently overdue (by window end), and due today, per person.
    index('supervision_tasks_todo_idx')
      .on(t.personId, t.state, t.windowEnd)
      .where(sql`open`),
    // 今日待办's first arm (queries.ts, todayTasksQuery): the few due and overdue tasks of a person.
    index('supervision_tasks_todo_open_idx')
      .on(t.personId, t.dueDate)
      .where(sql`open and state in ('due', 'overdue')`),
    index('supervision_tasks_person_due_idx').on(t.personId, t.dueDate),
    index('supervision_tasks_due_idx').on(t.dueDate),
  ],
);

/** Leave requests (rule C4): requested by the worker, decided by the street, extended, reported back (销假). */
export const leaveRequests = pgTable(
  'leave_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    measureId: uuid('measure_id').references(() => measures.id),
    fromDate: date('from_date').notNull(),
    /** Last day away as approved (extended when an extension is approved). */
    toDate: date('to_date').notNull(),
    destination: text('destination').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'returned'] }).notNull(),
    /** A requested extension waiting for approval. */
    pendingToDate: date('pending_to_date'),
    pendingReason: text('pending_reason'),
    returnedOn: date('returned_on'),
    /** C4: whether the length needed a request, under this policy version. */
    required: boolean('required').notNull(),
    policyVersion: text('policy_version').notNull(),
    requestedBy: uuid('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    returnedBy: uuid('returned_by'),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
  },
  (t) => [index('leave_requests_person_idx').on(t.personId, t.fromDate), index('leave_requests_status_to_idx').on(t.status, t.toDate)],
);

/** Every step of a leave request with who and when. */
export const leaveEvents = pgTable(
  'leave_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order: steps recorded in the same instant keep their order. */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    leaveId: uuid('leave_id')
      .notNull()
      .references(() => leaveRequests.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    event: text('event', { enum: ['request', 'approve', 'reject', 'extend_request', 'extend_approve', 'extend_reject', 'return'] }).notNull(),
    details: jsonb('details'),
    actorId: uuid('actor_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('leave_events_leave_idx').on(t.leaveId, t.seq), index('leave_events_person_idx').on(t.personId)],
);

/**
 * Stays away from the county/district (C4, C5) and hospital stays (T7 excuse), first and last
 * day included; `to_date` null while the person is still away.
 */
export const absences = pgTable(
  'supervision_absences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    measureId: uuid('measure_id').references(() => measures.id),
    kind: text('kind', { enum: ['away', 'hospital_stay'] }).notNull(),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date'),
    note: text('note'),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    closedBy: uuid('closed_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('supervision_absences_person_idx').on(t.personId, t.fromDate)],
);

/**
 * Notices to the police (C6: serious breach, relapse, refusal; C1 failure to report; C11 lost
 * contact). One standing notice per reason per triggering fact (`fact_key`), so recomputing never
 * repeats one. When the fact no longer holds (a record voided or corrected, a leave approved
 * after the fact) the notice is withdrawn (`withdrawn_at`, with the reason); one delivered
 * already is withdrawn too and a correction notice (更正, kind `correction`, `corrects_id`) goes
 * to the police the same way as a notice (issue 9.13).
 */
export const policeNotices = pgTable(
  'police_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    measureId: uuid('measure_id').references(() => measures.id),
    reason: text('reason', { enum: ['serious_breach', 'relapse', 'refused', 'lost_contact'] }).notNull(),
    factKey: text('fact_key').notNull(),
    factDate: date('fact_date').notNull(),
    details: jsonb('details').notNull(),
    policyVersion: text('policy_version').notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    deliveredBy: uuid('delivered_by'),
    deliveryNote: text('delivery_note'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by'),
    kind: text('kind', { enum: ['notice', 'correction'] })
      .notNull()
      .default('notice'),
    /** A correction: the notice it corrects. */
    correctsId: uuid('corrects_id'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by'),
    /** Why: `record_voided`, `record_corrected` or `facts_changed`. */
    withdrawalReason: text('withdrawal_reason'),
  },
  (t) => [
    uniqueIndex('police_notices_fact_idx')
      .on(t.personId, t.reason, t.factKey)
      .where(sql`withdrawn_at is null`),
    index('police_notices_open_idx')
      .on(t.personId)
      .where(sql`acknowledged_at is null and withdrawn_at is null`),
    index('police_notices_created_idx').on(t.createdAt),
  ],
);

/** C6: an ordinary breach is met with criticism and education (批评教育), one per breach fact. */
export const educationRecords = pgTable(
  'education_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    measureId: uuid('measure_id').references(() => measures.id),
    reason: text('reason', { enum: ['refused', 'evaded', 'unauthorised_departure'] }).notNull(),
    factKey: text('fact_key').notNull(),
    factDate: date('fact_date').notNull(),
    details: jsonb('details').notNull(),
    policyVersion: text('policy_version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
    /** Filled by the worker who held the talk. */
    conductedOn: date('conducted_on'),
    conductedBy: uuid('conducted_by'),
    conductedAt: timestamp('conducted_at', { withTimezone: true }),
    note: text('note'),
    /** The breach no longer holds (issue 9.13): withdrawn with the reason, kept. */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawalReason: text('withdrawal_reason'),
  },
  (t) => [
    uniqueIndex('education_records_fact_idx')
      .on(t.personId, t.factKey)
      .where(sql`withdrawn_at is null`),
  ],
);

/**
 * The breach assessment (C5) and lost-contact check (C11) of each person's current community
 * measure as last computed, so lists can warn ("one more refusal is a serious breach") without
 * recomputing.
 */
export const supervisionStatus = pgTable('supervision_status', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => persons.id),
  measureId: uuid('measure_id')
    .notNull()
    .references(() => measures.id),
  level: text('level', { enum: ['none', 'breach', 'serious_breach'] }).notNull(),
  reasons: text('reasons')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  refusals: integer('refusals').notNull(),
  evasions: integer('evasions').notNull(),
  unauthorisedDepartures: integer('unauthorised_departures').notNull(),
  absenceDays: integer('absence_days').notNull(),
  untilTests: integer('until_tests').notNull(),
  untilDepartures: integer('until_departures').notNull(),
  untilAbsenceDays: integer('until_absence_days').notNull(),
  lostContact: boolean('lost_contact').notNull(),
  lastInPersonContact: date('last_in_person_contact'),
  lastReachable: date('last_reachable'),
  policyVersion: text('policy_version').notNull(),
  assessedOn: date('assessed_on').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Bookkeeping of the recompute: a hash of the person's stored tasks (a recompute that yields the
 * same hash reads and writes no task row) and the next day on which the calendar alone changes
 * something for the person (a window opens or closes, a deadline passes); the daily run
 * recomputes only the persons due for review. Writes about a person recompute him at once.
 */
export const supervisionSync = pgTable(
  'supervision_sync',
  {
    personId: uuid('person_id')
      .primaryKey()
      .references(() => persons.id),
    /** The unit the person was in when last computed: a move may bring another district's policy. */
    orgUnitId: uuid('org_unit_id').notNull(),
    tasksHash: text('tasks_hash').notNull(),
    /** Null: nothing changes with time alone (e.g. an open suspension, C9). */
    reviewOn: date('review_on'),
    /**
     * What the last daily-rules computation read (`inputsKey` in sync.ts: the person's inputs
     * version, policy version, unit and the rules' revision); null when last computed outside
     * the daily rules. The full recompute skips a person whose key is unchanged and whose
     * `reviewOn` is still ahead: the rules would give exactly what is stored.
     */
    inputsKey: text('inputs_key'),
    /**
     * Issue 9.16: a write left a time-driven fact to raise today; the job waits until this instant
     * (a grace for entering the records of a measure that began long ago). Null otherwise.
     */
    reviewAfter: timestamp('review_after', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('supervision_sync_review_idx').on(t.reviewOn)],
);

/**
 * A counter per person, raised by triggers (custom SQL of migration 0006) in the statement that
 * inserts, updates or deletes any row the rules read about him: his supervision records, leave
 * requests, absences and measures. Whatever the code path that writes them (a form, an import,
 * a correction), the recompute sees that his inputs moved without reading them. Never written by
 * the application.
 */
export const supervisionInputs = pgTable('supervision_inputs', {
  personId: uuid('person_id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});

/** P2: consent to SMS reminders (beyond the statutory duty, so it needs consent); who recorded it and when. */
export const supervisionPreferences = pgTable('supervision_preferences', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => persons.id),
  smsConsent: boolean('sms_consent').notNull().default(false),
  consentDate: date('consent_date'),
  recordedBy: uuid('recorded_by').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
});

/** The last completed run of a daily job, so an hourly tick runs it once per calendar day. */
export const supervisionJobRuns = pgTable('supervision_job_runs', {
  job: text('job').primaryKey(),
  lastDate: date('last_date').notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
  details: jsonb('details'),
});
