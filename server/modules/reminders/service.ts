import './audit-actions';
import type { Db, Executor } from '../../db/client';
import type { Clock } from '../../clock';
import { notFound } from '../../errors';
import { registerMessages } from '../../messages';
import type { Principal, RequestContext } from '../../http/context';
import type { AuditService } from '../audit/service';
import type { SmsSender } from './senders';
import * as q from './queries';

registerMessages({
  'message.not_found': ['消息不存在', 'No such message'],
});

type Ctx = RequestContext & { actor: Principal };

/** Where an SMS about a person may go: null when the person has not consented (P2) or has no phone. */
export type SmsRecipientResolver = (exec: Executor, personId: string) => Promise<{ phone: string; orgPath: string } | null>;

export interface NewMessage {
  channel: 'in_app' | 'sms';
  recipientUserId?: string | null;
  recipientPersonId?: string | null;
  personId?: string | null;
  title: string;
  body: string;
  /** Unique: a message with a key seen before is not enqueued again. */
  dedupeKey: string;
  details?: Record<string, unknown>;
}

/** Retries: 1 min, 2, 4, 8, 16 (capped at 6 h); after this many attempts the message is failed. */
export const MAX_ATTEMPTS = 6;
const BASE_BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 6 * 3_600_000;
export const backoffMs = (attempts: number) => Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));

const JOB_CTX: RequestContext = { actor: null, ip: null, userAgent: 'job:reminders.send' };

export function createReminderService(deps: { db: Db; clock: Clock; audit: AuditService; sender: SmsSender }) {
  const { db, clock } = deps;
  let sender = deps.sender;
  let resolveRecipient: SmsRecipientResolver = async () => null;

  function view(m: q.MessageRow) {
    return {
      id: m.id,
      title: m.title,
      body: m.body,
      personId: m.personId,
      createdAt: m.createdAt.toISOString(),
      readAt: m.readAt?.toISOString() ?? null,
      details: (m.details as Record<string, unknown> | null) ?? null,
    };
  }

  return {
    /** P4, issue 14: the retention purge of a person's rows of this module, in the purge's transaction (sealing/daily.ts). */
    purgePerson: (tx: Executor, personId: string) => q.purgePerson(tx, personId),
    /** Enqueues in the caller's transaction; in-app messages are delivered by being stored. Returns the number new. */
    async enqueue(exec: Executor, messages: NewMessage[]): Promise<number> {
      if (messages.length === 0) return 0;
      const now = clock.now();
      const unique = [...new Map(messages.map((m) => [m.dedupeKey, m])).values()];
      const rows = unique.map((m): q.NewMessageRow => ({
        channel: m.channel,
        recipientUserId: m.recipientUserId ?? null,
        recipientPersonId: m.recipientPersonId ?? null,
        personId: m.personId ?? null,
        title: m.title,
        body: m.body,
        dedupeKey: m.dedupeKey,
        status: m.channel === 'in_app' ? 'sent' : 'pending',
        sentAt: m.channel === 'in_app' ? now : null,
        nextAttemptAt: now,
        details: m.details ?? null,
        createdAt: now,
      }));
      return (await q.insertNew(exec, rows)).length;
    },

    /**
     * Sends the SMS messages that are due, each claimed under a row lock inside `exec`'s
     * transaction; a failure is retried later with exponential backoff.
     */
    async sendDue(exec: Executor, limit = 100) {
      const now = clock.now();
      const claimed = await q.claimDue(exec, now, limit);
      const counts = { claimed: claimed.length, sent: 0, retrying: 0, failed: 0, cancelled: 0 };
      for (const m of claimed) {
        const attempts = m.attempts + 1;
        const to = m.recipientPersonId ? await resolveRecipient(exec, m.recipientPersonId) : null;
        if (!to) {
          counts.cancelled++;
          await q.update(exec, m.id, { status: 'cancelled', lastError: 'no consent or no phone' });
          continue;
        }
        try {
          const params = Object.fromEntries(Object.entries((m.details as Record<string, unknown> | null)?.params ?? {}).map(([k, v]) => [k, String(v)]));
          await sender.send({ id: m.id, dedupeKey: m.dedupeKey, phone: to.phone, text: m.body, params });
          counts.sent++;
          await q.update(exec, m.id, { status: 'sent', attempts, sentAt: clock.now(), lastError: null });
          await deps.audit.record(exec, JOB_CTX, {
            action: 'reminder.sms_sent',
            entityType: 'reminder_message',
            entityId: m.id,
            personId: m.recipientPersonId ?? undefined,
            orgPath: to.orgPath,
            details: { sender: sender.name, attempts },
          });
        } catch (err) {
          const error = err instanceof Error ? err.message : String(err);
          if (attempts >= MAX_ATTEMPTS) {
            counts.failed++;
            await q.update(exec, m.id, { status: 'failed', attempts, lastError: error.slice(0, 500) });
          } else {
            counts.retrying++;
            await q.update(exec, m.id, { attempts, lastError: error.slice(0, 500), nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) });
          }
        }
      }
      return counts;
    },

    async inbox(ctx: Ctx, opts: { unread: boolean; limit: number }) {
      const items = await q.inbox(db, ctx.actor.userId, opts.unread, opts.limit);
      return { items: items.map(view), unread: await q.unreadCount(db, ctx.actor.userId) };
    },

    /** Only the recipient may mark a message read; anyone else gets a 404. */
    async markRead(ctx: Ctx, id: string) {
      const m = await q.byId(db, id);
      if (!m || m.channel !== 'in_app' || m.recipientUserId !== ctx.actor.userId) throw notFound('message');
      if (!m.readAt) await q.update(db, id, { readAt: clock.now() });
      return view((await q.byId(db, id))!);
    },

    /** Supervision tells the outbox where a person's SMS goes (consent and phone). */
    useRecipientResolver(resolver: SmsRecipientResolver) {
      resolveRecipient = resolver;
    },

    /** Tests and deployments with a custom gateway swap the sender. */
    useSender(s: SmsSender) {
      sender = s;
    },

    byDedupeKeys: (exec: Executor, keys: string[]) => q.byDedupeKeys(exec, keys),
  };
}

export type ReminderService = ReturnType<typeof createReminderService>;
