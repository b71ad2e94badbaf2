import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import type { Clock } from '../../clock';
import type { HeadSigner } from './signing';
import { appendLines, lastHead } from './head-file';
import { headEntry, sealBatch } from './batch';
import * as q from './queries';

/** Advisory lock of the sealing job: one instance seals at a time (the scheduler's key too). */
export const SEAL_LOCK = 7_263_130;
/** The head file's name in DATA_DIR, beside the data key. */
export const HEAD_FILE_NAME = 'audit-heads.jsonl';
const MAX_BATCH_ROWS = 4096;

export interface SealResult {
  sealedRows: number;
  /** Why sealing stopped, if it did: the database holds fewer or other batches than the head file. */
  halted: 'behind_head_file' | 'diverged_from_head_file' | null;
}

/**
 * Seals committed audit rows into signed batches, in id order, without ever holding up a writer
 * (docs/decisions/0009-audit-sealed-batches.md). Rows commit out of id order, so a tick only
 * seals up to an id below which nothing can still commit: at tick t it notes the sequence's last
 * value L, then takes a transaction id X (after reading L). Every writer holding an id <= L took
 * its transaction id before its row id (see `insertRows`), hence before X. Once the oldest
 * running transaction is newer than X, all ids <= L are committed or gone for good, and a later
 * tick seals up to L. Idempotent: the next batch always starts after the last one stored.
 */
export function createSequencer(deps: { signer: HeadSigner; headFile: string | null; clock: Clock; log: { error(obj: unknown, msg: string): void } }) {
  let pending: { upTo: number; xid: string } | null = null;
  let reported: SealResult['halted'] = null;

  /** Appends to the head file every batch it lacks; refuses to go on when the database fell behind it. */
  async function syncHeadFile(exec: Executor): Promise<SealResult['halted']> {
    const file = deps.headFile;
    if (!file) return null;
    const known = lastHead(file);
    if (known) {
      const inDb = await q.batchByNumber(exec, known.batch);
      if (!inDb) return 'behind_head_file';
      if (inDb.head !== known.head) return 'diverged_from_head_file';
    } else if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      appendLines(file, [{ kind: 'key', keyId: deps.signer.keyId, publicKeyPem: deps.signer.publicKeyPem }]);
    }
    let after = known?.batch ?? 0;
    for (;;) {
      const list = await q.batchesAfter(exec, after, 1000);
      if (list.length === 0) return null;
      appendLines(file, list.map(headEntry));
      after = list[list.length - 1]!.batch;
    }
  }

  async function sealThrough(tx: Executor, upTo: number): Promise<number> {
    let last = await q.lastBatch(tx);
    let sealed = 0;
    while ((last?.lastId ?? 0) < upTo) {
      const list = await q.rowsBetween(tx, last?.lastId ?? 0, upTo, MAX_BATCH_ROWS);
      const end = list.length === MAX_BATCH_ROWS ? list[list.length - 1]!.id : upTo;
      const batch = sealBatch(deps.signer, last, end, list, deps.clock.now());
      await q.insertBatch(tx, batch);
      last = batch;
      sealed += list.length;
    }
    return sealed;
  }

  function report(halted: SealResult['halted']) {
    if (halted && halted !== reported) {
      deps.log.error(
        { halted, headFile: deps.headFile },
        'audit sealing stopped: the database does not hold the batches of the head file (rows removed, or a restored backup); run npm run audit:verify',
      );
    }
    reported = halted;
  }

  /** One run of the job, inside the scheduler's transaction (which holds SEAL_LOCK). */
  async function tick(tx: Executor): Promise<SealResult> {
    const seen = await q.sequenceLast(tx); // first, before this transaction has an id
    const halted = await syncHeadFile(tx);
    report(halted);
    if (halted) return { sealedRows: 0, halted };
    let sealedRows = 0;
    if (pending && (await q.endedThrough(tx, pending.xid))) {
      sealedRows = await sealThrough(tx, pending.upTo);
      pending = null;
    }
    if (!pending && seen > ((await q.lastBatch(tx))?.lastId ?? 0)) pending = { upTo: seen, xid: await q.currentXid(tx) };
    return { sealedRows, halted: null };
  }

  /**
   * Seals everything written before the call (tests, the CLI, shutdown): ticks under the lock
   * until the rows that existed at the start are sealed, then brings the head file up to date.
   */
  async function sealAll(db: Db, timeoutMs = 30_000): Promise<SealResult> {
    const target = await q.sequenceLast(db);
    const started = Date.now();
    let sealedRows = 0;
    for (let i = 0; ; i++) {
      const r = await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${SEAL_LOCK})`);
        return tick(tx);
      });
      sealedRows += r.sealedRows;
      if (r.halted) return { sealedRows, halted: r.halted };
      if (((await q.lastBatch(db))?.lastId ?? 0) >= target) break;
      if (Date.now() - started > timeoutMs) throw new Error('audit sealing did not catch up (a transaction stays open)');
      if (i > 0) await new Promise((res) => setTimeout(res, 10));
    }
    // After the commit: the last batches reach the file now, under the lock like every append.
    const halted = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SEAL_LOCK})`);
      return syncHeadFile(tx);
    });
    return { sealedRows, halted };
  }

  return { tick, sealAll };
}

export type Sequencer = ReturnType<typeof createSequencer>;
