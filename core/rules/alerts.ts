// Alerts (issue 13): what the facts of one person call for now, each once per fact, with a
// severity, a deadline by severity (policy, K17) and the escalation of an alert left untouched.
// The stored alerts whose fact is no longer produced are withdrawn by the caller with a reason.

import { compareDates, type IsoDate } from './dates';
import { isLeaveOverdue, type LeaveInput } from './leave';
import type { Policy } from './policy';
import type { RiskClass } from './risk';

export const alertKinds = [
  'test_overdue', // T7: a scheduled test past its window
  'check_in_overdue', // F4: a check-in past its window
  'refusal', // C5: a refused test (with the C5 count)
  'evasion', // C5: an evaded test
  'positive_test', // T3, C6: relapse
  'leave_not_returned', // C4: an approved leave past its end, no return
  'lost_contact', // C11
  'serious_breach', // C5
  'risk_high', // D4: the class rose to high
  'report_overdue', // C1: the report deadline passed without a report
] as const;
export type AlertKind = (typeof alertKinds)[number];
export type AlertSeverity = 'high' | 'medium' | 'low';

/** The severity of each kind: what D4 puts in the high class is high. */
export const alertSeverity: Record<AlertKind, AlertSeverity> = {
  test_overdue: 'medium',
  check_in_overdue: 'low',
  refusal: 'high',
  evasion: 'medium',
  positive_test: 'high',
  leave_not_returned: 'medium',
  lost_contact: 'high',
  serious_breach: 'high',
  risk_high: 'high',
  report_overdue: 'high',
};

export interface AlertOut {
  kind: AlertKind;
  /** Unique per person and kind while the alert is open. */
  factKey: string;
  factDate: IsoDate;
  severity: AlertSeverity;
  /** The records, tasks, leaves or measures behind it. */
  links: { type: 'record' | 'task' | 'leave' | 'measure' | 'classification'; id: string }[];
  details: Record<string, unknown>;
}

export interface AlertFacts {
  tasks: { measureId: string; key: string; kind: string; windowEnd: IsoDate; state: string }[];
  tests: { recordId: string; date: IsoDate; result: string }[];
  leaves: LeaveInput[];
  status: { measureId: string; refusals: number; evasions: number; untilTests: number; lostContact: boolean; lastInPersonContact: IsoDate | null; level: string } | null;
  /** C1 refusals the facts support (assessment `standing`: `refused|measure:<id>`). */
  refusedMeasureIds: string[];
  riskClass: RiskClass;
  /** The day the class became high (the rise is the fact: a later rise is a new alert). */
  highSince: IsoDate | null;
  /** Only tests on or after this day raise an alert (older ones were handled before alerts existed). */
  since: IsoDate;
}

const alert = (kind: AlertKind, factKey: string, factDate: IsoDate, links: AlertOut['links'], details: Record<string, unknown> = {}): AlertOut => ({
  kind,
  factKey,
  factDate,
  severity: alertSeverity[kind],
  links,
  details,
});

/** T7, F4: tasks past their window without a record or an excuse (recent ones: a file entered late does not raise its whole past). */
export function overdueTaskAlerts(f: AlertFacts): AlertOut[] {
  return f.tasks
    .filter((t) => t.state === 'overdue' && (t.kind === 'drug_test' || t.kind === 'check_in') && compareDates(t.windowEnd, f.since) >= 0)
    .map((t) => alert(t.kind === 'drug_test' ? 'test_overdue' : 'check_in_overdue', `${t.measureId}|${t.key}`, t.windowEnd, [{ type: 'task', id: `${t.measureId}|${t.key}` }]));
}

/** C5, T3: refused, evaded and positive tests, the refusals with the C5 count. */
export function testAlerts(f: AlertFacts): AlertOut[] {
  const out: AlertOut[] = [];
  const count = f.status ? f.status.refusals + f.status.evasions : 0;
  for (const t of f.tests) {
    if (compareDates(t.date, f.since) < 0) continue;
    const links = [{ type: 'record' as const, id: t.recordId }];
    if (t.result === 'refused') out.push(alert('refusal', t.recordId, t.date, links, { count, untilSerious: f.status?.untilTests ?? null }));
    if (t.result === 'evaded') out.push(alert('evasion', t.recordId, t.date, links, { count, untilSerious: f.status?.untilTests ?? null }));
    if (t.result === 'positive') out.push(alert('positive_test', t.recordId, t.date, links));
  }
  return out;
}

/** C4: approved leave past its end without a return. */
export function leaveAlerts(f: AlertFacts, today: IsoDate): AlertOut[] {
  return f.leaves.filter((l) => isLeaveOverdue(l, today)).map((l) => alert('leave_not_returned', l.id, l.toDate, [{ type: 'leave', id: l.id }]));
}

/** C11, C5, C1, D4: the standing facts of the measure and the class. */
export function standingAlerts(f: AlertFacts, today: IsoDate): AlertOut[] {
  const out: AlertOut[] = [];
  const s = f.status;
  if (s?.lostContact)
    out.push(alert('lost_contact', s.measureId, s.lastInPersonContact ?? today, [{ type: 'measure', id: s.measureId }], { lastInPersonContact: s.lastInPersonContact }));
  if (s?.level === 'serious_breach') out.push(alert('serious_breach', s.measureId, today, [{ type: 'measure', id: s.measureId }]));
  for (const id of f.refusedMeasureIds) out.push(alert('report_overdue', id, today, [{ type: 'measure', id }]));
  if (f.riskClass === 'high') out.push(alert('risk_high', `high:${f.highSince ?? today}`, f.highSince ?? today, [{ type: 'classification', id: 'current' }]));
  return out;
}

/** Every alert the facts support now. */
export function alertsFor(f: AlertFacts, today: IsoDate): AlertOut[] {
  return [...overdueTaskAlerts(f), ...testAlerts(f), ...leaveAlerts(f, today), ...standingAlerts(f, today)];
}

/** K17: an alert is due within the policy's hours for its severity. */
export function alertDeadline(raisedAt: Date, severity: AlertSeverity, p: Policy): Date {
  return new Date(raisedAt.getTime() + p.warning.alertDeadlineHours[severity] * 3_600_000);
}

export interface StoredAlert {
  id: string;
  kind: string;
  factKey: string;
  status: 'open' | 'acknowledged' | 'acted' | 'closed' | 'withdrawn';
}

/**
 * Facts another module judges and raises itself (issue 14: C11 "did not report after a transfer in
 * time", `transfer:<id>`): the rules never produce them, so they are not withdrawn here; their
 * module withdraws them.
 */
export const externalAlertFactPrefixes = ['transfer:'] as const;
export const isExternalAlertFact = (factKey: string): boolean => externalAlertFactPrefixes.some((p) => factKey.startsWith(p));

/** Stored open alerts whose fact the rules no longer produce: to be withdrawn (closed ones stay closed; external facts are their module's). */
export function alertWithdrawals(stored: readonly StoredAlert[], produced: readonly AlertOut[]): StoredAlert[] {
  const keys = new Set(produced.map((a) => `${a.kind}|${a.factKey}`));
  return stored.filter((a) => a.status !== 'closed' && a.status !== 'withdrawn' && !isExternalAlertFact(a.factKey) && !keys.has(`${a.kind}|${a.factKey}`));
}

/**
 * Escalation of an alert left untouched (still `open`, nobody acknowledged or acted): past its
 * deadline to the street officer (level 1), and the policy's hours later to the district office
 * (level 2). Returns the level it should be at now.
 */
export function escalationLevel(a: { status: string; deadline: Date; escalationLevel: number; escalatedAt: Date | null }, now: Date, p: Policy): number {
  if (a.status !== 'open' || now.getTime() <= a.deadline.getTime()) return a.escalationLevel;
  if (a.escalationLevel === 0) return 1;
  const since = a.escalatedAt ?? a.deadline;
  return a.escalationLevel === 1 && now.getTime() > since.getTime() + p.warning.escalateDistrictAfterHours * 3_600_000 ? 2 : a.escalationLevel;
}
