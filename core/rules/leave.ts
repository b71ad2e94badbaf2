// Leave requests and absences (C4, C5, T7): what they excuse, what counts as days away, and
// which leave or absence may stand beside another.
//
// Decisions where RULES is silent:
// - An approved leave excuses its days (T7) up to the day before the person reported back; a
//   hospital stay (an absence of kind hospital_stay) excuses its days too and is no departure.
// - Days away (C4, C5): the recorded absences, plus the overstay of an approved leave (away
//   from its first day until the day before the return, or until today if not back), unless a
//   recorded absence already covers that overstay. Absences are cut to the measure's term.
// - A standing leave holds its approved or asked-for range (the later end while an extension
//   waits), and once reported back only the days away: two leaves may not overlap there.

import { addDays, compareDates, daysBetween, maxDate, minDate, type IsoDate } from './dates';
import type { Absence } from './breaches';
import type { DayRange } from './periods';
import type { Policy } from './policy';
import type { Excusal } from './schedule';

export interface LeaveInput {
  id: string;
  fromDate: IsoDate;
  toDate: IsoDate;
  status: 'pending' | 'approved' | 'rejected' | 'returned';
  returnedOn: IsoDate | null;
  /** An extension asked for and not decided yet. */
  pendingToDate?: IsoDate | null;
}

export interface AbsenceInput {
  id: string;
  kind: 'away' | 'hospital_stay';
  fromDate: IsoDate;
  toDate: IsoDate | null;
}

/** The last day of an open-ended range, for overlap checks. */
const OPEN_END = '9999-12-31';

export const isApprovedLeave = (l: Pick<LeaveInput, 'status'>) => l.status === 'approved' || l.status === 'returned';

export const rangesOverlap = (a: DayRange, b: DayRange) => compareDates(a.from, b.to) <= 0 && compareDates(b.from, a.to) <= 0;

/** C4: the days an approved leave covers: its approved range. */
export const approvedLeaveRanges = (leaves: readonly LeaveInput[]): DayRange[] => leaves.filter(isApprovedLeave).map((l) => ({ from: l.fromDate, to: l.toDate }));

/** T7 excuses: approved leave until the day before the return; hospital stays. */
export function excusals(leaves: readonly LeaveInput[], absences: readonly AbsenceInput[], today: IsoDate): Excusal[] {
  const out: Excusal[] = [];
  for (const l of leaves.filter(isApprovedLeave)) {
    const to = l.returnedOn ? minDate(l.toDate, addDays(l.returnedOn, -1)) : l.toDate;
    if (compareDates(to, l.fromDate) >= 0) out.push({ from: l.fromDate, to, reason: 'leave_request' });
  }
  for (const a of absences.filter((x) => x.kind === 'hospital_stay')) {
    const to = a.toDate ?? today;
    if (compareDates(to, a.fromDate) >= 0) out.push({ from: a.fromDate, to, reason: 'hospital_stay' });
  }
  return out;
}

/** C4/C5: stays away within a term, recorded absences and leave overstays, each with the fact it comes from. */
export function awayPeriods(leaves: readonly LeaveInput[], absences: readonly AbsenceInput[], term: DayRange, today: IsoDate): (Absence & { fact: string })[] {
  const clip = (r: DayRange): DayRange | null => {
    const from = maxDate(r.from, term.from);
    const to = minDate(r.to, term.to);
    return compareDates(from, to) <= 0 ? { from, to } : null;
  };
  const out: (Absence & { fact: string })[] = [];
  const recorded = absences.filter((a) => a.kind === 'away');
  for (const a of recorded) {
    const r = clip({ from: a.fromDate, to: a.toDate ?? today });
    if (r) out.push({ ...r, fact: `absence:${a.id}` });
  }
  for (const l of leaves.filter(isApprovedLeave)) {
    const lastAway = l.returnedOn ? addDays(l.returnedOn, -1) : today;
    if (compareDates(lastAway, l.toDate) <= 0) continue; // back in time: no overstay
    const overstay = { from: addDays(l.toDate, 1), to: lastAway };
    if (recorded.some((a) => rangesOverlap({ from: a.fromDate, to: a.toDate ?? today }, overstay))) continue;
    const r = clip({ from: l.fromDate, to: lastAway });
    if (r) out.push({ ...r, fact: `leave:${l.id}` });
  }
  return out;
}

/** The days a standing leave holds: approved or asked-for range; only the days away once reported back. */
export function heldRange(l: LeaveInput): DayRange | null {
  if (l.status === 'rejected') return null;
  if (l.returnedOn) {
    const to = addDays(l.returnedOn, -1);
    return compareDates(to, l.fromDate) >= 0 ? { from: l.fromDate, to } : null;
  }
  return { from: l.fromDate, to: l.pendingToDate ? maxDate(l.toDate, l.pendingToDate) : l.toDate };
}

/** C4: whether a leave over `range` would overlap another standing leave of the person. */
export function overlapsLeave(others: readonly LeaveInput[], range: DayRange): boolean {
  return others.some((o) => {
    const r = heldRange(o);
    return r !== null && rangesOverlap(r, range);
  });
}

/** Whether an absence from `from` (to `to`, or still open) overlaps a recorded one of the same kind. */
export function overlapsAbsence(others: readonly AbsenceInput[], kind: AbsenceInput['kind'], from: IsoDate, to: IsoDate | null): boolean {
  const range = { from, to: to ?? OPEN_END };
  return others.some((a) => a.kind === kind && rangesOverlap({ from: a.fromDate, to: a.toDate ?? OPEN_END }, range));
}

/** C4: a leave of this many days or more needs the written request the street decides. */
export const leaveRequired = (from: IsoDate, to: IsoDate, policy: Policy): boolean => daysBetween(from, to) + 1 >= policy.lifecycle.leaveRequestFromDays;

/** C4: approved, past its last day, not reported back. Derived on read, never stored. */
export const isLeaveOverdue = (l: Pick<LeaveInput, 'status' | 'toDate' | 'returnedOn'>, today: IsoDate): boolean =>
  l.status === 'approved' && l.returnedOn === null && compareDates(l.toDate, today) < 0;

/** C4: the days a leave was overstayed when the person reported back on `returnedOn`. */
export const overstayDays = (toDate: IsoDate, returnedOn: IsoDate): number => Math.max(0, daysBetween(toDate, returnedOn) - 1);
