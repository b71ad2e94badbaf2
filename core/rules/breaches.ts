// Breaches of the agreement (C5, C6), unauthorised departures (C4), lost contact (C11) and
// the notices to the police (C6).
//
// All counts are over one measure; selecting the records of that measure is the caller's job.

import { addDays, compareDates, daysBetween, minDate, type IsoDate } from './dates';
import type { TestResult } from './drug-test-results';
import { uncoveredDays, type DayRange } from './periods';
import type { Policy } from './policy';

export type BreachLevel = 'none' | 'breach' | 'serious_breach';

/** Which C5 limit was reached; a person may reach several at once. */
export type SeriousBreachReason =
  | 'refusals_and_evasions' // counted together (default)
  | 'refusals' // counted separately
  | 'evasions' // counted separately
  | 'unauthorised_departures'
  | 'absence_days';

export interface BreachCounts {
  refusals: number;
  evasions: number;
  unauthorisedDepartures: number;
  absenceDays: number;
}

export interface BreachAssessment {
  level: BreachLevel;
  reasons: SeriousBreachReason[];
  counts: BreachCounts;
  /**
   * How far each C5 limit still is, so the page can say "one more is a serious breach"
   * (JOURNEYS 1): tests = refusals or evasions still allowed before the limit is reached;
   * departures likewise; absenceDays = days that may still pass before the total exceeds the
   * limit. 0 when that limit has been reached.
   */
  untilSerious: { tests: number; departures: number; absenceDays: number };
}

export interface BreachInput {
  testResults: readonly TestResult[];
  /** Number of departures without approved leave (see isUnauthorisedDeparture). */
  unauthorisedDepartures: number;
  /** Total days away without approved leave (see unauthorisedAbsenceDays). */
  absenceDays: number;
  policy: Policy;
}

function countTests(results: readonly TestResult[]): { refusals: number; evasions: number } {
  return {
    refusals: results.filter((r) => r === 'refused').length,
    evasions: results.filter((r) => r === 'evaded').length,
  };
}

/** C5 limits reached and their distance; "以上" is ≥ (3 is serious), "超过" is > (30 is not, 31 is). */
function seriousReasons(counts: BreachCounts, policy: Policy): Pick<BreachAssessment, 'reasons' | 'untilSerious'> {
  const limits = policy.lifecycle.seriousBreach;
  const reasons: SeriousBreachReason[] = [];
  const testLeft = (n: number) => Math.max(0, limits.testRefusalsAndEvasions - n);
  let tests: number;
  if (limits.countEvasionsAndRefusalsTogether) {
    tests = testLeft(counts.refusals + counts.evasions);
    if (tests === 0) reasons.push('refusals_and_evasions');
  } else {
    tests = Math.min(testLeft(counts.refusals), testLeft(counts.evasions));
    if (testLeft(counts.refusals) === 0) reasons.push('refusals');
    if (testLeft(counts.evasions) === 0) reasons.push('evasions');
  }
  const departures = Math.max(0, limits.unauthorisedDepartures - counts.unauthorisedDepartures);
  if (departures === 0) reasons.push('unauthorised_departures');
  const absenceDays = Math.max(0, limits.absenceDaysMoreThan + 1 - counts.absenceDays);
  if (absenceDays === 0) reasons.push('absence_days');
  return { reasons, untilSerious: { tests, departures, absenceDays } };
}

/**
 * C5/C6: a serious breach once any limit is reached; an ordinary breach (criticism and
 * education, C6) for any refusal, evasion, departure or day away below the limits; otherwise
 * none. A positive test is a relapse, not a breach of the agreement: see noticeRequired.
 */
export function assessBreaches(input: BreachInput): BreachAssessment {
  const counts: BreachCounts = {
    ...countTests(input.testResults),
    unauthorisedDepartures: input.unauthorisedDepartures,
    absenceDays: input.absenceDays,
  };
  const { reasons, untilSerious } = seriousReasons(counts, input.policy);
  const anything = counts.refusals + counts.evasions + counts.unauthorisedDepartures + counts.absenceDays > 0;
  const level: BreachLevel = reasons.length > 0 ? 'serious_breach' : anything ? 'breach' : 'none';
  return { level, reasons, counts, untilSerious };
}

/** A stay away from the county/district, first and last day away included. */
export type Absence = DayRange;

/**
 * C4: away for N days or more needs an approved leave request. An absence is unauthorised
 * when the days not covered by approved leave reach N: the same limit as for an absence with
 * no leave at all, so overstaying an approved leave by a day or two is not a departure,
 * overstaying by N days is.
 */
export function isUnauthorisedDeparture(absence: Absence, approvedLeaves: readonly DayRange[], policy: Policy): boolean {
  return uncoveredDays(approvedLeaves, absence.from, absence.to) >= policy.lifecycle.leaveRequestFromDays;
}

/** C5: the total of days away without leave, over the absences that were unauthorised departures. */
export function unauthorisedAbsenceDays(absences: readonly Absence[], approvedLeaves: readonly DayRange[], policy: Policy): number {
  return absences.filter((a) => isUnauthorisedDeparture(a, approvedLeaves, policy)).reduce((sum, a) => sum + uncoveredDays(approvedLeaves, a.from, a.to), 0);
}

/**
 * C5: the day the days away without leave first exceeded the limit ("超过 30 天": the 31st day),
 * or null while they have not. The fact of a days-away notice is that day, not the day the
 * total was computed (issue 9.15): each day is judged with the absences as they stood then
 * (cut at that day), so a departure counts from the day it became one (C4). The total only
 * grows with the day, so the first day is found by bisection over the days away.
 */
export function absenceLimitCrossedOn(absences: readonly Absence[], approvedLeaves: readonly DayRange[], policy: Policy): IsoDate | null {
  const limit = policy.lifecycle.seriousBreach.absenceDaysMoreThan;
  const cut = (day: IsoDate) => absences.filter((a) => compareDates(a.from, day) <= 0).map((a) => ({ from: a.from, to: minDate(a.to, day) }));
  const over = (day: IsoDate) => unauthorisedAbsenceDays(cut(day), approvedLeaves, policy) > limit;
  if (absences.length === 0) return null;
  const first = absences.map((a) => a.from).reduce((x, y) => (compareDates(x, y) <= 0 ? x : y));
  const last = absences.map((a) => a.to).reduce((x, y) => (compareDates(x, y) >= 0 ? x : y));
  if (!over(last)) return null;
  let lo = 0; // over(first + lo) is false or lo is the first day
  let hi = daysBetween(first, last); // over(first + hi) is true
  if (over(first)) return first;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (over(addDays(first, mid))) hi = mid;
    else lo = mid;
  }
  return addDays(first, hi);
}

/**
 * C11: lost contact when neither met in person nor reached otherwise for more than N days.
 * Meeting in person also counts as being reached. Pass the start of the measure when there
 * has been no contact yet, so a person is not lost the day he reports.
 */
export function isLostContact(lastInPersonContact: IsoDate, lastReachable: IsoDate, today: IsoDate, policy: Policy): boolean {
  const lastContact = compareDates(lastInPersonContact, lastReachable) >= 0 ? lastInPersonContact : lastReachable;
  return daysBetween(lastContact, today) > policy.lifecycle.lostContactAfterDays;
}

/** C7/C11: after a transfer the person must report to the new street within N days. */
export function isTransferReportOverdue(transferAcceptedOn: IsoDate, reportedOn: IsoDate | null, today: IsoDate, policy: Policy): boolean {
  const reportedBy = reportedOn ?? today;
  return daysBetween(transferAcceptedOn, reportedBy) > policy.lifecycle.transferReportWithinDays;
}

export type NoticeReason = 'serious_breach' | 'relapse' | 'refused';

export interface NoticeInput {
  breachLevel?: BreachLevel;
  /** Results of the tests being recorded; a positive one is a relapse (T3). */
  testResults?: readonly TestResult[];
  /** The person refused the measure or did not report in time (C1, M5). */
  refused?: boolean;
}

/**
 * C6: a serious breach, a relapse or a refusal must be reported to the police promptly; an
 * ordinary breach is handled by criticism and education and needs no notice.
 */
export function noticeRequired(input: NoticeInput): { required: boolean; reasons: NoticeReason[] } {
  const reasons: NoticeReason[] = [];
  if (input.breachLevel === 'serious_breach') reasons.push('serious_breach');
  if (input.testResults?.includes('positive')) reasons.push('relapse');
  if (input.refused) reasons.push('refused');
  return { required: reasons.length > 0, reasons };
}
