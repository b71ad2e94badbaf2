// Handling of alerts (issue 13): the inbox, acknowledge, act (linking the record made),
// comment, reassign, close with an outcome. An alert is reached through its person's scope
// check: another unit's alert answers 404 like a missing one. Every move is one conditional
// UPDATE, so of two closes at once one wins and the other gets 409 `alert.closed`.
import type { Db, Executor } from '../../db/client';
import type { Clock } from '../../clock';
import { asMissing, conflict, fieldError, notFound } from '../../errors';
import type { AuditService } from '../audit/service';
import type { PersonService } from '../persons/service';
import type { UserService } from '../users/service';
import type { SupervisionService } from '../supervision/service';
import type { Ctx } from '../supervision/core';
import { scopePaths } from '../../http/context';
import type { Permission } from '../../../core/contracts/permissions';
import type { AlertOutcome } from '../../../core/contracts/warnings';
import { alertDetailView, alertView } from './presenter';
import * as q from './queries';

const OPEN = ['open', 'acknowledged', 'acted'];

export interface HandlingDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  persons: Pick<PersonService, 'access'>;
  users: Pick<UserService, 'holdersOver' | 'names'>;
  supervision: Pick<SupervisionService, 'recordOf'>;
}

export function alertHandling(deps: HandlingDeps) {
  const { db, audit, persons } = deps;

  /** The alert and its person's path, if the actor holds `perm` over the person; else 404 `alert.not_found`. */
  async function load(exec: Executor, ctx: Ctx, id: string, perm: Permission) {
    const row = await q.alertWithPerson(exec, id);
    if (!row) throw notFound('alert');
    const p = await persons.access(exec, ctx.actor, row.a.personId, perm).catch(asMissing('alert'));
    return { row, orgPath: p.orgPath };
  }

  const auditMove = (exec: Executor, ctx: Ctx, action: string, a: q.AlertRow, orgPath: string, details: Record<string, unknown> = {}) =>
    audit.record(exec, ctx, { action, entityType: 'alert', entityId: a.id, personId: a.personId, orgPath, details: { kind: a.kind, ...details } });

  /** One move from the states given; a move from a closed or withdrawn alert is a 409. */
  async function move(
    tx: Executor,
    ctx: Ctx,
    id: string,
    from: string[],
    patch: Partial<q.AlertRow>,
    event: { kind: string; details?: Record<string, unknown>; comment?: string | null },
  ) {
    const { row, orgPath } = await load(tx, ctx, id, 'supervision.write');
    const now = deps.clock.now();
    const moved = await q.transition(tx, id, from, patch);
    if (!moved) {
      // Read again: a close committed after our first read (two closes at once) is what the loser must hear of.
      const status = (await q.alertById(tx, id))?.status ?? row.a.status;
      throw conflict(status === 'closed' || status === 'withdrawn' ? 'alert.closed' : 'alert.not_open');
    }
    await q.insertEvents(tx, [{ alertId: id, kind: event.kind, actorId: ctx.actor.userId, at: now, details: event.details ?? {}, comment: event.comment ?? null }]);
    return { moved, orgPath, now, row };
  }

  const detail = async (exec: Executor, id: string) => {
    const row = (await q.alertWithPerson(exec, id))!;
    const events = await q.eventsOf(exec, id);
    const names = await deps.users.names(exec, [...new Set(events.map((e) => e.actorId).filter((x): x is string => !!x))]);
    return alertDetailView(row, events, names, deps.clock.now());
  };

  return {
    /** The inbox: my alerts, or every alert of my scope; open, overdue, closed, withdrawn; by severity and age. */
    async listAlerts(ctx: Ctx, f: { scope: 'mine' | 'unit'; state: q.AlertFilter['state']; severity?: string; personId?: string; limit: number; offset: number }) {
      const now = deps.clock.now();
      if (f.personId) await persons.access(db, ctx.actor, f.personId, 'supervision.read');
      const r = await q.listAlerts(db, {
        scope: scopePaths(ctx.actor, 'supervision.read'),
        ownerUserId: f.scope === 'mine' ? ctx.actor.userId : undefined,
        personId: f.personId,
        state: f.state,
        severity: f.severity,
        now,
        limit: f.limit,
        offset: f.offset,
      });
      await audit.record(db, ctx, {
        action: 'alert.list',
        entityType: 'alert',
        details: { scope: f.scope, state: f.state, returned: r.items.length, total: r.total, personId: f.personId },
      });
      return { items: r.items.map((x) => alertView(x, now)), total: r.total };
    },

    async getAlert(ctx: Ctx, id: string) {
      const { row, orgPath } = await load(db, ctx, id, 'supervision.read');
      await auditMove(db, ctx, 'alert.read', row.a, orgPath);
      return detail(db, id);
    },

    acknowledge: (ctx: Ctx, id: string) =>
      db.transaction(async (tx) => {
        const { moved, orgPath } = await move(tx, ctx, id, ['open'], { status: 'acknowledged', handledAt: deps.clock.now() }, { kind: 'acknowledged' });
        await auditMove(tx, ctx, 'alert.acknowledge', moved, orgPath);
        return detail(tx, id);
      }),

    /** What was done about it: the record it made (a visit, a talk, a test) links to the alert. */
    act: (ctx: Ctx, id: string, body: { recordId: string; comment?: string }) =>
      db.transaction(async (tx) => {
        const { row } = await load(tx, ctx, id, 'supervision.write');
        const record = await deps.supervision.recordOf(tx, row.a.personId, body.recordId);
        if (!record) throw fieldError('recordId', 'alert.record_invalid');
        const links = [...(row.a.links as { type: string; id: string }[]), { type: 'record', id: record.id }];
        const { moved, orgPath } = await move(
          tx,
          ctx,
          id,
          OPEN,
          { status: 'acted', handledAt: row.a.handledAt ?? deps.clock.now(), links },
          { kind: 'acted', details: { recordId: record.id, recordKind: record.kind }, comment: body.comment || null },
        );
        await auditMove(tx, ctx, 'alert.act', moved, orgPath, { recordId: record.id, recordKind: record.kind });
        return detail(tx, id);
      }),

    comment: (ctx: Ctx, id: string, body: { comment: string }) =>
      db.transaction(async (tx) => {
        const { moved, orgPath } = await move(tx, ctx, id, OPEN, {}, { kind: 'commented', comment: body.comment });
        await auditMove(tx, ctx, 'alert.comment', moved, orgPath);
        return detail(tx, id);
      }),

    /** To someone who works on the person (holds supervision.write over his unit). */
    reassign: (ctx: Ctx, id: string, body: { userId: string }) =>
      db.transaction(async (tx) => {
        const { orgPath } = await load(tx, ctx, id, 'supervision.write');
        const holders = (await deps.users.holdersOver(tx, 'supervision.write', [orgPath])).get(orgPath) ?? [];
        if (!holders.includes(body.userId)) throw fieldError('userId', 'alert.assignee_invalid');
        const { moved } = await move(tx, ctx, id, OPEN, { ownerUserId: body.userId }, { kind: 'reassigned', details: { toUserId: body.userId } });
        await auditMove(tx, ctx, 'alert.reassign', moved, orgPath, { toUserId: body.userId });
        return detail(tx, id);
      }),

    /** K17: closed with an outcome; handled within the deadline if first handled (or closed) before it. */
    close: (ctx: Ctx, id: string, body: { outcome: AlertOutcome; comment?: string }) =>
      db.transaction(async (tx) => {
        const now = deps.clock.now();
        const { moved, orgPath } = await move(
          tx,
          ctx,
          id,
          OPEN,
          { status: 'closed', closedAt: now, closedBy: ctx.actor.userId, outcome: body.outcome },
          { kind: 'closed', details: { outcome: body.outcome }, comment: body.comment || null },
        );
        const handled = moved.handledAt ?? now;
        await auditMove(tx, ctx, 'alert.close', moved, orgPath, { outcome: body.outcome, withinDeadline: handled.getTime() <= moved.deadline.getTime() });
        return detail(tx, id);
      }),
  };
}
