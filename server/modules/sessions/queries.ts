import { and, eq, gt, isNull, lt, or, sql, desc } from 'drizzle-orm';
import { sessions } from './schema';
import type { Executor } from '../../db/client';

export type SessionRow = typeof sessions.$inferSelect;

export async function insert(exec: Executor, row: typeof sessions.$inferInsert): Promise<SessionRow> {
  const r = await exec.insert(sessions).values(row).returning();
  return r[0]!;
}

export async function byTokenHash(exec: Executor, tokenHash: string) {
  const r = await exec.select().from(sessions).where(eq(sessions.tokenHash, tokenHash));
  return r[0];
}

export async function byId(exec: Executor, id: string) {
  const r = await exec.select().from(sessions).where(eq(sessions.id, id));
  return r[0];
}

export async function update(exec: Executor, id: string, patch: Partial<typeof sessions.$inferInsert>) {
  await exec.update(sessions).set(patch).where(eq(sessions.id, id));
}

export async function revokeAllForUser(exec: Executor, userId: string, at: Date, reason: string, exceptId?: string) {
  await exec
    .update(sessions)
    .set({ revokedAt: at, revokedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), exceptId ? sql`${sessions.id} <> ${exceptId}` : undefined));
}

export async function activeForUser(exec: Executor, userId: string, now: Date) {
  return exec
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt));
}

/** Sessions ended long ago are of no use; the audit trail keeps the sign-in history. */
export async function purgeEndedBefore(exec: Executor, before: Date): Promise<void> {
  await exec.delete(sessions).where(or(lt(sessions.expiresAt, before), lt(sessions.revokedAt, before)));
}

export async function countMfaFailure(exec: Executor, id: string): Promise<number> {
  const r = await exec
    .update(sessions)
    .set({ mfaFailures: sql`${sessions.mfaFailures} + 1` })
    .where(eq(sessions.id, id))
    .returning({ n: sessions.mfaFailures });
  return r[0]?.n ?? 0;
}
