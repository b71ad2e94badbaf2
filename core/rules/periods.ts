// Periods of days shared by measures, schedules and breaches.

import { addDays, compareDates, daysBetween, maxDate, minDate, type IsoDate } from './dates';

/**
 * C9: detention or arrest suspends a measure from `start` (the day taken in) to `end` (the day
 * of release, when the person is free again, so not itself suspended); `end` is null while
 * the person is still held.
 */
export interface Suspension {
  start: IsoDate;
  end: IsoDate | null;
}

/** Both ends included, e.g. an approved leave request or a hospital stay. */
export interface DayRange {
  from: IsoDate;
  to: IsoDate;
}

/** Stands in for "not yet ended" when an open suspension must be treated as a range. */
const OPEN_END: IsoDate = '9999-12-31';

const byStart = (a: Suspension, b: Suspension) => compareDates(a.start, b.start);

/**
 * Moves a date computed on the uninterrupted timeline of a measure to the calendar: every
 * suspension that begins on or before it pushes it back by its length (C9: the suspended days
 * do not count). Null when it falls into a suspension that has not ended, because the date
 * cannot be known before the release.
 */
export function shiftPastSuspensions(nominal: IsoDate, suspensions: readonly Suspension[]): IsoDate | null {
  let actual = nominal;
  for (const s of [...suspensions].sort(byStart)) {
    if (compareDates(s.start, actual) > 0) break;
    if (s.end === null) return null;
    actual = addDays(actual, daysBetween(s.start, s.end));
  }
  return actual;
}

/** The days a suspension occupies, as an inclusive range (an open one runs on indefinitely). */
export function suspensionDays(s: Suspension): DayRange | null {
  if (s.end === null) return { from: s.start, to: OPEN_END };
  if (compareDates(s.end, s.start) <= 0) return null; // released the same day: no day lost
  return { from: s.start, to: addDays(s.end, -1) };
}

/** Number of days in `from..to` that none of the ranges covers. */
export function uncoveredDays(ranges: readonly DayRange[], from: IsoDate, to: IsoDate): number {
  let uncovered = 0;
  let cursor = from; // first day not yet accounted for
  const sorted = [...ranges].sort((a, b) => compareDates(a.from, b.from));
  for (const r of sorted) {
    if (compareDates(cursor, to) > 0) break;
    if (compareDates(r.to, cursor) < 0) continue;
    const start = maxDate(r.from, cursor);
    if (compareDates(start, to) > 0) break;
    uncovered += daysBetween(cursor, start);
    cursor = addDays(minDate(r.to, to), 1);
  }
  if (compareDates(cursor, to) <= 0) uncovered += daysBetween(cursor, to) + 1;
  return uncovered;
}

export function coversAllDays(ranges: readonly DayRange[], from: IsoDate, to: IsoDate): boolean {
  return uncoveredDays(ranges, from, to) === 0;
}
