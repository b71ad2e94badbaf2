import { describe, expect, it } from 'vitest';
import { defaultPolicy, mergePolicy } from './policy';
import { educationWithdrawals, isNoticeOverdue, noticeDeadline, noticeFact, noticeState, noticeWithdrawals, type StoredNotice } from './notices';
import { assessPerson } from './assessment';
import { createMeasure, type Measure } from './measures';
import { warningKind, type WarningFacts } from './warnings';
import { reminderPlan } from './reminders';

describe("C6: a notice is due promptly, within the policy's hours", () => {
  const raised = new Date('2026-11-22T02:00:00Z');
  it.each<[string, number, string]>([
    ['the default 24 hours', defaultPolicy.lifecycle.noticeDeadlineHours, '2026-11-23T02:00:00.000Z'],
    ["a deployment's 12 hours", 12, '2026-11-22T14:00:00.000Z'],
  ])('%s', (_label, hours, deadline) => {
    const policy = mergePolicy(defaultPolicy, { version: 'x', lifecycle: { noticeDeadlineHours: hours } });
    expect(noticeDeadline(raised, policy).toISOString()).toBe(deadline);
  });

  const deadline = new Date('2026-11-23T02:00:00Z');
  it.each<[string, Date | null, Date | null, Date, 'pending' | 'delivered' | 'acknowledged', boolean]>([
    ['raised, before the deadline', null, null, new Date('2026-11-23T01:00:00Z'), 'pending', false],
    ['raised, past the deadline', null, null, new Date('2026-11-23T03:00:00Z'), 'pending', true],
    ['delivered, past the deadline, not acknowledged', raisedPlus(1), null, new Date('2026-11-23T03:00:00Z'), 'delivered', true],
    ['acknowledged late: no longer overdue', raisedPlus(1), raisedPlus(30), new Date('2026-11-24T03:00:00Z'), 'acknowledged', false],
  ])('%s', (_label, deliveredAt, acknowledgedAt, now, state, overdue) => {
    const n = { deadline, deliveredAt, acknowledgedAt };
    expect(noticeState(n)).toBe(state);
    expect(isNoticeOverdue(n, now)).toBe(overdue);
  });
});

function raisedPlus(hours: number) {
  return new Date(Date.parse('2026-11-22T02:00:00Z') + hours * 3_600_000);
}

describe('C5, C11: the warning a page leads with', () => {
  const none: WarningFacts = { level: 'none', untilTests: 3, untilDepartures: 3, lostContact: false };
  it.each<[string, Partial<WarningFacts>, ReturnType<typeof warningKind>]>([
    ['nothing', {}, null],
    ['C5: a serious breach, before anything else', { level: 'serious_breach', untilTests: 0, lostContact: true }, 'serious_breach'],
    ['C5: one more refusal or evasion is serious', { level: 'breach', untilTests: 1 }, 'tests_one_more'],
    ['C5: one more departure is serious', { level: 'breach', untilDepartures: 1 }, 'departures_one_more'],
    ['C11: lost contact', { lostContact: true }, 'lost_contact'],
    ['C5 before C11', { untilTests: 1, lostContact: true }, 'tests_one_more'],
  ])('%s', (_label, facts, kind) => {
    expect(warningKind({ ...none, ...facts })).toBe(kind);
  });
});

describe("P2: reminders of tomorrow's tasks", () => {
  const task = (personId: string, kind: 'check_in' | 'drug_test' | 'follow_up' | 'grid_visit', workerId: string | null = 'w') => ({
    personId,
    measureId: `m-${personId}`,
    key: `${kind}:1`,
    kind,
    workerId,
  });

  it.each<[string, ReturnType<typeof task>[], string[], number, string[]]>([
    ['the worker hears of every task', [task('a', 'follow_up'), task('a', 'grid_visit')], [], 2, []],
    ['a person who consented: one SMS a day for his check-in and test together', [task('a', 'check_in'), task('a', 'drug_test')], ['a'], 2, ['a']],
    ['no consent: no SMS', [task('a', 'drug_test')], [], 1, []],
    ["visits are the worker's: no SMS for them", [task('a', 'follow_up')], ['a'], 1, []],
    ['no responsible worker: the SMS only', [task('a', 'check_in', null)], ['a'], 0, ['a']],
  ])('%s', (_label, tasks, consented, workerMessages, sms) => {
    const plan = reminderPlan(tasks, new Set(consented));
    expect(plan.worker).toHaveLength(workerMessages);
    expect(plan.sms).toEqual(sms);
  });
});

describe('C6 (issue 9.13): a notice does not outlive its fact', () => {
  const at = new Date('2026-11-20T02:00:00Z');
  const n = (id: string, reason: string, factKey: string, extra: Partial<StoredNotice> = {}): StoredNotice => ({
    id,
    measureId: 'm',
    reason,
    factKey,
    kind: 'notice',
    deliveredAt: null,
    acknowledgedAt: null,
    withdrawnAt: null,
    ...extra,
  });
  const standing = (notices: [string, string][], measureId: string | null = 'm') => ({ measureId, notices: notices.map(([r, k]) => noticeFact(r, k)), education: [] });
  it.each<[string, StoredNotice, ReturnType<typeof standing>, { id: string; correction: boolean }[]]>([
    ['C6: still supported: kept', n('a', 'relapse', 'test:1'), standing([['relapse', 'test:1']]), []],
    ['C6: not delivered, fact gone: withdrawn', n('a', 'relapse', 'test:1'), standing([]), [{ id: 'a', correction: false }]],
    [
      'C6: delivered, fact gone: withdrawn with a correction (更正)',
      n('a', 'serious_breach', 'm:absence_days', { deliveredAt: at }),
      standing([]),
      [{ id: 'a', correction: true }],
    ],
    [
      'C6: acknowledged, fact gone: a correction too',
      n('a', 'serious_breach', 'm:refusals_and_evasions', { deliveredAt: at, acknowledgedAt: at }),
      standing([]),
      [{ id: 'a', correction: true }],
    ],
    ['C11: lost contact is not judged (a later contact ends it, does not undo it)', n('a', 'lost_contact', 'm:2026-09-01'), standing([]), []],
    ["another measure's breach is not judged by this one's facts", n('a', 'relapse', 'test:1', { measureId: 'old' }), standing([]), []],
    ['C1: a refusal to report is judged whatever the measure assessed', n('a', 'refused', 'measure:old', { measureId: 'old' }), standing([]), [{ id: 'a', correction: false }]],
    ['a correction is never withdrawn by this rule', n('a', 'relapse', 'correction:x', { kind: 'correction' }), standing([]), []],
    ['already withdrawn: nothing more', n('a', 'relapse', 'test:1', { withdrawnAt: at }), standing([]), []],
  ])('%s', (_label, stored, facts, expected) => {
    expect(noticeWithdrawals([stored], facts)).toEqual(expected);
  });

  it('C6: education of a breach that no longer holds is withdrawn, of the assessed measure only', () => {
    const e = (id: string, factKey: string, measureId = 'm') => ({ id, measureId, factKey, withdrawnAt: null });
    expect(educationWithdrawals([e('a', 'test:1'), e('b', 'test:2'), e('c', 'test:3', 'old')], { measureId: 'm', notices: [], education: ['test:2'] })).toEqual(['a']);
  });

  it('C1: a report after the deadline stays a fact once the person has reported; one within it does not', () => {
    const base = (startDate: string): Measure => ({
      ...createMeasure({ id: 'm', kind: 'community_detox', decisionDate: '2026-10-01', decisionReceivedDate: '2026-10-01' }),
      status: 'active',
      startDate,
    });
    const at = (m: Measure) => assessPerson({ measures: [m], records: [], leaves: [], absences: [], policy: defaultPolicy, today: '2026-11-22' }).standing.notices;
    expect(at(base('2026-10-30'))).toContain(noticeFact('refused', 'measure:m'));
    expect(at(base('2026-10-10'))).not.toContain(noticeFact('refused', 'measure:m'));
  });
});
