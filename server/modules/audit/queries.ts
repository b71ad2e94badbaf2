import { and, asc, desc, eq, gt, gte, lte, lt, sql, or, like, type SQL } from 'drizzle-orm';
import { auditBatches, auditLog } from './schema';
import { rows, type Executor } from '../../db/client';
import type { HashedFields } from './canonical';

export type AuditRow = typeof auditLog.$inferSelect;
export type BatchRow = typeof auditBatches.$inferSelect;

/**
 * Appends rows without any lock. The CTE gives the transaction its id *before* the identity
 * default draws the row's id (the insert's projection needs the CTE's row first): so whoever
 * holds an id the sequencer may count on already has a transaction id that the sequencer waits
 * for (docs/decisions/0009-audit-sealed-batches.md).
 */
export async function insertRows(exec: Executor, list: HashedFields[]): Promise<void> {
  const json = JSON.stringify(
    list.map((f) => ({
      at: f.at.toISOString(),
      actor_id: f.actorId,
      actor_name: f.actorName,
      actor_org_path: f.actorOrgPath,
      action: f.action,
      outcome: f.outcome,
      entity_type: f.entityType,
      entity_id: f.entityId,
      person_id: f.personId,
      org_path: f.orgPath,
      purpose: f.purpose,
      ip: f.ip,
      user_agent: f.userAgent,
      before: f.before,
      after: f.after,
      details: f.details,
    })),
  );
  await exec.execute(sql`
    with x as materialized (select pg_current_xact_id() as xid)
    insert into audit_log (at, actor_id, actor_name, actor_org_path, action, outcome, entity_type, entity_id, person_id, org_path, purpose, ip, user_agent, before, after, details)
    select r.at, r.actor_id, r.actor_name, r.actor_org_path, r.action, r.outcome, r.entity_type, r.entity_id, r.person_id, r.org_path, r.purpose, r.ip, r.user_agent, r.before, r.after, r.details
    from x, jsonb_to_recordset(${json}::jsonb) as r(at timestamptz, actor_id uuid, actor_name text, actor_org_path text, action text, outcome text, entity_type text,
      entity_id text, person_id uuid, org_path text, purpose text, ip text, user_agent text, before jsonb, after jsonb, details jsonb)
    where x.xid is not null`);
}

/** The highest id handed out so far (committed or not); 0 before the first. */
export async function sequenceLast(exec: Executor): Promise<number> {
  const r = await rows<{ n: string | null }>(exec, sql`select pg_sequence_last_value(pg_get_serial_sequence('audit_log', 'id')::regclass)::text as n`);
  return Number(r[0]?.n ?? 0);
}

/** This transaction's id, assigned now if it has none yet. */
export async function currentXid(exec: Executor): Promise<string> {
  return (await rows<{ x: string }>(exec, sql`select pg_current_xact_id()::text as x`))[0]!.x;
}

/** True when every transaction with an id up to `xid` has ended (committed or rolled back). */
export async function endedThrough(exec: Executor, xid: string): Promise<boolean> {
  const r = await rows<{ ok: boolean }>(exec, sql`select pg_snapshot_xmin(pg_current_snapshot()) > ${xid}::xid8 as ok`);
  return !!r[0]?.ok;
}

export async function lastBatch(exec: Executor): Promise<BatchRow | null> {
  return (await exec.select().from(auditBatches).orderBy(desc(auditBatches.batch)).limit(1))[0] ?? null;
}

export async function batchByNumber(exec: Executor, batch: number): Promise<BatchRow | null> {
  return (await exec.select().from(auditBatches).where(eq(auditBatches.batch, batch)))[0] ?? null;
}

export async function batchesAfter(exec: Executor, batch: number, limit: number): Promise<BatchRow[]> {
  return exec.select().from(auditBatches).where(gt(auditBatches.batch, batch)).orderBy(asc(auditBatches.batch)).limit(limit);
}

/** The sealed batch holding `id`, if any. */
export async function batchOf(exec: Executor, id: number): Promise<BatchRow | null> {
  return (
    (
      await exec
        .select()
        .from(auditBatches)
        .where(and(lte(auditBatches.firstId, id), gte(auditBatches.lastId, id)))
        .limit(1)
    )[0] ?? null
  );
}

export async function insertBatch(exec: Executor, b: BatchRow): Promise<void> {
  await exec.insert(auditBatches).values(b);
}

/** Rows with `after < id <= upTo`, in id order. */
export async function rowsBetween(exec: Executor, after: number, upTo: number, limit: number): Promise<AuditRow[]> {
  return exec
    .select()
    .from(auditLog)
    .where(and(gt(auditLog.id, after), lte(auditLog.id, upTo)))
    .orderBy(asc(auditLog.id))
    .limit(limit);
}

export async function unsealedAfter(exec: Executor, id: number): Promise<{ n: number; oldest: Date | null }> {
  const r = await rows<{ n: number; oldest: string | Date | null }>(exec, sql`select count(*)::int as n, min(at) as oldest from audit_log where id > ${id}`);
  const oldest = r[0]?.oldest ?? null;
  return { n: Number(r[0]?.n ?? 0), oldest: oldest ? new Date(oldest) : null };
}

export interface AuditFilter {
  id?: number;
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
  if (f.id !== undefined) parts.push(eq(auditLog.id, f.id));
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
  const [count] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(where(f));
  return { items, total: Number(count?.n ?? 0) };
}

export interface GroupRow {
  key: string | null;
  actorName: string | null;
  rows: number;
  firstAt: Date;
  lastAt: Date;
  actions: Record<string, number>;
}

/** The same search, one line per user or per person: how many rows, when, which actions. */
export async function grouped(exec: Executor, f: AuditFilter, by: 'actor' | 'person', limit: number, offset: number) {
  const key = by === 'actor' ? sql`coalesce(${auditLog.actorId}::text, '')` : sql`${auditLog.personId}::text`;
  const filter = (by === 'person' ? and(where(f), sql`${auditLog.personId} is not null`) : where(f)) ?? sql`true`;
  const list = await rows<{ key: string; actor_name: string | null; n: number; first_at: string | Date; last_at: string | Date; actions: Record<string, number> }>(
    exec,
    sql`
    select g.key, g.actor_name, g.n, g.first_at, g.last_at, (
      select jsonb_object_agg(a.action, a.n) from (
        select action, count(*)::int as n from audit_log where ${filter} and ${key} = g.key group by action
      ) a
    ) as actions
    from (
      select ${key} as key, ${by === 'actor' ? sql`max(actor_name)` : sql`null::text`} as actor_name, count(*)::int as n, min(at) as first_at, max(at) as last_at
      from audit_log where ${filter} group by 1
    ) g
    order by g.n desc, g.key limit ${limit} offset ${offset}`,
  );
  const total = await rows<{ n: number }>(exec, sql`select count(distinct ${key})::int as n from audit_log where ${filter}`);
  return {
    items: list.map((r): GroupRow => ({
      key: r.key || null,
      actorName: r.actor_name,
      rows: Number(r.n),
      firstAt: new Date(r.first_at),
      lastAt: new Date(r.last_at),
      actions: r.actions ?? {},
    })),
    total: Number(total[0]?.n ?? 0),
  };
}

export async function countRows(exec: Executor): Promise<number> {
  const r = await rows<{ n: number }>(exec, sql`select count(*)::int as n from audit_log`);
  return Number(r[0]?.n ?? 0);
}

/** Every row about one person, oldest first (the person's access report, PIPL §44–45). */
export async function ofPerson(exec: Executor, personId: string): Promise<AuditRow[]> {
  return exec.select().from(auditLog).where(eq(auditLog.personId, personId)).orderBy(asc(auditLog.id));
}
