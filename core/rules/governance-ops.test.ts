import { describe, expect, it } from 'vitest';
import {
  actionOverdue,
  caseChange,
  executionRate,
  overBudgetDecision,
  policeFigureTransitions,
  reviewDue,
  riskLevel,
  riskScore,
  splitBudget,
  stationCompletion,
  yearCases,
} from './governance-ops';

describe('K18: cases of a year from approved police figures', () => {
  it.each([
    ['no figure at all: no data yet, not zero', [], null],
    [
      'only drafts and submitted ones count for nothing',
      [
        { month: 1, cases: 4, status: 'draft' as const },
        { month: 2, cases: 3, status: 'submitted' as const },
      ],
      null,
    ],
    [
      'approved months add up',
      [
        { month: 1, cases: 4, status: 'approved' as const },
        { month: 2, cases: 3, status: 'approved' as const },
        { month: 3, cases: 9, status: 'returned' as const },
      ],
      7,
    ],
    [
      'the whole-year figure wins over the months',
      [
        { month: 0, cases: 40, status: 'approved' as const },
        { month: 1, cases: 4, status: 'approved' as const },
      ],
      40,
    ],
    ['an approved zero is data', [{ month: 5, cases: 0, status: 'approved' as const }], 0],
  ])('%s', (_l, figures, expected) => {
    expect(yearCases(figures)).toBe(expected);
  });

  it.each([
    [10, 20, -0.5],
    [25, 20, 0.25],
    [null, 20, null],
    [10, null, null],
    [3, 0, null],
  ])('K18: %s cases against a base of %s is a change of %s', (cases, base, expected) => {
    expect(caseChange(cases, base)).toBe(expected);
  });

  it('K18: police submit drafts and returned figures; only the office decides a submitted one; approved is final', () => {
    expect(policeFigureTransitions.draft).toEqual({ submit: true, decide: false, edit: true });
    expect(policeFigureTransitions.returned.submit).toBe(true);
    expect(policeFigureTransitions.submitted).toEqual({ submit: false, decide: true, edit: false });
    expect(policeFigureTransitions.approved).toEqual({ submit: false, decide: false, edit: false });
  });
});

describe('risk matrix (seed §6.2)', () => {
  it.each([
    [1, 1, 1, 'low'],
    [2, 2, 4, 'low'],
    [1, 5, 5, 'medium'],
    [3, 3, 9, 'medium'],
    [5, 2, 10, 'high'],
    [4, 4, 16, 'high'],
    [4, 5, 20, 'critical'],
    [5, 5, 25, 'critical'],
  ])('likelihood %s × impact %s = %s, %s', (l, i, score, level) => {
    expect(riskScore(l, i)).toBe(score);
    expect(riskLevel(score)).toBe(level);
  });

  it.each([
    ['2026-05-01', '2026-05-02', true, true],
    ['2026-05-02', '2026-05-02', true, true],
    ['2026-05-03', '2026-05-02', true, false],
    ['2026-05-01', '2026-05-02', false, false],
  ])('review on %s, today %s, active %s: due %s', (reviewOn, today, active, due) => {
    expect(reviewDue(reviewOn, today, active)).toBe(due);
  });
});

describe('action items of joint meetings', () => {
  it.each([
    ['open, due yesterday', { dueOn: '2026-03-09', status: 'open' }, { overdue: true, daysOverdue: 1 }],
    ['in progress, due a week ago', { dueOn: '2026-03-03', status: 'in_progress' }, { overdue: true, daysOverdue: 7 }],
    ['open, due today', { dueOn: '2026-03-10', status: 'open' }, { overdue: false, daysOverdue: 0 }],
    ['done late is not overdue', { dueOn: '2026-03-01', status: 'done' }, { overdue: false, daysOverdue: 0 }],
    ['cancelled is not overdue', { dueOn: '2026-03-01', status: 'cancelled' }, { overdue: false, daysOverdue: 0 }],
  ])('%s', (_l, item, expected) => {
    expect(actionOverdue(item, '2026-03-10')).toEqual(expected);
  });
});

describe('budget (seed §7.3)', () => {
  it('splits 40/30/20/10 and the lines add up to the total exactly', () => {
    expect(splitBudget(10_000_00)).toEqual([
      { category: 'publicity', amountFen: 4_000_00 },
      { category: 'supervision', amountFen: 3_000_00 },
      { category: 'assistance', amountFen: 2_000_00 },
      { category: 'other', amountFen: 1_000_00 },
    ]);
    const odd = splitBudget(33);
    expect(odd.reduce((n, l) => n + l.amountFen, 0)).toBe(33);
  });

  it.each([
    [0, 1000, 0],
    [250, 1000, 0.25],
    [1200, 1000, 1.2],
    [10, 0, null],
  ])('spent %s of %s: execution %s', (spent, planned, rate) => {
    expect(executionRate(spent, planned)).toBe(rate);
  });

  it.each([
    [1000, 400, 600, 'warn', 'ok'],
    [1000, 400, 601, 'warn', 'warn'],
    [1000, 400, 601, 'refuse', 'refuse'],
    [0, 0, 1, 'warn', 'warn'],
  ] as const)('planned %s, spent %s, new %s under %s: %s', (planned, spent, amount, policy, expected) => {
    expect(overBudgetDecision(planned, spent, amount, policy)).toBe(expected);
  });
});

describe('the station 七有', () => {
  it.each([
    [{}, 0, 'not_started'],
    [{ office: true, funds: true }, 2, 'partial'],
    [{ office: true, funds: true, social_workers: true, publicity_window: true, rules: true, responsibility: true, results: true }, 7, 'complete'],
    [{ office: false }, 0, 'not_started'],
  ])('%j', (done, n, completion) => {
    expect(stationCompletion(done)).toEqual({ done: n, completion });
  });
});
