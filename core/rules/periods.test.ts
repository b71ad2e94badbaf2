import { describe, it, expect } from 'vitest';
import { coversAllDays, shiftPastSuspensions, suspensionDays, uncoveredDays, type DayRange, type Suspension } from './periods';

describe('shiftPastSuspensions (C9: suspended days do not count)', () => {
  const closed: Suspension[] = [
    { start: '2024-03-01', end: '2024-03-11' }, // 10 days
    { start: '2024-06-01', end: '2024-06-06' }, // 5 days
  ];
  it.each<[string, string, Suspension[], string | null]>([
    ['before any suspension', '2024-02-29', closed, '2024-02-29'],
    ['on the day of the arrest', '2024-03-01', closed, '2024-03-11'],
    ['after the first suspension', '2024-04-01', closed, '2024-04-11'],
    ['pushed into the second suspension, so past it as well', '2024-05-25', closed, '2024-06-09'],
    ['after both', '2024-07-01', closed, '2024-07-16'],
    ['in any order of the input', '2024-07-01', [...closed].reverse(), '2024-07-16'],
    ['released the same day: nothing lost', '2024-03-05', [{ start: '2024-03-01', end: '2024-03-01' }], '2024-03-05'],
    ['before an open suspension', '2024-02-28', [{ start: '2024-03-01', end: null }], '2024-02-28'],
    ['during an open suspension: unknown', '2024-03-01', [{ start: '2024-03-01', end: null }], null],
    ['after an open suspension began: unknown', '2024-09-01', [{ start: '2024-03-01', end: null }], null],
  ])('%s: %s → %s', (_label, date, suspensions, expected) => {
    expect(shiftPastSuspensions(date, suspensions)).toBe(expected);
  });
});

describe('suspensionDays', () => {
  it.each<[Suspension, DayRange | null]>([
    [
      { start: '2024-03-01', end: '2024-03-11' },
      { from: '2024-03-01', to: '2024-03-10' },
    ],
    [
      { start: '2024-03-01', end: '2024-03-02' },
      { from: '2024-03-01', to: '2024-03-01' },
    ],
    [{ start: '2024-03-01', end: '2024-03-01' }, null],
    [
      { start: '2024-03-01', end: null },
      { from: '2024-03-01', to: '9999-12-31' },
    ],
  ])('%j → %j', (suspension, expected) => {
    expect(suspensionDays(suspension)).toEqual(expected);
  });
});

describe('uncoveredDays and coversAllDays', () => {
  const r = (from: string, to: string): DayRange => ({ from, to });
  it.each<[string, DayRange[], number]>([
    ['no ranges', [], 10],
    ['one range covering all', [r('2024-01-01', '2024-01-10')], 0],
    ['one range covering more', [r('2023-12-01', '2024-02-01')], 0],
    ['missing the first day', [r('2024-01-02', '2024-01-10')], 1],
    ['missing the last day', [r('2024-01-01', '2024-01-09')], 1],
    ['two ranges touching', [r('2024-01-06', '2024-01-10'), r('2024-01-01', '2024-01-05')], 0],
    ['two ranges with a gap of 2 days', [r('2024-01-01', '2024-01-04'), r('2024-01-07', '2024-01-10')], 2],
    ['overlapping ranges', [r('2024-01-01', '2024-01-06'), r('2024-01-03', '2024-01-04'), r('2024-01-05', '2024-01-08')], 2],
    ['ranges outside', [r('2023-12-01', '2023-12-31'), r('2024-01-11', '2024-01-20')], 10],
  ])('%s → %i of the 10 days from 2024-01-01 uncovered', (_label, ranges, expected) => {
    expect(uncoveredDays(ranges, '2024-01-01', '2024-01-10')).toBe(expected);
    expect(coversAllDays(ranges, '2024-01-01', '2024-01-10')).toBe(expected === 0);
  });
});
