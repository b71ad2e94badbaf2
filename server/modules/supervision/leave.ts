// Leave requests (C4) and absences (C4, C5, T7).
import { compareDates } from '../../../core/rules/dates';
import type { DayRange } from '../../../core/rules/periods';
import { isUnauthorisedDeparture } from '../../../core/rules/breaches';
import { approvedLeaveRanges, leaveRequired, overlapsAbsence, overlapsLeave, overstayDays, type LeaveInput } from '../../../core/rules/leave';
import { currentMeasure } from '../../../core/rules/assessment';
import { uncoveredDays } from '../../../core/rules/periods';
import type { Policy } from '../../../core/rules/policy';
import type { Executor } from '../../db/client';
import { asMissing, conflict, fieldError, notFound } from '../../errors';
import type { Permission } from '../../../core/contracts/permissions';
import { assessmentView, leaveView } from './views';
import type { Core, Ctx } from './core';
import * as q from './queries';

export function absenceView(a: q.AbsenceRow, leaves: readonly LeaveInput[], policy: Policy, today: string) {
  const to = a.toDate ?? today;
  const approved = approvedLeaveRanges(leaves);
  const away = a.kind === 'away';
  return {
    id: a.id,
    personId: a.personId,
    measureId: a.measureId,
    kind: a.kind,
    from: a.fromDate,
    to: a.toDate,
    note: a.note,
    unauthorisedDeparture: away && isUnauthorisedDeparture({ from: a.fromDate, to }, approved, policy),
    uncoveredDays: away ? uncoveredDays(approved, a.fromDate, to) : 0,
    recordedBy: a.recordedBy,
    recordedAt: a.recordedAt.toISOString(),
    closedBy: a.closedBy,
    closedAt: a.closedAt?.toISOString() ?? null,
  };
}

export function leaveFunctions(core: Core) {
  const { db, audit, persons } = core;

  async function withEvents(exec: Executor, rows: q.LeaveRow[]) {
    const events = await q.leaveEventsOf(
      exec,
      rows.map((r) => r.id),
    );
    const today = core.today();
    return rows.map((l) =>
      leaveView(
        l,
        events.filter((e) => e.e.leaveId === l.id),
        today,
      ),
    );
  }

  /** The leave and its person, if the actor may act on it with `perm`; else 404. */
  async function reach(exec: Executor, ctx: Ctx, id: string, perm: Permission) {
    const leave = await q.leaveById(exec, id);
    if (!leave) throw notFound('leave');
    const person = await persons.access(exec, ctx.actor, leave.personId, perm).catch(asMissing('leave'));
    return { leave, person };
  }

  async function noOverlap(exec: Executor, personId: string, range: DayRange, exceptId?: string) {
    if (overlapsLeave(await q.liveLeaves(exec, personId, exceptId), range)) throw fieldError('from', 'leave.overlap');
  }

  async function event(exec: Executor, ctx: Ctx, leave: q.LeaveRow, kind: Parameters<typeof q.insertLeaveEvent>[1]['event'], details: Record<string, unknown>) {
    await q.insertLeaveEvent(exec, { leaveId: leave.id, personId: leave.personId, event: kind, details, actorId: ctx.actor.userId, at: core.clock.now() });
  }

  async function finish(tx: Executor, ctx: Ctx, leave: q.LeaveRow, orgPath: string, action: string, before: q.LeaveRow | null, recompute: boolean) {
    if (recompute) await core.refresh(tx, [leave.personId], ctx);
    const [view] = await withEvents(tx, [leave]);
    await audit.record(tx, ctx, { action, entityType: 'leave_request', entityId: leave.id, personId: leave.personId, orgPath, before, after: leave });
    return view!;
  }

  return {
    async leaves(ctx: Ctx, personId: string) {
      const person = await persons.access(db, ctx.actor, personId, 'supervision.read');
      const items = await withEvents(db, await q.leavesOfPerson(db, personId));
      await audit.record(db, ctx, { action: 'leave.list', entityType: 'person', entityId: personId, personId, orgPath: person.orgPath });
      return { items };
    },

    /** C4: the worker enters the request; the street decides it. */
    requestLeave: (ctx: Ctx, personId: string, body: { from: string; to: string; destination: string; reason: string }) =>
      db.transaction(async (tx) => {
        const person = await persons.access(tx, ctx.actor, personId, 'supervision.write');
        await core.persons.lockForUpdate(tx, [personId]);
        if (compareDates(body.to, body.from) < 0) throw fieldError('to', 'leave.end_before_start');
        await noOverlap(tx, personId, { from: body.from, to: body.to });
        const policy = await core.policyAt(tx, person.orgPath);
        const measure = currentMeasure((await core.measures.communityOf(tx, [personId])).map((x) => x.measure));
        const leave = await q.insertLeave(tx, {
          personId,
          measureId: measure?.id ?? null,
          fromDate: body.from,
          toDate: body.to,
          destination: body.destination,
          reason: body.reason,
          status: 'pending',
          required: leaveRequired(body.from, body.to, policy),
          policyVersion: policy.version,
          requestedBy: ctx.actor.userId,
          requestedAt: core.clock.now(),
        });
        await event(tx, ctx, leave, 'request', { from: body.from, to: body.to });
        return finish(tx, ctx, leave, person.orgPath, 'leave.request', null, false);
      }),

    /** Approve or reject what is pending: the request itself, or its extension. */
    decideLeave: (ctx: Ctx, id: string, body: { decision: 'approve' | 'reject'; note?: string }) =>
      db.transaction(async (tx) => {
        const { leave: before, person } = await reach(tx, ctx, id, 'leave.approve');
        await core.persons.lockForUpdate(tx, [before.personId]);
        const approve = body.decision === 'approve';
        const now = core.clock.now();
        let after: q.LeaveRow;
        if (before.status === 'pending') {
          if (approve) await noOverlap(tx, before.personId, { from: before.fromDate, to: before.toDate }, before.id);
          after = await q.updateLeave(tx, id, { status: approve ? 'approved' : 'rejected', decidedBy: ctx.actor.userId, decidedAt: now, decisionNote: body.note ?? null });
          await event(tx, ctx, after, approve ? 'approve' : 'reject', { note: body.note ?? null });
        } else if (before.status === 'approved' && before.pendingToDate) {
          after = await q.updateLeave(tx, id, {
            toDate: approve ? before.pendingToDate : before.toDate,
            pendingToDate: null,
            pendingReason: null,
            decidedBy: ctx.actor.userId,
            decidedAt: now,
            decisionNote: body.note ?? null,
          });
          await event(tx, ctx, after, approve ? 'extend_approve' : 'extend_reject', { to: before.pendingToDate, note: body.note ?? null });
        } else {
          throw conflict('leave.nothing_to_decide');
        }
        return finish(tx, ctx, after, person.orgPath, `leave.${body.decision}`, before, true);
      }),

    /** An approved leave asks for a later end; it is approved again by the street. */
    extendLeave: (ctx: Ctx, id: string, body: { to: string; reason: string }) =>
      db.transaction(async (tx) => {
        const { leave: before, person } = await reach(tx, ctx, id, 'supervision.write');
        if (before.status !== 'approved') throw conflict('leave.not_approved');
        if (compareDates(body.to, before.toDate) <= 0) throw fieldError('to', 'leave.extension_not_later');
        await noOverlap(tx, before.personId, { from: before.fromDate, to: body.to }, before.id);
        const after = await q.updateLeave(tx, id, { pendingToDate: body.to, pendingReason: body.reason });
        await event(tx, ctx, after, 'extend_request', { to: body.to, reason: body.reason });
        return finish(tx, ctx, after, person.orgPath, 'leave.extend_request', before, false);
      }),

    /** 销假: the person reports back. */
    returnFromLeave: (ctx: Ctx, id: string, body: { returnedOn: string }) =>
      db.transaction(async (tx) => {
        const { leave: before, person } = await reach(tx, ctx, id, 'supervision.write');
        if (before.status !== 'approved') throw conflict('leave.not_approved');
        if (compareDates(body.returnedOn, core.today()) > 0) throw fieldError('returnedOn', 'supervision.date_future');
        if (compareDates(body.returnedOn, before.fromDate) < 0) throw fieldError('returnedOn', 'leave.return_before_start');
        const after = await q.updateLeave(tx, id, {
          status: 'returned',
          returnedOn: body.returnedOn,
          returnedBy: ctx.actor.userId,
          returnedAt: core.clock.now(),
          pendingToDate: null,
          pendingReason: null,
        });
        await event(tx, ctx, after, 'return', { returnedOn: body.returnedOn, overdueDays: overstayDays(before.toDate, body.returnedOn) });
        return finish(tx, ctx, after, person.orgPath, 'leave.return', before, true);
      }),

    /** A stay away (C4/C5) or in hospital (T7 excuse); `to` null while it lasts. */
    recordAbsence: (ctx: Ctx, personId: string, body: { kind: 'away' | 'hospital_stay'; from: string; to?: string | null; note?: string }) =>
      db.transaction(async (tx) => {
        const person = await persons.access(tx, ctx.actor, personId, 'supervision.write');
        await core.persons.lockForUpdate(tx, [personId]);
        const today = core.today();
        if (compareDates(body.from, today) > 0) throw fieldError('from', 'supervision.date_future');
        if (body.to && compareDates(body.to, body.from) < 0) throw fieldError('to', 'absence.end_before_start');
        if (body.to && compareDates(body.to, today) > 0) throw fieldError('to', 'supervision.date_future');
        if (overlapsAbsence(await q.absencesOf(tx, [personId]), body.kind, body.from, body.to ?? null)) throw fieldError('from', 'absence.overlap');
        const measure = currentMeasure((await core.measures.communityOf(tx, [personId])).map((x) => x.measure));
        const row = await q.insertAbsence(tx, {
          personId,
          measureId: measure?.id ?? null,
          kind: body.kind,
          fromDate: body.from,
          toDate: body.to ?? null,
          note: body.note ?? null,
          recordedBy: ctx.actor.userId,
          recordedAt: core.clock.now(),
        });
        return absenceResult(tx, ctx, row, person.orgPath, 'absence.create', null);
      }),

    closeAbsence: (ctx: Ctx, id: string, body: { to: string }) =>
      db.transaction(async (tx) => {
        const before = await q.absenceById(tx, id);
        if (!before) throw notFound('absence');
        const person = await persons.access(tx, ctx.actor, before.personId, 'supervision.write').catch(asMissing('absence'));
        await core.persons.lockForUpdate(tx, [before.personId]);
        if (before.toDate) throw conflict('absence.already_closed');
        if (compareDates(body.to, before.fromDate) < 0) throw fieldError('to', 'absence.end_before_start');
        if (compareDates(body.to, core.today()) > 0) throw fieldError('to', 'supervision.date_future');
        const row = await q.updateAbsence(tx, id, { toDate: body.to, closedBy: ctx.actor.userId, closedAt: core.clock.now() });
        return absenceResult(tx, ctx, row, person.orgPath, 'absence.close', before);
      }),
  };

  async function absenceResult(tx: Executor, ctx: Ctx, row: q.AbsenceRow, orgPath: string, action: string, before: q.AbsenceRow | null) {
    const sync = await core.refresh(tx, [row.personId], ctx);
    const outcome = sync.outcomes.get(row.personId)!;
    const leaves = (await q.leavesOf(tx, [row.personId])) as LeaveInput[];
    const view = absenceView(row, leaves, outcome.policy, core.today());
    await audit.record(tx, ctx, { action, entityType: 'absence', entityId: row.id, personId: row.personId, orgPath, before, after: view });
    return { absence: view, breaches: outcome.status ? assessmentView(outcome.status, outcome.policy, core.today()) : null };
  }
}

export const leaveMessages = {
  'leave.not_found': ['请假记录不存在', 'No such leave request'],
  'leave.end_before_start': ['结束日期不能早于开始日期', 'The leave cannot end before it starts'],
  'leave.overlap': ['与该人员已有的请假时间重叠', 'Overlaps another leave request of this person'],
  'leave.nothing_to_decide': ['该请假没有待审批的申请', 'Nothing of this leave is waiting for a decision'],
  'leave.not_approved': ['只有已批准且未销假的请假可以续假或销假', 'Only an approved leave not yet reported back can be extended or closed'],
  'leave.extension_not_later': ['续假的结束日期须晚于原结束日期', 'An extension must end after the current end date'],
  'leave.return_before_start': ['销假日期不能早于请假开始日期', 'The return cannot be before the leave began'],
  'absence.not_found': ['外出记录不存在', 'No such absence'],
  'absence.end_before_start': ['返回日期不能早于离开日期', 'The absence cannot end before it starts'],
  'absence.overlap': ['与已登记的外出时间重叠', 'Overlaps an absence already recorded'],
  'absence.already_closed': ['该外出记录已登记返回', 'This absence is closed already'],
} satisfies Record<string, [string, string]>;
