import { z } from 'zod';
import { nameText } from './common';
import { assistanceNeeds, assistanceTaskKinds, needLevels, partnerKinds, referralStatuses, serviceKinds } from '../rules/assistance';

const isoDate = z.iso.date();
const note = (max = 500) => z.string().trim().max(max);

export const assistanceNeed = z.enum(assistanceNeeds);
export const needLevel = z.enum(needLevels);
export const partnerKind = z.enum(partnerKinds);
export const referralStatus = z.enum(referralStatuses);
export const serviceKind = z.enum(serviceKinds);

/** Item 1: one assessment, a level per need. */
export const assessmentBody = z.object({
  assessedOn: isoDate,
  needs: z
    .array(z.object({ need: assistanceNeed, level: needLevel, note: note().optional() }))
    .min(1)
    .max(assistanceNeeds.length),
});
export type AssessmentBody = z.infer<typeof assessmentBody>;

export const planAction = z.object({
  need: assistanceNeed,
  goal: nameText(300),
  action: nameText(300),
  owner: z.enum(['worker', 'partner']),
  partnerId: z.uuid().optional(),
  dueDate: isoDate,
});
/** Item 2: a new version of the person's 一人一策 plan. */
export const planBody = z.object({ reviewDate: isoDate, actions: z.array(planAction).min(1).max(40) });
export type PlanBody = z.infer<typeof planBody>;

export const consentBody = z.object({
  given: z.boolean(),
  /** Who gave or refused it: the person, or their guardian. */
  by: nameText(40),
  date: isoDate,
  /** What the partner may learn and do with it. */
  scope: nameText(300),
});

/** Item 5: a referral; a consent is required for partners beyond the statutory bodies (P2). */
export const referralBody = z.object({
  partnerId: z.uuid(),
  need: assistanceNeed,
  purpose: nameText(300),
  actionId: z.uuid().optional(),
  consent: consentBody.optional(),
});
export type ReferralBody = z.infer<typeof referralBody>;

/** Item 3: the details of each kind of service; a field of another kind is refused, not dropped. */
export const serviceDetails = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('counselling'),
    provider: nameText(100),
    minutes: z.number().int().min(5).max(600),
    topic: nameText(200),
    mode: z.enum(['individual', 'group', 'family']),
  }),
  z.strictObject({ kind: z.literal('skills_training'), course: nameText(200), hours: z.number().int().min(1).max(2000), certificate: z.boolean() }),
  z.strictObject({
    kind: z.literal('job_placement'),
    job: nameText(100),
    wageBand: z.enum(['below_minimum', 'minimum_to_3000', '3000_to_5000', 'above_5000']),
    startDate: isoDate,
    endDate: isoDate.optional(),
    employerPartnerId: z.uuid().optional(),
  }),
  z.strictObject({ kind: z.literal('family_repair'), parties: nameText(200), repaired: z.boolean() }),
  z.strictObject({
    kind: z.literal('relief'),
    scheme: z.enum(['subsistence', 'temporary', 'medical']),
    submittedOn: isoDate,
    decision: z.enum(['pending', 'granted', 'refused']),
    amount: z.number().int().min(0).max(1_000_000).optional(),
    decidedOn: isoDate.optional(),
  }),
  z.strictObject({ kind: z.literal('treatment_referral'), clinic: nameText(100), status: z.enum(['referred', 'in_treatment', 'ended']) }),
  z.strictObject({ kind: z.literal('legal_aid'), matter: nameText(200) }),
]);
export type ServiceDetails = z.infer<typeof serviceDetails>;

export const serviceBody = z.object({ date: isoDate, outcome: nameText(500), actionId: z.uuid().optional(), details: serviceDetails });
export type ServiceBody = z.infer<typeof serviceBody>;

/** Item 4: a partner organisation in the directory. */
export const partnerBody = z.object({
  name: nameText(100),
  kind: partnerKind,
  /** The unit that keeps the partner in its directory. */
  orgUnitId: z.uuid(),
  servedOrgUnitIds: z.array(z.uuid()).min(1).max(50),
  services: z.array(assistanceNeed).min(1).max(assistanceNeeds.length),
  contactName: nameText(40),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/),
  capacity: z.number().int().min(1).max(100_000).optional(),
});
export type PartnerBody = z.infer<typeof partnerBody>;
export const partnerQuery = z.object({ q: z.string().trim().max(40).optional(), kind: partnerKind.optional() });

export const partnerView = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: partnerKind,
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  districtName: z.string().nullable(),
  servedOrgUnitIds: z.array(z.uuid()),
  services: z.array(assistanceNeed),
  contactName: z.string(),
  contactPhone: z.string(),
  capacity: z.number().int().nullable(),
  placesTaken: z.number().int(),
  placesOpen: z.number().int().nullable(),
  consentRequired: z.boolean(),
});
export type PartnerView = z.infer<typeof partnerView>;
export const partnerList = z.object({ items: z.array(partnerView) });

export const assessmentView = z.object({
  id: z.uuid(),
  assessedOn: z.string(),
  assessedByName: z.string().nullable(),
  needs: z.array(z.object({ need: assistanceNeed, level: needLevel, note: z.string().nullable() })),
});
export const planActionView = planAction.extend({
  id: z.uuid(),
  partnerId: z.uuid().nullable(),
  partnerName: z.string().nullable(),
  status: z.enum(['open', 'done']),
  closedOn: z.string().nullable(),
  fromVisit: z.boolean(),
});
export const planView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  reviewDate: z.string(),
  status: z.enum(['draft', 'approved']),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  createdAt: z.string(),
  actions: z.array(planActionView),
});
export const referralView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  partnerId: z.uuid(),
  partnerName: z.string(),
  need: assistanceNeed,
  purpose: z.string(),
  status: referralStatus,
  sentOn: z.string(),
  respondBy: z.string(),
  stalled: z.boolean(),
  consent: consentBody.nullable(),
  declineReason: z.string().nullable(),
  outcome: z.string().nullable(),
});
export const serviceView = z.object({
  id: z.uuid(),
  kind: serviceKind,
  date: z.string(),
  outcome: z.string(),
  details: serviceDetails,
  providerName: z.string().nullable(),
  referralId: z.uuid().nullable(),
  actionId: z.uuid().nullable(),
  followUps: z.array(z.string()),
  /** Item 3: the still-employed checks made, and those due (month and day). */
  checks: z.array(z.object({ month: z.number().int(), checkedOn: z.string(), employed: z.boolean() })),
  checksDue: z.array(z.object({ month: z.number().int(), dueDate: z.string() })),
});
/** Item 2: the versions of a person's plan, newest first. */
export const planVersionView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: z.enum(['draft', 'approved']),
  reviewDate: z.string(),
  createdAt: z.string(),
  approvedAt: z.string().nullable(),
});

/** Item 7: the assistance tab — needs, plan, services and referrals on one page. */
export const assistanceTab = z.object({
  assessments: z.array(assessmentView),
  reassessmentDue: z.string().nullable(),
  /** Needs noted during visits and not yet in the plan (JOURNEYS 1). */
  visitNeeds: z.array(assistanceNeed),
  plan: planView.nullable(),
  planVersions: z.number().int(),
  planHistory: z.array(planVersionView),
  referrals: z.array(referralView),
  services: z.array(serviceView),
});
export type AssistanceTab = z.infer<typeof assistanceTab>;

/** What a partner sees of a referral: the minimum necessary (P1) — never history, tests, breaches or documents. */
export const inboxItem = z.object({
  id: z.uuid(),
  partnerName: z.string(),
  status: referralStatus,
  need: assistanceNeed,
  purpose: z.string(),
  sentOn: z.string(),
  respondBy: z.string(),
  person: z.object({ name: z.string(), phone: z.string().nullable() }),
});
export type InboxItem = z.infer<typeof inboxItem>;
export const inboxList = z.object({ items: z.array(inboxItem) });
export const declineBody = z.object({ reason: nameText(300) });
/** Completing a referral records what the partner delivered. */
export const completeBody = z.object({ date: isoDate, outcome: nameText(500), details: serviceDetails });

export const openReferralList = z.object({ items: z.array(referralView.extend({ personName: z.string() })) });
export const indicatorQuery = z.object({ orgUnitId: z.uuid(), from: isoDate, to: isoDate });
const ratio = z.object({ numerator: z.number().int(), denominator: z.number().int() });
export const indicatorView = z.object({ orgUnitId: z.uuid(), from: z.string(), to: z.string(), K8: ratio, K9: ratio, K10: ratio });

// Item 7: the assistance tasks of 今日待办 (re-assessment, plan review, placement checks, stalled referrals).
export const assistanceTaskKind = z.enum(assistanceTaskKinds);
export const taskQuery = z.object({ scope: z.enum(['mine', 'unit']).default('mine'), orgUnitId: z.uuid().optional() });
export const assistanceTaskView = z.object({
  kind: assistanceTaskKind,
  personId: z.uuid(),
  personName: z.string(),
  orgUnitName: z.string(),
  dueDate: z.string(),
  overdue: z.boolean(),
  refId: z.uuid().nullable(),
  reason: z.enum(['measure_start', 'transfer', 'relapse', 'cadence']).nullable(),
  month: z.number().int().nullable(),
});
export type AssistanceTaskView = z.infer<typeof assistanceTaskView>;
export const assistanceTaskList = z.object({ date: z.string(), items: z.array(assistanceTaskView), truncated: z.boolean() });

/** Item 3: a placement's still-employed check; not employed, it ends the placement on `endDate`. */
export const placementCheckBody = z
  .object({ month: z.number().int().min(1).max(36), checkedOn: isoDate, employed: z.boolean(), endDate: isoDate.optional() })
  .refine((b) => b.employed || !!b.endDate, { path: ['endDate'], message: 'required when no longer employed' });
export type PlacementCheckBody = z.infer<typeof placementCheckBody>;
export const placementCheckView = z.object({ id: z.uuid(), serviceId: z.uuid(), month: z.number().int(), checkedOn: z.string(), employed: z.boolean() });

/** Item 2: one version of the plan as the A4 paper of the file (the recovery-plan part). */
export const planPrintView = z.object({
  person: z.object({ name: z.string(), orgUnitName: z.string() }),
  plan: planView,
  needs: assessmentView.nullable(),
  createdByName: z.string().nullable(),
});
export type PlanPrintView = z.infer<typeof planPrintView>;

/** Item 3: the decision on a relief application recorded as pending (its outcome, reviewed later). */
export const reliefDecisionBody = z.object({ decision: z.enum(['granted', 'refused']), decidedOn: isoDate, amount: z.number().int().min(0).max(1_000_000).optional() });
export type ReliefDecisionBody = z.infer<typeof reliefDecisionBody>;
