import './audit-actions';
import type { Db, Executor } from '../../db/client';
import type { Clock } from '../../clock';
import { conflict, fieldError, notFound } from '../../errors';
import { messageFor, registerMessages } from '../../messages';
import { inScope, scopePaths, type Principal, type RequestContext } from '../../http/context';
import type { Permission } from '../../../core/contracts/permissions';
import { addDays, compareDates } from '../../../core/rules/dates';
import { caseChange, overBudgetDecision, policeFigureTransitions, splitBudget, yearCases, type OverBudgetPolicy } from '../../../core/rules/governance-ops';
import {
  stationItems,
  type BudgetPlanInput,
  type DispatchView,
  type ExpenseInput,
  type K18View,
  type MeetingInput,
  type PoliceFigureInput,
  type PoliceFigureStatus,
  type RiskInput,
  type StationItem,
} from '../../../core/contracts/governance-ops';
import type { AuditService } from '../audit/service';
import type { OrgService } from '../org/service';
import type { DayItem } from '../supervision/day';
import { actionItemView, budgetView, figureView, meetingView, riskView, stationView } from './presenter';
import * as q from './queries';

registerMessages({
  'govops.unit_inactive': ['该单位已停用', 'The unit is deactivated'],
  'govops.date_future': ['日期不能晚于今天', 'The date cannot be in the future'],
  'govops.period_invalid': ['开始日期不能晚于结束日期', 'The start of the period cannot be after its end'],
  'govops.owner_unknown': ['责任人不存在或不在您的管辖范围内', 'No such owner within your scope'],
  'govops.document_unknown': ['附件不存在或不属于该单位', 'No such document of this unit'],
  'police_figure.not_found': ['涉毒案件数据不存在', 'No such police figure'],
  'police_figure.exists': ['该单位该期间已有数据，请修改原数据', 'This unit already has a figure for this period: edit it'],
  'police_figure.future': ['不能填报未来期间的数据', 'A figure cannot be entered for a future period'],
  'police_figure.not_editable': ['已提交或已审核的数据不能修改', 'A submitted or approved figure cannot be changed'],
  'police_figure.not_submittable': ['只有草稿或被退回的数据可以提交', 'Only a draft or a returned figure can be submitted'],
  'police_figure.not_submitted': ['只有已提交的数据可以审核或退回', 'Only a submitted figure can be approved or returned'],
  'meeting.not_found': ['联席会议不存在', 'No such joint meeting'],
  'meeting.action_not_found': ['会议事项不存在', 'No such action item'],
  'risk.not_found': ['风险不存在', 'No such risk'],
  'budget.not_found': ['该单位该年度尚无经费预算', 'No budget for this unit and year'],
  'budget.lines_sum': ['各类经费之和须等于预算总额', 'The lines must add up to the total'],
  'budget.line_twice': ['每类经费只能填写一次', 'Enter each category once'],
  'budget.year_mismatch': ['支出日期须在预算年度内', 'The expense must fall in the budget year'],
  'budget.over_remaining': ['该类经费剩余 {remaining} 元，本笔支出 {amount} 元超出预算', 'This category has {remaining} yuan left; the expense of {amount} yuan exceeds it'],
  'station.not_station': ['七有清单只适用于街道工作站', 'The 七有 checklist applies to street stations'],
});

type Ctx = RequestContext & { actor: Principal };
const yuan = (fen: number) => (fen / 100).toFixed(2);

/** What the module asks of others (wired in app.ts): each through its owner's service. */
export interface GovOpsDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  org: OrgService;
  userOrgPath: (exec: Executor, userId: string) => Promise<string | undefined>;
  overBudgetPolicy: (exec: Executor, orgPath: string) => Promise<OverBudgetPolicy>;
  unitDocumentOf: (exec: Executor, id: string) => Promise<{ id: string; orgUnitId: string; purpose: string } | undefined>;
  taskCounts: (
    ctx: Ctx,
    q: { orgUnitId: string; from: string; to: string },
  ) => Promise<{
    total: { due: number; done: number; overdue: number; open: number };
    byWorker: { workerId: string | null; workerName: string | null; due: number; done: number; overdue: number; open: number }[];
    byCommunity: { orgUnitId: string; orgUnitName: string; due: number; done: number; overdue: number; open: number }[];
  }>;
  openNotices: (ctx: Ctx, orgUnitId: string) => Promise<{ id: string; reason: string; orgUnitName: string; createdAt: string; deadline: string; overdue: boolean }[]>;
}

export function createGovOpsService(deps: GovOpsDeps) {
  const { db, audit } = deps;
  const today = () => deps.clock.today();

  deps.org.registerUsage({ 'zh-CN': '公安数据、联席会议、风险、经费与七有', 'en-US': 'police figures, joint meetings, risks, budgets and 七有' }, (exec, unitId) =>
    q.recordsOfUnit(exec, unitId),
  );

  /** A unit the actor holds `perm` on; outside the scope it does not exist (404). */
  async function unitFor(exec: Executor, actor: Principal, perm: Permission, id: string) {
    const unit = await q.unitById(exec, id);
    if (!unit || !inScope(actor, perm, unit.path)) throw notFound('org');
    return unit;
  }
  async function writableUnit(exec: Executor, actor: Principal, perm: Permission, id: string) {
    const unit = await unitFor(exec, actor, perm, id);
    if (!unit.active) throw fieldError('orgUnitId', 'govops.unit_inactive');
    return unit;
  }
  async function prefixesFor(exec: Executor, actor: Principal, perm: Permission, orgUnitId?: string) {
    if (orgUnitId) return [(await unitFor(exec, actor, perm, orgUnitId)).path];
    return scopePaths(actor, perm);
  }
  /** An owner is an account within the actor's read scope (else a 400 naming the field). */
  async function checkOwner(exec: Executor, actor: Principal, path: string, userId: string) {
    const orgPath = await deps.userOrgPath(exec, userId);
    if (!orgPath || !inScope(actor, 'govops.read', orgPath)) throw fieldError(path, 'govops.owner_unknown');
  }
  async function checkDocument(exec: Executor, path: string, id: string | null | undefined, orgUnitId: string) {
    if (!id) return;
    const d = await deps.unitDocumentOf(exec, id);
    if (!d || d.orgUnitId !== orgUnitId) throw fieldError(path, 'govops.document_unknown');
  }
  const notAfterToday = (path: string, date: string) => {
    if (compareDates(date, today()) > 0) throw fieldError(path, 'govops.date_future');
  };

  // ——— police figures (K18)

  async function loadFigure(exec: Executor, actor: Principal, id: string, perm: Permission) {
    const r = await q.figureById(exec, id);
    if (!r || !inScope(actor, perm, r.orgPath)) throw notFound('police_figure');
    return r;
  }
  async function figureAudit(tx: Executor, ctx: Ctx, action: string, r: q.FigureWithUnit, status: PoliceFigureStatus) {
    await audit.record(tx, ctx, {
      action,
      entityType: 'police_figure',
      entityId: r.f.id,
      orgPath: r.orgPath,
      details: { year: r.f.year, month: r.f.month, status },
    });
  }
  const figures = {
    createFigure: (ctx: Ctx, input: PoliceFigureInput) => {
      const [y, m] = today().split('-').map(Number) as [number, number];
      if (input.year > y || (input.year === y && input.month > m)) throw fieldError('year', 'police_figure.future');
      return db.transaction(async (tx) => {
        const unit = await writableUnit(tx, ctx.actor, 'police_figure.write', input.orgUnitId);
        if (await q.figureAt(tx, unit.id, input.year, input.month)) throw conflict('police_figure.exists');
        const row = await q.insertFigure(tx, { ...input, status: 'draft', enteredBy: ctx.actor.userId });
        const r = (await q.figureById(tx, row.id))!;
        await figureAudit(tx, ctx, 'police_figure.create', r, 'draft');
        return figureView(r);
      });
    },
    editFigure: (ctx: Ctx, id: string, input: { cases: number; note: string }) =>
      db.transaction(async (tx) => {
        const r = await loadFigure(tx, ctx.actor, id, 'police_figure.write');
        if (!policeFigureTransitions[r.f.status as PoliceFigureStatus].edit) throw conflict('police_figure.not_editable');
        await q.updateFigure(tx, id, { cases: input.cases, note: input.note, enteredBy: ctx.actor.userId });
        await figureAudit(tx, ctx, 'police_figure.update', r, r.f.status as PoliceFigureStatus);
        return figureView((await q.figureById(tx, id))!);
      }),
    submitFigure: (ctx: Ctx, id: string) =>
      db.transaction(async (tx) => {
        const r = await loadFigure(tx, ctx.actor, id, 'police_figure.write');
        if (!policeFigureTransitions[r.f.status as PoliceFigureStatus].submit) throw conflict('police_figure.not_submittable');
        await q.updateFigure(tx, id, { status: 'submitted' });
        await figureAudit(tx, ctx, 'police_figure.submit', r, 'submitted');
        return figureView((await q.figureById(tx, id))!);
      }),
    /** The district office approves a submitted figure or returns it with its reason. */
    decideFigure: (ctx: Ctx, id: string, decision: { approve: true } | { approve: false; reason: string }) =>
      db.transaction(async (tx) => {
        const r = await loadFigure(tx, ctx.actor, id, 'govops.write');
        if (!policeFigureTransitions[r.f.status as PoliceFigureStatus].decide) throw conflict('police_figure.not_submitted');
        const status = decision.approve ? 'approved' : 'returned';
        await q.updateFigure(tx, id, { status, returnReason: decision.approve ? null : decision.reason, decidedBy: ctx.actor.userId, decidedAt: deps.clock.now() });
        await audit.record(tx, ctx, {
          action: decision.approve ? 'police_figure.approve' : 'police_figure.return',
          entityType: 'police_figure',
          entityId: id,
          orgPath: r.orgPath,
          details: { year: r.f.year, month: r.f.month, status },
          ...(decision.approve ? {} : { purpose: decision.reason }),
        });
        return figureView((await q.figureById(tx, id))!);
      }),
    async listFigures(ctx: Ctx, perm: 'govops.read' | 'police_figure.write', f: { orgUnitId?: string; year?: number; status?: string }) {
      const prefixes = await prefixesFor(db, ctx.actor, perm, f.orgUnitId);
      return { items: (await q.listFigures(db, { ...f, prefixes })).map(figureView) };
    },
    setBaseYear: (ctx: Ctx, orgUnitId: string, baseYear: number) =>
      db.transaction(async (tx) => {
        const unit = await writableUnit(tx, ctx.actor, 'govops.write', orgUnitId);
        await q.setBaseYear(tx, unit.id, baseYear, ctx.actor.userId);
        await audit.record(tx, ctx, { action: 'police_figure.base_year', entityType: 'org_unit', entityId: unit.id, orgPath: unit.path, details: { baseYear } });
        return k18Of(tx, unit.id, Number(today().slice(0, 4)));
      }),
    /** K18 of a unit for a year as the indicators will read it: approved figures only (no scope check: the caller's). */
    k18: (exec: Executor, orgUnitId: string, year: number) => k18Of(exec, orgUnitId, year),
    async k18For(ctx: Ctx, orgUnitId: string, year: number) {
      const unit = await unitFor(db, ctx.actor, 'govops.read', orgUnitId);
      return k18Of(db, unit.id, year);
    },
  };

  async function k18Of(exec: Executor, orgUnitId: string, year: number): Promise<K18View> {
    const baseYear = await q.baseYearOf(exec, orgUnitId);
    const rows = (await q.figuresOfUnit(exec, orgUnitId, baseYear === null ? [year] : [year, baseYear])) as {
      year: number;
      month: number;
      cases: number;
      status: PoliceFigureStatus;
    }[];
    const cases = yearCases(rows.filter((r) => r.year === year));
    const baseCases = baseYear === null ? null : yearCases(rows.filter((r) => r.year === baseYear));
    return { orgUnitId, year, baseYear, cases, baseCases, change: caseChange(cases, baseCases) };
  }

  // ——— joint meetings

  async function meetingsWithItems(exec: Executor, rows: q.MeetingWithUnit[]) {
    const items = await q.itemsOfMeetings(
      exec,
      rows.map((r) => r.m.id),
    );
    return rows.map((r) => meetingView(r, items, today()));
  }
  async function loadMeeting(exec: Executor, actor: Principal, id: string) {
    const r = await q.meetingById(exec, id);
    if (!r || !inScope(actor, 'govops.read', r.orgPath)) throw notFound('meeting');
    return r;
  }
  const meetings = {
    createMeeting: (ctx: Ctx, input: MeetingInput) => {
      notAfterToday('heldOn', input.heldOn);
      return db.transaction(async (tx) => {
        const unit = await writableUnit(tx, ctx.actor, 'govops.write', input.orgUnitId);
        for (const [i, a] of input.actionItems.entries()) await checkOwner(tx, ctx.actor, `actionItems.${i}.ownerUserId`, a.ownerUserId);
        const m = await q.insertMeeting(tx, {
          orgUnitId: unit.id,
          heldOn: input.heldOn,
          title: input.title,
          departments: input.departments,
          topics: input.topics,
          decisions: input.decisions,
          recordedBy: ctx.actor.userId,
        });
        await q.insertActionItems(
          tx,
          input.actionItems.map((a) => ({ meetingId: m.id, title: a.title, ownerUserId: a.ownerUserId, dueOn: a.dueOn })),
        );
        await audit.record(tx, ctx, {
          action: 'meeting.create',
          entityType: 'joint_meeting',
          entityId: m.id,
          orgPath: unit.path,
          details: { heldOn: input.heldOn, departments: input.departments, actionItems: input.actionItems.length },
        });
        return (await meetingsWithItems(tx, [(await q.meetingById(tx, m.id))!]))[0]!;
      });
    },
    getMeeting: async (ctx: Ctx, id: string) => (await meetingsWithItems(db, [await loadMeeting(db, ctx.actor, id)]))[0]!,
    async listMeetings(ctx: Ctx, f: { orgUnitId?: string; from?: string; to?: string }) {
      if (f.from && f.to && compareDates(f.from, f.to) > 0) throw fieldError('from', 'govops.period_invalid');
      const prefixes = await prefixesFor(db, ctx.actor, 'govops.read', f.orgUnitId);
      return { items: await meetingsWithItems(db, await q.listMeetings(db, { ...f, prefixes })) };
    },
    /** The office edits any item; the owner may move his own item along. */
    updateActionItem: (ctx: Ctx, id: string, input: { status: string; note?: string }) =>
      db.transaction(async (tx) => {
        const r = await q.itemById(tx, id);
        // The owner was named by the office: his own item is his to report on, whatever unit held the meeting.
        const mayEdit = r && (inScope(ctx.actor, 'govops.write', r.orgPath) || r.i.ownerUserId === ctx.actor.userId);
        if (!r || !mayEdit) throw notFound('meeting.action');
        await q.updateItem(tx, id, { status: input.status, note: input.note ?? r.i.note });
        await audit.record(tx, ctx, {
          action: 'meeting.action.update',
          entityType: 'joint_meeting',
          entityId: r.i.meetingId,
          orgPath: r.orgPath,
          details: { actionItemId: id, status: input.status },
        });
        return actionItemView((await q.itemById(tx, id))!, today());
      }),
    /** Open items past their due date within the actor's scope (or one unit's subtree), oldest first. */
    async overdueActionItems(ctx: Ctx, orgUnitId?: string) {
      const prefixes = await prefixesFor(db, ctx.actor, 'govops.read', orgUnitId);
      return { items: (await q.openItems(db, { prefixes, dueBefore: today() })).map((r) => actionItemView(r, today())) };
    },
  };

  // ——— risk register

  async function loadRisk(exec: Executor, actor: Principal, id: string, perm: Permission) {
    const r = await q.riskById(exec, id);
    if (!r || !inScope(actor, perm, r.orgPath)) throw notFound('risk');
    return r;
  }
  const riskFns = {
    createRisk: (ctx: Ctx, input: RiskInput) =>
      db.transaction(async (tx) => {
        const unit = await writableUnit(tx, ctx.actor, 'govops.write', input.orgUnitId);
        await checkOwner(tx, ctx.actor, 'ownerUserId', input.ownerUserId);
        const row = await q.insertRisk(tx, { ...input, orgUnitId: unit.id });
        await audit.record(tx, ctx, {
          action: 'risk.create',
          entityType: 'risk',
          entityId: row.id,
          orgPath: unit.path,
          details: { category: input.category, likelihood: input.likelihood, impact: input.impact },
        });
        return riskView((await q.riskById(tx, row.id))!, today());
      }),
    updateRisk: (ctx: Ctx, id: string, patch: Partial<Omit<RiskInput, 'orgUnitId'>>) =>
      db.transaction(async (tx) => {
        const r = await loadRisk(tx, ctx.actor, id, 'govops.write');
        if (patch.ownerUserId) await checkOwner(tx, ctx.actor, 'ownerUserId', patch.ownerUserId);
        await q.updateRisk(tx, id, patch);
        await audit.record(tx, ctx, { action: 'risk.update', entityType: 'risk', entityId: id, orgPath: r.orgPath, details: { changed: Object.keys(patch) } });
        return riskView((await q.riskById(tx, id))!, today());
      }),
    /** Seed §6.4: a review re-scores the risk and sets the next review; the owner or the office records it. */
    reviewRisk: (ctx: Ctx, id: string, input: { likelihood: number; impact: number; nextReviewOn: string }) =>
      db.transaction(async (tx) => {
        const r = await q.riskById(tx, id);
        const may = r && (inScope(ctx.actor, 'govops.write', r.orgPath) || r.r.ownerUserId === ctx.actor.userId);
        if (!r || !may) throw notFound('risk');
        if (compareDates(input.nextReviewOn, today()) <= 0) throw fieldError('nextReviewOn', 'govops.period_invalid');
        await q.updateRisk(tx, id, { likelihood: input.likelihood, impact: input.impact, reviewOn: input.nextReviewOn, lastReviewedOn: today() });
        await audit.record(tx, ctx, {
          action: 'risk.review',
          entityType: 'risk',
          entityId: id,
          orgPath: r.orgPath,
          details: { likelihood: input.likelihood, impact: input.impact, nextReviewOn: input.nextReviewOn },
        });
        return riskView((await q.riskById(tx, id))!, today());
      }),
    async listRisks(ctx: Ctx, orgUnitId?: string) {
      const prefixes = await prefixesFor(db, ctx.actor, 'govops.read', orgUnitId);
      return { items: (await q.listRisks(db, { prefixes })).map((r) => riskView(r, today())) };
    },
    /** The 5×5 matrix: cells[likelihood − 1][impact − 1] hold the risks' ids. */
    async riskMatrix(ctx: Ctx, orgUnitId?: string) {
      const unitId = orgUnitId ?? topUnit(ctx.actor, 'govops.read');
      const { items } = await riskFns.listRisks(ctx, unitId);
      const cells = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => [] as string[]));
      for (const r of items) cells[r.likelihood - 1]![r.impact - 1]!.push(r.id);
      return { orgUnitId: unitId, cells, risks: items };
    },
  };

  function topUnit(actor: Principal, perm: Permission) {
    const id = scopePaths(actor, perm)[0]?.split('/').filter(Boolean).pop();
    if (!id) throw notFound('org');
    return id;
  }

  // ——— budget

  async function budgetOf(exec: Executor, planId: string) {
    const plan = (await q.planById(exec, planId))!;
    return budgetView(plan, await q.linesOf(exec, planId), await q.spentByCategory(exec, planId), await q.expensesOf(exec, planId));
  }
  function checkLines(input: BudgetPlanInput) {
    if (!input.lines) return splitBudget(input.totalFen);
    if (new Set(input.lines.map((l) => l.category)).size !== input.lines.length) throw fieldError('lines', 'budget.line_twice');
    if (input.lines.reduce((n, l) => n + l.amountFen, 0) !== input.totalFen) throw fieldError('lines', 'budget.lines_sum');
    return input.lines;
  }
  const budget = {
    /** Sets a unit's yearly plan; without lines, the seed's default split (§7.3). */
    setPlan: (ctx: Ctx, input: BudgetPlanInput) => {
      const lines = checkLines(input);
      return db.transaction(async (tx) => {
        const unit = await writableUnit(tx, ctx.actor, 'govops.write', input.orgUnitId);
        const p = await q.upsertPlan(tx, { orgUnitId: unit.id, year: input.year, totalFen: input.totalFen, createdBy: ctx.actor.userId }, lines);
        await audit.record(tx, ctx, { action: 'budget.plan', entityType: 'budget', entityId: p.id, orgPath: unit.path, details: { year: input.year, totalFen: input.totalFen } });
        return budgetOf(tx, p.id);
      });
    },
    async getBudget(ctx: Ctx, orgUnitId: string, year: number) {
      const unit = await unitFor(db, ctx.actor, 'govops.read', orgUnitId);
      const p = await q.planOf(db, unit.id, year);
      if (!p) throw notFound('budget');
      return budgetOf(db, p.id);
    },
    /**
     * An expense against the plan. Over the category's remaining amount it is entered with a
     * warning or refused (400), as the unit's policy says (governance.overBudget).
     */
    addExpense: (ctx: Ctx, orgUnitId: string, year: number, input: ExpenseInput) => {
      notAfterToday('spentOn', input.spentOn);
      if (Number(input.spentOn.slice(0, 4)) !== year) throw fieldError('spentOn', 'budget.year_mismatch');
      return db.transaction(async (tx) => {
        const unit = await writableUnit(tx, ctx.actor, 'govops.write', orgUnitId);
        const p = await q.planOf(tx, unit.id, year);
        if (!p) throw notFound('budget');
        await q.lockPlan(tx, p.id);
        await checkDocument(tx, 'receiptDocumentId', input.receiptDocumentId, unit.id);
        const planned = (await q.linesOf(tx, p.id)).find((l) => l.category === input.category)?.amountFen ?? 0;
        const spent = (await q.spentByCategory(tx, p.id)).get(input.category) ?? 0;
        const decision = overBudgetDecision(planned, spent, input.amountFen, await deps.overBudgetPolicy(tx, unit.path));
        const params = { remaining: yuan(planned - spent), amount: yuan(input.amountFen) };
        if (decision === 'refuse') throw fieldError('amountFen', 'budget.over_remaining', params);
        const e = await q.insertExpense(tx, {
          planId: p.id,
          ...input,
          receiptDocumentId: input.receiptDocumentId ?? null,
          overBudget: decision === 'warn',
          recordedBy: ctx.actor.userId,
        });
        await audit.record(tx, ctx, {
          action: 'budget.expense',
          entityType: 'budget',
          entityId: p.id,
          orgPath: unit.path,
          details: { category: input.category, amountFen: input.amountFen, overBudget: decision === 'warn' },
        });
        const view = await budgetOf(tx, p.id);
        return {
          expense: view.expenses.find((x) => x.id === e.id)!,
          budget: view,
          warnings: decision === 'warn' ? [{ code: 'budget.over_remaining', message: messageFor('budget.over_remaining', params) }] : [],
        };
      });
    },
  };

  // ——— the station's 七有 (stations are at street level)

  const stations = {
    async listStations(ctx: Ctx, orgUnitId?: string) {
      const prefixes = await prefixesFor(db, ctx.actor, 'govops.read', orgUnitId);
      const units = await q.unitsOfLevel(db, prefixes, 'street');
      const rows = await q.checklistOf(
        db,
        units.map((u) => u.id),
      );
      return { items: units.map((u) => stationView(u, rows)) };
    },
    setStationItem: (ctx: Ctx, orgUnitId: string, item: StationItem, input: { done: boolean; note: string; evidenceDocumentId?: string | null }) =>
      db.transaction(async (tx) => {
        const unit = await writableUnit(tx, ctx.actor, 'govops.write', orgUnitId);
        if (unit.level !== 'street') throw fieldError('orgUnitId', 'station.not_station');
        await checkDocument(tx, 'evidenceDocumentId', input.evidenceDocumentId, unit.id);
        await q.upsertChecklistItem(tx, {
          orgUnitId: unit.id,
          item,
          done: input.done,
          note: input.note,
          evidenceDocumentId: input.evidenceDocumentId ?? null,
          updatedBy: ctx.actor.userId,
        });
        await audit.record(tx, ctx, { action: 'station.item', entityType: 'org_unit', entityId: unit.id, orgPath: unit.path, details: { item, done: input.done } });
        return stationView(unit, await q.checklistOf(tx, [unit.id]));
      }),
  };

  // ——— 今日待办 and the weekly dispatch

  /** What falls to the actor himself: his risks whose review is due, his action items due within a week or overdue. */
  async function dayItems(exec: Executor, actor: Principal, day: string): Promise<DayItem[]> {
    const risksDue = await q.risksOfOwner(exec, actor.userId, day);
    const items = await q.openItems(exec, { ownerUserId: actor.userId, dueOnOrBefore: addDays(day, 7) });
    return [
      ...risksDue.map((r) => ({
        kind: 'risk_review',
        id: r.r.id,
        title: r.r.title,
        dueOn: r.r.reviewOn,
        overdue: compareDates(r.r.reviewOn, day) < 0,
        orgUnitName: r.orgUnitName,
        link: '/governance-ops/risks',
      })),
      ...items.map((i) => ({
        kind: 'action_item',
        id: i.i.id,
        title: i.i.title,
        dueOn: i.i.dueOn,
        overdue: compareDates(i.i.dueOn, day) < 0,
        orgUnitName: i.orgUnitName,
        link: '/governance-ops/meetings',
      })),
    ];
  }

  /** 周调度: the week's tasks by unit and worker, open notices, overdue action items and risk reviews due. */
  async function dispatch(ctx: Ctx, f: { orgUnitId?: string; weekOf?: string }): Promise<DispatchView> {
    const unit = await unitFor(db, ctx.actor, 'govops.read', f.orgUnitId ?? topUnit(ctx.actor, 'govops.read'));
    const day = f.weekOf ?? today();
    const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
    const from = addDays(day, -weekday);
    const to = addDays(from, 6);
    const counts = await deps.taskCounts(ctx, { orgUnitId: unit.id, from, to });
    const pick = (c: { due: number; done: number; overdue: number; open: number }) => ({ due: c.due, done: c.done, overdue: c.overdue, open: c.open });
    const view: DispatchView = {
      orgUnitId: unit.id,
      orgUnitName: unit.name,
      from,
      to,
      tasks: {
        total: pick(counts.total),
        byUnit: counts.byCommunity.map((c) => ({ orgUnitId: c.orgUnitId, orgUnitName: c.orgUnitName, ...pick(c) })),
        byWorker: counts.byWorker.map((w) => ({ workerId: w.workerId, workerName: w.workerName, ...pick(w) })),
      },
      openNotices: await deps.openNotices(ctx, unit.id),
      alerts: null,
      overdueActionItems: (await q.openItems(db, { prefixes: [unit.path], dueBefore: today() })).map((r) => actionItemView(r, today())),
      riskReviewsDue: (await q.listRisks(db, { prefixes: [unit.path], reviewOnOrBefore: today() })).map((r) => riskView(r, today())),
    };
    await audit.record(db, ctx, { action: 'dispatch.read', entityType: 'org_unit', entityId: unit.id, orgPath: unit.path, details: { from, to } });
    return view;
  }

  return {
    ...figures,
    ...meetings,
    ...riskFns,
    ...budget,
    ...stations,
    dayItems,
    dispatch,
    /** A unit (in the actor's write scope) a document is uploaded for. */
    uploadUnit: (ctx: Ctx, orgUnitId: string) => writableUnit(db, ctx.actor, 'govops.write', orgUnitId),
    /** The unit of a document the actor may read (else 404). */
    async documentUnit(ctx: Ctx, id: string) {
      const d = await deps.unitDocumentOf(db, id);
      if (!d) throw notFound('document');
      const unit = await q.unitById(db, d.orgUnitId);
      if (!unit || !inScope(ctx.actor, 'govops.read', unit.path)) throw notFound('document');
      return unit;
    },
    stationItems,
  };
}

export type GovOpsService = ReturnType<typeof createGovOpsService>;
