// Due dates of a recurring duty (T4, T5, F1, F2, F4) on the uninterrupted timeline of a measure.
//
// A cadence is a list of phases, each starting a number of months after the term start and
// repeating every N months or N days. Dates are computed from the term start, never from the
// previous due date, so clamping at month ends (Jan 31 → Feb 28) does not drift the schedule.
// A phase boundary (a new year of the measure for T4/T5, month 3 and 12 for F1) and the end of
// the term always close a cycle: the last due date of a phase falls on its boundary, so each
// phase gets its full count (12 + 6 + 4 tests for T4) whatever the interval.

import { addDays, addMonths, compareDates, minDate, type IsoDate } from './dates';
import type { Policy } from './policy';
import type { MeasureKind } from './measures';

export interface CadencePhase {
  fromMonth: number;
  every: { months: number } | { days: number };
}

function dueInPhase(start: IsoDate, phase: CadencePhase, k: number): IsoDate {
  return 'months' in phase.every ? addMonths(start, phase.fromMonth + k * phase.every.months) : addDays(addMonths(start, phase.fromMonth), k * phase.every.days);
}

/** Nominal due dates after `start`, up to and including `end`, in order. */
export function cadenceDueDates(start: IsoDate, end: IsoDate, phases: readonly CadencePhase[]): IsoDate[] {
  const dues: IsoDate[] = [];
  phases.forEach((phase, i) => {
    const next = phases[i + 1];
    const boundary = next ? minDate(addMonths(start, next.fromMonth), end) : end;
    if (compareDates(addMonths(start, phase.fromMonth), boundary) >= 0) return;
    for (let k = 1; ; k += 1) {
      const due = dueInPhase(start, phase, k);
      if (compareDates(due, boundary) >= 0) break;
      dues.push(due);
    }
    dues.push(boundary);
  });
  return dues;
}

/** T4/T5: one phase per year of the measure; the last interval continues for a longer term. */
export function drugTestCadence(kind: MeasureKind, policy: Policy): CadencePhase[] {
  const intervals = kind === 'community_detox' ? policy.drugTests.communityDetoxIntervalMonthsByYear : policy.drugTests.communityRehabIntervalMonthsByYear;
  return intervals.map((months, year) => ({ fromMonth: 12 * year, every: { months } }));
}

/** F1: weekly, then monthly, then quarterly follow-ups, as days between them. */
export function followUpCadence(policy: Policy): CadencePhase[] {
  return policy.contact.followUpPhases.map((p) => ({ fromMonth: p.fromMonth, every: { days: p.intervalDays } }));
}

/** F4: check-ins to the station every N months. */
export function checkInCadence(policy: Policy): CadencePhase[] {
  return [{ fromMonth: 0, every: { months: policy.contact.checkInIntervalMonths } }];
}

/** F2: grid worker visits every N days. */
export function gridVisitCadence(policy: Policy): CadencePhase[] {
  return [{ fromMonth: 0, every: { days: policy.contact.gridVisitIntervalDays } }];
}
