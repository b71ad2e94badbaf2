import { describe, expect, it } from 'vitest';
import { alertTally, indicatorDefinitions, rateOf, tally, underMeasureIn, type AlertFact, type PersonFacts } from './indicators';
import { milestoneState, periodContaining, periodProblem, ragOf, rollupPeriods, standardKindOf, targetProblem, defaultMilestoneGoal, phaseAt } from './targets';
import { definitionOf } from './indicators';

const ctx = { today: '2026-11-22', reportWithinDays: 15 };
const nov = { from: '2026-11-01', to: '2026-11-30' };
const active = { kind: 'community_detox', status: 'active', decisionReceivedDate: '2026-11-02', reportDate: '2026-11-10', startDate: '2026-11-10', endDate: null };

const person = (id: string, over: Partial<PersonFacts> = {}): PersonFacts => ({
  personId: id,
  orgUnitId: 'u',
  measures: [active],
  tasks: [],
  metOn: [],
  visitedOn: [],
  relapseOn: [],
  lostOn: [],
  lostNow: false,
  ...over,
});

describe('indicator definitions (RULES §6)', () => {
  it('K1–K18: every indicator is defined once with both names and a formula', () => {
    expect(indicatorDefinitions.map((x) => x.code)).toEqual(['K1', 'K2', 'K3', 'K4', 'K5', 'K6', 'K7', 'K8', 'K9', 'K10', 'K11', 'K12', 'K13', 'K14', 'K15', 'K16', 'K17', 'K18']);
    for (const x of indicatorDefinitions) expect(x.name['zh-CN'] && x.name['en-US'] && x.formula['zh-CN'] && x.formula['en-US']).toBeTruthy();
  });
  it('K14, K15, K17, K18: read from their modules, and without data for the unit and period they carry a reason, not a zero', () => {
    expect(indicatorDefinitions.filter((x) => x.noData).map((x) => x.code)).toEqual([]);
    expect(indicatorDefinitions.filter((x) => x.emptyReason).map((x) => [x.code, x.source, x.emptyReason, x.drill])).toEqual([
      ['K14', 'prevention', 'no_survey_data', 'none'],
      ['K15', 'prevention', 'no_survey_data', 'none'],
      ['K17', 'warnings', 'no_alert_data', 'persons'],
      ['K18', 'police', 'no_police_figures', 'none'],
    ]);
  });
});

describe('K17: alerts handled within their deadline', () => {
  const h = 3_600_000;
  const now = 100 * h;
  const alert = (alertId: string, personId: string, deadlineMs: number, handledMs: number | null): AlertFact => ({ alertId, personId, deadlineMs, handledMs });
  it.each([
    ['handled before the deadline: owed and on time', [alert('a', 'p', 50 * h, 40 * h)], [1, 1]],
    ['handled at the deadline exactly: on time', [alert('a', 'p', 50 * h, 50 * h)], [1, 1]],
    ['handled after the deadline: owed, late', [alert('a', 'p', 50 * h, 51 * h)], [0, 1]],
    ['untouched past the deadline: owed, late', [alert('a', 'p', 50 * h, null)], [0, 1]],
    ['untouched within the deadline: not yet owed', [alert('a', 'p', 120 * h, null)], [0, 0]],
    ['handled early although the deadline is ahead: owed and on time', [alert('a', 'p', 120 * h, 90 * h)], [1, 1]],
  ] as const)('K17: %s', (_, alerts, [numerator, denominator]) => {
    expect(alertTally(alerts, now)).toMatchObject({ raised: 1, numerator, denominator });
  });
  it('K17: the ids behind each side, persons once each', () => {
    const t = alertTally([alert('a1', 'p', 50 * h, 40 * h), alert('a2', 'p', 50 * h, 60 * h), alert('a3', 'q', 50 * h, null), alert('a4', 'r', 200 * h, null)], now);
    expect(t).toEqual({
      raised: 4,
      numerator: 1,
      denominator: 3,
      numeratorAlertIds: ['a1'],
      denominatorAlertIds: ['a1', 'a2', 'a3'],
      numeratorPersonIds: ['p'],
      denominatorPersonIds: ['p', 'q'],
    });
  });
});

describe('person-level indicators', () => {
  it('K1: reported within C1 of receiving the decision counts; late and not yet reported do not', () => {
    const late = { ...active, reportDate: '2026-11-20' };
    const notYet = { ...active, reportDate: null, startDate: null, status: 'awaiting_report' };
    const before = { ...active, decisionReceivedDate: '2026-10-01' };
    const r = tally(
      'K1',
      [person('a'), person('b', { measures: [{ ...late, decisionReceivedDate: '2026-11-01' }] }), person('c', { measures: [notYet] }), person('d', { measures: [before] })],
      nov,
      ctx,
    );
    expect([r.numerator, r.denominator, r.numeratorIds]).toEqual([1, 3, ['a']]);
  });
  it('K2 and K3: met in person and not lost (C11) is controlled; K3 counts everyone registered', () => {
    const facts = [
      person('a', { metOn: ['2026-11-12'] }),
      person('b', { metOn: ['2026-11-12'], lostOn: ['2026-11-15'] }),
      person('c'),
      person('d', { measures: [], metOn: ['2026-11-03'] }),
    ];
    expect(tally('K2', facts, nov, ctx)).toMatchObject({ numerator: 1, denominator: 3, numeratorIds: ['a'] });
    expect(tally('K3', facts, nov, ctx)).toMatchObject({ numerator: 3, denominator: 4 });
  });
  it('K4: a check-in counts on time only when done by its due date; upcoming and excused are not owed (T7)', () => {
    const tasks = [
      { kind: 'check_in' as const, dueDate: '2026-11-05', state: 'done' as const, doneOn: '2026-11-05' },
      { kind: 'check_in' as const, dueDate: '2026-11-12', state: 'done' as const, doneOn: '2026-11-14' },
      { kind: 'check_in' as const, dueDate: '2026-11-15', state: 'overdue' as const, doneOn: null },
      { kind: 'check_in' as const, dueDate: '2026-11-16', state: 'excused' as const, doneOn: null },
      { kind: 'check_in' as const, dueDate: '2026-11-28', state: 'upcoming' as const, doneOn: null },
    ];
    expect(tally('K4', [person('a', { tasks })], nov, ctx)).toMatchObject({ numerator: 1, denominator: 3 });
  });
  it('K5: tests due in the period and done; an evaded one is owed and not done (T7)', () => {
    const tasks = [
      { kind: 'drug_test' as const, dueDate: '2026-11-05', state: 'done' as const, doneOn: '2026-11-06' },
      { kind: 'drug_test' as const, dueDate: '2026-11-08', state: 'overdue' as const, doneOn: null },
      { kind: 'check_in' as const, dueDate: '2026-11-08', state: 'done' as const, doneOn: '2026-11-08' },
    ];
    expect(tally('K5', [person('a', { tasks })], nov, ctx)).toMatchObject({ numerator: 1, denominator: 2 });
  });
  it('K6, K7, K11: relapse, lost (C11, today included) and visited (F3) over those under measure', () => {
    const facts = [person('a', { relapseOn: ['2026-11-03'], visitedOn: ['2026-11-04'] }), person('b', { lostNow: true }), person('c', { relapseOn: ['2026-10-03'] })];
    expect(tally('K6', facts, nov, ctx)).toMatchObject({ numerator: 1, denominator: 3, numeratorIds: ['a'] });
    expect(tally('K7', facts, nov, ctx)).toMatchObject({ numerator: 1, denominator: 3, numeratorIds: ['b'] });
    expect(tally('K7', facts, { from: '2026-10-01', to: '2026-10-31' }, ctx)).toMatchObject({ numerator: 0 });
    expect(tally('K11', facts, nov, ctx)).toMatchObject({ numerator: 1, denominator: 3 });
  });
  it('K12: the denominator is the persons under measure in the period', () => {
    expect(tally('K12', [person('a'), person('b', { measures: [{ ...active, endDate: '2026-10-31' }] })], nov, ctx)).toMatchObject({ denominator: 1 });
  });
  it('M2: a measure counts from the day the person reported', () => {
    expect(underMeasureIn(person('a'), { from: '2026-10-01', to: '2026-10-31' })).toBe(false);
    expect(underMeasureIn(person('a'), nov)).toBe(true);
  });
  it('a rate without denominator is null, never 0 %', () => {
    expect(rateOf(0, 0)).toBeNull();
    expect(rateOf(1, 3)).toBe(33.3);
  });
});

describe('periods and targets', () => {
  it('standard periods: week from Monday, month, quarter, year; others are custom', () => {
    expect(periodContaining('week', '2026-11-22')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(periodContaining('quarter', '2026-11-22')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(standardKindOf('2026-02-01', '2026-02-28')).toBe('month');
    expect(standardKindOf('2026-02-01', '2026-02-27')).toBeNull();
    expect(
      rollupPeriods('2026-11-22')
        .filter((p) => p.kind === 'year')
        .map((p) => p.from),
    ).toEqual(['2026-01-01', '2025-01-01', '2024-01-01']);
  });
  it('a period ending before it starts, or starting in the future, is refused', () => {
    expect(periodProblem('2026-11-02', '2026-11-01', '2026-11-22')).toBe('governance.period_order');
    expect(periodProblem('2026-12-01', '2026-12-31', '2026-11-22')).toBe('governance.period_future');
    expect(periodProblem('2026-11-01', '2026-11-30', '2026-11-22')).toBeNull();
  });
  it('a rate target lies within 0–100 %', () => {
    expect(targetProblem(definitionOf('K2'), 101)).toBe('governance.target_rate_range');
    expect(targetProblem(definitionOf('K2'), -1)).toBe('governance.target_rate_range');
    expect(targetProblem(definitionOf('K13'), 500)).toBeNull();
  });
  it('red/amber/green by direction: K2 higher is better, K6 lower is better', () => {
    expect(ragOf('K2', 96, 95)).toBe('green');
    expect(ragOf('K2', 91, 95)).toBe('amber');
    expect(ragOf('K2', 80, 95)).toBe('red');
    expect(ragOf('K6', 15, 20)).toBe('green');
    expect(ragOf('K6', 30, 20)).toBe('red');
    expect(ragOf('K2', null, 95)).toBe('none');
  });
  it('milestones: K2 ≥ 90 % at 24 months (seed §8.2); phases by year; past milestones met or missed', () => {
    expect(defaultMilestoneGoal('K2', 24, 68.2, 95)).toBe(90);
    expect(defaultMilestoneGoal('K2', 12, 68.2, 95)).toBe(77.1);
    expect(phaseAt('2026-01-01', '2026-11-22')).toBe('foundation');
    expect(phaseAt('2026-01-01', '2028-03-01')).toBe('deepening');
    expect(milestoneState('K2', { due: '2026-07-01', today: '2026-11-22', goal: 80, value: 70 })).toBe('missed');
    expect(milestoneState('K2', { due: '2027-01-01', today: '2026-11-22', goal: 80, value: 70 })).toBe('at_risk');
    expect(milestoneState('K2', { due: '2027-01-01', today: '2026-11-22', goal: 80, value: 78 })).toBe('on_track');
  });
});
