// Measures (措施): kinds, statuses, the record of one measure and its term (RULES section 1).
//
// A measure's status only changes through events (measure-events.ts); a person's status is
// derived from their measures (person-status.ts) and never typed in.

import { addDays, addMonths, addYears, compareDates, type IsoDate } from './dates';
import { shiftPastSuspensions, type Suspension } from './periods';
import type { Policy } from './policy';

export const measureKinds = [
  'community_detox', // M1
  'community_rehab', // M9
  'compulsory_isolation', // M7
  'voluntary_treatment', // M4
  'maintenance_treatment', // M10
] as const;
export type MeasureKind = (typeof measureKinds)[number];

export const measureStatuses = [
  'awaiting_report', // ordered, the person has not reported yet (C1)
  'active',
  'suspended', // C9: detention or arrest
  'terminated', // C9, M5
  'completed', // C8: term expired (or M7 early release)
  'converted', // M8: isolation changed into community detox
] as const;
export type MeasureStatus = (typeof measureStatuses)[number];

export const terminationReasons = [
  'refused', // M5, C1: did not report, or refused the measure
  'prison_sentence', // C9
  'compulsory_education', // C9
  'compulsory_isolation', // M5: replaced by an isolation decision (relapse, serious breach)
  'death',
] as const;
export type TerminationReason = (typeof terminationReasons)[number];

export interface Measure {
  readonly id: string;
  readonly kind: MeasureKind;
  readonly status: MeasureStatus;
  /** Date of the decision; for voluntary and maintenance treatment, the date of admission. */
  readonly decisionDate: IsoDate;
  /** C1: the report deadline counts from the day the person received the decision. */
  readonly decisionReceivedDate: IsoDate | null;
  /** M9: community rehab term as written in the decision (capped by the policy). */
  readonly decisionTermMonths: number | null;
  /** Term start: the report date for community measures (M2), the decision date otherwise (M7). */
  readonly startDate: IsoDate | null;
  /** M8: days already served in compulsory isolation before conversion to community detox. */
  readonly creditedDays: number;
  readonly suspensions: readonly Suspension[];
  /** M7: extensions of compulsory isolation, in months. */
  readonly extensionMonths: number;
  readonly endedOn: IsoDate | null;
  readonly terminationReason: TerminationReason | null;
  /** M8: the compulsory isolation this community detox was converted from. */
  readonly convertedFromId: string | null;
}

export interface NewMeasure {
  id: string;
  kind: MeasureKind;
  decisionDate: IsoDate;
  decisionReceivedDate?: IsoDate | null;
  decisionTermMonths?: number | null;
}

/** Community measures are executed by the street: report, agreement, supervision (C1–C11). */
export function isCommunityMeasure(kind: MeasureKind): boolean {
  return kind === 'community_detox' || kind === 'community_rehab';
}

export function isFinished(status: MeasureStatus): boolean {
  return status === 'terminated' || status === 'completed' || status === 'converted';
}

/**
 * A community measure waits for the person to report (M2: the term starts on that day);
 * isolation runs from the decision (M7) and the medical programmes from admission.
 */
export function createMeasure(input: NewMeasure): Measure {
  const community = isCommunityMeasure(input.kind);
  return {
    id: input.id,
    kind: input.kind,
    status: community ? 'awaiting_report' : 'active',
    decisionDate: input.decisionDate,
    decisionReceivedDate: input.decisionReceivedDate ?? null,
    decisionTermMonths: input.decisionTermMonths ?? null,
    startDate: community ? null : input.decisionDate,
    creditedDays: 0,
    suspensions: [],
    extensionMonths: 0,
    endedOn: null,
    terminationReason: null,
    convertedFromId: null,
  };
}

/** The fields that decide a measure's term, so a schedule can compute it from a partial record. */
export type MeasureTerm = Pick<Measure, 'kind' | 'startDate' | 'creditedDays' | 'decisionTermMonths' | 'extensionMonths'>;

/** M9: the term of the decision, never more than the policy allows; the maximum if none is given. */
export function communityRehabTermMonths(measure: Pick<Measure, 'decisionTermMonths'>, policy: Policy): number {
  const max = policy.measures.communityRehabMaxTermYears * 12;
  return Math.min(measure.decisionTermMonths ?? max, max);
}

/**
 * End of the term on an uninterrupted timeline, i.e. before suspended days are added (C9).
 * Null when the measure has no fixed end (voluntary, maintenance) or has not started.
 */
export function nominalEndDate(measure: MeasureTerm, policy: Policy): IsoDate | null {
  const start = measure.startDate;
  if (start === null) return null;
  switch (measure.kind) {
    case 'community_detox': {
      // M1 term, M8 minus the time served in isolation (never ending before it starts).
      const end = addDays(addYears(start, policy.measures.communityDetoxTermYears), -measure.creditedDays);
      return compareDates(end, start) < 0 ? start : end;
    }
    case 'community_rehab':
      return addMonths(start, communityRehabTermMonths(measure, policy));
    case 'compulsory_isolation':
      return addMonths(addYears(start, policy.measures.compulsoryIsolationTermYears), measure.extensionMonths);
    case 'voluntary_treatment':
    case 'maintenance_treatment':
      return null;
  }
}

/**
 * The date the term expires, from which the measure may be completed (C8). Suspended days
 * push it back (C9). Null when there is no fixed end, when the person has not reported yet,
 * and while a suspension is open (the release date is not known).
 */
export function computeEndDate(measure: Measure, policy: Policy): IsoDate | null {
  const nominal = nominalEndDate(measure, policy);
  if (nominal === null) return null;
  return isCommunityMeasure(measure.kind) ? shiftPastSuspensions(nominal, measure.suspensions) : nominal;
}

/** C1: the last day on which the person may report; null if the receipt date is unknown. */
export function reportDeadline(measure: Measure, policy: Policy): IsoDate | null {
  if (measure.decisionReceivedDate === null) return null;
  return addDays(measure.decisionReceivedDate, policy.lifecycle.reportWithinDays);
}
