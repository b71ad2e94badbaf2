// How supervision rows are shown: the API views (the codes' labels are in core/labels).
import { daysBetween } from '../../../core/rules/dates';
import type { Policy } from '../../../core/rules/policy';
import { messageFor, type Localized } from '../../messages';
import { localized } from '../../../core/labels';
import type { VisitForm } from '../../../core/contracts/supervision';
import type { PersonOutcome } from '../../../core/rules/assessment';
import { isLeaveOverdue } from '../../../core/rules/leave';
import { isNoticeOverdue, noticeState } from '../../../core/rules/notices';
import { warningKind, type WarningKind } from '../../../core/rules/warnings';
import type * as q from './queries';

export function recordView(r: q.RecordRow, recordedByName: string | null) {
  return {
    id: r.id,
    personId: r.personId,
    measureId: r.measureId,
    kind: r.kind,
    date: r.date,
    place: r.place,
    recordedAt: r.recordedAt.toISOString(),
    recordedBy: r.recordedBy,
    recordedByName,
    attachmentId: r.attachmentId,
    note: r.note,
    drugTest: r.kind === 'drug_test' ? { sample: r.sample!, method: r.method!, result: r.result!, tester: r.tester, retestOf: r.retestOfId, random: r.random } : null,
    contactMode: r.contactMode,
    form: (r.form as VisitForm | null) ?? null,
    voidedAt: r.voidedAt?.toISOString() ?? null,
    voidedBy: r.voidedBy,
    voidReason: r.voidReason,
    supersededBy: r.supersededBy,
    correctsId: r.correctsId,
  };
}

export function taskView(
  t: Pick<q.TaskRow, 'measureId' | 'key' | 'personId' | 'kind' | 'dueDate' | 'windowStart' | 'windowEnd' | 'state' | 'recordId' | 'policyVersion'>,
  today: string,
) {
  return {
    measureId: t.measureId,
    key: t.key,
    personId: t.personId,
    kind: t.kind,
    dueDate: t.dueDate,
    windowStart: t.windowStart,
    windowEnd: t.windowEnd,
    state: t.state,
    recordId: t.recordId ?? null,
    policyVersion: t.policyVersion,
    daysOverdue: t.state === 'overdue' ? Math.max(0, daysBetween(t.windowEnd, today)) : 0,
  };
}

export function noticeView(r: { n: q.NoticeRow; personName: string; orgUnitName: string; deliveredByName: string | null; acknowledgedByName: string | null }, now: Date) {
  const n = r.n;
  return {
    id: n.id,
    personId: n.personId,
    personName: r.personName,
    orgUnitName: r.orgUnitName,
    measureId: n.measureId,
    reason: n.reason,
    reasonName: localized('noticeReason', n.reason),
    factKey: n.factKey,
    factDate: n.factDate,
    details: n.details as Record<string, unknown>,
    policyVersion: n.policyVersion,
    deadline: n.deadline.toISOString(),
    createdAt: n.createdAt.toISOString(),
    createdBy: n.createdBy,
    deliveredAt: n.deliveredAt?.toISOString() ?? null,
    deliveredBy: n.deliveredBy,
    deliveredByName: r.deliveredByName,
    deliveryNote: n.deliveryNote,
    acknowledgedAt: n.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: n.acknowledgedBy,
    acknowledgedByName: r.acknowledgedByName,
    state: noticeState(n),
    overdue: isNoticeOverdue(n, now),
    kind: n.kind,
    correctsId: n.correctsId,
    withdrawnAt: n.withdrawnAt?.toISOString() ?? null,
    withdrawalReason: (n.withdrawalReason as 'facts_changed' | null) ?? null,
  };
}

export function educationView(e: q.EducationRow) {
  return {
    id: e.id,
    personId: e.personId,
    measureId: e.measureId,
    reason: e.reason,
    factKey: e.factKey,
    factDate: e.factDate,
    policyVersion: e.policyVersion,
    createdAt: e.createdAt.toISOString(),
    conductedOn: e.conductedOn,
    conductedBy: e.conductedBy,
    note: e.note,
    withdrawnAt: e.withdrawnAt?.toISOString() ?? null,
  };
}

export function leaveView(l: q.LeaveRow, events: { e: { event: string; actorId: string; at: Date; details: unknown }; actorName: string | null }[], today: string) {
  return {
    id: l.id,
    personId: l.personId,
    measureId: l.measureId,
    from: l.fromDate,
    to: l.toDate,
    days: daysBetween(l.fromDate, l.toDate) + 1,
    destination: l.destination,
    reason: l.reason,
    status: l.status,
    overdue: isLeaveOverdue(l, today),
    pendingTo: l.pendingToDate,
    pendingReason: l.pendingReason,
    returnedOn: l.returnedOn,
    required: l.required,
    policyVersion: l.policyVersion,
    requestedBy: l.requestedBy,
    requestedAt: l.requestedAt.toISOString(),
    decidedBy: l.decidedBy,
    decidedAt: l.decidedAt?.toISOString() ?? null,
    decisionNote: l.decisionNote,
    returnedBy: l.returnedBy,
    returnedAt: l.returnedAt?.toISOString() ?? null,
    events: events.map(({ e, actorName }) => ({
      event: e.event as 'request',
      actorId: e.actorId,
      actorName,
      at: e.at.toISOString(),
      details: (e.details as Record<string, unknown> | null) ?? null,
    })),
  };
}

export function leaveBrief(r: { l: q.LeaveRow; personName: string }, today: string) {
  return {
    id: r.l.id,
    personId: r.l.personId,
    personName: r.personName,
    from: r.l.fromDate,
    to: r.l.toDate,
    destination: r.l.destination,
    status: r.l.status,
    pendingTo: r.l.pendingToDate,
    overdueDays: isLeaveOverdue(r.l, today) ? daysBetween(r.l.toDate, today) : 0,
  };
}

const warningMessages: Record<WarningKind, (s: WarningRow, policy: Pick<Policy, 'lifecycle'>) => Localized> = {
  serious_breach: () => messageFor('supervision.warning.serious_breach'),
  tests_one_more: (s) => messageFor('supervision.warning.tests_one_more', { count: s.refusals + s.evasions }),
  departures_one_more: (s) => messageFor('supervision.warning.departures_one_more', { count: s.unauthorisedDepartures }),
  lost_contact: (_s, policy) => messageFor('supervision.warning.lost_contact', { days: policy.lifecycle.lostContactAfterDays }),
};
type WarningRow = Pick<q.StatusRow, 'level' | 'refusals' | 'evasions' | 'unauthorisedDepartures' | 'untilTests' | 'untilDepartures' | 'lostContact'>;

/** The page's warning for a person (the rule: warningKind), with its message. */
export function warningOf(s: WarningRow, policy: Pick<Policy, 'lifecycle'>): { kind: WarningKind; message: Localized } | null {
  const kind = warningKind({ level: s.level as 'none', untilTests: s.untilTests, untilDepartures: s.untilDepartures, lostContact: s.lostContact });
  return kind ? { kind, message: warningMessages[kind](s, policy) } : null;
}

export function assessmentView(status: NonNullable<PersonOutcome['status']>, policy: Policy, today: string) {
  const a = status.assessment;
  const limits = policy.lifecycle.seriousBreach;
  const w = warningOf(
    {
      level: a.level,
      refusals: a.counts.refusals,
      evasions: a.counts.evasions,
      unauthorisedDepartures: a.counts.unauthorisedDepartures,
      untilTests: a.untilSerious.tests,
      untilDepartures: a.untilSerious.departures,
      lostContact: status.lostContact.lost,
    },
    policy,
  );
  return {
    measureId: status.measureId,
    policyVersion: policy.version,
    assessedOn: today,
    level: a.level,
    reasons: a.reasons,
    counts: a.counts,
    untilSerious: a.untilSerious,
    limits: {
      tests: limits.testRefusalsAndEvasions,
      departures: limits.unauthorisedDepartures,
      absenceDaysMoreThan: limits.absenceDaysMoreThan,
      countedTogether: limits.countEvasionsAndRefusalsTogether,
    },
    warning: w?.message ?? null,
    lostContact: { ...status.lostContact, afterDays: policy.lifecycle.lostContactAfterDays },
  };
}
