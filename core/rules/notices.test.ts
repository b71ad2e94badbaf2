import { describe, expect, it } from 'vitest';
import { defaultPolicy, mergePolicy } from './policy';
import { isNoticeOverdue, noticeDeadline, noticeState } from './notices';
import { warningKind, type WarningFacts } from './warnings';
import { reminderPlan } from './reminders';

describe('C6: a notice is due promptly, within the policy\'s hours', () => {
  const raised = new Date('2026-11-22T02:00:00Z');
  it.each<[string, number, string]>([
    ['the default 24 hours', defaultPolicy.lifecycle.noticeDeadlineHours, '2026-11-23T02:00:00.000Z'],
    ['a deployment\'s 12 hours', 12, '2026-11-22T14:00:00.000Z'],
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

describe('P2: reminders of tomorrow\'s tasks', () => {
  const task = (personId: string, kind: 'check_in' | 'drug_test' | 'follow_up' | 'grid_visit', workerId: string | null = 'w') =>
    ({ personId, measureId: `m-${personId}`, key: `${kind}:1`, kind, workerId });

  it.each<[string, ReturnType<typeof task>[], string[], number, string[]]>([
    ['the worker hears of every task', [task('a', 'follow_up'), task('a', 'grid_visit')], [], 2, []],
    ['a person who consented: one SMS a day for his check-in and test together', [task('a', 'check_in'), task('a', 'drug_test')], ['a'], 2, ['a']],
    ['no consent: no SMS', [task('a', 'drug_test')], [], 1, []],
    ['visits are the worker\'s: no SMS for them', [task('a', 'follow_up')], ['a'], 1, []],
    ['no responsible worker: the SMS only', [task('a', 'check_in', null)], ['a'], 0, ['a']],
  ])('%s', (_label, tasks, consented, workerMessages, sms) => {
    const plan = reminderPlan(tasks, new Set(consented));
    expect(plan.worker).toHaveLength(workerMessages);
    expect(plan.sms).toEqual(sms);
  });
});
