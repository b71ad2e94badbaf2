import { and, desc, eq, gte, lt, sql, or, like, type SQL } from 'drizzle-orm';
import { auditLog } from './schema';
import { rows, type Executor } from '../../db/client';
import { insertJson } from '../../db/bulk';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;

// Serialises audit writers so the chain never forks; held until the surrounding transaction ends.
const CHAIN_LOCK = 7_263_001;

export async function lockChain(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
}

export async function lastHash(tx: Executor): Promise<string | null> {
  const r = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return r[0]?.hash ?? null;
}

/**
 * Rows in chain order: the identity column numbers them in the order given. One JSON parameter
 * per call (json_populate_recordset keeps the array's order), three times faster than bound
 * values for the thousands of rows of a ledger import (issue 11.4).
 */
export async function insertRows(tx: Executor, rows: NewAuditRow[]): Promise<void> {
  await insertJson(tx, auditLog, rows);
}

export async function rowsAfter(exec: Executor, afterId: number, limit: number): Promise<AuditRow[]> {
  return exec.select().from(auditLog).where(sql`${auditLog.id} > ${afterId}`).orderBy(auditLog.id).limit(limit);
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  personId?: string;
  outcome?: 'success' | 'failure' | 'denied';
  from?: Date;
  to?: Date;
  /** null = unrestricted (auditor holds a root unit); else org path prefixes. */
  scope: string[] | null;
}

function where(f: AuditFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (f.actor) parts.push(or(eq(auditLog.actorName, f.actor), sql`${auditLog.actorId}::text = ${f.actor}`));
  if (f.action) parts.push(like(auditLog.action, `${f.action.replace(/[%_\\]/g, '\\$&')}%`));
  if (f.entityType) parts.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) parts.push(eq(auditLog.entityId, f.entityId));
  if (f.personId) parts.push(eq(auditLog.personId, f.personId));
  if (f.outcome) parts.push(eq(auditLog.outcome, f.outcome));
  if (f.from) parts.push(gte(auditLog.at, f.from));
  if (f.to) parts.push(lt(auditLog.at, f.to));
  if (f.scope) {
    const inScope = f.scope.flatMap((p) => [like(auditLog.orgPath, `${p}%`), like(auditLog.actorOrgPath, `${p}%`)]);
    parts.push(inScope.length ? or(...inScope) : sql`false`);
  }
  return and(...parts);
}

export async function search(exec: Executor, f: AuditFilter, limit: number, offset: number) {
  const items = await exec.select().from(auditLog).where(where(f)).orderBy(desc(auditLog.id)).limit(limit).offset(offset);
  const [count] = await exec.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where(f));
  return { items, total: Number(count?.n ?? 0) };
}

export async function countRows(exec: Executor): Promise<number> {
  const r = await rows<{ n: number }>(exec, sql`select count(*)::int as n from audit_log`);
  return Number(r[0]?.n ?? 0);
}


