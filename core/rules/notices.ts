// C6: a notice to the police, its deadline and its state.
import type { Policy } from './policy';

/** C6 says "promptly": a notice is due within the policy's hours of being raised. */
export const noticeDeadline = (raisedAt: Date, policy: Pick<Policy, 'lifecycle'>): Date => new Date(raisedAt.getTime() + policy.lifecycle.noticeDeadlineHours * 3_600_000);

interface NoticeProgress {
  deadline: Date;
  deliveredAt: Date | null;
  acknowledgedAt: Date | null;
}

export type NoticeState = 'pending' | 'delivered' | 'acknowledged' | 'withdrawn' | 'corrected';

/**
 * Delivered to the station, then acknowledged by the police (acknowledging in the system delivers
 * too). A notice whose fact no longer holds is `withdrawn` if it had not reached the police, else
 * `corrected`: a correction notice (更正) was issued (issue 9.13).
 */
export const noticeState = (n: Omit<NoticeProgress, 'deadline'> & { withdrawnAt?: Date | null }): NoticeState =>
  n.withdrawnAt ? (n.deliveredAt || n.acknowledgedAt ? 'corrected' : 'withdrawn') : n.acknowledgedAt ? 'acknowledged' : n.deliveredAt ? 'delivered' : 'pending';

/** C6: not acknowledged by its deadline (a withdrawn notice is owed no more). */
export const isNoticeOverdue = (n: NoticeProgress & { withdrawnAt?: Date | null }, now: Date): boolean =>
  !n.withdrawnAt && !n.acknowledgedAt && n.deadline.getTime() < now.getTime();

/** The identity of a notice's fact: its reason and fact key (one standing notice per fact). */
export const noticeFact = (reason: string, factKey: string): string => `${reason}|${factKey}`;

/** What the facts support now, as the rules see them (assessment.ts `standing`). */
export interface StandingFacts {
  /** The measure whose breaches and relapses were judged; notices of other measures are not judged. */
  measureId: string | null;
  /** noticeFact(reason, factKey) of every notice the facts support, time-driven ones included. */
  notices: readonly string[];
  /** Fact keys of every ordinary breach the facts support, whatever the level. */
  education: readonly string[];
}

export interface StoredNotice {
  id: string;
  measureId: string | null;
  reason: string;
  factKey: string;
  kind: 'notice' | 'correction';
  deliveredAt: Date | null;
  acknowledgedAt: Date | null;
  withdrawnAt: Date | null;
}

/**
 * C6 (issue 9.13): the standing notices whose fact no longer holds — a record voided or
 * corrected, a leave approved for the days away. Each is withdrawn; one the police have already
 * received (delivered or acknowledged) needs a correction notice (更正). Judged: C1 refusals
 * (of any measure) and the serious breaches and relapses of the assessed measure. Not judged: a
 * lost-contact notice (C11), whose fact is a silence that a later contact ends but does not
 * undo, and corrections themselves.
 */
export function noticeWithdrawals(stored: readonly StoredNotice[], standing: StandingFacts): { id: string; correction: boolean }[] {
  const supported = new Set(standing.notices);
  return stored
    .filter((n) => n.kind === 'notice' && !n.withdrawnAt && n.reason !== 'lost_contact')
    .filter((n) => n.reason === 'refused' || (n.measureId !== null && n.measureId === standing.measureId))
    .filter((n) => !supported.has(noticeFact(n.reason, n.factKey)))
    .map((n) => ({ id: n.id, correction: n.deliveredAt !== null || n.acknowledgedAt !== null }));
}

/** C6 (issue 9.13): ordinary breaches of the assessed measure that no longer hold; their education is withdrawn. */
export function educationWithdrawals(stored: readonly { id: string; measureId: string | null; factKey: string; withdrawnAt: Date | null }[], standing: StandingFacts): string[] {
  const supported = new Set(standing.education);
  return stored.filter((e) => !e.withdrawnAt && e.measureId !== null && e.measureId === standing.measureId && !supported.has(e.factKey)).map((e) => e.id);
}
