import crypto from 'node:crypto';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../../db/client';
import type { Clock } from '../../clock';
import type { RequestContext, Principal } from '../../http/context';
import { scopePaths } from '../../http/context';
import { rowContent, type HashedFields } from './canonical';
import { cleanEntry, registerAuditActions } from './actions';
import { decodeLeaves, expectedIds, headEntry } from './batch';
import { inclusionProof, type ProofStep } from './merkle';
import { createHeadSigner, type HeadSigner } from './signing';
import { createSequencer, type SealResult } from './sequencer';
import { verifyTrail, type VerifyResult } from './verify';
import type { HeadFileLine } from './head-file';
import * as q from './queries';

export { registerAuditActions } from './actions';
export type { VerifyResult } from './verify';

export interface AuditEntry {
  action: string;
  outcome?: 'success' | 'failure' | 'denied';
  entityType?: string;
  entityId?: string;
  personId?: string;
  /** Org path of the record concerned, so auditors of a subtree see it. */
  orgPath?: string | null;
  /** Why the actor did it, in the actor's words (unmasking, export, a withdrawal's reason). */
  purpose?: string;
  /** Snapshots: kept for staff-side records; of a person's data only the names of changed fields. */
  before?: unknown;
  after?: unknown;
  /** Only the keys the action registered are kept (server/modules/audit/actions.ts). */
  details?: unknown;
}

export interface InclusionProof {
  rowId: number;
  /** The row as hashed: sha256(0x00 ‖ content) is the leaf. */
  content: string;
  leaf: string;
  batch: Omit<ReturnType<typeof headEntry>, 'kind'>;
  proof: ProofStep[];
  publicKeyPem: string;
}

registerAuditActions({
  'audit.export': { person: false, details: { filter: 'filter', rows: 'count' } },
  'audit.heads_export': { person: false, details: { fromBatch: 'count', batches: 'count' } },
});

/** Rows in statements of a thousand (one statement commits alone; more need the caller's transaction). */
async function insertAll(exec: Executor, list: HashedFields[]): Promise<void> {
  const write = async (tx: Executor) => {
    for (let i = 0; i < list.length; i += 1000) await q.insertRows(tx, list.slice(i, i + 1000));
  };
  await (exec instanceof PgTransaction || list.length <= 1000 ? write(exec) : (exec as Db).transaction(write));
}

/**
 * Group commit of autocommitted rows: while one insert is on its way, the rows of other requests
 * wait and go together in the next one, so 50 concurrent person reads cost a few commits (WAL
 * flushes) instead of 50. A failed group is retried caller by caller, so one bad row fails only
 * its own request.
 */
function groupCommit() {
  const queues = new Map<Db, { rows: HashedFields[]; done: (err?: unknown) => void }[]>();
  const flushing = new Set<Db>();
  async function flush(db: Db) {
    flushing.add(db);
    try {
      for (let waiting = queues.get(db) ?? []; waiting.length; waiting = queues.get(db) ?? []) {
        queues.set(db, []);
        try {
          await insertAll(
            db,
            waiting.flatMap((w) => w.rows),
          );
          for (const w of waiting) w.done();
        } catch {
          for (const w of waiting)
            await insertAll(db, w.rows).then(
              () => w.done(),
              (err) => w.done(err ?? new Error('audit insert failed')),
            );
        }
      }
    } finally {
      flushing.delete(db);
    }
  }
  return (db: Db, rows: HashedFields[]) =>
    new Promise<void>((resolve, reject) => {
      const queue = queues.get(db) ?? [];
      queue.push({ rows, done: (err) => (err ? reject(err) : resolve()) });
      queues.set(db, queue);
      if (!flushing.has(db)) void flush(db);
    });
}

export function createAuditService(deps: { clock: Clock; signer?: HeadSigner; headFile?: string | null; log?: { error(obj: unknown, msg: string): void } }) {
  const signer = deps.signer ?? createHeadSigner(crypto.randomBytes(32));
  const sequencer = createSequencer({ signer, headFile: deps.headFile ?? null, clock: deps.clock, log: deps.log ?? console });

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
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    ...cleanEntry(entry),
  });

  const grouped = groupCommit();

  /** Inserts in the caller's transaction (the row commits or rolls back with the change); no lock. */
  async function append(exec: Executor, ctx: RequestContext, entries: AuditEntry[]) {
    if (entries.length === 0) return;
    const at = deps.clock.now();
    const list = entries.map((e) => fieldsOf(ctx, e, at));
    if (exec instanceof PgTransaction) return insertAll(exec, list);
    // Outside a transaction (an audited read): rows of concurrent requests share one insert and
    // one commit; each caller returns once its row is committed.
    return grouped(exec as Db, list);
  }

  /** An auditor holding a root unit sees everything (failed sign-ins of unknown names too); else his subtrees. */
  const scopeOf = (viewer: Principal) => {
    const rootHeld = viewer.grants.some((g) => g.permissions.includes('audit.read') && g.orgPath.split('/').length === 3);
    return rootHeld ? null : scopePaths(viewer, 'audit.read');
  };

  return {
    /** Appends one row inside the caller's transaction (so it commits with the change). */
    record: (exec: Executor, ctx: RequestContext, entry: AuditEntry) => append(exec, ctx, [entry]),
    /** Many rows of one actor in one go (bulk imports): one statement per thousand. */
    recordMany: (exec: Executor, ctx: RequestContext, entries: AuditEntry[]) => append(exec, ctx, entries),

    search: (exec: Executor, viewer: Principal, filter: Omit<q.AuditFilter, 'scope'>, page: { limit: number; offset: number }) =>
      q.search(exec, { ...filter, scope: scopeOf(viewer) }, page.limit, page.offset),

    /** The same search as one line per user or per person. */
    grouped: (exec: Executor, viewer: Principal, filter: Omit<q.AuditFilter, 'scope'>, by: 'actor' | 'person', page: { limit: number; offset: number }) =>
      q.grouped(exec, { ...filter, scope: scopeOf(viewer) }, by, page.limit, page.offset),

    /** The highest row id sealed into a batch (0 before the first). */
    /** Every row about one person, for the person's own access report (the caller checked the scope). */
    ofPerson: (exec: Executor, personId: string) => q.ofPerson(exec, personId),
    sealedThrough: async (exec: Executor) => (await q.lastBatch(exec))?.lastId ?? 0,

    /** The scheduler's job: one sealing step (docs/decisions/0009-audit-sealed-batches.md). */
    sealTick: (tx: Executor): Promise<SealResult> => sequencer.tick(tx),
    /** Seals everything written so far and brings the head file up to date. */
    seal: (db: Db, timeoutMs?: number): Promise<SealResult> => sequencer.sealAll(db, timeoutMs),

    verify: (exec: Executor, opts: { heads?: AsyncIterable<HeadFileLine> } = {}): Promise<VerifyResult> => verifyTrail(exec, signer, opts.heads),

    /** That one row is in a sealed batch: its leaf, the O(log n) path to the signed root, the key. */
    async proof(exec: Executor, viewer: Principal, id: number): Promise<InclusionProof | null> {
      const [row] = (await q.search(exec, { id, scope: scopeOf(viewer) }, 1, 0)).items;
      const batch = row ? await q.batchOf(exec, id) : null;
      if (!row || !batch) return null;
      const index = expectedIds(batch).indexOf(id);
      const leaves = decodeLeaves(batch.leaves);
      const { kind: _k, ...head } = headEntry(batch);
      return { rowId: id, content: rowContent(row), leaf: leaves[index]!, batch: head, proof: inclusionProof(leaves, index), publicKeyPem: signer.publicKeyPem };
    },

    /** Signed heads for the auditor to keep (and later verify against): the key first, then one line per batch. */
    async headLines(exec: Executor, fromBatch: number, max: number): Promise<HeadFileLine[]> {
      const lines: HeadFileLine[] = [{ kind: 'key', keyId: signer.keyId, publicKeyPem: signer.publicKeyPem }];
      for (let after = fromBatch; lines.length <= max;) {
        const list = await q.batchesAfter(exec, after, Math.min(1000, max + 1 - lines.length));
        if (list.length === 0) break;
        lines.push(...list.map(headEntry));
        after = list[list.length - 1]!.batch;
      }
      return lines;
    },

    keyId: signer.keyId,
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
