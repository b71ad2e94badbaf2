// Pure rules of governance operations (issue 15 items 6–9): the K18 comparison with the base
// year, risk scores and levels (seed §6), overdue action items, the budget's default split,
// execution rate and over-budget decision, the station's 七有 completion.
import type { BudgetCategory, PoliceFigureStatus, RiskLevel, StationItem } from '../contracts/governance-ops';
import { budgetCategories, stationItems } from '../contracts/governance-ops';
import { compareDates, daysBetween } from './dates';

// ——— K18: drug cases against the base year

/** Who may move a police figure where: police submit their drafts (or a returned one again), the district office decides. */
export const policeFigureTransitions: Record<PoliceFigureStatus, { submit: boolean; decide: boolean; edit: boolean }> = {
  draft: { submit: true, decide: false, edit: true },
  returned: { submit: true, decide: false, edit: true },
  submitted: { submit: false, decide: true, edit: false },
  approved: { submit: false, decide: false, edit: false },
};

/**
 * K18: the cases of a year from approved figures only. The whole-year figure (month 0) wins
 * over the months when both exist; with neither the year has no data (null, never zero).
 */
export function yearCases(figures: { month: number; cases: number; status: PoliceFigureStatus }[]): number | null {
  const approved = figures.filter((f) => f.status === 'approved');
  const whole = approved.find((f) => f.month === 0);
  if (whole) return whole.cases;
  const months = approved.filter((f) => f.month > 0);
  return months.length ? months.reduce((n, f) => n + f.cases, 0) : null;
}

/** K18: the change against the base year, (cases − base) / base; undefined without both or with a zero base. */
export function caseChange(cases: number | null, baseCases: number | null): number | null {
  if (cases === null || baseCases === null || baseCases === 0) return null;
  return (cases - baseCases) / baseCases;
}

// ——— risk register (seed §6.2: likelihood × impact)

/** Seed §6.2: the matrix score is likelihood × impact, each 1–5. */
export function riskScore(likelihood: number, impact: number): number {
  return likelihood * impact;
}

/** The band of a score on the 5×5 matrix: 1–4 low, 5–9 medium, 10–16 high, 20–25 critical. */
export function riskLevel(score: number): RiskLevel {
  if (score >= 20) return 'critical';
  if (score >= 10) return 'high';
  if (score >= 5) return 'medium';
  return 'low';
}

/** Seed §6.4: a risk is reviewed on its review date; from that day on the review is due. */
export function reviewDue(reviewOn: string, today: string, active: boolean): boolean {
  return active && compareDates(reviewOn, today) <= 0;
}

// ——— joint meetings' action items

export function actionOverdue(item: { dueOn: string; status: string }, today: string): { overdue: boolean; daysOverdue: number } {
  const open = item.status === 'open' || item.status === 'in_progress';
  const late = open && compareDates(item.dueOn, today) < 0;
  return { overdue: late, daysOverdue: late ? daysBetween(item.dueOn, today) : 0 };
}

// ——— budget (seed §7.3)

/** Seed §7.3: publicity 40 %, supervision 30 %, assistance 20 %, other 10 %. */
export const defaultBudgetSplit: Record<BudgetCategory, number> = { publicity: 0.4, supervision: 0.3, assistance: 0.2, other: 0.1 };

/** The default split of a total in fen; the rounding remainder goes to "other" so the lines add up exactly. */
export function splitBudget(totalFen: number): { category: BudgetCategory; amountFen: number }[] {
  const lines = budgetCategories.map((category) => ({ category, amountFen: Math.floor(totalFen * defaultBudgetSplit[category]) }));
  const rest = totalFen - lines.reduce((n, l) => n + l.amountFen, 0);
  lines[lines.length - 1]!.amountFen += rest;
  return lines;
}

export function executionRate(spentFen: number, plannedFen: number): number | null {
  return plannedFen > 0 ? spentFen / plannedFen : null;
}

export type OverBudgetPolicy = 'warn' | 'refuse';

/**
 * An expense that takes its category over the planned amount: allowed with a warning or
 * refused, as the policy says (governance.overBudget, default warn).
 */
export function overBudgetDecision(plannedFen: number, spentFen: number, amountFen: number, policy: OverBudgetPolicy): 'ok' | 'warn' | 'refuse' {
  if (spentFen + amountFen <= plannedFen) return 'ok';
  return policy;
}

// ——— the station's 七有

/** 七有: complete when all seven items are met, not started when none is. */
export function stationCompletion(done: Partial<Record<StationItem, boolean>>): { done: number; completion: 'not_started' | 'partial' | 'complete' } {
  const n = stationItems.filter((i) => done[i]).length;
  return { done: n, completion: n === 0 ? 'not_started' : n === stationItems.length ? 'complete' : 'partial' };
}
