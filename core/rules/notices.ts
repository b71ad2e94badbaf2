// C6: a notice to the police, its deadline and its state.
import type { Policy } from './policy';

/** C6 says "promptly": a notice is due within the policy's hours of being raised. */
export const noticeDeadline = (raisedAt: Date, policy: Pick<Policy, 'lifecycle'>): Date =>
  new Date(raisedAt.getTime() + policy.lifecycle.noticeDeadlineHours * 3_600_000);

interface NoticeProgress {
  deadline: Date;
  deliveredAt: Date | null;
  acknowledgedAt: Date | null;
}

/** Delivered to the station, then acknowledged by the police (acknowledging in the system delivers too). */
export const noticeState = (n: Omit<NoticeProgress, 'deadline'>): 'pending' | 'delivered' | 'acknowledged' =>
  n.acknowledgedAt ? 'acknowledged' : n.deliveredAt ? 'delivered' : 'pending';

/** C6: not acknowledged by its deadline. */
export const isNoticeOverdue = (n: NoticeProgress, now: Date): boolean => !n.acknowledgedAt && n.deadline.getTime() < now.getTime();
