import { describe, expect, it } from 'vitest';
import { activityReach, preventionTargets, publicityMet, targetForPeriod, trainingMet, trainingPassRate } from './prevention';

describe('K13 reach of an activity', () => {
  it('adds attendees, reads and plays; shares are shown, not counted', () => {
    expect(activityReach(320, [])).toBe(320);
    expect(
      activityReach(0, [
        { reads: 1200, plays: 0, shares: 80 },
        { reads: 0, plays: 3000, shares: 400 },
      ]),
    ).toBe(4200);
  });
});

describe('yearly targets for a period', () => {
  it.each([
    ['a calendar year', '2026-01-01', '2026-12-31', 12],
    ['a leap year', '2028-01-01', '2028-12-31', 12],
    ['a quarter', '2026-01-01', '2026-03-31', 3],
    ['the third quarter (92 days)', '2026-07-01', '2026-09-30', 3],
    ['one day', '2026-06-26', '2026-06-26', 0],
    ['two years', '2025-01-01', '2026-12-31', 24],
    ['an inverted period', '2026-02-01', '2026-01-01', 0],
  ])('%s', (_l, from, to, expected) => {
    expect(targetForPeriod(preventionTargets.publicityActivitiesPerYear, from, to)).toBe(expected);
  });

  it('K13 needs both the count and the reach', () => {
    expect(publicityMet(12, 5000, '2026-01-01', '2026-12-31')).toBe(true);
    expect(publicityMet(12, 4999, '2026-01-01', '2026-12-31')).toBe(false);
    expect(publicityMet(11, 9000, '2026-01-01', '2026-12-31')).toBe(false);
  });
});

describe('K16 training pass rate', () => {
  it('passed over examined; not examined counts in neither', () => {
    expect(trainingPassRate(['passed', 'passed', 'failed', 'not_examined'])).toEqual({ numerator: 2, denominator: 3, rate: 2 / 3 });
    expect(trainingPassRate(['not_examined'])).toEqual({ numerator: 0, denominator: 0, rate: null });
  });

  it('is met with 4 trainings a year and everyone examined passing; without any exam it is not', () => {
    expect(trainingMet(4, 30, 30, '2026-01-01', '2026-12-31')).toBe(true);
    expect(trainingMet(4, 29, 30, '2026-01-01', '2026-12-31')).toBe(false);
    expect(trainingMet(3, 30, 30, '2026-01-01', '2026-12-31')).toBe(false);
    expect(trainingMet(4, 0, 0, '2026-01-01', '2026-12-31')).toBe(false);
  });
});
