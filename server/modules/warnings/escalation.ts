// Escalation (issue 13): an alert left untouched past its deadline goes to the street officer
// (holders of leave.approve over the person's unit, who decide for the street, C4, but not the
// office), and the policy's hours later to the drug-control office (holders of person.sealed.read,
// the office's own permission), each with an in-app message through the reminders outbox.
import type { Executor } from '../../db/client';
import type { RequestContext } from '../../http/context';
import type { AuditService } from '../audit/service';
import type { PolicyService } from '../policy/service';
import type { ReminderService, NewMessage } from '../reminders/service';
import type { UserService } from '../users/service';
import { escalationLevel } from '../../../core/rules/alerts';
import { label } from '../../../core/labels';
import * as q from './queries';

/** Level 1: the street officers (leave.approve, not the office); level 2: the drug-control office (person.sealed.read). */
async function recipients(exec: Executor, deps: Pick<EscalationDeps, 'users'>, level: 1 | 2, orgPath: string): Promise<string[]> {
  const office = (await deps.users.holdersOver(exec, 'person.sealed.read', [orgPath])).get(orgPath) ?? [];
  if (level === 2) return office;
  const officers = (await deps.users.holdersOver(exec, 'leave.approve', [orgPath])).get(orgPath) ?? [];
  return officers.filter((u) => !office.includes(u));
}

export interface EscalationDeps {
  audit: AuditService;
  users: Pick<UserService, 'holdersOver'>;
  reminders: Pick<ReminderService, 'enqueue'>;
  policy: Pick<PolicyService, 'resolver'>;
}

/** Raises every due alert one level (at most two), once: the level moves in a conditional UPDATE and the message is deduplicated. */
export async function escalate(exec: Executor, deps: EscalationDeps, now: Date, ctx: RequestContext): Promise<number> {
  const due = await q.pastDeadline(exec, now, 5000);
  if (due.length === 0) return 0;
  const policyOf = await deps.policy.resolver(exec);
  let n = 0;
  for (const { a, orgPath, personName } of due) {
    const level = escalationLevel(a, now, policyOf(orgPath).policy);
    if (level === a.escalationLevel) continue;
    const moved = await q.setEscalation(exec, a.id, a.escalationLevel, level, now);
    if (!moved) continue;
    n++;
    await q.insertEvents(exec, [{ alertId: a.id, kind: 'escalated', actorId: null, at: now, details: { level } }]);
    await deps.audit.record(exec, ctx, { action: 'alert.escalate', entityType: 'alert', entityId: a.id, personId: a.personId, orgPath, details: { kind: a.kind, level } });
    const to = await recipients(exec, deps, level as 1 | 2, orgPath);
    const zh = label('alertKind', a.kind, 'zh-CN');
    const messages: NewMessage[] = to.map((userId) => ({
      channel: 'in_app',
      recipientUserId: userId,
      personId: a.personId,
      dedupeKey: `alert:${a.id}:escalated:${level}:${userId}`,
      title: `预警升级 · ${zh}`,
      body: `${personName}：${zh}（${a.factDate}）已超过处置期限未处置，请督办。`,
      details: { kind: 'alert', alertId: a.id, level },
    }));
    await deps.reminders.enqueue(exec, messages);
  }
  return n;
}
