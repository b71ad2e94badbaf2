import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import type { Clock } from '../../clock';
import type { RequestContext, Principal } from '../../http/context';
import { scopePaths } from '../../http/context';
import { chainHash, GENESIS_HASH, type HashedFields } from './canonical';
import * as q from './queries';

export interface AuditEntry {
  action: string;
  outcome?: 'success' | 'failure' | 'denied';
  entityType?: string;
  entityId?: string;
  personId?: string;
  /** Org path of the record concerned, so auditors of a subtree see it. */
  orgPath?: string | null;
  purpose?: string;
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

export interface AuditService {
  /** Appends one row to the chain, inside the caller's transaction (so it commits with the change). */
  record(exec: Executor, ctx: RequestContext, entry: AuditEntry): Promise<void>;
  /** Many rows of one actor in one go (bulk imports): one chain lock, one insert. */
  recordMany(exec: Executor, ctx: RequestContext, entries: AuditEntry[]): Promise<void>;
  search(exec: Executor, viewer: Principal, filter: Omit<q.AuditFilter, 'scope'>, page: { limit: number; offset: number }): Promise<{ items: q.AuditRow[]; total: number }>;
  verify(exec: Executor): Promise<VerifyResult>;
}

export type VerifyResult = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; reason: 'hash' | 'link' };

// jsonb keeps what JSON keeps: normalise first, so the stored value is the hashed value.
const plain = (v: unknown) => (v === undefined ? null : (JSON.parse(JSON.stringify(v)) as unknown));

export function createAuditService(deps: { clock: Clock }): AuditService {
  const fieldsOf = (ctx: RequestContext, entry: AuditEntry, at: Date): HashedFields => ({
    at,
    actorId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.username ?? null,
    actorOrgPath: ctx.actor?.orgPath ?? null,
    action: entry.action,
    outcome: entry.outcome ?? 'success',
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    personId: entry.personId ?? null,
    orgPath: entry.orgPath ?? null,
    purpose: entry.purpose ?? null,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    before: plain(entry.before),
    after: plain(entry.after),
    details: plain(entry.details),
  });

  async function append(exec: Executor, ctx: RequestContext, entries: AuditEntry[]) {
    if (entries.length === 0) return;
    // Inside the caller's transaction the rows commit with the change; alone, they get their own.
    const inTransaction = exec instanceof PgTransaction;
    const write = async (tx: Executor) => {
      await q.lockChain(tx);
      let prevHash = (await q.lastHash(tx)) ?? GENESIS_HASH;
      const at = deps.clock.now();
      const rows = entries.map((entry) => {
        const fields = fieldsOf(ctx, entry, at);
        const hash = chainHash(prevHash, fields);
        const row = { ...fields, outcome: fields.outcome as 'success', prevHash, hash };
        prevHash = hash;
        return row;
      });
      for (let i = 0; i < rows.length; i += 500) await q.insertRows(tx, rows.slice(i, i + 500));
    };
    await (inTransaction ? write(exec) : exec.transaction(write));
  }

  return {
    record: (exec, ctx, entry) => append(exec, ctx, [entry]),
    recordMany: (exec, ctx, entries) => append(exec, ctx, entries),

    async search(exec, viewer, filter, page) {
      const paths = scopePaths(viewer, 'audit.read');
      // An auditor holding a root unit sees everything, including failed sign-ins of unknown names.
      const rootHeld = viewer.grants.some((g) => g.permissions.includes('audit.read') && g.orgPath.split('/').length === 3);
      return q.search(exec, { ...filter, scope: rootHeld ? null : paths }, page.limit, page.offset);
    },

    async verify(exec) {
      let prev = GENESIS_HASH;
      let lastId = 0;
      let count = 0;
      for (;;) {
        const batch = await q.rowsAfter(exec, lastId, 2000);
        if (batch.length === 0) return { ok: true, rows: count };
        for (const r of batch) {
          count++;
          if (r.prevHash !== prev) return { ok: false, rows: count, brokenAt: r.id, reason: 'link' };
          const { id: _id, prevHash: _p, hash, ...fields } = r;
          if (chainHash(r.prevHash, fields) !== hash) return { ok: false, rows: count, brokenAt: r.id, reason: 'hash' };
          prev = hash;
          lastId = r.id;
        }
      }
    },
  };
}
