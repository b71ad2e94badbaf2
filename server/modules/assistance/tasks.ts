// The assistance tasks of 今日待办 (issue 12 item 7) and the placements' still-employed checks
// (item 3), and the later decision on a relief application. Tasks are computed when asked, not stored: they follow from a handful of dates per
// person (the last assessment, the plan's review date, placements, referrals, triggers).
import type { Db, Executor } from '../../db/client';
import type { Clock } from '../../clock';
import { conflict, fieldError, notFound } from '../../errors';
import { inScope, scopePaths, type Principal, type RequestContext } from '../../http/context';
import { compareDates } from '../../../core/rules/dates';
import { assistanceTasks, placementChecksDue, type ReassessmentTrigger } from '../../../core/rules/assistance';
import type { Policy } from '../../../core/rules/policy';
import type { PlacementCheckBody, ReliefDecisionBody, ServiceDetails } from '../../../core/contracts/assistance';
import type { AuditService } from '../audit/service';
import type { PersonService } from '../persons/service';
import type { OrgService } from '../org/service';
import * as q from './queries';

type Ctx = RequestContext & { actor: Principal };
/** The most persons one list computes tasks for, and the most tasks it returns. */
const MAX_PERSONS = 5000;
const MAX_TASKS = 1000;

export function createTaskService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  persons: PersonService;
  org: OrgService;
  /** The policy in force per org path (one read of the policy versions per call). */
  policies: (exec: Executor) => Promise<(orgPath: string | null) => Policy>;
  /** Measure starts, transfers (C7) and relapses (T3) of some persons: each makes a re-assessment due. */
  triggers: (exec: Executor, personIds: string[]) => Promise<({ personId: string } & ReassessmentTrigger)[]>;
}) {
  const { db, audit } = deps;

  /** The persons under a measure whose tasks a list shows: my caseload, or a unit's subtree, within my scope. */
  async function audience(ctx: Ctx, scope: 'mine' | 'unit', orgUnitId?: string) {
    let paths = scopePaths(ctx.actor, 'assistance.read');
    if (orgUnitId) {
      const unit = await deps.org.byId(db, orgUnitId);
      if (!unit || !inScope(ctx.actor, 'assistance.read', unit.path)) throw notFound('org');
      paths = [unit.path];
    }
    const ids = [...new Set((await Promise.all(paths.map((p) => deps.persons.idsUnderMeasureIn(db, p)))).flat())];
    const context = await deps.persons.contextOf(db, ids.slice(0, MAX_PERSONS));
    return scope === 'mine' ? context.filter((c) => c.workerId === ctx.actor.userId) : context;
  }

  /** Facts per person from the module's tables and the triggers of the other modules. */
  async function factsOf(exec: Executor, ids: string[]) {
    const [f, triggers] = await Promise.all([q.taskFacts(exec, ids), deps.triggers(exec, ids)]);
    const group = <T extends { personId: string }>(rows: T[]) => {
      const m = new Map<string, T[]>();
      for (const r of rows) (m.get(r.personId) ?? m.set(r.personId, []).get(r.personId)!).push(r);
      return m;
    };
    const last = new Map(f.assessed.map((a) => [a.personId, a.last]));
    const plans = new Map(f.plans.map((p) => [p.personId, p]));
    const [actions, placements, checks, referrals, trig] = [group(f.actions), group(f.placements), group(f.checks), group(f.referrals), group(triggers)];
    return ids.map((personId) => ({
      personId,
      lastAssessedOn: last.get(personId) ?? null,
      triggers: (trig.get(personId) ?? []).map((t) => ({ reason: t.reason, date: t.date })),
      plan: plans.get(personId) ?? null,
      // Only the current plan's actions: a superseded version's are not the worker's any more.
      actions: (actions.get(personId) ?? []).filter((a) => a.planId === plans.get(personId)?.id),
      placements: (placements.get(personId) ?? []).map((p) => ({
        id: p.id,
        startDate: p.startDate!,
        endDate: p.endDate,
        checkedMonths: (checks.get(personId) ?? []).filter((c) => c.serviceId === p.id).map((c) => c.month),
      })),
      referrals: (referrals.get(personId) ?? []).map((r) => ({ id: r.id, status: r.status as 'sent', respondBy: r.respondBy })),
    }));
  }

  /** Persons under a measure in the paths, narrowed to my `assistance.read` scope: one path inside the other keeps the narrower. */
  async function personsIn(exec: Executor, actor: Principal, paths: string[], workerId?: string) {
    const mine = scopePaths(actor, 'assistance.read');
    const both = paths.flatMap((p) => mine.flatMap((m) => (p.startsWith(m) ? [p] : m.startsWith(p) ? [m] : [])));
    const ids = [...new Set((await Promise.all([...new Set(both)].map((p) => deps.persons.idsUnderMeasureIn(exec, p)))).flat())];
    const context = await deps.persons.contextOf(exec, ids.slice(0, MAX_PERSONS));
    return workerId ? context.filter((c) => c.workerId === workerId) : context;
  }

  return {
    /**
     * Item 7 for supervision's day views (registered in app.ts): the open tasks of the persons in
     * the paths (within my `assistance.read` scope; my caseload with `workerId`) due in `[from, to]`,
     * `from` null for any time before. The caller audits its read.
     */
    async tasksIn(exec: Executor, actor: Principal, audience: { paths: string[]; workerId?: string }, range: { from: string | null; to: string; today: string }) {
      const people = await personsIn(exec, actor, audience.paths, audience.workerId);
      if (people.length === 0) return [];
      const byId = new Map(people.map((p) => [p.id, p]));
      const resolve = await deps.policies(exec);
      const all = (await factsOf(exec, [...byId.keys()])).flatMap((f) => assistanceTasks(f, range.to, resolve(byId.get(f.personId)!.orgPath).assistance));
      const inRange = all.filter((t) => range.from === null || compareDates(t.dueDate, range.from) >= 0).sort((a, b) => compareDates(a.dueDate, b.dueDate));
      return inRange.slice(0, MAX_TASKS).map((t) => {
        const p = byId.get(t.personId)!;
        return {
          ...t,
          personName: p.name,
          orgUnitId: p.orgUnitId,
          orgUnitName: p.orgUnitName,
          workerId: p.workerId,
          overdue: compareDates(t.dueDate, range.today) < 0,
          link: `/persons/${t.personId}?tab=assistance`,
        };
      });
    },

    /** Item 7: the assistance tasks due today or overdue, for 今日待办. */
    async tasks(ctx: Ctx, query: { scope: 'mine' | 'unit'; orgUnitId?: string }) {
      const today = deps.clock.today();
      const people = await audience(ctx, query.scope, query.orgUnitId);
      const byId = new Map(people.map((p) => [p.id, p]));
      const resolve = await deps.policies(db);
      const policy = new Map(people.map((p) => [p.id, resolve(p.orgPath).assistance]));
      const all = (await factsOf(db, [...byId.keys()])).flatMap((f) => assistanceTasks(f, today, policy.get(f.personId)));
      all.sort((a, b) => compareDates(a.dueDate, b.dueDate));
      const items = all.slice(0, MAX_TASKS).map((t) => ({
        ...t,
        personName: byId.get(t.personId)!.name,
        orgUnitName: byId.get(t.personId)!.orgUnitName,
        overdue: compareDates(t.dueDate, today) < 0,
      }));
      await audit.record(db, ctx, { action: 'assistance.tasks.read', entityType: 'task', details: { scope: query.scope, orgUnitId: query.orgUnitId, tasks: items.length } });
      return { date: today, items, truncated: all.length > items.length };
    },

    /**
     * Item 3: a still-employed check of a placement. Not employed any more, the placement ends
     * (K8 counts it no longer) and its place at the employer or base is freed (item 6).
     */
    checkPlacement: (ctx: Ctx, serviceId: string, body: PlacementCheckBody) =>
      db.transaction(async (tx) => {
        const s = await q.serviceById(tx, serviceId);
        if (!s || s.kind !== 'job_placement') throw notFound('service');
        const p = await deps.persons.access(tx, ctx.actor, s.personId, 'assistance.write').catch(() => {
          throw notFound('service');
        });
        const today = deps.clock.today();
        if (compareDates(body.checkedOn, today) > 0) throw fieldError('checkedOn', 'assistance.date_future');
        const cadence = (await deps.policies(tx))(p.orgPath).assistance.placementFollowUpMonths;
        if (!cadence.includes(body.month)) throw fieldError('month', 'assistance.check_month');
        if (s.endDate && compareDates(s.endDate, today) < 0) throw conflict('assistance.placement_ended');
        if (body.endDate && compareDates(body.endDate, s.startDate!) < 0) throw fieldError('endDate', 'assistance.placement_dates');
        const row = await q.insertCheck(tx, {
          serviceId,
          personId: s.personId,
          month: body.month,
          checkedOn: body.checkedOn,
          employed: body.employed,
          checkedBy: ctx.actor.userId,
        });
        if (!row) throw conflict('assistance.check_duplicate');
        if (!body.employed) {
          await q.endPlacement(tx, serviceId, body.endDate!);
          if (s.providerPartnerId) await q.freePlace(tx, s.providerPartnerId);
        }
        await audit.record(tx, ctx, {
          action: 'assistance.placement.check',
          entityType: 'assistance_service',
          entityId: serviceId,
          personId: s.personId,
          orgPath: p.orgPath,
          details: { month: body.month, employed: body.employed },
        });
        return { id: row.id, serviceId, month: row.month, checkedOn: row.checkedOn, employed: row.employed };
      }),

    /** Item 3: a relief application's decision (granted with its amount, or refused), once, after it was submitted. */
    decideRelief: (ctx: Ctx, serviceId: string, body: ReliefDecisionBody) =>
      db.transaction(async (tx) => {
        const s = await q.serviceById(tx, serviceId);
        if (!s || s.kind !== 'relief') throw notFound('service');
        const p = await deps.persons.access(tx, ctx.actor, s.personId, 'assistance.write').catch(() => {
          throw notFound('service');
        });
        const d = s.details as Extract<ServiceDetails, { kind: 'relief' }>;
        if (d.decision !== 'pending') throw conflict('assistance.relief_decided');
        if (compareDates(body.decidedOn, deps.clock.today()) > 0) throw fieldError('decidedOn', 'assistance.date_future');
        if (compareDates(body.decidedOn, d.submittedOn) < 0) throw fieldError('decidedOn', 'assistance.relief_dates');
        const details = { ...d, decision: body.decision, decidedOn: body.decidedOn, ...(body.amount !== undefined ? { amount: body.amount } : {}) };
        await q.setServiceOutcome(tx, serviceId, details);
        await audit.record(tx, ctx, {
          action: 'assistance.relief.decide',
          entityType: 'assistance_service',
          entityId: serviceId,
          personId: s.personId,
          orgPath: p.orgPath,
          details: { decision: body.decision },
        });
        return { id: serviceId, decision: body.decision };
      }),

    /** The checks of a person's placements: made and still due (the tab, item 3). */
    async checksOf(exec: Executor, personId: string, orgPath: string, services: q.ServiceRow[]) {
      const checks = await q.checksOfPersons(exec, [personId]);
      const months = (await deps.policies(exec))(orgPath).assistance.placementFollowUpMonths;
      return new Map(
        services
          .filter((s) => s.kind === 'job_placement' && s.startDate)
          .map((s) => {
            const made = checks.filter((c) => c.serviceId === s.id);
            const due = placementChecksDue({ startDate: s.startDate!, endDate: s.endDate, checkedMonths: made.map((c) => c.month) }, months);
            return [s.id, { made: made.map((c) => ({ month: c.month, checkedOn: c.checkedOn, employed: c.employed })), due }] as const;
          }),
      );
    },
  };
}
