import { describe, it, expect } from 'vitest';
import type { IndicatorCode } from './indicators';
import {
  attainment,
  defaultScoringRules,
  parseQuarter,
  previousQuarter,
  quarterMilestone,
  quarterOf,
  rankUnits,
  rulesProblems,
  scoreUnit,
  type IndicatorInput,
  type MilestonePointState,
  type ScoringRules,
} from './quarterly-assessment';

const item = (code: IndicatorCode, value: number | null, target: number | null, milestone: MilestonePointState | null = null): IndicatorInput => ({
  code,
  value,
  target,
  milestone,
});
const noMilestones: ScoringRules = { weights: { K2: 1, K5: 1 }, milestoneShare: 0, milestonePoints: { on_track: 100, at_risk: 50, missed: 0 } };

describe('attainment of a value against its target, direction-aware (RULES §6)', () => {
  it.each<[string, IndicatorCode, number, number, number]>([
    ['K2 管控率 higher: target met', 'K2', 96, 95, 1],
    ['K2 higher: exactly at target', 'K2', 95, 95, 1],
    ['K5 尿检配合率 higher: half-way to the floor (target 90, floor 45)', 'K5', 67.5, 90, 0.5],
    ['K5 higher: at the floor', 'K5', 45, 90, 0],
    ['K5 higher: below the floor stays 0', 'K5', 10, 90, 0],
    ['K6 复吸率 lower: under the target', 'K6', 10, 20, 1],
    ['K6 lower: 25 % against 20 % is half-way to the ceiling of 30 %', 'K6', 25, 20, 0.5],
    ['K6 lower: at or past the ceiling', 'K6', 40, 20, 0],
    ['K13 宣传 count higher: 2 of a pro-rata 3 activities', 'K13', 2, 3, 1 - 1 / 3 / 0.5],
    ['K7 脱管率 lower with target 0: any loss misses it', 'K7', 1, 0, 0],
    ['K7 lower with target 0: none lost meets it', 'K7', 0, 0, 1],
  ])('%s', (_case, code, value, target, expected) => {
    expect(attainment(code, value, target)).toBeCloseTo(expected, 6);
  });
});

describe('a unit’s scorecard out of 100 (RULES §6 K2, K5, K6)', () => {
  it.each<[string, IndicatorInput[], ScoringRules, number | null]>([
    ['both indicators met: 100', [item('K2', 96, 95), item('K5', 92, 90)], noMilestones, 100],
    ['one met, one at its floor: 50', [item('K2', 96, 95), item('K5', 45, 90)], noMilestones, 50],
    ['K5 with no data yet is neither rewarded nor punished: K2 alone makes the 100', [item('K2', 96, 95), item('K5', null, 90)], noMilestones, 100],
    ['no target set counts as no data', [item('K2', 40, 95), item('K5', 90, null)], noMilestones, 0],
    ['a weight of 0 leaves the indicator out', [item('K2', 96, 95), item('K6', 50, 20)], noMilestones, 100],
    ['nothing to score: no total', [item('K2', null, 95), item('K5', null, 90)], noMilestones, null],
    ['weights 3:1 — K2 met (75 points), K5 at half (12.5)', [item('K2', 95, 95), item('K5', 67.5, 90)], { ...noMilestones, weights: { K2: 3, K5: 1 } }, 87.5],
    [
      'milestones 20 %: K2 met but its milestone at risk (80 + 20 × 50 % of its 50 points), K5 missed both',
      [item('K2', 95, 95, 'at_risk'), item('K5', 0, 90, 'missed')],
      { ...noMilestones, milestoneShare: 20 },
      45,
    ],
    ['no milestone goal: attainment for the whole', [item('K2', 95, 95, null), item('K5', 95, 90, 'on_track')], { ...noMilestones, milestoneShare: 20 }, 100],
  ])('%s', (_case, items, rules, total) => {
    expect(scoreUnit(items, rules).total).toBe(total);
  });

  it('points per indicator add up to the total and show each one’s share', () => {
    const s = scoreUnit([item('K2', 95, 95), item('K5', 67.5, 90), item('K6', null, 20)], { ...noMilestones, weights: { K2: 3, K5: 1, K6: 4 } });
    expect(s.indicators.map((x) => [x.code, x.scored, x.maxPoints, x.points])).toEqual([
      ['K2', true, 75, 75],
      ['K5', true, 25, 12.5],
      ['K6', false, 0, null],
    ]);
    expect(s.total).toBe(87.5);
  });

  it('the defaults weigh the seed’s indicators with a target, and sum to 100', () => {
    expect(Object.values(defaultScoringRules.weights).reduce((a, b) => a + b, 0)).toBe(100);
    expect(rulesProblems(defaultScoringRules)).toEqual([]);
  });
});

describe('ranking of sibling units', () => {
  it.each<[string, (number | null)[], (number | null)[]]>([
    ['highest first', [50, 90, 70], [3, 1, 2]],
    ['ties share a rank, the next skips (1, 1, 3)', [80, 80, 60], [1, 1, 3]],
    ['no total, no rank, listed last', [null, 40], [null, 1]],
  ])('%s', (_case, totals, ranks) => {
    const ranked = rankUnits(totals.map((total, i) => ({ id: i, total })));
    expect(totals.map((_, i) => ranked.find((r) => r.id === i)!.rank)).toEqual(ranks);
    expect(ranked.at(-1)!.total === null || totals.every((x) => x !== null)).toBe(true);
  });
});

describe('the rules the district office sets', () => {
  const points = { on_track: 100, at_risk: 50, missed: 0 };
  it.each<[string, Record<string, number>, Record<MilestonePointState, number>, string[]]>([
    ['valid', { K2: 10, K5: 0 }, points, []],
    ['an unknown indicator code', { K2: 10, K99: 5 }, points, ['weights.K99:assessment.unknown_indicator']],
    ['a negative weight', { K2: 10, K5: -1 }, points, ['weights.K5:assessment.weight_negative']],
    ['every weight 0', { K2: 0 }, points, ['weights:assessment.no_weight']],
    ['milestone points out of order', { K2: 1 }, { on_track: 40, at_risk: 60, missed: 0 }, ['milestonePoints:assessment.milestone_order']],
  ])('%s', (_case, weights, milestonePoints, problems) => {
    expect(rulesProblems({ weights, milestonePoints }).map((p) => `${p.path}:${p.code}`)).toEqual(problems);
  });
});

describe('quarters', () => {
  it.each<[string, { from: string; to: string } | null]>([
    ['2026-Q3', { from: '2026-07-01', to: '2026-09-30' }],
    ['2026-Q1', { from: '2026-01-01', to: '2026-03-31' }],
    ['2026-Q5', null],
    ['2026Q3', null],
    ['2026-q3', null],
  ])('%s', (code, range) => {
    const q = parseQuarter(code);
    expect(q && { from: q.from, to: q.to }).toEqual(range);
  });
  it('the quarter of a day and the one before', () => {
    expect(quarterOf('2026-11-22')).toBe('2026-Q4');
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
    expect(previousQuarter('2026-Q4')).toBe('2026-Q3');
  });
});

describe('the milestone a quarter is judged by (seed 001 §8.2; RULES §6 K2)', () => {
  const ms = [
    { due: '2026-07-01', goal: 80 },
    { due: '2027-01-01', goal: 90 },
  ];
  const q3 = parseQuarter('2026-Q3')!;
  const q4 = parseQuarter('2026-Q4')!;
  it.each<[string, typeof q3, number | null, string, MilestonePointState | null]>([
    ['due within the quarter and met: on track', q3, 85, '2026-11-22', 'on_track'],
    ['due within the quarter and missed', q3, 60, '2026-11-22', 'missed'],
    ['ahead and within the amber band: on track', q4, 86, '2026-11-22', 'on_track'],
    ['ahead and far below: at risk', q4, 50, '2026-11-22', 'at_risk'],
    ['no value: no milestone points', q4, null, '2026-11-22', null],
  ])('%s', (_case, quarter, value, today, state) => {
    expect(quarterMilestone('K2', ms, quarter, value, today)).toBe(state);
  });
  it('no milestone left after the quarter: none', () => {
    expect(quarterMilestone('K2', ms, parseQuarter('2027-Q2')!, 90, '2027-06-30')).toBeNull();
  });
});
