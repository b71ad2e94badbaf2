import { pgTable, uuid, text, integer, boolean, timestamp, date, jsonb, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { orgUnits } from '../org/schema';
import { users } from '../users/schema';
import { persons } from '../persons/schema';

/**
 * A partner organisation (合作单位, GLOSSARY `partner`): kept in the directory of one unit, serving
 * the subtrees of `served_paths`. `places_taken` counts current placements against `capacity`
 * (support bases and caring employers, issue 12 item 6).
 */
export const partners = pgTable(
  'partners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    servedUnitIds: uuid('served_unit_ids').array().notNull(),
    servedPaths: text('served_paths').array().notNull(),
    services: text('services').array().notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    capacity: integer('capacity'),
    placesTaken: integer('places_taken').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('partners_org_idx').on(t.orgUnitId), uniqueIndex('partners_unit_name_idx').on(t.orgUnitId, t.name)],
);

/** Partner staff accounts belong to their partner: the inbox shows that partner's referrals only. */
export const partnerStaff = pgTable(
  'partner_staff',
  {
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.userId] }), index('partner_staff_user_idx').on(t.userId)],
);

/** A needs assessment (item 1): `needs` holds a level and a note per need. */
export const assistanceAssessments = pgTable(
  'assistance_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    assessedOn: date('assessed_on').notNull(),
    assessedBy: uuid('assessed_by').references(() => users.id),
    needs: jsonb('needs').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assistance_assessments_person_idx').on(t.personId, t.assessedOn)],
);

/** Each version of a person's 一人一策 plan (item 2); a new version supersedes, the old ones are kept. */
export const assistancePlans = pgTable(
  'assistance_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    version: integer('version').notNull(),
    reviewDate: date('review_date').notNull(),
    status: text('status').notNull().default('draft'),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('assistance_plans_version_idx').on(t.personId, t.version)],
);

export const planActions = pgTable(
  'assistance_plan_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => assistancePlans.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    need: text('need').notNull(),
    goal: text('goal').notNull(),
    action: text('action').notNull(),
    owner: text('owner').notNull(),
    partnerId: uuid('partner_id').references(() => partners.id),
    dueDate: date('due_date').notNull(),
    status: text('status').notNull().default('open'),
    closedOn: date('closed_on'),
  },
  (t) => [index('assistance_plan_actions_plan_idx').on(t.planId), index('assistance_plan_actions_person_idx').on(t.personId, t.status)],
);

/**
 * A referral to a partner (item 5). `person_org_path` is the person's unit when it was sent:
 * the workers' lists are scoped by it. A consent, where P2 requires one, is kept with it.
 */
export const referrals = pgTable(
  'assistance_referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    personOrgPath: text('person_org_path').notNull(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    actionId: uuid('action_id').references(() => planActions.id),
    need: text('need').notNull(),
    purpose: text('purpose').notNull(),
    consent: jsonb('consent'),
    status: text('status').notNull().default('sent'),
    sentOn: date('sent_on').notNull(),
    respondBy: date('respond_by').notNull(),
    declineReason: text('decline_reason'),
    outcome: text('outcome'),
    respondedBy: uuid('responded_by').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('assistance_referrals_partner_idx').on(t.partnerId, t.status),
    index('assistance_referrals_person_idx').on(t.personId),
    index('assistance_referrals_path_idx').using('btree', t.personOrgPath.op('text_pattern_ops')),
    // Item 5 edge case: one open referral per person, need and partner.
    uniqueIndex('assistance_referrals_open_idx')
      .on(t.personId, t.need, t.partnerId)
      .where(sql`status in ('sent', 'accepted')`),
  ],
);

/** A service delivered (item 3), a line of the person's timeline; `details` per kind (contracts). */
export const assistanceServices = pgTable(
  'assistance_services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    personOrgPath: text('person_org_path').notNull(),
    kind: text('kind').notNull(),
    serviceDate: date('service_date').notNull(),
    outcome: text('outcome').notNull(),
    details: jsonb('details').notNull(),
    /** Placements: their span, for K8 without reading `details`. */
    startDate: date('start_date'),
    endDate: date('end_date'),
    providerPartnerId: uuid('provider_partner_id').references(() => partners.id),
    referralId: uuid('referral_id').references(() => referrals.id),
    actionId: uuid('action_id').references(() => planActions.id),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('assistance_services_person_idx').on(t.personId, t.serviceDate),
    index('assistance_services_path_idx').using('btree', t.personOrgPath.op('text_pattern_ops'), t.kind),
  ],
);

/**
 * A placement's still-employed check (item 3: at 3, 6 and 12 months by the policy), one per
 * month of the cadence. A check that finds the person no longer employed ends the placement
 * (the service's `end_date`) and frees the place it took (item 6).
 */
export const placementChecks = pgTable(
  'assistance_placement_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => assistanceServices.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    month: integer('month').notNull(),
    checkedOn: date('checked_on').notNull(),
    employed: boolean('employed').notNull(),
    checkedBy: uuid('checked_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('assistance_placement_checks_month_idx').on(t.serviceId, t.month), index('assistance_placement_checks_person_idx').on(t.personId)],
);
