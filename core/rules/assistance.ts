// Assistance (帮扶): the pure rules of needs, plans, referrals and placements. No I/O, no clock:
// callers pass `today`. Issue 12; RULES P1, P2 (consent), M4 (confidential treatment), K8–K10.
import { addDays, addMonths, compareDates, type IsoDate } from './dates';

export const assistanceNeeds = ['employment', 'skills_training', 'counselling', 'family_repair', 'relief', 'medical', 'housing', 'legal', 'education'] as const;
export type AssistanceNeed = (typeof assistanceNeeds)[number];
export const needLevels = ['none', 'some', 'severe'] as const;
export type NeedLevel = (typeof needLevels)[number];

export const partnerKinds = ['health', 'civil_affairs', 'human_resources', 'justice', 'social_organisation', 'caring_employer', 'support_base'] as const;
export type PartnerKind = (typeof partnerKinds)[number];

export const referralStatuses = ['sent', 'accepted', 'declined', 'completed'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];
export const openReferralStatuses: readonly ReferralStatus[] = ['sent', 'accepted'];

export const serviceKinds = ['counselling', 'skills_training', 'job_placement', 'family_repair', 'relief', 'treatment_referral', 'legal_aid'] as const;
export type ServiceKind = (typeof serviceKinds)[number];

/** Which need a kind of service answers: recording the service closes the plan action for that need. */
export const needOfService: Record<ServiceKind, AssistanceNeed> = {
  counselling: 'counselling',
  skills_training: 'skills_training',
  job_placement: 'employment',
  family_repair: 'family_repair',
  relief: 'relief',
  treatment_referral: 'medical',
  legal_aid: 'legal',
};

/** Defaults until the policy carries them (issue 12 items 1 and 5). */
export const ASSISTANCE_DEFAULTS = { reassessEveryMonths: 6, referralResponseWorkingDays: 5, placementFollowUpMonths: [3, 6, 12] } as const;

/**
 * P2: supervision rests on a statutory duty, so the statutory bodies (health, civil affairs,
 * human resources, justice) receive a referral without the person's consent; anyone beyond it
 * — a social organisation, a caring employer, a support base — learns of the person's history
 * only with a recorded consent.
 */
export function consentRequired(kind: PartnerKind): boolean {
  return kind === 'social_organisation' || kind === 'caring_employer' || kind === 'support_base';
}

/** The partner's deadline to answer: `workingDays` Monday–Friday after the day it was sent. */
export function respondBy(sentOn: IsoDate, workingDays: number = ASSISTANCE_DEFAULTS.referralResponseWorkingDays): IsoDate {
  let d = sentOn;
  let left = workingDays;
  while (left > 0) {
    d = addDays(d, 1);
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return d;
}

/** A referral still waiting for the partner after its deadline raises a task for the worker. */
export function referralStalled(r: { status: ReferralStatus; respondBy: IsoDate }, today: IsoDate): boolean {
  return r.status === 'sent' && compareDates(today, r.respondBy) > 0;
}

export type ReferralStep = 'accept' | 'decline' | 'complete';
const next: Record<ReferralStep, { from: readonly ReferralStatus[]; to: ReferralStatus }> = {
  accept: { from: ['sent'], to: 'accepted' },
  decline: { from: ['sent'], to: 'declined' },
  complete: { from: ['accepted'], to: 'completed' },
};

/** The partner's answer to a referral: accept or decline a sent one, complete an accepted one. */
export function referralStep(status: ReferralStatus, step: ReferralStep): { ok: true; status: ReferralStatus } | { ok: false; code: 'assistance.referral_step' } {
  const t = next[step];
  return t.from.includes(status) ? { ok: true, status: t.to } : { ok: false, code: 'assistance.referral_step' };
}

/** When the next assessment is due: on the cadence after the last one (item 1). */
export function reassessmentDue(lastAssessedOn: IsoDate | null, everyMonths: number = ASSISTANCE_DEFAULTS.reassessEveryMonths): IsoDate | null {
  return lastAssessedOn ? addMonths(lastAssessedOn, everyMonths) : null;
}

/** The still-employed checks of a placement: 3, 6 and 12 months after its start (item 3). */
export function placementFollowUps(startDate: IsoDate, months: readonly number[] = ASSISTANCE_DEFAULTS.placementFollowUpMonths): IsoDate[] {
  return months.map((m) => addMonths(startDate, m));
}

/** A placement ending before it starts is refused. */
export function placementDatesValid(startDate: IsoDate, endDate: IsoDate | null | undefined): boolean {
  return !endDate || compareDates(endDate, startDate) >= 0;
}

/** Whether a partner with a capacity has a free place; no capacity means places are not counted. */
export function hasFreePlace(p: { capacity: number | null; placesTaken: number }): boolean {
  return p.capacity === null || p.placesTaken < p.capacity;
}

/** Whether a partner serves a person's unit: it serves the subtrees of the org paths it lists. */
export function servesPath(servedPaths: readonly string[], personOrgPath: string): boolean {
  return servedPaths.some((p) => personOrgPath.startsWith(p));
}

/** A placement in effect on `day`: started, and not ended before it. */
export function employedOn(p: { startDate: IsoDate; endDate: IsoDate | null }, day: IsoDate): boolean {
  return compareDates(p.startDate, day) <= 0 && (p.endDate === null || compareDates(p.endDate, day) >= 0);
}

export interface IndicatorInputs {
  /** Persons under a community measure in the unit at the period's end (K8, K9 denominator). */
  underMeasure: string[];
  placements: { personId: string; startDate: IsoDate; endDate: IsoDate | null }[];
  counselling: { personId: string; date: IsoDate }[];
  /** Persons assessed with a family-repair need (K10 denominator) and family cases closed repaired. */
  familyNeed: string[];
  familyRepaired: string[];
}

export interface Ratio {
  numerator: number;
  denominator: number;
}

/** The persons of each side of K8, K9, K10 (issue 15: the indicators drill down to them). */
export interface RatioSets {
  numerator: string[];
  denominator: string[];
}

/** K8, K9, K10: the persons of the numerators and denominators for one unit and period (RULES §6). */
export function assistanceIndicatorSets(input: IndicatorInputs, from: IsoDate, to: IsoDate): { K8: RatioSets; K9: RatioSets; K10: RatioSets } {
  const under = new Set(input.underMeasure);
  const employed = new Set(input.placements.filter((p) => under.has(p.personId) && employedOn(p, to)).map((p) => p.personId));
  const counselled = new Set(input.counselling.filter((c) => under.has(c.personId) && compareDates(c.date, from) >= 0 && compareDates(c.date, to) <= 0).map((c) => c.personId));
  const needing = new Set(input.familyNeed);
  const repaired = new Set(input.familyRepaired.filter((id) => needing.has(id)));
  return {
    K8: { numerator: [...employed], denominator: [...under] },
    K9: { numerator: [...counselled], denominator: [...under] },
    K10: { numerator: [...repaired], denominator: [...needing] },
  };
}

/** K8, K9, K10 numerators and denominators for one unit and period (RULES §6). */
export function assistanceIndicators(input: IndicatorInputs, from: IsoDate, to: IsoDate): { K8: Ratio; K9: Ratio; K10: Ratio } {
  const s = assistanceIndicatorSets(input, from, to);
  const count = (x: RatioSets): Ratio => ({ numerator: x.numerator.length, denominator: x.denominator.length });
  return { K8: count(s.K8), K9: count(s.K9), K10: count(s.K10) };
}

/** What makes a re-assessment due besides the cadence (item 1): a measure start, a transfer (C7), a relapse (T3: a positive test). */
export type ReassessmentTrigger = { reason: 'measure_start' | 'transfer' | 'relapse'; date: IsoDate };
export type ReassessmentReason = ReassessmentTrigger['reason'] | 'cadence';

/**
 * When a person's next assessment is due and why (item 1): the first trigger after the last
 * assessment is due on its own day; without one, the cadence after the last assessment. Never
 * assessed, the measure start (or any trigger) is the day; nothing to go by, nothing is due.
 */
export function reassessmentDueOn(
  lastAssessedOn: IsoDate | null,
  triggers: readonly ReassessmentTrigger[],
  everyMonths: number = ASSISTANCE_DEFAULTS.reassessEveryMonths,
): { dueDate: IsoDate; reason: ReassessmentReason } | null {
  const after = triggers.filter((t) => lastAssessedOn === null || compareDates(t.date, lastAssessedOn) > 0).sort((a, b) => compareDates(a.date, b.date));
  if (after[0]) return { dueDate: after[0].date, reason: after[0].reason };
  return lastAssessedOn ? { dueDate: addMonths(lastAssessedOn, everyMonths), reason: 'cadence' } : null;
}

/**
 * The still-employed checks of a placement not yet made (item 3): one per month of the cadence,
 * due that many months after the start, unless the placement ended before it or it was checked.
 */
export function placementChecksDue(
  p: { startDate: IsoDate; endDate: IsoDate | null; checkedMonths: readonly number[] },
  months: readonly number[] = ASSISTANCE_DEFAULTS.placementFollowUpMonths,
): { month: number; dueDate: IsoDate }[] {
  return months
    .filter((m) => !p.checkedMonths.includes(m))
    .map((m) => ({ month: m, dueDate: addMonths(p.startDate, m) }))
    .filter((c) => p.endDate === null || compareDates(p.endDate, c.dueDate) >= 0);
}

export const assistanceTaskKinds = ['reassessment', 'plan_review', 'action_due', 'placement_follow_up', 'referral_stalled'] as const;
export type AssistanceTaskKind = (typeof assistanceTaskKinds)[number];
export interface AssistanceTask {
  kind: AssistanceTaskKind;
  personId: string;
  dueDate: IsoDate;
  /** The plan, plan action, placement (service) or referral the task is about; null for a re-assessment. */
  refId: string | null;
  /** Why a re-assessment is due; the month of a placement check. */
  reason: ReassessmentReason | null;
  month: number | null;
}

export interface PersonAssistanceFacts {
  personId: string;
  lastAssessedOn: IsoDate | null;
  triggers: ReassessmentTrigger[];
  plan: { id: string; reviewDate: IsoDate } | null;
  /** The open actions of the current plan (item 7: the worker's plan actions due). */
  actions?: { id: string; dueDate: IsoDate }[];
  placements: { id: string; startDate: IsoDate; endDate: IsoDate | null; checkedMonths: number[] }[];
  referrals: { id: string; status: ReferralStatus; respondBy: IsoDate }[];
}

/**
 * A person's assistance tasks due by `until` (item 7: 今日待办 lists re-assessment, plan review,
 * job follow-up at 3/6/12 months and stalled referrals; the worker's plan actions due too). A stalled referral is due the day after
 * its deadline, the first day it is stalled.
 */
export function assistanceTasks(
  f: PersonAssistanceFacts,
  until: IsoDate,
  cadence: { reassessEveryMonths: number; placementFollowUpMonths: readonly number[] } = ASSISTANCE_DEFAULTS,
): AssistanceTask[] {
  const out: AssistanceTask[] = [];
  const task = (kind: AssistanceTaskKind, dueDate: IsoDate, refId: string | null, reason: ReassessmentReason | null = null, month: number | null = null) =>
    compareDates(dueDate, until) <= 0 && out.push({ kind, personId: f.personId, dueDate, refId, reason, month });
  const re = reassessmentDueOn(f.lastAssessedOn, f.triggers, cadence.reassessEveryMonths);
  if (re) task('reassessment', re.dueDate, null, re.reason);
  if (f.plan) task('plan_review', f.plan.reviewDate, f.plan.id);
  for (const a of f.actions ?? []) task('action_due', a.dueDate, a.id);
  for (const p of f.placements) for (const c of placementChecksDue(p, cadence.placementFollowUpMonths)) task('placement_follow_up', c.dueDate, p.id, null, c.month);
  for (const r of f.referrals) if (r.status === 'sent') task('referral_stalled', addDays(r.respondBy, 1), r.id);
  return out.sort((a, b) => compareDates(a.dueDate, b.dueDate));
}
