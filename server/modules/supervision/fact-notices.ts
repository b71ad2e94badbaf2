// Notices to the police whose fact another module owns (issue 14): C11 "did not report after a
// transfer in time" is judged by the transfers module, not by the recompute's rules, so it comes
// here as a fact to raise (once per fact key: the partial unique index on person, reason and fact
// key) or to withdraw (the fact never held: a report dated within the deadline entered late). A
// withdrawn notice the police already had gets a correction (更正), as in withdrawals.ts. Sealed
// files (P4, P5; voluntary treatment M4 is sealed from the start) raise nothing.
import type { Executor } from '../../db/client';
import type { RequestContext } from '../../http/context';
import { noticeDeadline } from '../../../core/rules/notices';
import type { NoticeReason } from '../../../core/rules/assessment';
import { label } from '../../../core/labels';
import type { NewMessage } from '../reminders/service';
import type { Core } from './core';
import type { SyncDeps } from './sync';
import * as q from './queries';

export interface FactNotice {
  personId: string;
  reason: NoticeReason;
  /** Unique per person and reason while standing, e.g. `transfer:<id>`. */
  factKey: string;
  factDate: string;
  details: Record<string, unknown>;
}

export function factNoticeFunctions(core: Core, deps: Pick<SyncDeps, 'holdersOver'>) {
  async function personOf(exec: Executor, personId: string) {
    const [p] = await core.persons.contextOf(exec, [personId]);
    return p ?? null;
  }

  return {
    /**
     * Raises the notice of a fact, in the caller's transaction: the police of the person's area and
     * his worker are told in the app. Returns the notice, or null when it stands already (a second
     * run) or the file is sealed.
     */
    async raiseFactNotice(tx: Executor, ctx: RequestContext, f: FactNotice): Promise<q.NoticeRow | null> {
      const p = await personOf(tx, f.personId);
      if (!p || p.sealed) return null;
      const policy = await core.policyAt(tx, p.orgPath);
      const [community] = await core.measures.communityOf(tx, [f.personId]);
      const now = core.clock.now();
      const [n] = await q.insertNotices(tx, [
        {
          personId: f.personId,
          measureId: community?.measure.id ?? null,
          reason: f.reason,
          factKey: f.factKey,
          factDate: f.factDate,
          details: f.details,
          policyVersion: policy.version,
          deadline: noticeDeadline(now, policy),
          createdAt: now,
          createdBy: ctx.actor?.userId ?? null,
        },
      ]);
      if (!n) return null;
      await core.audit.record(tx, ctx, {
        action: 'notice.create',
        entityType: 'police_notice',
        entityId: n.id,
        personId: n.personId,
        orgPath: p.orgPath,
        after: { reason: n.reason, factKey: n.factKey, factDate: n.factDate, deadline: n.deadline.toISOString(), policyVersion: n.policyVersion, details: n.details },
      });
      const zh = label('noticeReason', n.reason, 'zh-CN');
      const details = { kind: 'notice', noticeId: n.id, reason: n.reason };
      const police = (await deps.holdersOver(tx, 'notice.acknowledge', [p.orgPath])).get(p.orgPath) ?? [];
      const messages: NewMessage[] = police.map((userId) => ({
        channel: 'in_app',
        recipientUserId: userId,
        personId: p.id,
        dedupeKey: `notice:${n.id}:police:${userId}`,
        title: `通报 · ${zh}`,
        body: `${p.name}：${zh}（${n.factDate}）。社区戒毒（康复）工作人员将送达书面通报，请接收后在系统中签收。`,
        details: { ...details, audience: 'police' },
      }));
      if (p.workerId)
        messages.push({
          channel: 'in_app',
          recipientUserId: p.workerId,
          personId: p.id,
          dedupeKey: `notice:${n.id}:worker`,
          title: `通报公安 · ${zh}`,
          body: `${p.name}：${zh}（${n.factDate}）。请在期限内送达派出所并登记送达。`,
          details,
        });
      await core.reminders.enqueue(tx, messages);
      return n;
    },

    /**
     * Withdraws the standing notice of a fact that never held (`facts_changed`); one the police had
     * (delivered or acknowledged) gets a correction notice. Returns the withdrawn notice and the
     * correction, or nulls when none stood.
     */
    async withdrawFactNotice(tx: Executor, ctx: RequestContext, f: Pick<FactNotice, 'personId' | 'reason' | 'factKey'>) {
      const standing = (await q.standingNotices(tx, [f.personId])).find((n) => n.kind === 'notice' && n.reason === f.reason && n.factKey === f.factKey);
      if (!standing) return { withdrawn: null, correction: null };
      const p = (await personOf(tx, f.personId))!;
      const now = core.clock.now();
      const by = ctx.actor?.userId ?? null;
      const [n] = await q.withdrawNotices(tx, [standing.id], { withdrawnAt: now, withdrawnBy: by, withdrawalReason: 'facts_changed' });
      if (!n) return { withdrawn: null, correction: null };
      let correction: q.NoticeRow | null = null;
      if (n.deliveredAt || n.acknowledgedAt) {
        const policy = await core.policyAt(tx, p.orgPath);
        [correction = null] = await q.insertNotices(tx, [
          {
            personId: n.personId,
            measureId: n.measureId,
            reason: n.reason,
            kind: 'correction',
            correctsId: n.id,
            factKey: `correction:${n.id}`,
            factDate: n.factDate,
            details: { rule: 'C6', corrects: n.id, cause: 'facts_changed' },
            policyVersion: policy.version,
            deadline: noticeDeadline(now, policy),
            createdAt: now,
            createdBy: by,
          },
        ]);
      }
      await core.audit.record(tx, ctx, {
        action: 'notice.withdraw',
        entityType: 'police_notice',
        entityId: n.id,
        personId: n.personId,
        orgPath: p.orgPath,
        details: { cause: 'facts_changed', reason: n.reason, factDate: n.factDate, correctionId: correction?.id ?? null },
      });
      if (correction)
        await core.audit.record(tx, ctx, {
          action: 'notice.correct',
          entityType: 'police_notice',
          entityId: correction.id,
          personId: n.personId,
          orgPath: p.orgPath,
          details: { cause: 'facts_changed', corrects: n.id, reason: n.reason, deadline: correction.deadline.toISOString() },
        });
      const zh = label('noticeReason', n.reason, 'zh-CN');
      const police = (await deps.holdersOver(tx, 'notice.acknowledge', [p.orgPath])).get(p.orgPath) ?? [];
      const what = correction
        ? { title: `通报更正 · ${zh}`, body: `${p.name}：${zh}（${n.factDate}）的通报所依据的事实已更正，该通报作废。更正通知将送达，请接收后签收。` }
        : { title: `通报撤回 · ${zh}`, body: `${p.name}：${zh}（${n.factDate}）的通报所依据的事实已更正，该通报已撤回，无需处理。` };
      const details = { kind: 'notice', noticeId: n.id, reason: n.reason, withdrawn: true, correctionId: correction?.id ?? null };
      await core.reminders.enqueue(
        tx,
        police.map((userId) => ({
          channel: 'in_app' as const,
          recipientUserId: userId,
          personId: p.id,
          dedupeKey: `notice:${n.id}:withdrawn:police:${userId}`,
          ...what,
          details: { ...details, audience: 'police' },
        })),
      );
      return { withdrawn: n, correction };
    },
  };
}
