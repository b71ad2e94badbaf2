import { pgTable, uuid, text, integer, bigint, boolean, timestamp, date, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema';
import { users } from '../users/schema';

/**
 * Drug cases per unit and period as the police enter them (K18, issue 15 item 6): month 1–12,
 * or 0 for a whole year. draft → submitted → approved | returned (with a reason); only approved
 * figures count.
 */
export const policeFigures = pgTable(
  'police_figures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    cases: integer('cases').notNull(),
    note: text('note').notNull().default(''),
    status: text('status').notNull(),
    returnReason: text('return_reason'),
    enteredBy: uuid('entered_by').references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('police_figures_unit_period_idx').on(t.orgUnitId, t.year, t.month)],
);

/** The base year K18 compares with, per unit (set by the district office). */
export const policeBaseYears = pgTable('police_base_years', {
  orgUnitId: uuid('org_unit_id')
    .primaryKey()
    .references(() => orgUnits.id),
  baseYear: integer('base_year').notNull(),
  setBy: uuid('set_by').references(() => users.id),
  setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 联席会议: a meeting of the departments, its topics and decisions (the action items below). */
export const jointMeetings = pgTable(
  'joint_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    heldOn: date('held_on').notNull(),
    title: text('title').notNull(),
    departments: text('departments').array().notNull(),
    topics: text('topics').array().notNull(),
    decisions: text('decisions').array().notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('joint_meetings_org_held_idx').on(t.orgUnitId, t.heldOn)],
);

export const meetingActionItems = pgTable(
  'meeting_action_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => jointMeetings.id),
    title: text('title').notNull(),
    ownerUserId: uuid('owner_user_id')
      .notNull()
      .references(() => users.id),
    dueOn: date('due_on').notNull(),
    status: text('status').notNull().default('open'),
    note: text('note').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_action_items_meeting_idx').on(t.meetingId), index('meeting_action_items_owner_due_idx').on(t.ownerUserId, t.dueOn)],
);

/** The risk register (seed §6): likelihood and impact 1–5, responses, owner and the next review. */
export const risks = pgTable(
  'risks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    title: text('title').notNull(),
    category: text('category').notNull(),
    likelihood: integer('likelihood').notNull(),
    impact: integer('impact').notNull(),
    responses: text('responses').array().notNull(),
    ownerUserId: uuid('owner_user_id')
      .notNull()
      .references(() => users.id),
    reviewOn: date('review_on').notNull(),
    lastReviewedOn: date('last_reviewed_on'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('risks_org_idx').on(t.orgUnitId), index('risks_owner_review_idx').on(t.ownerUserId, t.reviewOn)],
);

/** A unit's yearly budget; the lines by category below. Amounts in fen (分). */
export const budgetPlans = pgTable(
  'budget_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    year: integer('year').notNull(),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('budget_plans_unit_year_idx').on(t.orgUnitId, t.year)],
);

export const budgetLines = pgTable(
  'budget_lines',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => budgetPlans.id),
    category: text('category').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.category] })],
);

export const budgetExpenses = pgTable(
  'budget_expenses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => budgetPlans.id),
    category: text('category').notNull(),
    spentOn: date('spent_on').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    description: text('description').notNull(),
    /** A receipt kept by the documents module (unit_documents). */
    receiptDocumentId: uuid('receipt_document_id'),
    /** Entered although it took its category over the plan (policy governance.overBudget = warn). */
    overBudget: boolean('over_budget').notNull().default(false),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('budget_expenses_plan_idx').on(t.planId, t.category)],
);

/** The station's 七有, one row per station unit and item, with its evidence (a unit document). */
export const stationChecklist = pgTable(
  'station_checklist',
  {
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    item: text('item').notNull(),
    done: boolean('done').notNull(),
    note: text('note').notNull().default(''),
    evidenceDocumentId: uuid('evidence_document_id'),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgUnitId, t.item] })],
);
