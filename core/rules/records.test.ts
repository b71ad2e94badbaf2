import { describe, expect, it } from 'vitest';
import { createMeasure, type Measure } from './measures';
import { clashingRecord, isValidRetestOf, measureForRecord, suspensionClash, type ExistingRecord, type ExistingSuspension } from './records';

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

describe('issue 17 §3 (T7 window): a record made offline clashes with one someone else wrote meanwhile', () => {
  const asOf = new Date('2026-11-20T08:00:00Z');
  const mine = { kind: 'grid_visit' as const, date: '2026-11-20', recordedBy: 'me', asOf };
  const other = (over: Partial<ExistingRecord>): ExistingRecord => ({
    id: 'r1',
    kind: 'grid_visit',
    date: '2026-11-20',
    recordedBy: 'colleague',
    recordedAt: new Date('2026-11-20T09:00:00Z'),
    voided: false,
    ...over,
  });
  it.each([
    ["a colleague's grid visit written after my view, same day", other({}), 'r1'],
    ['one written before my view (I saw it, or could have)', other({ recordedAt: new Date('2026-11-20T07:59:59Z') }), null],
    ['my own record (another of my devices; its key decides)', other({ recordedBy: 'me' }), null],
    ['a voided record', other({ voided: true }), null],
    ['a record of another task kind (a drug test)', other({ kind: 'drug_test' }), null],
    ["a social worker's visit: it resolves a follow-up, not the grid visit", other({ kind: 'visit' }), null],
    ['dated at the edge of the 7-day window', other({ date: '2026-11-13' }), 'r1'],
    ['dated one day beyond the window', other({ date: '2026-11-12' }), null],
  ])('%s', (_name, existing, expected) => {
    expect(clashingRecord(mine, [existing], 7)?.id ?? null).toBe(expected);
  });

  it('a follow-up clashes with a visit or a talk (all resolve the follow-up, F1), and the latest of several is shown', () => {
    const fu = { ...mine, kind: 'follow_up' as const };
    const talk = other({ id: 'talk', kind: 'talk', recordedAt: new Date('2026-11-20T10:00:00Z') });
    const visit = other({ id: 'visit', kind: 'visit', recordedAt: new Date('2026-11-20T11:00:00Z') });
    expect(clashingRecord(fu, [talk, visit], 7)?.id).toBe('visit');
    expect(clashingRecord(fu, [talk], 7)?.id).toBe('talk');
  });

  it('a window of 0 days clashes only on the same date', () => {
    expect(clashingRecord(mine, [other({ date: '2026-11-21' })], 0)).toBeNull();
    expect(clashingRecord(mine, [other({})], 0)?.id).toBe('r1');
  });
});

describe('issue 17 §3 (C9): a record made offline meets a suspension entered meanwhile', () => {
  const asOf = new Date('2026-11-22T01:00:00Z');
  const mine = { date: '2026-11-21', recordedBy: 'me', asOf };
  const s = (over: Partial<ExistingSuspension>): ExistingSuspension => ({
    start: '2026-11-20',
    end: null,
    recordedAt: new Date('2026-11-22T02:00:00Z'),
    recordedBy: 'officer',
    ...over,
  });
  it.each<[string, ExistingSuspension, boolean]>([
    ['suspended from before the record, entered after the device last saw the server', s({}), true],
    ['suspended from the same day', s({ start: '2026-11-21' }), true],
    ['released before the record (the day of release is free)', s({ end: '2026-11-21' }), false],
    ['suspended only after the record', s({ start: '2026-11-22' }), false],
    ['entered before the device last saw the server', s({ recordedAt: new Date('2026-11-22T00:30:00Z') }), false],
    ['entered by the worker himself', s({ recordedBy: 'me' }), false],
  ])('%s', (_label, suspension, clashes) => {
    expect(suspensionClash(mine, [suspension]) !== null).toBe(clashes);
  });
});
