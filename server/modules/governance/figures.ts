// The figures of every indicator for one subtree and period: from the rollups when the period is
// a standard one they keep, otherwise computed now from the facts (the "naive" path the bench
// measures beside the rollups); the assistance and prevention figures and the social workers
// come from their modules' read-only functions, and so do the surveys (K14, K15), the alerts (K17)
// and the approved police figures (K18). Decisions stay in core/rules.
import type { Executor } from '../../db/client';
import {
  definitionOf,
  indicatorCodes,
  rateOf,
  supervisionIndicators,
  tally,
  type IndicatorCode,
  type IndicatorTally,
  type PersonFacts,
  type SupervisionIndicator,
} from '../../../core/rules/indicators';
import { proRata, ragOf, rollupWindow, standardKindOf, periodContaining, type StandardPeriodKind } from '../../../core/rules/targets';
import type { IndicatorValue } from '../../../core/contracts/governance';
import { addDays, compareDates } from '../../../core/rules/dates';
import type { AssistanceService } from '../assistance/service';
import type { PreventionService } from '../prevention/service';
import type { WarningService } from '../warnings/service';
import type { GovOpsService } from '../governance-ops/service';
import type { PolicyResolver } from '../policy/service';
import * as q from './queries';

export interface FigureDeps {
  assistance: Pick<AssistanceService, 'indicatorSetsFor'>;
  prevention: Pick<PreventionService, 'totalsFor' | 'indicator'>;
  warnings: Pick<WarningService, 'k17'>;
  govOps: Pick<GovOpsService, 'k18'>;
  resolver: (exec: Executor) => Promise<PolicyResolver>;
}

export interface Sums {
  numerator: number;
  denominator: number;
}

/** Whether the rollups hold this period: a standard period within their window as of `today`. */
export function rollupPeriodOf(from: string, to: string, today: string): StandardPeriodKind | null {
  const kind = standardKindOf(from, to);
  if (!kind) return null;
  let p = periodContaining(kind, today);
  for (let i = 0; i < rollupWindow[kind]; i++) {
    if (p.from === from) return kind;
    p = periodContaining(kind, addDays(p.from, -1));
  }
  return null;
}

/** The supervision indicators computed now from the subtree's facts, with the persons of each side. */
export async function liveSupervision(exec: Executor, deps: FigureDeps, path: string, from: string, to: string, today: string) {
  const facts = await q.loadFacts(exec, { path }, from, to);
  return tallies(facts, from, to, today, (await deps.resolver(exec))(path).policy.lifecycle.reportWithinDays);
}

export function tallies(facts: PersonFacts[], from: string, to: string, today: string, reportWithinDays: number): Map<SupervisionIndicator, IndicatorTally> {
  const ctx = { today, reportWithinDays };
  return new Map(supervisionIndicators.map((c) => [c, tally(c, facts, { from, to }, ctx)]));
}

/** Every indicator's value for a subtree and period, before targets: rollup or live for supervision. */
export async function figuresFor(
  exec: Executor,
  deps: FigureDeps,
  opts: { unitId: string; path: string; from: string; to: string; today: string; useRollup: boolean },
): Promise<{ sums: Map<IndicatorCode, Sums>; detail: Map<IndicatorCode, Record<string, number>>; source: 'rollup' | 'live' }> {
  const sums = new Map<IndicatorCode, Sums>();
  const detail = new Map<IndicatorCode, Record<string, number>>();
  const kind = opts.useRollup ? rollupPeriodOf(opts.from, opts.to, opts.today) : null;
  if (kind) {
    for (const r of await q.rollupSums(exec, opts.path, kind, opts.from)) sums.set(r.indicator as IndicatorCode, { numerator: r.numerator, denominator: r.denominator });
  } else {
    for (const [c, t] of await liveSupervision(exec, deps, opts.path, opts.from, opts.to, opts.today)) sums.set(c, { numerator: t.numerator, denominator: t.denominator });
  }
  await staffing(exec, deps, opts.path, sums, detail);
  const end = compareDates(opts.to, opts.today) > 0 ? opts.today : opts.to;
  const a = await deps.assistance.indicatorSetsFor(exec, opts.path, opts.from, end);
  for (const c of ['K8', 'K9', 'K10'] as const) sums.set(c, { numerator: a[c].numerator.length, denominator: a[c].denominator.length });
  const p = await deps.prevention.totalsFor(exec, opts.path, opts.from, opts.to);
  sums.set('K13', { numerator: p.publicity.activities, denominator: 0 });
  detail.set('K13', { reach: p.publicity.reach, reachTarget: proRata(5000, opts.from, opts.to) });
  sums.set('K16', { numerator: p.training.passed, denominator: p.training.examined });
  detail.set('K16', { trainings: p.training.trainings, trainingsTarget: proRata(4, opts.from, opts.to) });
  await surveysAlertsAndCases(exec, deps, opts, sums, detail);
  return { sums, detail, source: kind ? 'rollup' : 'live' };
}

/** K12 (RULES §6): the workers responsible for persons under a running community measure (the real assignments, prevention's K12); the persons are the period's, from the supervision sums. */
async function staffing(exec: Executor, deps: FigureDeps, path: string, sums: Map<IndicatorCode, Sums>, detail: Map<IndicatorCode, Record<string, number>>) {
  const s = await deps.prevention.indicator.k12(exec, path);
  const persons = sums.get('K12')?.denominator ?? 0;
  sums.set('K12', { numerator: s.workers, denominator: persons });
  const d: Record<string, number> = { workersNeeded: s.workersNeeded, unassigned: s.unassigned, overCaseload: s.overCaseload };
  if (persons) d.perThirty = Math.round(((s.workers * 30) / persons) * 100) / 100;
  detail.set('K12', d);
}

/**
 * K14, K15 (surveys, prevention), K17 (alerts, warnings), K18 (approved police figures, governance-ops).
 * Each is set only when its source holds something for the unit and period: otherwise it stays
 * absent and shows its reason (no answered survey, no alert raised, no approved figure), never 0.
 */
async function surveysAlertsAndCases(
  exec: Executor,
  deps: FigureDeps,
  opts: { unitId: string; path: string; from: string; to: string; today: string },
  sums: Map<IndicatorCode, Sums>,
  detail: Map<IndicatorCode, Record<string, number>>,
) {
  const k14 = await deps.prevention.indicator.k14(exec, opts.path, opts.from, opts.to);
  if (k14.responses > 0) {
    sums.set('K14', { numerator: k14.recognition.numerator, denominator: k14.recognition.denominator });
    detail.set('K14', { responses: k14.responses });
  }
  const k15 = await deps.prevention.indicator.k15(exec, opts.path, opts.from, opts.to);
  if (k15.responses > 0) {
    sums.set('K15', { numerator: k15.satisfaction.numerator, denominator: k15.satisfaction.denominator });
    detail.set('K15', { responses: k15.responses });
  }
  const k17 = await deps.warnings.k17(exec, opts.path, opts.from, opts.to);
  if (k17.raised > 0) {
    sums.set('K17', { numerator: k17.numerator, denominator: k17.denominator });
    detail.set('K17', { raised: k17.raised });
  }
  // K18 is a yearly figure of the unit itself (police enter it per unit): the year of the period's start.
  const k18 = await deps.govOps.k18(exec, opts.unitId, Number(opts.from.slice(0, 4)));
  if (k18.cases !== null) {
    sums.set('K18', { numerator: k18.cases, denominator: k18.baseCases ?? 0 });
    const d: Record<string, number> = { year: k18.year };
    if (k18.baseYear !== null) d.baseYear = k18.baseYear;
    if (k18.change !== null) d.changePercent = Math.round(k18.change * 1000) / 10;
    detail.set('K18', d);
  }
}

/** One indicator's value as the API shows it: no data is null with its reason, never 0. */
export function valueOf(code: IndicatorCode, s: Sums | undefined, target: number | null, detail?: Record<string, number>): IndicatorValue {
  const def = definitionOf(code);
  if (def.noData) return { code, value: null, numerator: null, denominator: null, noData: def.noData, target, rag: 'none' };
  // K14, K15, K17, K18: nothing from their source for this unit and period is "no data yet", never 0.
  if (def.emptyReason && !s) return { code, value: null, numerator: null, denominator: null, noData: def.emptyReason, target, rag: 'none' };
  if (code === 'K18') {
    // K18: the year's approved cases, beside the base year's (denominator null without a base year).
    const value = s!.numerator;
    const base = detail?.baseYear !== undefined ? s!.denominator : null;
    return { code, value, numerator: value, denominator: base, noData: null, target, rag: ragOf(code, value, target), ...(detail ? { detail } : {}) };
  }
  if (def.unit === 'count') {
    const value = s?.numerator ?? 0;
    return { code, value, numerator: value, denominator: null, noData: null, target, rag: ragOf(code, value, target), ...(detail ? { detail } : {}) };
  }
  const value = s ? rateOf(s.numerator, s.denominator) : null;
  return {
    code,
    value,
    numerator: s?.numerator ?? 0,
    denominator: s?.denominator ?? 0,
    noData: value === null ? 'nothing_due' : null,
    target,
    rag: ragOf(code, value, target),
    ...(detail ? { detail } : {}),
  };
}

/** A count target set per year, for the period asked (K13: 12 a year → 1 a month). */
export function targetForPeriod(code: IndicatorCode, perYearOrRate: number | null, from: string, to: string): number | null {
  if (perYearOrRate === null) return null;
  if (code === 'K18') return perYearOrRate; // K18's value is the whole year's figure, so is its target
  return definitionOf(code).unit === 'count' ? proRata(perYearOrRate, from, to) : perYearOrRate;
}

export const allCodes = indicatorCodes;
