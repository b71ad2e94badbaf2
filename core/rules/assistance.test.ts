import { describe, it, expect } from 'vitest';
import {
  assistanceIndicators,
  assistanceTasks,
  placementChecksDue,
  reassessmentDueOn,
  consentRequired,
  employedOn,
  hasFreePlace,
  placementDatesValid,
  placementFollowUps,
  reassessmentDue,
  referralStalled,
  referralStep,
  respondBy,
  servesPath,
} from './assistance';

describe('assistance rules (issue 12)', () => {
  it('P2: statutory bodies need no consent; employers, bases and social organisations do', () => {
    expect(['health', 'civil_affairs', 'human_resources', 'justice'].map((k) => consentRequired(k as never))).toEqual([false, false, false, false]);
    expect(['social_organisation', 'caring_employer', 'support_base'].map((k) => consentRequired(k as never))).toEqual([true, true, true]);
  });

  it('the partner answers within five working days; after that the referral is stalled', () => {
    expect(respondBy('2026-11-20')).toBe('2026-11-27'); // Friday → next Friday
    expect(respondBy('2026-11-22')).toBe('2026-11-27'); // Sunday → Friday
    expect(referralStalled({ status: 'sent', respondBy: '2026-11-27' }, '2026-11-27')).toBe(false);
    expect(referralStalled({ status: 'sent', respondBy: '2026-11-27' }, '2026-11-28')).toBe(true);
    expect(referralStalled({ status: 'accepted', respondBy: '2026-11-27' }, '2026-12-28')).toBe(false);
  });

  it('a referral is accepted or declined when sent, completed when accepted, and never reopened', () => {
    expect(referralStep('sent', 'accept')).toEqual({ ok: true, status: 'accepted' });
    expect(referralStep('sent', 'decline')).toEqual({ ok: true, status: 'declined' });
    expect(referralStep('accepted', 'complete')).toEqual({ ok: true, status: 'completed' });
    expect(referralStep('sent', 'complete').ok).toBe(false);
    expect(referralStep('completed', 'accept').ok).toBe(false);
  });

  it('re-assessment every six months; placement follow-ups at 3, 6 and 12 months', () => {
    expect(reassessmentDue('2026-05-31')).toBe('2026-11-30');
    expect(reassessmentDue(null)).toBeNull();
    expect(placementFollowUps('2026-11-30')).toEqual(['2027-02-28', '2027-05-30', '2027-11-30']);
  });

  it('placements, places and areas', () => {
    expect(placementDatesValid('2026-11-01', '2026-10-31')).toBe(false);
    expect(placementDatesValid('2026-11-01', null)).toBe(true);
    expect(hasFreePlace({ capacity: 2, placesTaken: 2 })).toBe(false);
    expect(hasFreePlace({ capacity: null, placesTaken: 99 })).toBe(true);
    expect(servesPath(['/a/b/'], '/a/b/c/')).toBe(true);
    expect(servesPath(['/a/b/'], '/a/x/')).toBe(false);
    expect(employedOn({ startDate: '2026-01-01', endDate: '2026-06-30' }, '2026-07-01')).toBe(false);
  });

  it('K8, K9, K10 count persons, each once, within the unit and period', () => {
    const r = assistanceIndicators(
      {
        underMeasure: ['p1', 'p2', 'p3', 'p4'],
        placements: [
          { personId: 'p1', startDate: '2026-03-01', endDate: null },
          { personId: 'p1', startDate: '2026-01-01', endDate: '2026-02-01' },
          { personId: 'p2', startDate: '2026-01-01', endDate: '2026-05-01' },
          { personId: 'x', startDate: '2026-01-01', endDate: null },
        ],
        counselling: [
          { personId: 'p1', date: '2026-02-01' },
          { personId: 'p1', date: '2026-03-01' },
          { personId: 'p3', date: '2025-12-31' },
        ],
        familyNeed: ['p2', 'p3'],
        familyRepaired: ['p3', 'p4'],
      },
      '2026-01-01',
      '2026-12-31',
    );
    expect(r).toEqual({ K8: { numerator: 1, denominator: 4 }, K9: { numerator: 1, denominator: 4 }, K10: { numerator: 1, denominator: 2 } });
  });
});

describe('assistance tasks (issue 12 items 1, 3, 7)', () => {
  const none = { personId: 'p', lastAssessedOn: null, triggers: [], plan: null, placements: [], referrals: [] };

  it.each([
    ['never assessed, the measure start is the day', null, [{ reason: 'measure_start', date: '2026-03-01' }], { dueDate: '2026-03-01', reason: 'measure_start' }],
    ['assessed after the start: the cadence', '2026-03-05', [{ reason: 'measure_start', date: '2026-03-01' }], { dueDate: '2026-09-05', reason: 'cadence' }],
    ['T3: a relapse after the last assessment is due that day', '2026-03-05', [{ reason: 'relapse', date: '2026-04-10' }], { dueDate: '2026-04-10', reason: 'relapse' }],
    [
      'C7: a transfer after it too; the earlier trigger wins',
      '2026-03-05',
      [
        { reason: 'relapse', date: '2026-06-10' },
        { reason: 'transfer', date: '2026-05-02' },
      ],
      { dueDate: '2026-05-02', reason: 'transfer' },
    ],
    ['a relapse on the day of the assessment is assessed already', '2026-04-10', [{ reason: 'relapse', date: '2026-04-10' }], { dueDate: '2026-10-10', reason: 'cadence' }],
    ['nothing to go by', null, [], null],
  ] as const)('re-assessment: %s', (_, last, triggers, expected) => {
    expect(reassessmentDueOn(last, triggers)).toEqual(expected);
  });

  it('the policy sets the cadence', () => {
    expect(reassessmentDueOn('2026-01-31', [], 3)).toEqual({ dueDate: '2026-04-30', reason: 'cadence' });
  });

  it.each([
    ['all three checks open', null, [], [3, 6, 12]],
    ['the 3-month check made', null, [3], [6, 12]],
    ['ended after 4 months: no later checks', '2026-05-15', [3], []],
    ['ended on the day of the 6-month check: still checked', '2026-07-01', [3], [6]],
  ] as const)('placement checks: %s', (_, endDate, checked, months) => {
    expect(placementChecksDue({ startDate: '2026-01-01', endDate, checkedMonths: [...checked] }).map((c) => c.month)).toEqual(months);
  });

  it('lists the tasks due by a day, oldest first: re-assessment, plan review, placement check, plan action, stalled referral', () => {
    const tasks = assistanceTasks(
      {
        ...none,
        lastAssessedOn: '2026-05-01',
        plan: { id: 'plan', reviewDate: '2026-11-01' },
        actions: [
          { id: 'late-action', dueDate: '2026-11-10' },
          { id: 'later-action', dueDate: '2026-12-10' },
        ],
        placements: [{ id: 'job', startDate: '2026-08-01', endDate: null, checkedMonths: [] }],
        referrals: [
          { id: 'late', status: 'sent', respondBy: '2026-11-20' },
          { id: 'answered', status: 'accepted', respondBy: '2026-11-01' },
          { id: 'fresh', status: 'sent', respondBy: '2026-11-25' },
        ],
      },
      '2026-11-22',
    );
    expect(tasks.map((t) => [t.kind, t.dueDate, t.refId, t.reason ?? t.month])).toEqual([
      ['reassessment', '2026-11-01', null, 'cadence'],
      ['plan_review', '2026-11-01', 'plan', null],
      ['placement_follow_up', '2026-11-01', 'job', 3],
      ['action_due', '2026-11-10', 'late-action', null],
      ['referral_stalled', '2026-11-21', 'late', null],
    ]);
  });

  it('nothing is due for a person without facts', () => {
    expect(assistanceTasks(none, '2026-11-22')).toEqual([]);
  });
});
