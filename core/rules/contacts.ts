// C11: lost contact (脱管), from the last time the person was met in person or reached.
//
// Decisions where RULES is silent: the last contact in person is the latest check-in, test the
// person came to (not evaded), visit, grid visit, in-person follow-up or talk, or report back
// from leave; phone and video follow-ups and talks make the person reachable. The start of the
// measure stands in when there was none. Not checked while suspended (C9) or on approved leave
// today.

import { addDays, compareDates, maxDate, type IsoDate } from './dates';
import { isLostContact } from './breaches';
import type { Measure } from './measures';
import type { DayRange } from './periods';
import type { Policy } from './policy';
import type { LeaveInput } from './leave';
import type { RecordInput } from './records';

const IN_PERSON_KINDS = new Set(['check_in', 'visit', 'grid_visit']);

export function lastContacts(records: readonly RecordInput[], leaves: readonly LeaveInput[]): { inPerson: IsoDate | null; reachable: IsoDate | null } {
  let inPerson: IsoDate | null = null;
  let reachable: IsoDate | null = null;
  const seen = (date: IsoDate, personal: boolean) => {
    if (personal && (inPerson === null || compareDates(date, inPerson) > 0)) inPerson = date;
    if (reachable === null || compareDates(date, reachable) > 0) reachable = date;
  };
  for (const r of records) {
    if (r.kind === 'drug_test') {
      if (r.result !== 'evaded') seen(r.date, true);
    } else if (IN_PERSON_KINDS.has(r.kind)) seen(r.date, true);
    else seen(r.date, (r.contactMode ?? 'in_person') === 'in_person');
  }
  for (const l of leaves) if (l.returnedOn) seen(l.returnedOn, true);
  return { inPerson, reachable };
}

export interface LostContact {
  lost: boolean;
  lastInPersonContact: IsoDate | null;
  lastReachable: IsoDate | null;
  /** Whether C11 was checked at all (not while suspended or on approved leave). */
  checked: boolean;
}

export interface ContactCheck {
  status: LostContact;
  /** The last contact of either kind (the start of the measure if none). */
  last: IsoDate;
  /** The day the person is lost if nothing changes; null while the measure is not active. */
  lostOn: IsoDate | null;
}

/** C11 for the measure running: whether the person is lost, and from when. */
export function contactCheck(
  m: Measure,
  records: readonly RecordInput[],
  leaves: readonly LeaveInput[],
  approved: readonly DayRange[],
  policy: Policy,
  today: IsoDate,
): ContactCheck {
  const start = m.startDate!;
  const contacts = lastContacts(records, leaves);
  const onLeave = approved.some((l) => compareDates(l.from, today) <= 0 && compareDates(today, l.to) <= 0);
  const checked = m.status === 'active' && !onLeave;
  const lastIn = contacts.inPerson ? maxDate(contacts.inPerson, start) : start;
  const lastReach = contacts.reachable ? maxDate(contacts.reachable, start) : start;
  const last = maxDate(lastIn, lastReach);
  return {
    status: { lost: checked && isLostContact(lastIn, lastReach, today, policy), lastInPersonContact: contacts.inPerson, lastReachable: contacts.reachable, checked },
    last,
    lostOn: m.status === 'active' ? addDays(last, policy.lifecycle.lostContactAfterDays + 1) : null,
  };
}
