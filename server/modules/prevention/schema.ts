import { customType, pgTable, uuid, text, integer, timestamp, date, jsonb, index, primaryKey, uniqueIndex, boolean } from 'drizzle-orm/pg-core';
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

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Photos of a publicity activity (issue 16 item 1): at most 9 per activity, JPEG/PNG/WebP, the
 * bytes kept in the row (small, not person data: no person column on purpose). Each records the
 * consent for recognisable people and the uploader's confirmation that no person under a measure is shown.
 */
export const activityPhotos = pgTable(
  'activity_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => publicityActivities.id, { onDelete: 'cascade' }),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    /** SHA-256 of the bytes, hex. */
    sha256: text('sha256').notNull(),
    /** consent_recorded | no_recognisable_person */
    consent: text('consent').notNull(),
    /** The uploader confirmed no person under a measure is shown (always true: false is refused). */
    noMeasuredPerson: boolean('no_measured_person').notNull(),
    bytes: bytea('bytes').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('activity_photos_activity_idx').on(t.activityId)],
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

/**
 * Resident surveys (居民问卷, issue 16 item 4; K14, K15). The questions are kept with the survey
 * as entered (jsonb, checked by the contract); once answered they are not edited, so every
 * response is scored against the questions it was given.
 */
export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    title: text('title').notNull(),
    intro: text('intro').notNull().default(''),
    audiences: text('audiences').array().notNull(),
    /** [{ kind, text, options, correct? }] */
    questions: jsonb('questions').notNull(),
    /** open | closed */
    state: text('state').notNull().default('open'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('surveys_org_idx').on(t.orgUnitId)],
);

/** A public link of a survey for one unit of its subtree: the token is 128 random bits, the only way in without sign-in. */
export const surveyLinks = pgTable(
  'survey_links',
  {
    token: text('token').primaryKey(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('survey_links_survey_unit_idx').on(t.surveyId, t.orgUnitId), index('survey_links_org_idx').on(t.orgUnitId)],
);

/**
 * One anonymous answer set: no person data, no address, no device id (the cookie that keeps a
 * device from answering twice is not stored). The K14/K15 tallies are kept at entry.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    audience: text('audience'),
    answers: jsonb('answers').notNull(),
    knowledge: integer('knowledge').notNull(),
    correct: integer('correct').notNull(),
    rated: integer('rated').notNull(),
    satisfied: integer('satisfied').notNull(),
    answeredOn: date('answered_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('survey_responses_survey_idx').on(t.surveyId), index('survey_responses_org_day_idx').on(t.orgUnitId, t.answeredOn)],
);

/**
 * Tip reports (线索举报, issue 16 item 5). The description and the tipster's contact are
 * encrypted at rest; only a SHA-256 of the receipt code is kept, so the table cannot be read
 * back into codes. Who gave the tip is for the police role alone (docs/data-protection.md).
 */
export const tips = pgTable(
  'tips',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    receiptHash: text('receipt_hash').notNull(),
    category: text('category').notNull(),
    descriptionEnc: text('description_enc').notNull(),
    place: text('place').notNull().default(''),
    anonymous: boolean('anonymous').notNull(),
    tipsterNameEnc: text('tipster_name_enc'),
    tipsterPhoneEnc: text('tipster_phone_enc'),
    /** received | verified | closed */
    status: text('status').notNull().default('received'),
    statusNote: text('status_note').notNull().default(''),
    rewardYuan: integer('reward_yuan'),
    rewardPaidOn: date('reward_paid_on'),
    receivedOn: date('received_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tips_receipt_idx').on(t.receiptHash), index('tips_org_idx').on(t.orgUnitId, t.receivedOn)],
);

/** Recognition of a volunteer (优秀志愿者, issue 16 item 2): once per volunteer and year. */
export const volunteerRecognitions = pgTable(
  'volunteer_recognitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    year: integer('year').notNull(),
    recognisedOn: date('recognised_on').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('volunteer_recognitions_once_idx').on(t.volunteerId, t.year)],
);

// ——— #16 item 3: staff capacity (队伍建设)

/** A social worker's grade (资质等级), one row per account; none yet reads as 未取得 (`unqualified`). */
export const staffGrades = pgTable('staff_grades', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  /** unqualified | assistant | intermediate | senior (policy `capacity`) */
  grade: text('grade').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A certificate a staff member holds (social-work qualification, post certificate, …) with its dates. */
export const staffQualifications = pgTable(
  'staff_qualifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    number: text('number').notNull(),
    issuedOn: date('issued_on').notNull(),
    /** null: does not expire */
    expiresOn: date('expires_on'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('staff_qualifications_user_idx').on(t.userId)],
);
