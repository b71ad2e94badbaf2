// Notices to the police (C6, C1, C11) and education records (C6): listing, delivery, acknowledgement.
import { compareDates } from '../../../core/rules/dates';
import { asMissing, conflict, fieldError, notFound } from '../../errors';
import { inScope, scopePaths } from '../../http/context';
import type { Permission } from '../../../core/contracts/permissions';
import type { Executor } from '../../db/client';
import { educationView, noticeView } from './views';
import type { Core, Ctx } from './core';
import * as q from './queries';

export const noticeMessages = {
  'notice.not_found': ['通知不存在', 'No such notice'],
  'notice.already_delivered': ['该通知已登记送达', 'This notice has been delivered already'],
  'notice.already_acknowledged': ['该通知已签收', 'This notice has been acknowledged already'],
  'notice.withdrawn': ['该通知已撤回或已更正', 'This notice has been withdrawn or corrected'],
  'education.not_found': ['批评教育记录不存在', 'No such education record'],
  'education.already_done': ['该批评教育已登记', 'This education has been recorded already'],
  'education.withdrawn': ['该违规事实已更正，无需批评教育', 'The breach no longer holds: no education is needed'],
} satisfies Record<string, [string, string]>;

export function noticeFunctions(core: Core) {
  const { db, audit } = core;

  /** A notice the actor may act on with `perm` (through the person's current unit); else 404. */
  async function reach(exec: Executor, ctx: Ctx, id: string, perm: Permission) {
    const r = await q.noticeById(exec, id);
    if (!r || !inScope(ctx.actor, perm, r.orgPath)) throw notFound('notice');
    return r;
  }

  async function reload(exec: Executor, id: string) {
    return noticeView((await q.noticeById(exec, id))!, core.clock.now());
  }

  return {
    /** Notices of persons in my subtrees (a police officer sees those of the units he holds). */
    async notices(ctx: Ctx, f: { state: 'open' | 'acknowledged' | 'withdrawn' | 'all'; personId?: string; limit: number; offset: number }) {
      const scope = scopePaths(ctx.actor, 'notice.read');
      if (scope.length === 0) return { items: [], total: 0 };
      const res = await q.notices(db, { ...f, scope });
      await audit.record(db, ctx, { action: 'notice.list', entityType: 'police_notice', details: { filter: f, returned: res.items.length, total: res.total } });
      const now = core.clock.now();
      return { items: res.items.map((r) => noticeView(r, now)), total: res.total };
    },

    /** The street records that the notice reached the police station (who, when, how). */
    deliverNotice: (ctx: Ctx, id: string, body: { note?: string }) =>
      db.transaction(async (tx) => {
        const r = await reach(tx, ctx, id, 'supervision.write');
        if (r.n.withdrawnAt) throw conflict('notice.withdrawn');
        if (r.n.acknowledgedAt) throw conflict('notice.already_acknowledged');
        if (r.n.deliveredAt) throw conflict('notice.already_delivered');
        await q.updateNotice(tx, id, { deliveredAt: core.clock.now(), deliveredBy: ctx.actor.userId, deliveryNote: body.note ?? null });
        const view = await reload(tx, id);
        await audit.record(tx, ctx, { action: 'notice.deliver', entityType: 'police_notice', entityId: id, personId: r.n.personId, orgPath: r.orgPath, after: view });
        return view;
      }),

    /** The police acknowledge; a notice read in the system is delivered by that too. */
    acknowledgeNotice: (ctx: Ctx, id: string) =>
      db.transaction(async (tx) => {
        const r = await reach(tx, ctx, id, 'notice.acknowledge');
        if (r.n.withdrawnAt) throw conflict('notice.withdrawn');
        if (r.n.acknowledgedAt) throw conflict('notice.already_acknowledged');
        const now = core.clock.now();
        await q.updateNotice(tx, id, {
          acknowledgedAt: now,
          acknowledgedBy: ctx.actor.userId,
          ...(r.n.deliveredAt ? {} : { deliveredAt: now, deliveredBy: ctx.actor.userId, deliveryNote: 'acknowledged in the system' }),
        });
        const view = await reload(tx, id);
        await audit.record(tx, ctx, { action: 'notice.acknowledge', entityType: 'police_notice', entityId: id, personId: r.n.personId, orgPath: r.orgPath, after: view });
        return view;
      }),

    /** The worker records the talk of criticism and education (C6). */
    educationDone: (ctx: Ctx, id: string, body: { date: string; note: string }) =>
      db.transaction(async (tx) => {
        const before = await q.educationById(tx, id);
        if (!before) throw notFound('education');
        const person = await core.persons.access(tx, ctx.actor, before.personId, 'supervision.write').catch(asMissing('education'));
        if (before.conductedOn) throw conflict('education.already_done');
        if (before.withdrawnAt) throw conflict('education.withdrawn');
        if (compareDates(body.date, core.today()) > 0) throw fieldError('date', 'supervision.date_future');
        if (compareDates(body.date, before.factDate) < 0) throw fieldError('date', 'supervision.date_before_fact');
        const after = await q.updateEducation(tx, id, { conductedOn: body.date, conductedBy: ctx.actor.userId, conductedAt: core.clock.now(), note: body.note });
        await audit.record(tx, ctx, {
          action: 'education.done',
          entityType: 'education_record',
          entityId: id,
          personId: before.personId,
          orgPath: person.orgPath,
          before: educationView(before),
          after: educationView(after),
        });
        return educationView(after);
      }),
  };
}
