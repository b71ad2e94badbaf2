// Periods, targets, milestones and progress of the indicators (issue 15 items 1 and 3). Pure:
// `today` is passed in.

import { addDays, compareDates, type IsoDate } from './dates';
import { definitionOf, type IndicatorCode, type IndicatorDefinition } from './indicators';

export const periodKinds = ['week', 'month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof periodKinds)[number];
export type StandardPeriodKind = Exclude<PeriodKind, 'custom'>;

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, day: number) => `${y}-${pad(m)}-${pad(day)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The standard period of a kind that contains `day`; weeks run Monday to Sunday. */
export function periodContaining(kind: StandardPeriodKind, day: IsoDate): { from: IsoDate; to: IsoDate } {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  if (kind === 'year') return { from: ymd(y, 1, 1), to: ymd(y, 12, 31) };
  if (kind === 'month') return { from: ymd(y, m, 1), to: ymd(y, m, lastDay(y, m)) };
  if (kind === 'quarter') {
    const q0 = Math.floor((m - 1) / 3) * 3 + 1;
    return { from: ymd(y, q0, 1), to: ymd(y, q0 + 2, lastDay(y, q0 + 2)) };
  }
  const dow = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  const from = addDays(day, -dow);
  return { from, to: addDays(from, 6) };
}

/** Which standard period `from..to` is exactly, if any (the rollups keep only those). */
export function standardKindOf(from: IsoDate, to: IsoDate): StandardPeriodKind | null {
  for (const k of ['month', 'quarter', 'year', 'week'] as const) {
    const p = periodContaining(k, from);
    if (p.from === from && p.to === to) return k;
  }
  return null;
}

/** The standard periods the rollups keep: the last N of each kind up to the one holding today. */
export const rollupWindow: Record<StandardPeriodKind, number> = { week: 13, month: 24, quarter: 8, year: 3 };

export function rollupPeriods(today: IsoDate): { kind: StandardPeriodKind; from: IsoDate; to: IsoDate }[] {
  const out: { kind: StandardPeriodKind; from: IsoDate; to: IsoDate }[] = [];
  for (const kind of ['week', 'month', 'quarter', 'year'] as const) {
    let p = periodContaining(kind, today);
    for (let i = 0; i < rollupWindow[kind]; i++) {
      out.push({ kind, ...p });
      p = periodContaining(kind, addDays(p.from, -1));
    }
  }
  return out;
}

export type PeriodProblem = 'governance.period_order' | 'governance.period_future';

/** A period ends on or after its start and does not begin in the future (issue 15, bad input). */
export function periodProblem(from: IsoDate, to: IsoDate, today: IsoDate): PeriodProblem | null {
  if (compareDates(from, to) > 0) return 'governance.period_order';
  if (compareDates(from, today) > 0) return 'governance.period_future';
  return null;
}

// ——— targets

export type TargetProblem = 'governance.target_rate_range' | 'governance.target_negative';

/** A rate's target and baseline are percentages (0–100); a count's are not negative. */
export function targetProblem(def: IndicatorDefinition, value: number | null): TargetProblem | null {
  if (value === null) return null;
  if (def.unit === 'rate' && (value < 0 || value > 100)) return 'governance.target_rate_range';
  if (value < 0) return 'governance.target_negative';
  return null;
}

/** Red/amber/green of a value against its target; `none` without a value or a target. */
export type Rag = 'green' | 'amber' | 'red' | 'none';

/** Amber: within this many percentage points of a rate's target (10 % of a count's). */
export const AMBER_POINTS = 5;

/** K2 higher is better; K6 (relapse) lower is better: the direction comes from the definition. */
export function ragOf(code: IndicatorCode, value: number | null, target: number | null): Rag {
  if (value === null || target === null) return 'none';
  const def = definitionOf(code);
  const slack = def.unit === 'rate' ? AMBER_POINTS : target * 0.1;
  const gap = def.direction === 'higher' ? target - value : value - target;
  if (gap <= 0) return 'green';
  return gap <= slack ? 'amber' : 'red';
}

/** A count target (K13 per year) for a shorter period, pro rata by days. */
export function proRata(perYear: number, from: IsoDate, to: IsoDate): number {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  return Math.round(((perYear * days) / 365) * 10) / 10;
}

// ——— milestones and phases (seed 001 §8.1, §8.2)

export const milestoneMonths = [6, 12, 24, 36, 60] as const;
export const phaseCodes = ['foundation', 'deepening', 'consolidation'] as const;
export type PhaseCode = (typeof phaseCodes)[number];
/** 基础建设 (year 1), 深化推进 (years 2–3), 巩固提升 (years 4–5): the months each phase ends. */
export const phaseEnds: Record<PhaseCode, number> = { foundation: 12, deepening: 36, consolidation: 60 };

export function phaseAt(planStart: IsoDate, day: IsoDate): PhaseCode {
  const months = monthsBetween(planStart, day);
  return months < phaseEnds.foundation ? 'foundation' : months < phaseEnds.deepening ? 'deepening' : 'consolidation';
}

export function monthsBetween(a: IsoDate, b: IsoDate): number {
  const [ya, ma, da] = [Number(a.slice(0, 4)), Number(a.slice(5, 7)), Number(a.slice(8, 10))];
  const [yb, mb, db] = [Number(b.slice(0, 4)), Number(b.slice(5, 7)), Number(b.slice(8, 10))];
  return (yb - ya) * 12 + (mb - ma) - (db < da ? 1 : 0);
}

export function addMonths(day: IsoDate, months: number): IsoDate {
  const [y, m, dd] = [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return ymd(ny, nm, Math.min(dd, lastDay(ny, nm)));
}

/**
 * The seed's milestone goals per indicator (seed 001 §8.2: 管控率 ≥ 90 % at 24 months, 复吸率 < 20 %
 * and 满意度 ≥ 90 % at 60); elsewhere the goal runs in a straight line from the baseline to the
 * target over the five years, reaching the target at 36 months (the work plan's three years).
 */
export function defaultMilestoneGoal(code: IndicatorCode, month: number, baseline: number | null, target: number | null): number | null {
  if (target === null) return null;
  if (code === 'K2' && month === 24) return 90;
  if (baseline === null || month >= 36) return target;
  return Math.round((baseline + ((target - baseline) * month) / 36) * 10) / 10;
}

export type ProgressState = 'on_track' | 'at_risk' | 'missed' | 'met' | 'no_data';

/**
 * A milestone's state. Past its date: met or missed by the value then. Ahead: on track when the
 * current value is already at the goal or within the amber band of the straight line from the
 * baseline, at risk otherwise.
 */
export function milestoneState(code: IndicatorCode, opts: { due: IsoDate; today: IsoDate; goal: number | null; value: number | null }): ProgressState {
  if (opts.goal === null || opts.value === null) return 'no_data';
  const rag = ragOf(code, opts.value, opts.goal);
  if (compareDates(opts.due, opts.today) < 0) return rag === 'green' ? 'met' : 'missed';
  return rag === 'red' ? 'at_risk' : 'on_track';
}
