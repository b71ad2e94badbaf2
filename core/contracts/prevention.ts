import { z } from 'zod';
import { int32, nameText, pageQuery } from './common';
import { socialWorkerGrades } from '../rules/policy';
import { qualificationKinds } from '../rules/capacity';

// Prevention and capacity (预防, issue 16): publicity activities by audience and reach,
// volunteers and their hours, staff trainings. The raw material of K13 and K16 (RULES §6).

const isoDate = z.iso.date();
const count = () => int32().min(0);

export const publicityKinds = ['talk', 'exhibition', 'competition', 'performance', 'school_class', 'market_stand', 'door_to_door', 'online_post', 'short_video'] as const;
export type PublicityKind = (typeof publicityKinds)[number];
/** Kinds that reach people online: their reach is entered per channel, not as attendees. */
export const onlinePublicityKinds: readonly PublicityKind[] = ['online_post', 'short_video'];

export const audienceSegments = ['youth', 'elderly', 'migrants', 'residents', 'venue_staff', 'families'] as const;
export type AudienceSegment = (typeof audienceSegments)[number];

export const onlineChannels = ['wechat_official', 'short_video_platform', 'weibo', 'website', 'other'] as const;
export type OnlineChannel = (typeof onlineChannels)[number];

export const channelReach = z.strictObject({
  channel: z.enum(onlineChannels),
  reads: count().default(0),
  plays: count().default(0),
  shares: count().default(0),
});
export type ChannelReach = z.infer<typeof channelReach>;

export const publicityInput = z.strictObject({
  orgUnitId: z.uuid(),
  kind: z.enum(publicityKinds),
  title: nameText(120),
  audiences: z.array(z.enum(audienceSegments)).min(1).max(audienceSegments.length),
  heldOn: isoDate,
  place: z.string().trim().max(200).default(''),
  organiser: nameText(100),
  partners: z.array(nameText(100)).max(10).default([]),
  attendees: count().default(0),
  channels: z.array(channelReach).max(onlineChannels.length).default([]),
  materials: count().default(0),
});
export type PublicityInput = z.infer<typeof publicityInput>;

export const publicityView = z.object({
  id: z.uuid(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  kind: z.enum(publicityKinds),
  title: z.string(),
  audiences: z.array(z.enum(audienceSegments)),
  heldOn: z.string(),
  place: z.string(),
  organiser: z.string(),
  partners: z.array(z.string()),
  attendees: z.number(),
  channels: z.array(z.object({ channel: z.enum(onlineChannels), reads: z.number(), plays: z.number(), shares: z.number() })),
  materials: z.number(),
  /** Person-times reached (K13): attendees plus online reads and plays. */
  reach: z.number(),
  recordedByName: z.string().nullable(),
  createdAt: z.string(),
});
export type PublicityView = z.infer<typeof publicityView>;

/** A period within one unit's subtree; both ends inclusive. */
export const periodQuery = z.object({
  orgUnitId: z.uuid().optional(),
  from: isoDate,
  to: isoDate,
});

export const publicityListQuery = periodQuery
  .extend({
    audience: z.enum(audienceSegments).optional(),
    kind: z.enum(publicityKinds).optional(),
  })
  .extend(pageQuery.shape);
export const publicityList = z.object({ items: z.array(publicityView), total: z.number() });

const tally = z.object({ activities: z.number(), reach: z.number() });
export const publicitySummary = z.object({
  from: z.string(),
  to: z.string(),
  total: tally,
  byAudience: z.array(tally.extend({ audience: z.enum(audienceSegments) })),
  byKind: z.array(tally.extend({ kind: z.enum(publicityKinds) })),
  /** The unit's direct children (or the unit itself when it has none), each with its subtree. */
  byUnit: z.array(tally.extend({ orgUnitId: z.uuid(), orgUnitName: z.string() })),
});
export type PublicitySummary = z.infer<typeof publicitySummary>;

// Volunteers: the least data needed (name, phone, team, skills).
export const volunteerSkills = ['publicity', 'counselling', 'legal', 'medical', 'arts', 'online', 'care'] as const;
export type VolunteerSkill = (typeof volunteerSkills)[number];

export const teamInput = z.strictObject({ orgUnitId: z.uuid(), name: nameText(100) });
export const teamLeaderInput = z.strictObject({ leaderVolunteerId: z.uuid().nullable() });
export const teamView = z.object({
  id: z.uuid(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  name: z.string(),
  leaderVolunteerId: z.uuid().nullable(),
  leaderName: z.string().nullable(),
  members: z.number(),
  minutes: z.number(),
  createdAt: z.string(),
});
export const teamList = z.object({ items: z.array(teamView) });

export const volunteerInput = z.strictObject({
  teamId: z.uuid(),
  name: nameText(50),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/),
  skills: z.array(z.enum(volunteerSkills)).max(volunteerSkills.length).default([]),
  registeredOn: isoDate,
});
export type VolunteerInput = z.infer<typeof volunteerInput>;
export const volunteerView = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  teamName: z.string(),
  orgUnitId: z.uuid(),
  name: z.string(),
  /** Masked: the list never shows a volunteer's full phone number. */
  phone: z.string(),
  skills: z.array(z.enum(volunteerSkills)),
  registeredOn: z.string(),
  /** Service minutes logged in the period asked for (all time when none). */
  minutes: z.number(),
  /** The years he was recognised an outstanding volunteer (优秀志愿者). */
  recognised: z.array(z.number()),
});
export const recognitionInput = z.strictObject({ recognisedOn: isoDate });
export const volunteerListQuery = z.object({ orgUnitId: z.uuid().optional(), teamId: z.uuid().optional() }).extend(pageQuery.shape);
export const volunteerList = z.object({ items: z.array(volunteerView), total: z.number() });

export const hoursInput = z.strictObject({
  servedOn: isoDate,
  /** Service time in minutes, at most one day. */
  minutes: int32()
    .min(15)
    .max(24 * 60),
  activityId: z.uuid().optional(),
});
export const hoursView = z.object({ id: z.uuid(), volunteerId: z.uuid(), servedOn: z.string(), minutes: z.number(), activityId: z.uuid().nullable() });

// Staff trainings (K16).
export const trainingResults = ['passed', 'failed', 'not_examined'] as const;
export type TrainingResult = (typeof trainingResults)[number];
export const trainingInput = z.strictObject({
  orgUnitId: z.uuid(),
  topic: nameText(120),
  heldOn: isoDate,
  /** Length in minutes. */
  minutes: int32()
    .min(15)
    .max(7 * 24 * 60),
  attendees: z
    .array(z.strictObject({ userId: z.uuid(), result: z.enum(trainingResults) }))
    .min(1)
    .max(500),
});
export type TrainingInput = z.infer<typeof trainingInput>;
export const trainingView = z.object({
  id: z.uuid(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  topic: z.string(),
  heldOn: z.string(),
  minutes: z.number(),
  attendees: z.array(z.object({ userId: z.uuid(), displayName: z.string(), result: z.enum(trainingResults) })),
  examined: z.number(),
  passed: z.number(),
  createdAt: z.string(),
});
export type TrainingView = z.infer<typeof trainingView>;
export const trainingListQuery = periodQuery.extend(pageQuery.shape);
export const trainingList = z.object({ items: z.array(trainingView), total: z.number() });

const ratio = z.object({ numerator: z.number(), denominator: z.number(), rate: z.number().nullable() });
export const preventionIndicators = z.object({
  orgUnitId: z.uuid(),
  from: z.string(),
  to: z.string(),
  /** K12: persons under a community measure and the workers responsible for them (1 : 30). */
  k12: z.object({
    persons: z.number(),
    workers: z.number(),
    unassigned: z.number(),
    workersNeeded: z.number(),
    maxCaseload: z.number(),
    overCaseload: z.number(),
    met: z.boolean(),
  }),
  k13: z.object({ activities: z.number(), reach: z.number(), activitiesTarget: z.number(), reachTarget: z.number(), met: z.boolean() }),
  /** K14: right answers to the surveys' knowledge items (recognition of new drugs), target 85 %. */
  k14: z.object({ responses: z.number(), recognition: ratio, target: z.number(), met: z.boolean() }),
  /** K15: satisfied ratings (4 or 5 of 5) in the surveys, target 90 %. */
  k15: z.object({ responses: z.number(), satisfaction: ratio, target: z.number(), met: z.boolean() }),
  k16: z.object({ trainings: z.number(), trainingsTarget: z.number(), passRate: ratio, met: z.boolean() }),
  volunteers: z.object({ teams: z.number(), volunteers: z.number(), minutes: z.number(), teamSizeTarget: z.number(), teamsAtTarget: z.number(), recognised: z.number() }),
});
export type PreventionIndicators = z.infer<typeof preventionIndicators>;

// ——— #16 item 3: staff capacity (队伍建设): social-worker grades, qualifications, caseloads, K12.
export { socialWorkerGrades, qualificationKinds };
export type { SocialWorkerGrade } from '../rules/policy';
export type { QualificationKind, QualificationState } from '../rules/capacity';
export const qualificationStates = ['valid', 'expiring', 'expired'] as const;

export const staffQuery = z.object({ orgUnitId: z.uuid().optional() });
export const staffParams = z.object({ userId: z.uuid() });
export const qualificationParams = z.object({ userId: z.uuid(), qualificationId: z.uuid() });
export const staffGradeInput = z.strictObject({ grade: z.enum(socialWorkerGrades) });
export const qualificationInput = z.strictObject({
  kind: z.enum(qualificationKinds),
  /** The certificate's number as printed on it. */
  number: nameText(60),
  issuedOn: isoDate,
  /** None: the certificate does not expire. */
  expiresOn: isoDate.nullable().default(null),
});
export type QualificationInput = z.infer<typeof qualificationInput>;

const payBand = z.object({ minYuan: z.number(), maxYuan: z.number() });
export const qualificationView = z.object({
  id: z.uuid(),
  kind: z.enum(qualificationKinds),
  number: z.string(),
  issuedOn: z.string(),
  expiresOn: z.string().nullable(),
  state: z.enum(qualificationStates),
  /** Days to the expiry day (negative once past); null without an expiry date. */
  daysLeft: z.number().nullable(),
});
export const staffWorkerView = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  /** The grade recorded for him (未取得 until one is). */
  grade: z.enum(socialWorkerGrades),
  /** The grade whose pay band applies: the recorded one as far as a certificate in force proves it. */
  payGrade: z.enum(socialWorkerGrades),
  payBand,
  qualifications: z.array(qualificationView),
  /** Persons under a community measure he is responsible for in the unit's subtree, against the target. */
  caseload: z.object({ persons: z.number(), target: z.number(), over: z.boolean() }),
  /** Trainings attended this calendar year (up to today) and his pass rate of those examined. */
  training: z.object({ trainings: z.number(), minutes: z.number(), passRate: ratio }),
});
export type StaffWorkerView = z.infer<typeof staffWorkerView>;
export const staffView = z.object({
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  today: z.string(),
  payBandsYuan: z.record(z.enum(socialWorkerGrades), payBand),
  /** K12 of the unit's subtree from the real assignments. */
  k12: z.object({
    persons: z.number(),
    workers: z.number(),
    unassigned: z.number(),
    workersNeeded: z.number(),
    personsPerWorker: z.number().nullable(),
    target: z.number(),
    maxCaseload: z.number(),
    overCaseload: z.number(),
    met: z.boolean(),
  }),
  workers: z.array(staffWorkerView),
});
export type StaffView = z.infer<typeof staffView>;

// ——— photos of a publicity activity (issue 16 item 1)
export const photoConsents = ['consent_recorded', 'no_recognisable_person'] as const;
export type PhotoConsent = (typeof photoConsents)[number];
export const activityPhotoMimeTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** At most this many photos per activity. */
export const maxPhotosPerActivity = 9;
/** The `meta` part of a photo upload: the consent for recognisable people and the no-measured-person confirmation. */
export const photoMeta = z.strictObject({
  consent: z.enum(photoConsents),
  /** Must be true: no person under a measure is shown. */
  noMeasuredPerson: z.boolean(),
});
export type PhotoMeta = z.infer<typeof photoMeta>;
export const photoView = z.object({
  id: z.uuid(),
  activityId: z.uuid(),
  mimeType: z.enum(activityPhotoMimeTypes),
  size: z.number(),
  sha256: z.string(),
  consent: z.enum(photoConsents),
  noMeasuredPerson: z.boolean(),
  uploadedBy: z.uuid().nullable(),
  createdAt: z.string(),
});
export type PhotoView = z.infer<typeof photoView>;
export const photoList = z.object({ items: z.array(photoView), total: z.number(), max: z.number() });
