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
  search(exec: Executor, viewer: Principal, filter: Omit<q.AuditFilter, 'scope'>, page: { limit: number; offset: number }): Promise<{ items: q.AuditRow[]; total: number }>;
  verify(exec: Executor): Promise<VerifyResult>;
}

export type VerifyResult = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; reason: 'hash' | 'link' };

// jsonb keeps what JSON keeps: normalise first, so the stored value is the hashed value.
const plain = (v: unknown) => (v === undefined ? null : (JSON.parse(JSON.stringify(v)) as unknown));

export function createAuditService(deps: { clock: Clock }): AuditService {
  return {
    async record(exec, ctx, entry) {
      await exec.transaction(async (tx) => {
        await q.lockChain(tx);
        const prevHash = (await q.lastHash(tx)) ?? GENESIS_HASH;
        const fields: HashedFields = {
          at: deps.clock.now(),
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
        };
        await q.insertRow(tx, { ...fields, outcome: fields.outcome as 'success', prevHash, hash: chainHash(prevHash, fields) });
      });
    },

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
