// The worker's day (今日待办), the counts per worker and community, the calendar, a person's tasks.
import { addDays, compareDates, daysBetween } from '../../../core/rules/dates';
import { fieldError, notFound } from '../../errors';
import { inScope, scopePaths } from '../../http/context';
import { TASK_HORIZON_DAYS } from '../../../core/rules/assessment';
import { leaveBrief, noticeView, taskView, warningOf } from './views';
import type { Executor } from '../../db/client';
import type { Core, Ctx } from './core';
import type { DayAssistanceTask } from '../../../core/contracts/supervision';
import * as q from './queries';

export const dayMessages = {
  'supervision.range_invalid': ['结束日期不能早于开始日期', 'The end of the period cannot be before its start'],
  'supervision.range_too_long': ['时间范围过长（最多 {max} 天）', 'The period is too long (at most {max} days)'],
} satisfies Record<string, [string, string]>;

const MAX_TASKS = 5000;

/** Work of other modules that falls to the actor himself today (issue 15: risk reviews, action items of joint meetings). */
export type DayItem = { kind: string; id: string; title: string; dueOn: string; overdue: boolean; orgUnitName: string; link: string };
export type DayItemSource = (exec: Executor, actor: Ctx['actor'], today: string) => Promise<DayItem[]>;

/**
 * Person-level tasks another module computes (issue 12: assistance), for the day views. The
 * provider gets the audience supervision settled — the paths (the actor's `supervision.read`
 * scope, or the chosen unit inside it) and the worker for "mine" — narrows it to its own
 * permission, and returns the open tasks due in `[from, to]` (`from` null: any time before).
 */
export type PersonTask = Omit<DayAssistanceTask, 'workerName'>;
export type PersonTaskProvider = (
  exec: Executor,
  actor: Ctx['actor'],
  audience: { paths: string[]; workerId?: string },
  range: { from: string | null; to: string; today: string },
) => Promise<PersonTask[]>;

export function dayFunctions(core: Core) {
  const { db, audit } = core;
  const itemSources: DayItemSource[] = [];
  const otherItems = async (ctx: Ctx, today: string) => (await Promise.all(itemSources.map((s) => s(db, ctx.actor, today)))).flat().sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const taskProviders: PersonTaskProvider[] = [];
  /** The registered modules' person tasks of the audience, with the responsible worker's name, oldest due first. */
  async function personTasks(ctx: Ctx, aud: q.Audience, range: { from: string | null; to: string; today: string }): Promise<DayAssistanceTask[]> {
    if (aud.scope.length === 0 || taskProviders.length === 0) return [];
    const audience = { paths: aud.under ? [aud.under] : aud.scope, workerId: aud.workerId };
    const rows = (await Promise.all(taskProviders.map((p) => p(db, ctx.actor, audience, range)))).flat();
    const names = await core.users.names(db, [...new Set(rows.map((r) => r.workerId).filter((x): x is string => x !== null))]);
    return rows.map((r) => ({ ...r, workerName: r.workerId ? (names.get(r.workerId) ?? null) : null })).sort((a, b) => compareDates(a.dueDate, b.dueDate));
  }

  /** My caseload (persons whose responsible worker I am), or a unit's subtree; always within my scope. */
  async function audience(ctx: Ctx, scope: 'mine' | 'unit', orgUnitId?: string): Promise<{ aud: q.Audience; unitId: string | null }> {
    const paths = scopePaths(ctx.actor, 'supervision.read');
    let under: string | undefined;
    if (orgUnitId) {
      const unit = await core.org.byId(db, orgUnitId);
      if (!unit || !inScope(ctx.actor, 'supervision.read', unit.path)) throw notFound('org');
      under = unit.path;
    }
    return { aud: { scope: paths, workerId: scope === 'mine' ? ctx.actor.userId : undefined, under }, unitId: orgUnitId ?? null };
  }

  type TaskRow = { t: Parameters<typeof taskView>[0]; personName: string; orgUnitId: string; orgUnitName: string; workerId: string | null };
  /** The rows with their responsible worker's name (looked up once per worker, not per task). */
  async function taskRows(rows: TaskRow[], today: string) {
    const names = await core.users.names(db, [...new Set(rows.map((r) => r.workerId).filter((x): x is string => x !== null))]);
    return rows.map((r) => ({
      ...taskView(r.t, today),
      personName: r.personName,
      orgUnitId: r.orgUnitId,
      orgUnitName: r.orgUnitName,
      workerId: r.workerId,
      workerName: r.workerId ? (names.get(r.workerId) ?? null) : null,
    }));
  }

  function period(from: string | undefined, to: string | undefined, max: number) {
    const start = from ?? core.today();
    const end = to ?? start;
    if (compareDates(end, start) < 0) throw fieldError('to', 'supervision.range_invalid');
    if (daysBetween(start, end) + 1 > max) throw fieldError('to', 'supervision.range_too_long', { max });
    return { from: start, to: end };
  }

  return {
    /** Another module adds what falls to the actor today (owner-level work, not person records). */
    registerDayItems(source: DayItemSource) {
      itemSources.push(source);
    },

    /** Another module adds person-level tasks to 今日待办, the calendar and the counts (issue 12: assistance). */
    registerPersonTasks(provider: PersonTaskProvider) {
      taskProviders.push(provider);
    },

    /** The open notices of a unit's subtree (the weekly dispatch, issue 15), without the day's tasks. */
    async openNoticesUnder(ctx: Ctx, orgUnitId: string) {
      const { aud } = await audience(ctx, 'unit', orgUnitId);
      const rows = aud.scope.length ? await q.openNotices(db, aud) : [];
      await audit.record(db, ctx, {
        action: 'notice.list',
        entityType: 'police_notice',
        orgPath: aud.under ?? null,
        details: { filter: { state: 'open' }, returned: rows.length, total: rows.length },
      });
      const now = core.clock.now();
      return rows.map((r) => noticeView(r, now));
    },

    async today(ctx: Ctx, query: { scope: 'mine' | 'unit'; orgUnitId?: string; overdueDays: number; limit: number }) {
      const { aud, unitId } = await audience(ctx, query.scope, query.orgUnitId);
      const today = core.today();
      if (aud.scope.length === 0) {
        return {
          date: today,
          scope: query.scope,
          orgUnitId: unitId,
          tasks: [],
          leavesEndingToday: [],
          leavesOverdue: [],
          leavesAwaitingDecision: [],
          noticesPending: [],
          warnings: [],
          items: await otherItems(ctx, today),
          assistance: [],
          summary: { due: 0, overdue: 0, dueToday: 0, doneToday: 0, persons: 0 },
          olderOverdue: { tasks: 0, persons: 0 },
          truncated: false,
        };
      }
      const overdueSince = addDays(today, -query.overdueDays);
      const rows = await q.todayTasks(db, aud, today, overdueSince, Math.min(query.limit, MAX_TASKS));
      const tasks = await taskRows(rows, today);
      const totals = rows[0] ?? { total: 0, due: 0, overdue: 0, dueToday: 0, doneToday: 0 };
      const ending = await q.leavesEndingOnOrBefore(db, aud, today);
      const pending = await q.pendingLeaves(db, aud);
      const notices = await q.openNotices(db, aud);
      const statuses = await q.warnings(db, aud);
      const resolve = await core.policy.resolver(db);
      const now = core.clock.now();
      const warnings = statuses.flatMap((s) => {
        const w = warningOf(s.s, resolve(s.orgPath).policy);
        return w ? [{ personId: s.s.personId, personName: s.personName, ...w }] : [];
      });
      const assistance = await personTasks(ctx, aud, { from: null, to: today, today });
      await audit.record(db, ctx, {
        action: 'supervision.today.read',
        entityType: 'task',
        orgPath: aud.under ?? null,
        details: { scope: query.scope, orgUnitId: unitId, tasks: tasks.length, assistance: assistance.length },
      });
      return {
        date: today,
        scope: query.scope,
        orgUnitId: unitId,
        tasks,
        leavesEndingToday: ending.filter((r) => r.l.toDate === today).map((r) => leaveBrief(r, today)),
        leavesOverdue: ending.filter((r) => compareDates(r.l.toDate, today) < 0).map((r) => leaveBrief(r, today)),
        leavesAwaitingDecision: pending.map((r) => leaveBrief(r, today)),
        noticesPending: notices.map((r) => noticeView(r, now)),
        warnings,
        items: await otherItems(ctx, today),
        assistance,
        summary: { due: totals.due, overdue: totals.overdue, dueToday: totals.dueToday, doneToday: totals.doneToday, persons: await q.audienceSize(db, aud) },
        olderOverdue: await q.olderOverdue(db, aud, overdueSince),
        truncated: totals.total > tasks.length,
      };
    },

    /**
     * Tasks falling due in the period: due (all but excused), done, overdue, still open, per worker
     * and per unit; beside them the assistance tasks open now and due by the period's end.
     */
    async counts(ctx: Ctx, query: { orgUnitId?: string; from?: string; to?: string }) {
      const { aud, unitId } = await audience(ctx, 'unit', query.orgUnitId);
      const { from, to } = period(query.from, query.to, 366);
      const today = core.today();
      const rows = aud.scope.length ? await q.taskCounts(db, aud, from, to) : [];
      const assistance = await personTasks(ctx, aud, { from: null, to, today });
      const empty = () => ({ due: 0, done: 0, overdue: 0, open: 0, excused: 0, assistance: { open: 0, overdue: 0 } });
      type Row = ReturnType<typeof empty>;
      const add = (acc: Row, r: (typeof rows)[number]) => {
        acc.due += r.total - r.excused;
        acc.done += r.done;
        acc.overdue += r.overdue;
        acc.open += r.due + r.upcoming;
        acc.excused += r.excused;
      };
      const addAssistance = (acc: Row, t: DayAssistanceTask) => {
        acc.assistance.open += 1;
        if (t.overdue) acc.assistance.overdue += 1;
      };
      const total = empty();
      const byWorker = new Map<string, Row & { workerId: string | null; workerName: string | null }>();
      const byUnit = new Map<string, Row & { orgUnitId: string; orgUnitName: string }>();
      const worker = (id: string | null, name: string | null) => byWorker.get(id ?? '') ?? byWorker.set(id ?? '', { ...empty(), workerId: id, workerName: name }).get(id ?? '')!;
      const unit = (id: string, name: string) => byUnit.get(id) ?? byUnit.set(id, { ...empty(), orgUnitId: id, orgUnitName: name }).get(id)!;
      for (const r of rows) {
        add(total, r);
        add(worker(r.workerId, r.workerName), r);
        add(unit(r.orgUnitId, r.orgUnitName), r);
      }
      for (const t of assistance) {
        addAssistance(total, t);
        addAssistance(worker(t.workerId, t.workerName), t);
        addAssistance(unit(t.orgUnitId, t.orgUnitName), t);
      }
      return {
        from,
        to,
        orgUnitId: unitId,
        total,
        byWorker: [...byWorker.values()].sort((a, b) => (a.workerName ?? '').localeCompare(b.workerName ?? '')),
        byCommunity: [...byUnit.values()].sort((a, b) => a.orgUnitName.localeCompare(b.orgUnitName)),
      };
    },

    async calendar(ctx: Ctx, query: { scope: 'mine' | 'unit'; orgUnitId?: string; from: string; to: string }) {
      const { aud } = await audience(ctx, query.scope, query.orgUnitId);
      const { from, to } = period(query.from, query.to, 62);
      const today = core.today();
      const rows = aud.scope.length ? await q.calendarTasks(db, aud, from, to, MAX_TASKS) : [];
      const assistance = await personTasks(ctx, aud, { from, to, today });
      const days = new Map<string, { tasks: Awaited<ReturnType<typeof taskRows>>; assistance: DayAssistanceTask[] }>();
      const dayOf = (date: string) => days.get(date) ?? days.set(date, { tasks: [], assistance: [] }).get(date)!;
      for (const t of await taskRows(rows, today)) dayOf(t.dueDate).tasks.push(t);
      for (const t of assistance) dayOf(t.dueDate).assistance.push(t);
      await audit.record(db, ctx, {
        action: 'supervision.calendar.read',
        entityType: 'task',
        orgPath: aud.under ?? null,
        details: { scope: query.scope, from, to, tasks: rows.length, assistance: assistance.length },
      });
      const sorted = [...days.entries()].sort(([a], [b]) => compareDates(a, b));
      return { from, to, horizon: addDays(today, TASK_HORIZON_DAYS), days: sorted.map(([date, d]) => ({ date, ...d })) };
    },

    async tasksOfPerson(ctx: Ctx, personId: string) {
      const person = await core.persons.access(db, ctx.actor, personId, 'supervision.read');
      const today = core.today();
      const items = (await q.tasksOfPerson(db, personId)).map((t) => taskView(t, today));
      await audit.record(db, ctx, { action: 'supervision.tasks.read', entityType: 'person', entityId: personId, personId, orgPath: person.orgPath });
      return { items, horizon: addDays(today, TASK_HORIZON_DAYS) };
    },
  };
}
