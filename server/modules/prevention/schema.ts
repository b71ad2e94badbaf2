import { pgTable, uuid, text, integer, timestamp, date, jsonb, index, primaryKey } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema';
import { users } from '../users/schema';

/**
 * Publicity activities (宣传教育活动, issue 16 item 1): what, for whom, where, and how many were
 * reached. Reach is kept as entered (attendees, per-channel reads/plays/shares) and summed by
 * the K13 rule on read, so a changed rule needs no migration.
 */
export const publicityActivities = pgTable(
  'publicity_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    audiences: text('audiences').array().notNull(),
    heldOn: date('held_on').notNull(),
    place: text('place').notNull().default(''),
    organiser: text('organiser').notNull(),
    partners: text('partners').array().notNull(),
    attendees: integer('attendees').notNull().default(0),
    /** [{ channel, reads, plays, shares }] for online kinds. */
    channels: jsonb('channels').notNull(),
    /** Reach as the K13 rule counted it at entry: what the sums by unit and audience add. */
    reach: integer('reach').notNull(),
    materials: integer('materials').notNull().default(0),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('publicity_activities_org_held_idx').on(t.orgUnitId, t.heldOn), index('publicity_activities_held_idx').on(t.heldOn)],
);

/** Volunteer teams (志愿者队伍): one unit each; the leader is one of its volunteers. */
export const volunteerTeams = pgTable(
  'volunteer_teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    name: text('name').notNull(),
    leaderVolunteerId: uuid('leader_volunteer_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('volunteer_teams_org_idx').on(t.orgUnitId)],
);

/**
 * Volunteers (志愿者) with the least data the work needs: name, phone, team, skills. The phone
 * is encrypted at rest like every phone number (RULES P6).
 */
export const volunteers = pgTable(
  'volunteers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => volunteerTeams.id),
    name: text('name').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    skills: text('skills').array().notNull(),
    registeredOn: date('registered_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('volunteers_team_idx').on(t.teamId)],
);

/** Service time of a volunteer, in minutes, optionally at one publicity activity. */
export const volunteerHours = pgTable(
  'volunteer_hours',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    servedOn: date('served_on').notNull(),
    minutes: integer('minutes').notNull(),
    activityId: uuid('activity_id').references(() => publicityActivities.id),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('volunteer_hours_volunteer_idx').on(t.volunteerId, t.servedOn)],
);

/** Staff trainings (培训, K16): the event; its attendees and their exam results below. */
export const staffTrainings = pgTable(
  'staff_trainings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    topic: text('topic').notNull(),
    heldOn: date('held_on').notNull(),
    minutes: integer('minutes').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('staff_trainings_org_held_idx').on(t.orgUnitId, t.heldOn)],
);

export const staffTrainingAttendees = pgTable(
  'staff_training_attendees',
  {
    trainingId: uuid('training_id')
      .notNull()
      .references(() => staffTrainings.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** passed | failed | not_examined */
    result: text('result').notNull(),
  },
  (t) => [primaryKey({ columns: [t.trainingId, t.userId] }), index('staff_training_attendees_user_idx').on(t.userId)],
);
