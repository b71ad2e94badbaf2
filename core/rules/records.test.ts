import { describe, expect, it } from 'vitest';
import { createMeasure, type Measure } from './measures';
import { isValidRetestOf, measureForRecord } from './records';

const measure = (id: string, startDate: string | null, endedOn: string | null = null): Measure => ({
  ...createMeasure({ id, kind: 'community_detox', decisionDate: '2024-01-01' }),
  status: endedOn ? 'terminated' : 'active',
  startDate,
  endedOn,
});

describe('M2, C8, M5: the measure a record belongs to', () => {
  const first = measure('first', '2025-01-10', '2025-06-30');
  const second = measure('second', '2025-06-30');
  it.each<[string, Measure[], string, ReturnType<typeof measureForRecord>]>([
    ['within the term', [first, second], '2025-03-01', { ok: true, measure: first }],
    ['the day a successor starts: the later measure', [first, second], '2025-06-30', { ok: true, measure: second }],
    ['before every term', [first, second], '2025-01-01', { ok: false, code: 'supervision.date_before_measure', start: '2025-01-10' }],
    ['between two terms', [first, measure('third', '2025-09-01')], '2025-07-15', { ok: false, code: 'supervision.date_outside_measure' }],
    ['no measure started (still awaiting the report)', [measure('waiting', null)], '2025-03-01', { ok: false, code: 'supervision.no_measure' }],
    ['no measure at all', [], '2025-03-01', { ok: false, code: 'supervision.no_measure' }],
  ])('%s', (_label, measures, date, expected) => {
    expect(measureForRecord(measures, date)).toEqual(expected);
  });
});

describe('T1: a lab re-test names the earlier test it re-tests', () => {
  const prior = { personId: 'p', kind: 'drug_test', date: '2026-11-10' };
  it.each<[string, typeof prior | undefined, boolean]>([
    ['an earlier test of the person', prior, true],
    ['a test of the same day', { ...prior, date: '2026-11-12' }, true],
    ['a later test', { ...prior, date: '2026-11-13' }, false],
    ["another person's test", { ...prior, personId: 'q' }, false],
    ['a record that is no test', { ...prior, kind: 'visit' }, false],
    ['no such record', undefined, false],
  ])('%s: %s', (_label, p, ok) => {
    expect(isValidRetestOf(p, 'p', '2026-11-12')).toBe(ok);
  });
});
