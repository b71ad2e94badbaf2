import { describe, it, expect } from 'vitest';
import {
  absenceLimitCrossedOn,
  assessBreaches,
  isLostContact,
  isTransferReportOverdue,
  isUnauthorisedDeparture,
  noticeRequired,
  unauthorisedAbsenceDays,
  type BreachLevel,
  type SeriousBreachReason,
} from './breaches';
import type { TestResult } from './drug-test-results';
import type { DayRange } from './periods';
import { defaultPolicy, mergePolicy } from './policy';

const policy = defaultPolicy;
const separately = mergePolicy(policy, { version: 'separate', lifecycle: { seriousBreach: { countEvasionsAndRefusalsTogether: false } } });

const results = (spec: Partial<Record<TestResult, number>>): TestResult[] => Object.entries(spec).flatMap(([r, n]) => Array<TestResult>(n ?? 0).fill(r as TestResult));

describe('assessBreaches (C5, C6)', () => {
  it.each<[string, Partial<Record<TestResult, number>>, number, number, BreachLevel, SeriousBreachReason[]]>([
    ['nothing at all', { negative: 12 }, 0, 0, 'none', []],
    ['C6: one refusal is an ordinary breach', { refused: 1 }, 0, 0, 'breach', []],
    ['C5: 2 refusals are not serious', { refused: 2 }, 0, 0, 'breach', []],
    ['C5: 3 refusals make a serious breach ("以上" includes 3)', { refused: 3 }, 0, 0, 'serious_breach', ['refusals_and_evasions']],
    ['C5: 3 evasions make a serious breach', { evaded: 3 }, 0, 0, 'serious_breach', ['refusals_and_evasions']],
    ['C5: 2 refusals and 1 evasion, counted together, make a serious breach', { refused: 2, evaded: 1 }, 0, 0, 'serious_breach', ['refusals_and_evasions']],
    ['C5: 1 refusal and 1 evasion are not serious', { refused: 1, evaded: 1 }, 0, 0, 'breach', []],
    ['T3: positive and invalid results are no breach of the agreement', { positive: 2, invalid: 3 }, 0, 0, 'none', []],
    ['C6: one unauthorised departure is an ordinary breach', {}, 1, 0, 'breach', []],
    ['C5: 2 unauthorised departures are not serious', {}, 2, 0, 'breach', []],
    ['C5: 3 unauthorised departures make a serious breach', {}, 3, 0, 'serious_breach', ['unauthorised_departures']],
    ['C5: 30 days away in total are not serious ("超过" excludes 30)', {}, 2, 30, 'breach', []],
    ['C5: 31 days away in total make a serious breach', {}, 2, 31, 'serious_breach', ['absence_days']],
    ['C5: several limits at once', { evaded: 3 }, 3, 45, 'serious_breach', ['refusals_and_evasions', 'unauthorised_departures', 'absence_days']],
  ])('%s', (_label, spec, departures, days, level, reasons) => {
    const a = assessBreaches({ testResults: results(spec), unauthorisedDepartures: departures, absenceDays: days, policy });
    expect(a.level).toBe(level);
    expect(a.reasons).toEqual(reasons);
  });

  it.each<[string, Partial<Record<TestResult, number>>, BreachLevel, SeriousBreachReason[]]>([
    ['C5 (counted separately): 2 refusals and 1 evasion are not serious', { refused: 2, evaded: 1 }, 'breach', []],
    ['C5 (counted separately): 2 refusals and 2 evasions are not serious', { refused: 2, evaded: 2 }, 'breach', []],
    ['C5 (counted separately): 3 refusals are serious', { refused: 3, evaded: 1 }, 'serious_breach', ['refusals']],
    ['C5 (counted separately): 3 evasions are serious', { evaded: 3 }, 'serious_breach', ['evasions']],
    ['C5 (counted separately): both', { refused: 3, evaded: 4 }, 'serious_breach', ['refusals', 'evasions']],
  ])('%s', (_label, spec, level, reasons) => {
    const a = assessBreaches({ testResults: results(spec), unauthorisedDepartures: 0, absenceDays: 0, policy: separately });
    expect(a.level).toBe(level);
    expect(a.reasons).toEqual(reasons);
  });

  it.each<[string, Partial<Record<TestResult, number>>, number, number, { tests: number; departures: number; absenceDays: number }, typeof policy]>([
    ['C5: nothing yet', {}, 0, 0, { tests: 3, departures: 3, absenceDays: 31 }, policy],
    ['C5: the second refusal or evasion — one more is a serious breach (JOURNEYS 1)', { refused: 1, evaded: 1 }, 0, 0, { tests: 1, departures: 3, absenceDays: 31 }, policy],
    ['C5: at the limits', { refused: 3 }, 3, 31, { tests: 0, departures: 0, absenceDays: 0 }, policy],
    ['C5: 30 days away, one more day makes it serious', {}, 1, 30, { tests: 3, departures: 2, absenceDays: 1 }, policy],
    ['C5 (counted separately): the nearest of the two counts', { refused: 2, evaded: 1 }, 0, 0, { tests: 1, departures: 3, absenceDays: 31 }, separately],
  ])('%s', (_label, spec, departures, days, untilSerious, p) => {
    expect(assessBreaches({ testResults: results(spec), unauthorisedDepartures: departures, absenceDays: days, policy: p }).untilSerious).toEqual(untilSerious);
  });

  it('C5: the limits come from the policy', () => {
    const strict = mergePolicy(policy, { version: 's', lifecycle: { seriousBreach: { testRefusalsAndEvasions: 2, absenceDaysMoreThan: 20 } } });
    expect(assessBreaches({ testResults: results({ refused: 2 }), unauthorisedDepartures: 0, absenceDays: 0, policy: strict }).level).toBe('serious_breach');
    expect(assessBreaches({ testResults: [], unauthorisedDepartures: 0, absenceDays: 21, policy: strict }).level).toBe('serious_breach');
    expect(assessBreaches({ testResults: [], unauthorisedDepartures: 0, absenceDays: 20, policy: strict }).level).toBe('breach');
  });

  it('reports the counts it used', () => {
    expect(assessBreaches({ testResults: results({ refused: 1, evaded: 2, negative: 4 }), unauthorisedDepartures: 1, absenceDays: 5, policy }).counts).toEqual({
      refusals: 1,
      evasions: 2,
      unauthorisedDepartures: 1,
      absenceDays: 5,
    });
  });
});

describe('isUnauthorisedDeparture and unauthorisedAbsenceDays (C4, C5)', () => {
  const r = (from: string, to: string): DayRange => ({ from, to });
  it.each<[string, DayRange, DayRange[], boolean]>([
    ['C4: 2 days away need no leave', r('2024-05-01', '2024-05-02'), [], false],
    ['C4: 3 days away without leave are unauthorised', r('2024-05-01', '2024-05-03'), [], true],
    ['C4: 10 days away with approved leave for all of them', r('2024-05-01', '2024-05-10'), [r('2024-05-01', '2024-05-10')], false],
    ['C4: leave starting a day late leaves 1 day uncovered: not a departure', r('2024-05-01', '2024-05-10'), [r('2024-05-02', '2024-05-10')], false],
    ['C4: overstaying an approved leave by 2 days', r('2024-05-01', '2024-05-12'), [r('2024-05-01', '2024-05-10')], false],
    ['C4: overstaying an approved leave by 3 days', r('2024-05-01', '2024-05-13'), [r('2024-05-01', '2024-05-10')], true],
    ['C4: leave for another period does not count', r('2024-05-01', '2024-05-05'), [r('2024-06-01', '2024-06-10')], true],
  ])('%s', (_label, absence, leaves, expected) => {
    expect(isUnauthorisedDeparture(absence, leaves, policy)).toBe(expected);
  });

  it('C4: the number of days comes from the policy', () => {
    const stricter = mergePolicy(policy, { version: 's', lifecycle: { leaveRequestFromDays: 2 } });
    expect(isUnauthorisedDeparture(r('2024-05-01', '2024-05-02'), [], stricter)).toBe(true);
  });

  it('C5: adds up the days away without leave of the unauthorised departures only', () => {
    const absences = [
      r('2024-01-01', '2024-01-02'), // 2 days, allowed without leave: not counted
      r('2024-02-01', '2024-02-10'), // 10 days, no leave: 10
      r('2024-03-01', '2024-03-20'), // 20 days, 15 on leave: 5 uncovered, a departure
      r('2024-04-01', '2024-04-16'), // 16 days with leave for all: 0
    ];
    const leaves = [r('2024-03-01', '2024-03-15'), r('2024-04-01', '2024-04-16')];
    expect(unauthorisedAbsenceDays(absences, leaves, policy)).toBe(15);
  });
});

describe('isLostContact (C11)', () => {
  it.each<[string, string, string, boolean]>([
    ['C11: met 30 days ago', '2024-05-02', '2024-05-02', false],
    ['C11: neither met nor reached for 31 days', '2024-05-01', '2024-05-01', true],
    ['C11: not met for months but reached by phone 30 days ago', '2024-01-01', '2024-05-02', false],
    ['C11: reached by phone 31 days ago, met 30 days ago', '2024-05-02', '2024-05-01', false],
    ['C11: not met and not reached for more than 30 days', '2024-02-01', '2024-04-30', true],
  ])('%s', (_label, lastInPerson, lastReachable, expected) => {
    expect(isLostContact(lastInPerson, lastReachable, '2024-06-01', policy)).toBe(expected);
  });
});

describe('isTransferReportOverdue (C7, C11)', () => {
  it.each<[string, string | null, string, boolean]>([
    ['C7: not reported, day 15', null, '2024-05-16', false],
    ['C7: not reported, day 16', null, '2024-05-17', true],
    ['C7: reported on day 15', '2024-05-16', '2024-06-30', false],
    ['C7: reported on day 16, late', '2024-05-17', '2024-06-30', true],
  ])('%s', (_label, reportedOn, today, expected) => {
    expect(isTransferReportOverdue('2024-05-01', reportedOn, today, policy)).toBe(expected);
  });
});

describe('noticeRequired (C6)', () => {
  it.each<[string, Parameters<typeof noticeRequired>[0], string[]]>([
    ['C6: an ordinary breach needs no notice (criticism and education)', { breachLevel: 'breach' }, []],
    ['C6: no breach, negative tests', { breachLevel: 'none', testResults: ['negative'] }, []],
    ['C6: a serious breach', { breachLevel: 'serious_breach' }, ['serious_breach']],
    ['C6/T3: a positive test is a relapse', { testResults: ['negative', 'positive'] }, ['relapse']],
    ['C6/C1: refusal to report', { refused: true }, ['refused']],
    ['C6: a refused test alone is no relapse', { testResults: ['refused'] }, []],
    ['C6: all three at once', { breachLevel: 'serious_breach', testResults: ['positive'], refused: true }, ['serious_breach', 'relapse', 'refused']],
    ['nothing given', {}, []],
  ])('%s', (_label, input, reasons) => {
    expect(noticeRequired(input)).toEqual({ required: reasons.length > 0, reasons });
  });
});

describe('absenceLimitCrossedOn (C5, issue 9.15): the fact date of a days-away notice', () => {
  const r = (from: string, to: string): DayRange => ({ from, to });
  it.each<[string, DayRange[], DayRange[], string | null]>([
    ['C5: 30 days away are not more than 30', [r('2026-01-01', '2026-01-30')], [], null],
    ['C5: one stay of 31 days: the 31st day', [r('2026-01-01', '2026-02-10')], [], '2026-01-31'],
    ['C5: two stays: the day the second brings the total past 30', [r('2026-01-01', '2026-01-20'), r('2026-03-01', '2026-03-31')], [], '2026-03-11'],
    ['C4: days covered by approved leave do not count', [r('2026-01-01', '2026-02-20')], [r('2026-01-01', '2026-01-10')], '2026-02-10'],
    ['C4: a stay shorter than the leave limit is not a departure, so its days do not count', [r('2026-01-01', '2026-01-02'), r('2026-02-01', '2026-03-10')], [], '2026-03-03'],
    ['nothing away', [], [], null],
  ])('%s', (_label, away, leaves, expected) => {
    expect(absenceLimitCrossedOn(away, leaves, policy)).toBe(expected);
  });

  it('C5: agrees with the total — the day before it the total is within the limit, on it past', () => {
    const away = [r('2026-01-05', '2026-01-25'), r('2026-02-01', '2026-02-03'), r('2026-04-01', '2026-05-01')];
    const day = absenceLimitCrossedOn(away, [], policy)!;
    const cut = (d: string) => away.filter((a) => a.from <= d).map((a) => ({ from: a.from, to: a.to < d ? a.to : d }));
    const prev = new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10);
    expect(unauthorisedAbsenceDays(cut(prev), [], policy)).toBe(30);
    expect(unauthorisedAbsenceDays(cut(day), [], policy)).toBe(31);
  });
});
