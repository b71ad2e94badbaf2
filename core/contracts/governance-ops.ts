import { z } from 'zod';
import { int32, nameText } from './common';

// Governance operations (issue 15 items 5–9): police figures (K18), joint meetings (联席会议),
// the risk register (seed §6), the budget and the station's 七有, and the weekly dispatch (周调度).

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);

// ——— police figures (K18)

export const policeFigureStatuses = ['draft', 'submitted', 'approved', 'returned'] as const;
export type PoliceFigureStatus = (typeof policeFigureStatuses)[number];

export const policeFigureInput = z.strictObject({
  orgUnitId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  /** 1–12 for a month, 0 for the whole year (a base year is often known only as a year's total). */
  month: z.number().int().min(0).max(12),
  cases: int32().min(0),
  note: text(500).default(''),
});
export type PoliceFigureInput = z.infer<typeof policeFigureInput>;
export const policeFigureEdit = policeFigureInput.pick({ cases: true, note: true });
export const policeFigureReturn = z.strictObject({ reason: nameText(500) });

export const policeFigureView = z.object({
  id: z.uuid(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  year: z.number(),
  month: z.number(),
  cases: z.number(),
  note: z.string(),
  status: z.enum(policeFigureStatuses),
  returnReason: z.string().nullable(),
  enteredByName: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type PoliceFigureView = z.infer<typeof policeFigureView>;
export const policeFigureQuery = z.object({
  orgUnitId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(policeFigureStatuses).optional(),
});
export const policeFigureList = z.object({ items: z.array(policeFigureView) });

export const baseYearInput = z.strictObject({ baseYear: z.number().int().min(2000).max(2100) });
export const k18View = z.object({
  orgUnitId: z.uuid(),
  year: z.number(),
  baseYear: z.number().nullable(),
  /** Approved figures only; null when none is approved yet ("no data yet", never zero). */
  cases: z.number().nullable(),
  baseCases: z.number().nullable(),
  /** (cases − base) / base; the seed's target is −50 %. */
  change: z.number().nullable(),
});
export type K18View = z.infer<typeof k18View>;

// ——— joint meetings (联席会议)

export const departments = ['police', 'justice', 'civil_affairs', 'health', 'human_resources', 'education', 'street', 'drug_control_office', 'other'] as const;
export type Department = (typeof departments)[number];
export const actionItemStatuses = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionItemStatus = (typeof actionItemStatuses)[number];

export const actionItemInput = z.strictObject({
  title: nameText(300),
  ownerUserId: z.uuid(),
  dueOn: isoDate,
});
export const meetingInput = z.strictObject({
  orgUnitId: z.uuid(),
  heldOn: isoDate,
  title: nameText(200),
  departments: z.array(z.enum(departments)).min(1).max(departments.length),
  topics: z.array(nameText(300)).min(1).max(30),
  decisions: z.array(nameText(500)).max(30).default([]),
  actionItems: z.array(actionItemInput).max(50).default([]),
});
export type MeetingInput = z.infer<typeof meetingInput>;
export const actionItemUpdate = z.strictObject({ status: z.enum(actionItemStatuses), note: text(500).optional() });

export const actionItemView = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  meetingTitle: z.string(),
  orgUnitId: z.uuid(),
  title: z.string(),
  ownerUserId: z.uuid(),
  ownerName: z.string().nullable(),
  dueOn: z.string(),
  status: z.enum(actionItemStatuses),
  note: z.string(),
  overdue: z.boolean(),
  daysOverdue: z.number(),
});
export type ActionItemView = z.infer<typeof actionItemView>;
export const meetingView = z.object({
  id: z.uuid(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  heldOn: z.string(),
  title: z.string(),
  departments: z.array(z.enum(departments)),
  topics: z.array(z.string()),
  decisions: z.array(z.string()),
  actionItems: z.array(actionItemView),
  recordedByName: z.string().nullable(),
  createdAt: z.string(),
});
export type MeetingView = z.infer<typeof meetingView>;
export const meetingQuery = z.object({ orgUnitId: z.uuid().optional(), from: isoDate.optional(), to: isoDate.optional() });
export const meetingList = z.object({ items: z.array(meetingView) });
export const actionItemList = z.object({ items: z.array(actionItemView) });

// ——— risk register (seed §6)

export const riskCategories = ['awareness', 'resources', 'rules', 'staff', 'technology', 'coordination', 'other'] as const;
export type RiskCategory = (typeof riskCategories)[number];
export const riskLevels = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof riskLevels)[number];
const score = z.number().int().min(1).max(5);

export const riskInput = z.strictObject({
  orgUnitId: z.uuid(),
  title: nameText(200),
  category: z.enum(riskCategories),
  likelihood: score,
  impact: score,
  responses: z.array(nameText(500)).max(20).default([]),
  ownerUserId: z.uuid(),
  reviewOn: isoDate,
});
export type RiskInput = z.infer<typeof riskInput>;
export const riskUpdate = riskInput.omit({ orgUnitId: true }).partial().strict();
export const riskReviewInput = z.strictObject({ likelihood: score, impact: score, nextReviewOn: isoDate, note: text(500).default('') });

export const riskView = z.object({
  id: z.uuid(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  title: z.string(),
  category: z.enum(riskCategories),
  likelihood: z.number(),
  impact: z.number(),
  score: z.number(),
  level: z.enum(riskLevels),
  responses: z.array(z.string()),
  ownerUserId: z.uuid(),
  ownerName: z.string().nullable(),
  reviewOn: z.string(),
  reviewDue: z.boolean(),
  lastReviewedOn: z.string().nullable(),
  active: z.boolean(),
});
export type RiskView = z.infer<typeof riskView>;
export const riskList = z.object({ items: z.array(riskView) });
export const riskMatrix = z.object({
  orgUnitId: z.uuid(),
  /** cells[likelihood-1][impact-1]: the ids of the active risks in that cell. */
  cells: z.array(z.array(z.array(z.uuid()))),
  risks: z.array(riskView),
});

// ——— budget and 七有

export const budgetCategories = ['publicity', 'supervision', 'assistance', 'other'] as const;
export type BudgetCategory = (typeof budgetCategories)[number];
// Amounts in fen, within 32 bits (P1, issue 9.11: no integer input beyond it): up to 21,474,836.47
// yuan per line, above any street's or district's yearly drug-control budget.
const money = z.number().int().min(0).max(2_147_483_647);

export const budgetPlanInput = z.strictObject({
  orgUnitId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  /** In fen (分), so that sums are exact. */
  totalFen: money.min(1),
  /** Omitted: the seed's default split (40/30/20/10). */
  lines: z
    .array(z.strictObject({ category: z.enum(budgetCategories), amountFen: money }))
    .length(budgetCategories.length)
    .optional(),
});
export type BudgetPlanInput = z.infer<typeof budgetPlanInput>;
export const expenseInput = z.strictObject({
  category: z.enum(budgetCategories),
  spentOn: isoDate,
  amountFen: money.min(1),
  description: nameText(300),
  receiptDocumentId: z.uuid().optional(),
});
export type ExpenseInput = z.infer<typeof expenseInput>;

export const budgetLineView = z.object({
  category: z.enum(budgetCategories),
  plannedFen: z.number(),
  spentFen: z.number(),
  remainingFen: z.number(),
  /** spent / planned; null when nothing is planned. */
  executionRate: z.number().nullable(),
});
export const expenseView = z.object({
  id: z.uuid(),
  category: z.enum(budgetCategories),
  spentOn: z.string(),
  amountFen: z.number(),
  description: z.string(),
  receiptDocumentId: z.uuid().nullable(),
  overBudget: z.boolean(),
  recordedByName: z.string().nullable(),
});
export const budgetView = z.object({
  id: z.uuid(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  year: z.number(),
  totalFen: z.number(),
  spentFen: z.number(),
  executionRate: z.number().nullable(),
  lines: z.array(budgetLineView),
  expenses: z.array(expenseView),
});
export type BudgetView = z.infer<typeof budgetView>;
export const expenseResult = z.object({
  expense: expenseView,
  budget: budgetView,
  warnings: z.array(z.object({ code: z.string(), message: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }) })),
});
export const budgetQuery = z.object({ orgUnitId: z.uuid(), year: z.coerce.number().int().min(2000).max(2100) });

export const stationItems = ['office', 'funds', 'social_workers', 'publicity_window', 'rules', 'responsibility', 'results'] as const;
export type StationItem = (typeof stationItems)[number];
export const stationItemInput = z.strictObject({ done: z.boolean(), note: text(500).default(''), evidenceDocumentId: z.uuid().nullable().optional() });
export const stationCompletions = ['not_started', 'partial', 'complete'] as const;
export const stationView = z.object({
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  items: z.array(
    z.object({
      item: z.enum(stationItems),
      done: z.boolean(),
      note: z.string(),
      evidenceDocumentId: z.uuid().nullable(),
      updatedAt: z.string().nullable(),
    }),
  ),
  done: z.number(),
  completion: z.enum(stationCompletions),
});
export type StationView = z.infer<typeof stationView>;
export const stationList = z.object({ items: z.array(stationView) });

export const unitDocumentView = z.object({
  id: z.uuid(),
  orgUnitId: z.uuid(),
  purpose: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  sha256: z.string(),
  createdAt: z.string(),
});
export const unitDocumentPurposes = ['receipt', 'station_evidence'] as const;

// ——— weekly dispatch (周调度)

export const dispatchQuery = z.object({ orgUnitId: z.uuid().optional(), weekOf: isoDate.optional() });
const taskCounts = z.object({ due: z.number(), done: z.number(), overdue: z.number(), open: z.number() });
export const dispatchView = z.object({
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  from: z.string(),
  to: z.string(),
  tasks: z.object({
    total: taskCounts,
    byUnit: z.array(taskCounts.extend({ orgUnitId: z.uuid(), orgUnitName: z.string() })),
    byWorker: z.array(taskCounts.extend({ workerId: z.uuid().nullable(), workerName: z.string().nullable() })),
  }),
  /** Least detail: the reason and the unit, not the person (the dispatch is read by the whole office). */
  openNotices: z.array(z.object({ id: z.uuid(), reason: z.string(), orgUnitName: z.string(), createdAt: z.string(), deadline: z.string(), overdue: z.boolean() })),
  /** Early-warning alerts: null until that capability exists (never an empty list pretending to be data). */
  alerts: z.null(),
  overdueActionItems: z.array(actionItemView),
  riskReviewsDue: z.array(riskView),
});
export type DispatchView = z.infer<typeof dispatchView>;
