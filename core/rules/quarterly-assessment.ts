// The quarterly assessment (季考核, issue 15 item 5; seed 001 §8.3 周调度 · 月通报 · 季考核): each
// unit's indicators (RULES §6, K1–K18) for a quarter scored against their targets, weighted, with
// points for the progress of the work plan's milestones, out of 100, and the sibling units ranked.
// Pure: the figures, targets and milestone states come in; the district office's scoring rules too.
// (core/rules/assessment.ts is the supervision assessment of one person: another subject.)
//
// Decisions (RULES §6 gives the indicators, not how to score them; docs/rules.md):
// - Attainment of a value against its target is direction-aware (the definition's `direction`):
//   full marks when the target is met (higher: value ≥ target; lower, K6 relapse: value ≤ target),
//   then linear down to 0 at a shortfall of FLOOR_SHORTFALL (50 %) of the target: a "higher" rate
//   with target 90 scores 0 at 45 and below; K6 with target 20 scores 0 at 30 and above. A target
//   of 0 is met or not (all or nothing).
// - An indicator scores only when it has data for the quarter: a value and a target. One with
//   "no data yet" (no capability records it, nothing due, no target set) is neither rewarded nor
//   punished: the weights are normalised over the indicators that do have data, so the total is
//   always out of 100 and a unit is not marked down for what nobody can measure there (issue 15
//   item 1: "no data yet" is never a zero).
// - Milestones (seed 001 §8.2; targets.ts milestoneState): each indicator's points are split
//   between attainment (100 − milestoneShare %) and the progress of its current milestone
//   (milestoneShare %), which earns the district's points for its state, in % of that part
//   (defaults: on track 100, at risk 50, missed 0; a milestone met counts as on track). An
//   indicator without a milestone goal takes its attainment for the whole.
// - Totals and points are rounded to one decimal; units with equal rounded totals share a rank
//   (standard competition ranking: 1, 1, 3); a unit with no indicator to score has no total and
//   no rank, listed last.

import { compareDates, type IsoDate } from './dates';
import { definitionOf, indicatorCodes, type IndicatorCode } from './indicators';
import { milestoneState, periodContaining } from './targets';

/** Below the target by this fraction of it (above it, for "lower"), the attainment reaches 0. */
export const FLOOR_SHORTFALL = 0.5;

export const milestonePointStates = ['on_track', 'at_risk', 'missed'] as const;
export type MilestonePointState = (typeof milestonePointStates)[number];

export interface ScoringRules {
  /** Weight per indicator code (≥ 0; at least one > 0); a code not listed weighs 0. */
  weights: Partial<Record<IndicatorCode, number>>;
  /** The share (0–100 %) of each indicator's points that rewards its milestone's progress. */
  milestoneShare: number;
  /** Points of the milestone part per state, in % of that part (0–100). */
  milestonePoints: Record<MilestonePointState, number>;
}

/**
 * Defaults from the seed's work plan (seed 001 §3.2, §3.4): the result indicators (管控率,
 * 复吸率) weigh most, then the process ones with a target (报到, 尿检, 走访, 就业); the others
 * with a seed target share the rest. Indicators without a seed target (K1, K3, K7, K17, K18) and
 * the staffing ratio K12 (a resource, scored by 七有) weigh 0 until the district office sets them.
 */
export const defaultScoringRules: ScoringRules = {
  weights: { K2: 15, K4: 10, K5: 10, K6: 15, K8: 10, K9: 5, K10: 5, K11: 10, K13: 5, K14: 5, K15: 5, K16: 5 },
  milestoneShare: 20,
  milestonePoints: { on_track: 100, at_risk: 50, missed: 0 },
};

export type ScoringRulesProblem = 'assessment.unknown_indicator' | 'assessment.weight_negative' | 'assessment.no_weight' | 'assessment.milestone_order';

/** What is wrong with a set of rules (the contract refuses the same, with field paths). */
export function rulesProblems(rules: { weights: Record<string, number>; milestonePoints: Record<MilestonePointState, number> }): { path: string; code: ScoringRulesProblem }[] {
  const out: { path: string; code: ScoringRulesProblem }[] = [];
  for (const [code, w] of Object.entries(rules.weights)) {
    if (!(indicatorCodes as readonly string[]).includes(code)) out.push({ path: `weights.${code}`, code: 'assessment.unknown_indicator' });
    else if (!(w >= 0)) out.push({ path: `weights.${code}`, code: 'assessment.weight_negative' });
  }
  if (!Object.values(rules.weights).some((w) => w > 0)) out.push({ path: 'weights', code: 'assessment.no_weight' });
  const p = rules.milestonePoints;
  if (!(p.on_track >= p.at_risk && p.at_risk >= p.missed)) out.push({ path: 'milestonePoints', code: 'assessment.milestone_order' });
  return out;
}

// ——— quarters

export interface Quarter {
  code: string;
  from: IsoDate;
  to: IsoDate;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;
export const quarterPattern = QUARTER;

/** "2026-Q3" → 2026-07-01 … 2026-09-30; null when malformed. */
export function parseQuarter(code: string): Quarter | null {
  const m = QUARTER.exec(code);
  if (!m) return null;
  const month = (Number(m[2]) - 1) * 3 + 1;
  const p = periodContaining('quarter', `${m[1]}-${String(month).padStart(2, '0')}-01`);
  return { code, ...p };
}

/** The quarter holding `day`, as "2026-Q4". */
export function quarterOf(day: IsoDate): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The quarter before (for the default of the picker: the last complete quarter). */
export function previousQuarter(code: string): string {
  const [y, n] = [Number(code.slice(0, 4)), Number(code.slice(6))];
  return n === 1 ? `${y - 1}-Q4` : `${y}-Q${n - 1}`;
}

// ——— scoring

export interface IndicatorInput {
  code: IndicatorCode;
  /** The quarter's value (in % for a rate); null: "no data yet". */
  value: number | null;
  /** The target for the quarter (a count's pro rata); null: none set. */
  target: number | null;
  /** The progress of the indicator's current milestone; null without a goal. */
  milestone: MilestonePointState | null;
}

export interface IndicatorScore {
  code: IndicatorCode;
  value: number | null;
  target: number | null;
  milestone: MilestonePointState | null;
  weight: number;
  /** Scored: it has data and a weight above 0. */
  scored: boolean;
  /** 0–1 against the target; null when not scored. */
  attainment: number | null;
  /** Its normalised share of the 100 points; 0 when not scored. */
  maxPoints: number;
  points: number | null;
}

export interface UnitScore {
  indicators: IndicatorScore[];
  /** Out of 100; null when no indicator could be scored. */
  total: number | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** 0–1: how far the value reaches its target, direction-aware (see the head of the file). */
export function attainment(code: IndicatorCode, value: number, target: number): number {
  const higher = definitionOf(code).direction === 'higher';
  const met = higher ? value >= target : value <= target;
  if (met) return 1;
  if (target === 0) return 0;
  const shortfall = (higher ? target - value : value - target) / target;
  return clamp01(1 - shortfall / FLOOR_SHORTFALL);
}

/** One unit's scorecard for the quarter. */
export function scoreUnit(items: readonly IndicatorInput[], rules: ScoringRules): UnitScore {
  const weightOf = (c: IndicatorCode) => rules.weights[c] ?? 0;
  const hasData = (x: IndicatorInput) => x.value !== null && x.target !== null && weightOf(x.code) > 0;
  const sum = items.filter(hasData).reduce((s, x) => s + weightOf(x.code), 0);
  const maxMilestone = 100;
  const share = rules.milestoneShare / 100;
  let total = 0;
  const indicators = items.map((x): IndicatorScore => {
    const weight = weightOf(x.code);
    if (!hasData(x) || sum === 0) return { ...x, weight, scored: false, attainment: null, maxPoints: 0, points: null };
    const max = (100 * weight) / sum;
    const a = attainment(x.code, x.value!, x.target!);
    const fraction = x.milestone === null ? a : (1 - share) * a + share * (rules.milestonePoints[x.milestone] / maxMilestone);
    total += max * fraction;
    return { ...x, weight, scored: true, attainment: round1(a * 1000) / 1000, maxPoints: round1(max), points: round1(max * fraction) };
  });
  return { indicators, total: sum === 0 ? null : round1(total) };
}

/** Ranks by total, highest first; equal totals share a rank (1, 1, 3); no total, no rank. */
export function rankUnits<T extends { total: number | null }>(units: readonly T[]): (T & { rank: number | null })[] {
  const sorted = [...units].sort((a, b) => (b.total ?? -1) - (a.total ?? -1));
  return sorted.map((u) => ({ ...u, rank: u.total === null ? null : sorted.findIndex((x) => x.total === u.total) + 1 }));
}

/**
 * The milestone a quarter is judged by: the first whose due date is not before the quarter's
 * start (the one being worked towards, or falling due within the quarter). Judged as of the
 * quarter's end (or today, for the quarter under way) with the quarter's value: past due, met
 * (counted on track) or missed; ahead, on track or at risk (targets.ts milestoneState).
 */
export function quarterMilestone(
  code: IndicatorCode,
  milestones: readonly { due: IsoDate; goal: number | null }[],
  quarter: Quarter,
  value: number | null,
  today: IsoDate,
): MilestonePointState | null {
  const current = [...milestones].sort((a, b) => compareDates(a.due, b.due)).find((m) => compareDates(m.due, quarter.from) >= 0);
  if (!current) return null;
  const asOf = compareDates(quarter.to, today) < 0 ? quarter.to : today;
  const state = milestoneState(code, { due: current.due, today: asOf, goal: current.goal, value });
  if (state === 'no_data') return null;
  return state === 'met' ? 'on_track' : state;
}
