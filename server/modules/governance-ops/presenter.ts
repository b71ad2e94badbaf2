// The one place that shapes governance-ops records for the API.
import { actionOverdue, executionRate, reviewDue, riskLevel, riskScore, stationCompletion } from '../../../core/rules/governance-ops';
import {
  budgetCategories,
  stationItems,
  type ActionItemStatus,
  type ActionItemView,
  type BudgetCategory,
  type BudgetView,
  type Department,
  type MeetingView,
  type PoliceFigureStatus,
  type PoliceFigureView,
  type RiskCategory,
  type RiskView,
  type StationItem,
  type StationView,
} from '../../../core/contracts/governance-ops';
import type * as q from './queries';

export function figureView(r: q.FigureWithUnit): PoliceFigureView {
  const f = r.f;
  return {
    id: f.id,
    orgUnitId: f.orgUnitId,
    orgUnitName: r.orgUnitName,
    year: f.year,
    month: f.month,
    cases: f.cases,
    note: f.note,
    status: f.status as PoliceFigureStatus,
    returnReason: f.returnReason,
    enteredByName: r.enteredByName,
    decidedByName: r.decidedByName,
    decidedAt: f.decidedAt?.toISOString() ?? null,
    updatedAt: f.updatedAt.toISOString(),
  };
}

export function actionItemView(r: q.ItemWithMeeting, today: string): ActionItemView {
  return {
    id: r.i.id,
    meetingId: r.i.meetingId,
    meetingTitle: r.meetingTitle,
    orgUnitId: r.orgUnitId,
    title: r.i.title,
    ownerUserId: r.i.ownerUserId,
    ownerName: r.ownerName,
    dueOn: r.i.dueOn,
    status: r.i.status as ActionItemStatus,
    note: r.i.note,
    ...actionOverdue(r.i, today),
  };
}

export function meetingView(r: q.MeetingWithUnit, items: q.ItemWithMeeting[], today: string): MeetingView {
  const m = r.m;
  return {
    id: m.id,
    orgUnitId: m.orgUnitId,
    orgUnitName: r.orgUnitName,
    heldOn: m.heldOn,
    title: m.title,
    departments: m.departments as Department[],
    topics: m.topics,
    decisions: m.decisions,
    actionItems: items.filter((i) => i.i.meetingId === m.id).map((i) => actionItemView(i, today)),
    recordedByName: r.recordedByName,
    createdAt: m.createdAt.toISOString(),
  };
}

export function riskView(r: q.RiskWithUnit, today: string): RiskView {
  const k = r.r;
  const score = riskScore(k.likelihood, k.impact);
  return {
    id: k.id,
    orgUnitId: k.orgUnitId,
    orgUnitName: r.orgUnitName,
    title: k.title,
    category: k.category as RiskCategory,
    likelihood: k.likelihood,
    impact: k.impact,
    score,
    level: riskLevel(score),
    responses: k.responses,
    ownerUserId: k.ownerUserId,
    ownerName: r.ownerName,
    reviewOn: k.reviewOn,
    reviewDue: reviewDue(k.reviewOn, today, k.active),
    lastReviewedOn: k.lastReviewedOn,
    active: k.active,
  };
}

export function budgetView(
  plan: { p: q.PlanRow; orgUnitName: string },
  lines: { category: string; amountFen: number }[],
  spent: Map<string, number>,
  expenses: { e: q.ExpenseRow; recordedByName: string | null }[],
): BudgetView {
  const planned = new Map(lines.map((l) => [l.category, l.amountFen]));
  const spentFen = [...spent.values()].reduce((n, v) => n + v, 0);
  return {
    id: plan.p.id,
    orgUnitId: plan.p.orgUnitId,
    orgUnitName: plan.orgUnitName,
    year: plan.p.year,
    totalFen: plan.p.totalFen,
    spentFen,
    executionRate: executionRate(spentFen, plan.p.totalFen),
    lines: budgetCategories.map((category) => {
      const p = planned.get(category) ?? 0;
      const s = spent.get(category) ?? 0;
      return { category, plannedFen: p, spentFen: s, remainingFen: p - s, executionRate: executionRate(s, p) };
    }),
    expenses: expenses.map((x) => ({
      id: x.e.id,
      category: x.e.category as BudgetCategory,
      spentOn: x.e.spentOn,
      amountFen: x.e.amountFen,
      description: x.e.description,
      receiptDocumentId: x.e.receiptDocumentId,
      overBudget: x.e.overBudget,
      recordedByName: x.recordedByName,
    })),
  };
}

export function stationView(unit: { id: string; name: string }, rows: q.ChecklistRow[]): StationView {
  const mine = new Map(rows.filter((r) => r.orgUnitId === unit.id).map((r) => [r.item, r]));
  const items = stationItems.map((item) => {
    const r = mine.get(item);
    return { item, done: r?.done ?? false, note: r?.note ?? '', evidenceDocumentId: r?.evidenceDocumentId ?? null, updatedAt: r?.updatedAt.toISOString() ?? null };
  });
  const done = Object.fromEntries(items.map((i) => [i.item, i.done])) as Record<StationItem, boolean>;
  return { orgUnitId: unit.id, orgUnitName: unit.name, items, ...stationCompletion(done) };
}
