// Issue 9.13 (RULES C6, M5): a notice must not outlive the fact behind it. After each recompute the
// standing notices and education records of the persons are judged against what the facts
// support now (core/rules/notices.ts): a notice not yet with the police is withdrawn with the
// reason; one they have (delivered or acknowledged) is withdrawn and a correction notice (更正)
// is raised, delivered and acknowledged like a notice. The police of the person's area and his
// worker are told in the app either way; the person hears of it from his worker (P1/P2: no SMS
// about a breach). Education for a breach that no longer holds is withdrawn.
import type { Executor } from '../../db/client';
import type { RequestContext } from '../../http/context';
import { educationWithdrawals, noticeDeadline, noticeWithdrawals } from '../../../core/rules/notices';
import type { PersonOutcome } from '../../../core/rules/assessment';
import type { Policy } from '../../../core/rules/policy';
import { label } from '../../../core/labels';
import type { NewMessage } from '../reminders/service';
import type { SyncDeps } from './sync';
import * as q from './queries';

export type WithdrawalCause = 'record_voided' | 'record_corrected' | 'facts_changed';

export interface Withdrawn {
  /** The notices withdrawn, and the corrections raised for those the police had. */
  notices: q.NoticeRow[];
  education: q.EducationRow[];
}

type Person = { id: string; name: string; orgPath: string; workerId: string | null };
type Outcomes = Map<string, PersonOutcome & { policy: Policy }>;

export async function withdrawOutlived(
  exec: Executor,
  deps: SyncDeps,
  ctx: RequestContext,
  people: Map<string, Person>,
  outcomes: Outcomes,
  cause: WithdrawalCause,
): Promise<Withdrawn> {
  const ids = [...outcomes.keys()];
  const stored = await q.standingNotices(exec, ids);
  const storedEducation = await q.standingEducation(exec, ids);
  const judged = ids.flatMap((id) =>
    noticeWithdrawals(
      stored.filter((n) => n.personId === id),
      outcomes.get(id)!.standing,
    ),
  );
  const educationIds = ids.flatMap((id) =>
    educationWithdrawals(
      storedEducation.filter((e) => e.personId === id),
      outcomes.get(id)!.standing,
    ),
  );
  if (judged.length === 0 && educationIds.length === 0) return { notices: [], education: [] };
  const now = deps.now();
  const by = ctx.actor?.userId ?? null;
  const withdrawn = await q.withdrawNotices(
    exec,
    judged.map((j) => j.id),
    { withdrawnAt: now, withdrawnBy: by, withdrawalReason: cause },
  );
  const needCorrection = new Set(judged.filter((j) => j.correction).map((j) => j.id));
  const corrections = await q.insertNotices(
    exec,
    withdrawn
      .filter((n) => needCorrection.has(n.id))
      .map((n) => {
        const policy = outcomes.get(n.personId)!.policy;
        return {
          personId: n.personId,
          measureId: n.measureId,
          reason: n.reason,
          kind: 'correction' as const,
          correctsId: n.id,
          factKey: `correction:${n.id}`,
          factDate: n.factDate,
          details: { rule: 'C6', corrects: n.id, cause },
          policyVersion: policy.version,
          deadline: noticeDeadline(now, policy),
          createdAt: now,
          createdBy: by,
        };
      }),
  );
  const correctionOf = new Map(corrections.map((c) => [c.correctsId!, c]));
  const police = await deps.holdersOver(exec, 'notice.acknowledge', [...new Set(withdrawn.map((n) => people.get(n.personId)!.orgPath))]);
  for (const n of withdrawn) {
    const p = people.get(n.personId)!;
    const correction = correctionOf.get(n.id) ?? null;
    await deps.audit.record(exec, ctx, {
      action: 'notice.withdraw',
      entityType: 'police_notice',
      entityId: n.id,
      personId: n.personId,
      orgPath: p.orgPath,
      details: { cause, reason: n.reason, factDate: n.factDate, correctionId: correction?.id ?? null },
    });
    if (correction) {
      await deps.audit.record(exec, ctx, {
        action: 'notice.correct',
        entityType: 'police_notice',
        entityId: correction.id,
        personId: n.personId,
        orgPath: p.orgPath,
        details: { cause, corrects: n.id, reason: n.reason, deadline: correction.deadline.toISOString() },
      });
    }
    await deps.reminders.enqueue(exec, withdrawalMessages(n, correction, p, police.get(p.orgPath) ?? []));
  }
  const education = await q.withdrawEducation(exec, educationIds, { withdrawnAt: now, withdrawalReason: cause });
  for (const e of education) {
    await deps.audit.record(exec, ctx, {
      action: 'education.withdraw',
      entityType: 'education_record',
      entityId: e.id,
      personId: e.personId,
      orgPath: people.get(e.personId)!.orgPath,
      details: { cause, reason: e.reason, factDate: e.factDate },
    });
  }
  return { notices: [...withdrawn, ...corrections], education };
}

/** What the police and the worker are told: a withdrawal, or that a correction is on its way to be delivered. */
function withdrawalMessages(n: q.NoticeRow, correction: q.NoticeRow | null, p: Person, policeIds: string[]): NewMessage[] {
  const zh = label('noticeReason', n.reason, 'zh-CN');
  const what = correction
    ? { title: `通报更正 · ${zh}`, body: `${p.name}：${zh}（${n.factDate}）的通报所依据的事实已更正，该通报作废。更正通知将送达，请接收后签收。` }
    : { title: `通报撤回 · ${zh}`, body: `${p.name}：${zh}（${n.factDate}）的通报所依据的事实已更正，该通报已撤回，无需处理。` };
  const details = { kind: 'notice', noticeId: n.id, reason: n.reason, withdrawn: true, correctionId: correction?.id ?? null };
  const out: NewMessage[] = policeIds.map((userId) => ({
    channel: 'in_app',
    recipientUserId: userId,
    personId: p.id,
    dedupeKey: `notice:${n.id}:withdrawn:police:${userId}`,
    ...what,
    details: { ...details, audience: 'police' },
  }));
  if (p.workerId) {
    out.push({
      channel: 'in_app',
      recipientUserId: p.workerId,
      personId: p.id,
      dedupeKey: `notice:${n.id}:withdrawn:worker`,
      title: what.title,
      body: correction ? `${p.name}：${zh}（${n.factDate}）的通报须更正：请在期限内将更正通知送达派出所并登记送达。` : what.body,
      details,
    });
  }
  return out;
}
