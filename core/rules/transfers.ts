// Transfers of a file between streets (变更执行地, C7) and the handover from isolation to the
// street (衔接, C10): the deadlines and the checks, as pure functions of dates and the policy.

import { addDays, compareDates, type IsoDate } from './dates';
import { isTransferReportOverdue } from './breaches';
import type { Policy } from './policy';

export const transferStatuses = ['pending', 'accepted', 'declined'] as const;
export type TransferStatus = (typeof transferStatuses)[number];
/** Who started it: the street holding the file, or the street that found the file held elsewhere (the 409). */
export const transferInitiators = ['holder', 'finder'] as const;
export type TransferInitiator = (typeof transferInitiators)[number];
export const reportStates = ['not_due', 'due', 'overdue', 'reported', 'reported_late'] as const;
export type ReportState = (typeof reportStates)[number];

const isWorkingDay = (d: IsoDate) => {
  const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};

/** `n` working days (Monday–Friday) after `from`; negative `n` counts back. Public holidays are not known to the rules. */
export function addWorkingDays(from: IsoDate, n: number): IsoDate {
  const step = n < 0 ? -1 : 1;
  let d = from;
  for (let left = Math.abs(n); left > 0;) {
    d = addDays(d, step);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** C7: the street asked answers within the policy's working days of the request. */
export const decideBy = (requestedOn: IsoDate, policy: Policy): IsoDate => addWorkingDays(requestedOn, policy.transfer.decideWithinWorkingDays);

/** C7: from acceptance the person reports to the new street within N days; the old street forwards the file within N working days. */
export function acceptanceDeadlines(acceptedOn: IsoDate, policy: Policy): { reportBy: IsoDate; fileForwardBy: IsoDate } {
  return {
    reportBy: addDays(acceptedOn, policy.lifecycle.transferReportWithinDays),
    fileForwardBy: addWorkingDays(acceptedOn, policy.lifecycle.transferFileForwardWorkingDays),
  };
}

/** C7/C11: where the person's report to the new street stands; overdue is what raises the lost-contact notice. */
export function transferReportState(t: { status: TransferStatus; acceptedOn: IsoDate | null; reportedOn: IsoDate | null }, today: IsoDate, policy: Policy): ReportState {
  if (t.status !== 'accepted' || !t.acceptedOn) return 'not_due';
  // C7/C11: a report after the deadline is marked late (its lost-contact notice stands).
  if (t.reportedOn) return isTransferReportOverdue(t.acceptedOn, t.reportedOn, today, policy) ? 'reported_late' : 'reported';
  return isTransferReportOverdue(t.acceptedOn, null, today, policy) ? 'overdue' : 'due';
}

/** Whether a pending request is past its answer deadline (shown in the inbox; it stays answerable). */
export const decisionLate = (t: { status: TransferStatus; decideBy: IsoDate }, today: IsoDate): boolean => t.status === 'pending' && compareDates(today, t.decideBy) > 0;

export type TransferRequestCheck = { ok: true } | { ok: false; code: 'transfer.same_unit' | 'transfer.already_open' };

/** A transfer goes to another street (C7) and only one is open per person at a time. */
export function checkTransferRequest(holderStreetId: string, toStreetId: string, openTransfers: number): TransferRequestCheck {
  if (holderStreetId === toStreetId) return { ok: false, code: 'transfer.same_unit' };
  if (openTransfers > 0) return { ok: false, code: 'transfer.already_open' };
  return { ok: true };
}

/** The street that must answer: the receiver when the holder offers the file, the holder when the finder asks for it. */
export const askedUnit = (t: { initiatedBy: TransferInitiator; fromOrgUnitId: string; toOrgUnitId: string }): string =>
  t.initiatedBy === 'holder' ? t.toOrgUnitId : t.fromOrgUnitId;

export type DecisionCheck = { ok: true } | { ok: false; code: 'transfer.already_decided' | 'transfer.not_asked' };

/** Only the street asked answers, and only once. */
export function checkDecision(
  t: { status: TransferStatus; initiatedBy: TransferInitiator; fromOrgUnitId: string; toOrgUnitId: string },
  actorMayAnswerFor: (unitId: string) => boolean,
): DecisionCheck {
  if (t.status !== 'pending') return { ok: false, code: 'transfer.already_decided' };
  if (!actorMayAnswerFor(askedUnit(t))) return { ok: false, code: 'transfer.not_asked' };
  return { ok: true };
}

export const handoverStates = ['awaiting', 'reported', 'missed'] as const;
export type HandoverState = (typeof handoverStates)[number];

export interface HandoverDeadlines {
  /** C10: the facility tells the police this many (working) days before the release. */
  noticeDueBy: IsoDate;
  /** C10: the papers reach the street within N working days after release; null where the policy sets none. */
  papersDueBy: IsoDate | null;
  /** C1 applied to the release (M9): the person reports to the street within the report deadline. */
  reportBy: IsoDate;
}

export function handoverDeadlines(releaseDate: IsoDate, policy: Policy): HandoverDeadlines {
  const l = policy.lifecycle;
  return {
    noticeDueBy: l.releaseNoticeInWorkingDays ? addWorkingDays(releaseDate, -l.releaseNoticeAhead) : addDays(releaseDate, -l.releaseNoticeAhead),
    papersDueBy: l.releasePapersWithinWorkingDays === null ? null : addWorkingDays(releaseDate, l.releasePapersWithinWorkingDays),
    reportBy: addDays(releaseDate, l.reportWithinDays),
  };
}

/** C10: a notice received after its due day was late (the street had less time than the rule gives). */
export const releaseNoticeLate = (noticeReceivedOn: IsoDate, d: HandoverDeadlines): boolean => compareDates(noticeReceivedOn, d.noticeDueBy) > 0;

/** C10/C11: a handover not reported by its deadline is missed and raises a task for the street. */
export function handoverState(h: { reportedOn: IsoDate | null; reportBy: IsoDate }, today: IsoDate): HandoverState {
  if (h.reportedOn) return 'reported';
  return compareDates(today, h.reportBy) > 0 ? 'missed' : 'awaiting';
}
