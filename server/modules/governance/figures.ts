// The figures of every indicator for one subtree and period: from the rollups when the period is
// a standard one they keep, otherwise computed now from the facts (the "naive" path the bench
// measures beside the rollups); the assistance and prevention figures and the social workers
// come from their modules' read-only functions. Decisions stay in core/rules.
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
import type { UserService } from '../users/service';
import type { PolicyResolver } from '../policy/service';
import * as q from './queries';

export interface FigureDeps {
  assistance: Pick<AssistanceService, 'indicatorSetsFor'>;
  prevention: Pick<PreventionService, 'totalsFor'>;
  users: Pick<UserService, 'roleHoldersUnder'>;
  resolver: (exec: Executor) => Promise<PolicyResolver>;
}

export interface Sums {
  numerator: number;
  denominator: number;
}

/** Full-time social workers (K12): holders of the built-in social-worker role (RULES §6 K12). */
export const SOCIAL_WORKER_ROLE = 'social_worker';

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

export async function socialWorkers(exec: Executor, deps: FigureDeps, path: string): Promise<string[]> {
  return [...new Set((await deps.users.roleHoldersUnder(exec, SOCIAL_WORKER_ROLE, path)).map((r) => r.userId))];
}

/** Every indicator's value for a subtree and period, before targets: rollup or live for supervision. */
export async function figuresFor(
  exec: Executor,
  deps: FigureDeps,
  opts: { path: string; from: string; to: string; today: string; useRollup: boolean },
): Promise<{ sums: Map<IndicatorCode, Sums>; detail: Map<IndicatorCode, Record<string, number>>; source: 'rollup' | 'live' }> {
  const sums = new Map<IndicatorCode, Sums>();
  const detail = new Map<IndicatorCode, Record<string, number>>();
  const kind = opts.useRollup ? rollupPeriodOf(opts.from, opts.to, opts.today) : null;
  if (kind) {
    for (const r of await q.rollupSums(exec, opts.path, kind, opts.from)) sums.set(r.indicator as IndicatorCode, { numerator: r.numerator, denominator: r.denominator });
  } else {
    for (const [c, t] of await liveSupervision(exec, deps, opts.path, opts.from, opts.to, opts.today)) sums.set(c, { numerator: t.numerator, denominator: t.denominator });
  }
  // K12: the workers are counted now (grants), the persons come with the other supervision sums.
  const workers = (await socialWorkers(exec, deps, opts.path)).length;
  const k12 = sums.get('K12');
  sums.set('K12', { numerator: workers, denominator: k12?.denominator ?? 0 });
  if (k12?.denominator) detail.set('K12', { perThirty: Math.round(((workers * 30) / k12.denominator) * 100) / 100 });
  const end = compareDates(opts.to, opts.today) > 0 ? opts.today : opts.to;
  const a = await deps.assistance.indicatorSetsFor(exec, opts.path, opts.from, end);
  for (const c of ['K8', 'K9', 'K10'] as const) sums.set(c, { numerator: a[c].numerator.length, denominator: a[c].denominator.length });
  const p = await deps.prevention.totalsFor(exec, opts.path, opts.from, opts.to);
  sums.set('K13', { numerator: p.publicity.activities, denominator: 0 });
  detail.set('K13', { reach: p.publicity.reach, reachTarget: proRata(5000, opts.from, opts.to) });
  sums.set('K16', { numerator: p.training.passed, denominator: p.training.examined });
  detail.set('K16', { trainings: p.training.trainings, trainingsTarget: proRata(4, opts.from, opts.to) });
  return { sums, detail, source: kind ? 'rollup' : 'live' };
}

/** One indicator's value as the API shows it: no data is null with its reason, never 0. */
export function valueOf(code: IndicatorCode, s: Sums | undefined, target: number | null, detail?: Record<string, number>): IndicatorValue {
  const def = definitionOf(code);
  if (def.noData) return { code, value: null, numerator: null, denominator: null, noData: def.noData, target, rag: 'none' };
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
  return definitionOf(code).unit === 'count' ? proRata(perYearOrRate, from, to) : perYearOrRate;
}

export const allCodes = indicatorCodes;
