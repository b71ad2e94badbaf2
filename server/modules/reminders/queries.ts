import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { reminderMessages } from './schema';
import type { Executor } from '../../db/client';

export type MessageRow = typeof reminderMessages.$inferSelect;
export type NewMessageRow = typeof reminderMessages.$inferInsert;

/** Inserts what is new; a dedupe key seen before is skipped. Returns the rows inserted. */
export async function insertNew(exec: Executor, rows: NewMessageRow[]): Promise<MessageRow[]> {
  const out: MessageRow[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    out.push(
      ...(await exec
        .insert(reminderMessages)
        .values(rows.slice(i, i + 500))
        .onConflictDoNothing({ target: reminderMessages.dedupeKey })
        .returning()),
    );
  }
  return out;
}

/**
 * Claims SMS messages due for a send: the rows stay locked until the caller's transaction
 * ends, and another sender skips them (SKIP LOCKED), so no message is sent by two at once.
 * PGlite has one connection and takes the same SQL.
 */
export async function claimDue(exec: Executor, now: Date, limit: number): Promise<MessageRow[]> {
  return exec
    .select()
    .from(reminderMessages)
    .where(and(eq(reminderMessages.status, 'pending'), eq(reminderMessages.channel, 'sms'), lte(reminderMessages.nextAttemptAt, now)))
    .orderBy(asc(reminderMessages.nextAttemptAt), asc(reminderMessages.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function update(exec: Executor, id: string, patch: Partial<NewMessageRow>) {
  await exec.update(reminderMessages).set(patch).where(eq(reminderMessages.id, id));
}

export async function inbox(exec: Executor, userId: string, unreadOnly: boolean, limit: number) {
  return exec
    .select()
    .from(reminderMessages)
    .where(and(eq(reminderMessages.recipientUserId, userId), eq(reminderMessages.channel, 'in_app'), unreadOnly ? isNull(reminderMessages.readAt) : undefined))
    .orderBy(desc(reminderMessages.createdAt), desc(reminderMessages.id))
    .limit(limit);
}

export async function unreadCount(exec: Executor, userId: string): Promise<number> {
  const r = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(reminderMessages)
    .where(and(eq(reminderMessages.recipientUserId, userId), eq(reminderMessages.channel, 'in_app'), isNull(reminderMessages.readAt)));
  return Number(r[0]?.n ?? 0);
}

export async function byId(exec: Executor, id: string) {
  const r = await exec.select().from(reminderMessages).where(eq(reminderMessages.id, id));
  return r[0];
}

export async function byDedupeKeys(exec: Executor, keys: string[]) {
  if (keys.length === 0) return [];
  return exec.select().from(reminderMessages).where(inArray(reminderMessages.dedupeKey, keys));
}

/** P4, issue 14: the retention purge: the messages about the person or to him (their text names him). */
export async function purgePerson(exec: Executor, personId: string): Promise<Record<string, number>> {
  const gone = await exec
    .delete(reminderMessages)
    .where(sql`${reminderMessages.personId} = ${personId} or ${reminderMessages.recipientPersonId} = ${personId}`)
    .returning({ id: reminderMessages.id });
  return { reminder_messages: gone.length };
}
