import { describe, it, expect } from 'vitest';
import { daysBetween } from './dates';
import { cadenceDueDates, checkInCadence, drugTestCadence, followUpCadence, gridVisitCadence, type CadencePhase } from './cadence';
import { defaultPolicy } from './policy';

const policy = defaultPolicy;
const gaps = (dates: string[], from: string) => dates.map((d, i) => daysBetween(i === 0 ? from : (dates[i - 1] as string), d));

describe('cadenceDueDates', () => {
  it.each<[string, CadencePhase[], string, string[]]>([
    [
      'monthly from the start, counted from the start so month ends do not drift',
      [{ fromMonth: 0, every: { months: 1 } }],
      '2024-05-31',
      ['2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31'],
    ],
    ['the end closes the last cycle', [{ fromMonth: 0, every: { months: 1 } }], '2024-04-15', ['2024-02-29', '2024-03-31', '2024-04-15']],
    [
      'a phase boundary closes a cycle',
      [
        { fromMonth: 0, every: { months: 5 } },
        { fromMonth: 12, every: { months: 6 } },
      ],
      '2026-01-31',
      ['2024-06-30', '2024-11-30', '2025-01-31', '2025-07-31', '2026-01-31'],
    ],
    ['days-based steps', [{ fromMonth: 0, every: { days: 10 } }], '2024-02-25', ['2024-02-10', '2024-02-20', '2024-02-25']],
    [
      'phases beyond the end are skipped',
      [
        { fromMonth: 0, every: { months: 1 } },
        { fromMonth: 12, every: { months: 2 } },
      ],
      '2024-03-31',
      ['2024-02-29', '2024-03-31'],
    ],
    ['nothing when the end is the start', [{ fromMonth: 0, every: { months: 1 } }], '2024-01-31', []],
  ])('%s', (_label, phases, end, expected) => {
    expect(cadenceDueDates('2024-01-31', end, phases)).toEqual(expected);
  });
});

describe('T4: community detox drug tests', () => {
  const dues = cadenceDueDates('2024-01-10', '2027-01-10', drugTestCadence('community_detox', policy));
  it('T4: 12 + 6 + 4 = 22 tests over 3 years', () => {
    expect(dues).toHaveLength(22);
  });
  it('T4: monthly in year 1, every 2 months in year 2, quarterly in year 3, changing on the anniversaries', () => {
    expect(dues).toEqual([
      '2024-02-10',
      '2024-03-10',
      '2024-04-10',
      '2024-05-10',
      '2024-06-10',
      '2024-07-10',
      '2024-08-10',
      '2024-09-10',
      '2024-10-10',
      '2024-11-10',
      '2024-12-10',
      '2025-01-10',
      '2025-03-10',
      '2025-05-10',
      '2025-07-10',
      '2025-09-10',
      '2025-11-10',
      '2026-01-10',
      '2026-04-10',
      '2026-07-10',
      '2026-10-10',
      '2027-01-10',
    ]);
  });
});

describe('T5: community rehab drug tests', () => {
  it('T5: 6 + 4 + 2 = 12 tests over 3 years', () => {
    expect(cadenceDueDates('2024-01-10', '2027-01-10', drugTestCadence('community_rehab', policy))).toEqual([
      '2024-03-10',
      '2024-05-10',
      '2024-07-10',
      '2024-09-10',
      '2024-11-10',
      '2025-01-10',
      '2025-04-10',
      '2025-07-10',
      '2025-10-10',
      '2026-01-10',
      '2026-07-10',
      '2027-01-10',
    ]);
  });
  it('M9/T5: a 2-year term has the first two years only', () => {
    expect(cadenceDueDates('2024-01-10', '2026-01-10', drugTestCadence('community_rehab', policy))).toHaveLength(10);
  });
});

describe('F1: follow-ups', () => {
  const start = '2024-01-10';
  const dues = cadenceDueDates(start, '2027-01-10', followUpCadence(policy));
  const monthThree = dues.indexOf('2024-04-10');
  const monthTwelve = dues.indexOf('2025-01-10');

  it('F1: the 3-month and 12-month boundaries are due dates', () => {
    expect(monthThree).toBeGreaterThan(0);
    expect(monthTwelve).toBeGreaterThan(monthThree);
    expect(dues.at(-1)).toBe('2027-01-10');
  });
  it('F1: weekly in months 0–3 (the boundary closes a shorter last week)', () => {
    const weekly = gaps(dues.slice(0, monthThree + 1), start);
    expect(weekly).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7]); // 91 days = 13 weeks exactly
  });
  it('F1: every 30 days in months 3–12', () => {
    const monthly = gaps(dues.slice(monthThree + 1, monthTwelve + 1), '2024-04-10');
    expect(monthly.slice(0, -1).every((g) => g === 30)).toBe(true);
    expect(monthly.at(-1)).toBeLessThanOrEqual(30);
    expect(monthly).toHaveLength(10);
  });
  it('F1: every 90 days after 12 months', () => {
    const quarterly = gaps(dues.slice(monthTwelve + 1), '2025-01-10');
    expect(quarterly.slice(0, -1).every((g) => g === 90)).toBe(true);
    expect(quarterly.at(-1)).toBeLessThanOrEqual(90);
  });
});

describe('F2 and F4', () => {
  it('F2: a grid visit every 7 days', () => {
    const dues = cadenceDueDates('2024-01-10', '2027-01-10', gridVisitCadence(policy));
    expect(
      gaps(dues, '2024-01-10')
        .slice(0, -1)
        .every((g) => g === 7),
    ).toBe(true);
    expect(dues).toHaveLength(157); // 1096 days: 156 full weeks and the closing visit
  });
  it('F4: a check-in every month', () => {
    const dues = cadenceDueDates('2024-01-31', '2025-01-31', checkInCadence(policy));
    expect(dues).toEqual([
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
      '2024-06-30',
      '2024-07-31',
      '2024-08-31',
      '2024-09-30',
      '2024-10-31',
      '2024-11-30',
      '2024-12-31',
      '2025-01-31',
    ]);
  });
});
