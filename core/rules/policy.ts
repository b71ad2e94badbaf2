// The policy: every number of RULES sections 1–4 as data, never a literal in rule code.
//
// One default policy ships with the system; a deployment (province, city) overrides parts of
// it, and every decision records the policy `version` it used, so an override must carry its
// own version.

import { z } from 'zod';

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();

const measuresSchema = z.object({
  communityDetoxTermYears: positiveInt, // M1
  compulsoryIsolationTermYears: positiveInt, // M7
  compulsoryIsolationEarlyReleaseAfterYears: positiveInt, // M7
  compulsoryIsolationMaxExtensionYears: nonNegativeInt, // M7
  communityRehabMaxTermYears: positiveInt.max(3), // M9: "≤ 3 years" is the legal ceiling
  isolationExemptNursingChildUnderYears: positiveInt, // M6
  isolationWaivableUnderAge: positiveInt, // M6
});

const seriousBreachSchema = z.object({
  // C5: "以上" includes the number, so these are minimums (≥).
  testRefusalsAndEvasions: positiveInt,
  unauthorisedDepartures: positiveInt,
  // C5: "超过" excludes the number, so the total must be strictly more than this.
  absenceDaysMoreThan: positiveInt,
  countEvasionsAndRefusalsTogether: z.boolean(),
});

const lifecycleSchema = z.object({
  reportWithinDays: positiveInt.max(15), // C1: provinces may shorten the national 15 days, not lengthen them
  leaveRequestFromDays: positiveInt, // C4
  seriousBreach: seriousBreachSchema, // C5
  transferReportWithinDays: positiveInt, // C7
  transferFileForwardWorkingDays: positiveInt, // C7 (Chongqing practice)
  completionNoticeWithinDays: positiveInt, // C8
  releaseNoticeAhead: positiveInt, // C10
  releaseNoticeInWorkingDays: z.boolean(), // C10: Shanghai counts 7 working days
  releasePapersWithinWorkingDays: positiveInt.nullable(), // C10: Shanghai 3; no national deadline
  lostContactAfterDays: positiveInt, // C11
  noticeDeadlineHours: positiveInt, // C6: "promptly" has no national number; the hours a notice is due within
});

// T4/T5: interval in months for year 1, 2, 3 of the measure; the last one continues if a
// term runs longer than the list.
const intervalsByYear = z.array(positiveInt.max(12)).min(1);

const drugTestsSchema = z.object({
  communityDetoxIntervalMonthsByYear: intervalsByYear, // T4
  communityRehabIntervalMonthsByYear: intervalsByYear, // T5
  windowDays: nonNegativeInt, // T7: ± days around the due date
});

const followUpPhaseSchema = z.object({ fromMonth: nonNegativeInt, intervalDays: positiveInt });

const contactSchema = z.object({
  followUpPhases: z.array(followUpPhaseSchema).min(1), // F1
  gridVisitIntervalDays: positiveInt, // F2
  minVisitsPerQuarter: positiveInt, // F3
  checkInIntervalMonths: positiveInt, // F4
});

// #12 assistance: the cadences of needs re-assessment, partners' answers and placement checks.
const assistanceSchema = z.object({
  reassessEveryMonths: positiveInt.max(24), // issue 12 item 1
  referralResponseWorkingDays: positiveInt.max(30), // issue 12 item 5
  placementFollowUpMonths: z.array(positiveInt.max(36)).min(1).max(6), // issue 12 item 3
});

// #14 transfer: the figures C7 leaves to the deployment (no national number for them).
const transferSchema = z.object({
  decideWithinWorkingDays: positiveInt, // C7: the street asked answers (accept or decline) within these working days
});

// #13 warning: the risk factors of D4/D6 with their weights and thresholds, the class bounds,
// the alert deadlines by severity and the escalation steps (issue 13).
const riskFactorSchema = z.object({ weight: nonNegativeInt, threshold: positiveInt, forcesHigh: z.boolean() });
export const riskFactorCodes = [
  'released_recently',
  'missed_tests',
  'positive_test',
  'relapse',
  'lost_contact',
  'serious_breach',
  'refused_measure',
  'distress_signs',
  'mood_concern',
  'family_conflict',
  'no_stable_housing',
  'no_income',
  'injecting_use',
  'severe_addiction',
  'measure_ending_unplanned',
] as const;
export type RiskFactorCode = (typeof riskFactorCodes)[number];
const alertHoursSchema = z.object({ high: positiveInt, medium: positiveInt, low: positiveInt });
const warningSchema = z.object({
  factors: z.object(Object.fromEntries(riskFactorCodes.map((c) => [c, riskFactorSchema])) as Record<RiskFactorCode, typeof riskFactorSchema>),
  highFromScore: positiveInt, // D4: a score at or above this is high
  mediumFromScore: positiveInt, // D4: at or above this (and below high) is medium
  releasedWithinDays: positiveInt, // D4: "recent" release from compulsory isolation
  positiveWithinDays: positiveInt, // how far back a positive test still counts
  visitWithinDays: positiveInt, // a visit's signs count this long
  measureEndingWithinDays: positiveInt, // "ending soon" without an assistance plan
  alertDeadlineHours: alertHoursSchema, // K17: an alert is handled within these hours by severity
  escalateDistrictAfterHours: positiveInt, // after the street officer was told, the district office is told this much later
  alertFactsWithinDays: positiveInt, // a test older than this raises no alert (entered late, or handled before alerts existed)
});

// #14 sealing
const sealingSchema = z.object({
  delistingCleanYears: positiveInt, // D2
  delistingUpcomingDays: nonNegativeInt, // D2: how far ahead the list shows who is coming up
  sealAfterCompletionYears: positiveInt, // P4: completion with no further measure
  purgeAfterSealYears: positiveInt, // P4: how long a sealed file is kept
  openHours: positiveInt, // P4: a sealed-file opening
  breakGlassHours: positiveInt, // P1: an emergency read outside the scope
});

// #15 governance-ops: an expense over its category's remaining budget is allowed with a warning or refused.
const governanceSchema = z.object({ overBudget: z.enum(['warn', 'refuse']) });

// #16 capacity: social-worker grades (资质等级) with the monthly pay band of each, the K12
// caseload (one full-time social worker per 30 persons) and how early a qualification is
// flagged before it expires. Grades in ascending order; `unqualified` is 未取得.
export const socialWorkerGrades = ['unqualified', 'assistant', 'intermediate', 'senior'] as const;
export type SocialWorkerGrade = (typeof socialWorkerGrades)[number];
const payBandSchema = z.object({ minYuan: nonNegativeInt, maxYuan: nonNegativeInt });
const payBandsSchema = z.object(Object.fromEntries(socialWorkerGrades.map((g) => [g, payBandSchema])) as Record<SocialWorkerGrade, typeof payBandSchema>);
const capacitySchema = z.object({
  personsPerWorker: positiveInt, // K12: one full-time social worker per this many persons under a measure
  qualificationExpiringWithinDays: positiveInt, // a qualification this close to its expiry is flagged
  payBandsYuan: payBandsSchema, // monthly pay band per grade (yuan)
});

const sections = {
  measures: measuresSchema,
  lifecycle: lifecycleSchema,
  drugTests: drugTestsSchema,
  contact: contactSchema,
  assistance: assistanceSchema, // #12 assistance
  transfer: transferSchema, // #14 transfer
  warning: warningSchema, // #13 warning
  sealing: sealingSchema, // #14 sealing
  governance: governanceSchema, // #15 governance-ops
  capacity: capacitySchema, // #16 capacity
};

const policyShape = z.object({ version: z.string().min(1), ...sections });

/** Relations between numbers that a field-by-field check cannot see. */
export const policySchema = policyShape.superRefine((policy, ctx) => {
  const m = policy.measures;
  if (m.compulsoryIsolationEarlyReleaseAfterYears >= m.compulsoryIsolationTermYears) {
    ctx.addIssue({
      code: 'custom',
      path: ['measures', 'compulsoryIsolationEarlyReleaseAfterYears'],
      message: 'M7: early release must come before the end of the term',
    });
  }
  const phases = policy.contact.followUpPhases;
  if (phases[0]?.fromMonth !== 0) {
    ctx.addIssue({ code: 'custom', path: ['contact', 'followUpPhases', 0, 'fromMonth'], message: 'F1: the first phase starts at month 0' });
  }
  phases.forEach((phase, i) => {
    const previous = phases[i - 1];
    if (previous && phase.fromMonth <= previous.fromMonth) {
      ctx.addIssue({ code: 'custom', path: ['contact', 'followUpPhases', i, 'fromMonth'], message: 'F1: phases must be in increasing order' });
    }
  });
  // #16 capacity: a band runs from its minimum to its maximum.
  for (const g of socialWorkerGrades) {
    const band = policy.capacity.payBandsYuan[g];
    if (band.minYuan > band.maxYuan) ctx.addIssue({ code: 'custom', path: ['capacity', 'payBandsYuan', g, 'maxYuan'], message: 'K12: a pay band cannot end below its start' });
  }
});

export type Policy = z.infer<typeof policySchema>;

/**
 * A deployment override: any subset of the numbers, arrays replaced as a whole (a cadence is
 * one setting, merging it element by element would produce schedules nobody chose), and a
 * mandatory version.
 */
export const policyOverrideSchema = z.strictObject({
  version: z.string().min(1),
  measures: measuresSchema.partial().strict().optional(),
  lifecycle: lifecycleSchema.extend({ seriousBreach: seriousBreachSchema.partial().strict() }).partial().strict().optional(),
  drugTests: drugTestsSchema.partial().strict().optional(),
  contact: contactSchema.partial().strict().optional(),
  assistance: assistanceSchema.partial().strict().optional(), // #12 assistance
  transfer: transferSchema.partial().strict().optional(), // #14 transfer
  warning: warningSchema // #13 warning
    .extend({ factors: warningSchema.shape.factors.partial().strict(), alertDeadlineHours: alertHoursSchema.partial().strict() })
    .partial()
    .strict()
    .optional(),
  sealing: sealingSchema.partial().strict().optional(), // #14 sealing
  governance: governanceSchema.partial().strict().optional(), // #15 governance-ops
  capacity: capacitySchema.extend({ payBandsYuan: payBandsSchema.partial().strict() }).partial().strict().optional(), // #16 capacity
});

export type PolicyOverride = z.infer<typeof policyOverrideSchema>;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** Frozen so that no caller can change the defaults of every other caller. */
export const defaultPolicy: Policy = deepFreeze({
  version: 'default-2025.1',
  measures: {
    communityDetoxTermYears: 3,
    compulsoryIsolationTermYears: 2,
    compulsoryIsolationEarlyReleaseAfterYears: 1,
    compulsoryIsolationMaxExtensionYears: 1,
    communityRehabMaxTermYears: 3,
    isolationExemptNursingChildUnderYears: 1,
    isolationWaivableUnderAge: 16,
  },
  lifecycle: {
    reportWithinDays: 15,
    leaveRequestFromDays: 3,
    seriousBreach: {
      testRefusalsAndEvasions: 3,
      unauthorisedDepartures: 3,
      absenceDaysMoreThan: 30,
      countEvasionsAndRefusalsTogether: true,
    },
    transferReportWithinDays: 15,
    transferFileForwardWorkingDays: 3,
    completionNoticeWithinDays: 7,
    releaseNoticeAhead: 3,
    releaseNoticeInWorkingDays: false,
    releasePapersWithinWorkingDays: null,
    lostContactAfterDays: 30,
    noticeDeadlineHours: 24,
  },
  drugTests: {
    communityDetoxIntervalMonthsByYear: [1, 2, 3], // 12 + 6 + 4 tests
    communityRehabIntervalMonthsByYear: [2, 3, 6], // 6 + 4 + 2 tests
    windowDays: 7,
  },
  contact: {
    followUpPhases: [
      { fromMonth: 0, intervalDays: 7 }, // weekly in months 0–3
      { fromMonth: 3, intervalDays: 30 }, // monthly in months 3–12
      { fromMonth: 12, intervalDays: 90 }, // quarterly after 12 months
    ],
    gridVisitIntervalDays: 7,
    minVisitsPerQuarter: 1,
    checkInIntervalMonths: 1,
  },
  // #12 assistance
  assistance: {
    reassessEveryMonths: 6,
    referralResponseWorkingDays: 5,
    placementFollowUpMonths: [3, 6, 12],
  },
  // #14 transfer
  transfer: {
    decideWithinWorkingDays: 5,
  },
  // #13 warning: weights are points out of roughly 100; D4 makes the forcing factors high whatever the score.
  warning: {
    factors: {
      released_recently: { weight: 15, threshold: 1, forcesHigh: false },
      missed_tests: { weight: 10, threshold: 1, forcesHigh: false }, // threshold: refusals and evasions counted (C5)
      positive_test: { weight: 25, threshold: 1, forcesHigh: false },
      relapse: { weight: 20, threshold: 1, forcesHigh: false }, // D6: positive after an earlier measure
      lost_contact: { weight: 40, threshold: 1, forcesHigh: true }, // D4: cannot be located (C11)
      serious_breach: { weight: 40, threshold: 1, forcesHigh: true }, // D4: serious violation (C5)
      refused_measure: { weight: 40, threshold: 1, forcesHigh: true }, // D4: refusal (C1)
      distress_signs: { weight: 30, threshold: 1, forcesHigh: true }, // D4: self-harm or psychiatric signs noted in a visit
      mood_concern: { weight: 10, threshold: 1, forcesHigh: false }, // a low or agitated mood at the visit: weighs, forces nothing
      family_conflict: { weight: 10, threshold: 1, forcesHigh: false },
      no_stable_housing: { weight: 10, threshold: 1, forcesHigh: false },
      no_income: { weight: 5, threshold: 1, forcesHigh: false },
      injecting_use: { weight: 15, threshold: 1, forcesHigh: false },
      severe_addiction: { weight: 15, threshold: 1, forcesHigh: false }, // D6
      measure_ending_unplanned: { weight: 10, threshold: 1, forcesHigh: false },
    },
    highFromScore: 50,
    mediumFromScore: 20,
    releasedWithinDays: 90,
    positiveWithinDays: 365,
    visitWithinDays: 90,
    measureEndingWithinDays: 60,
    alertDeadlineHours: { high: 24, medium: 72, low: 168 },
    escalateDistrictAfterHours: 48,
    alertFactsWithinDays: 30,
  },
  // #14 sealing
  sealing: {
    delistingCleanYears: 3,
    delistingUpcomingDays: 90,
    sealAfterCompletionYears: 5,
    purgeAfterSealYears: 10,
    openHours: 3,
    breakGlassHours: 3,
  },
  // #15 governance-ops: warn by default; a deployment that wants hard budgets sets 'refuse'.
  governance: { overBudget: 'warn' },
  // #16 capacity: K12 at 1 : 30; qualifications flagged 60 days before expiry; monthly pay by grade (yuan, a deployment sets its own).
  capacity: {
    personsPerWorker: 30,
    qualificationExpiringWithinDays: 60,
    payBandsYuan: {
      unqualified: { minYuan: 4000, maxYuan: 5000 },
      assistant: { minYuan: 5000, maxYuan: 6500 },
      intermediate: { minYuan: 6500, maxYuan: 8000 },
      senior: { minYuan: 8000, maxYuan: 10000 },
    },
  },
});

type PlainObject = Record<string, unknown>;
const isPlainObject = (v: unknown): v is PlainObject => v !== null && typeof v === 'object' && !Array.isArray(v);

function mergeDeep(base: PlainObject, override: PlainObject): PlainObject {
  const result: PlainObject = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    const current = result[key];
    result[key] = isPlainObject(current) && isPlainObject(value) ? mergeDeep(current, value) : structuredClone(value);
  }
  return result;
}

/** Applies an override to a base policy without changing either; arrays are replaced whole. */
export function mergePolicy(base: Policy, override: PolicyOverride): Policy {
  return mergeDeep(structuredClone(base) as PlainObject, override as PlainObject) as Policy;
}

export type PolicyResolution = { ok: true; policy: Policy } | { ok: false; issues: { path: string; message: string }[] };

/**
 * Validates a deployment override (e.g. read from a configuration file) and the policy it
 * produces: each number may be valid alone and the combination still wrong (M7, F1).
 */
export function resolvePolicy(override: unknown, base: Policy = defaultPolicy): PolicyResolution {
  const parsedOverride = policyOverrideSchema.safeParse(override);
  if (!parsedOverride.success) return { ok: false, issues: toIssues(parsedOverride.error) };
  const merged = policySchema.safeParse(mergePolicy(base, parsedOverride.data));
  if (!merged.success) return { ok: false, issues: toIssues(merged.error) };
  return { ok: true, policy: merged.data };
}

function toIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
