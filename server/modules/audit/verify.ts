import type { Executor } from '../../db/client';
import { chainHash, GENESIS_HASH, rowContent } from './canonical';
import { leafHash, merkleRoot } from './merkle';
import { decodeLeaves, expectedIds, GENESIS_HEAD, headOf } from './batch';
import type { HeadEntry, HeadFileLine } from './head-file';
import type { HeadSigner } from './signing';
import * as q from './queries';

export type Problem =
  | { kind: 'row_changed' | 'row_missing' | 'row_added'; rowId: number; batch: number }
  | { kind: 'legacy_link' | 'legacy_hash'; rowId: number; batch: number }
  | { kind: 'batch_changed' | 'batch_signature' | 'batch_link' | 'head_file_mismatch' | 'head_file_invalid'; batch: number }
  | { kind: 'batch_missing'; batch: number; firstId: number; lastId: number; rowCount: number };

export type VerifyResult =
  | { ok: true; rows: number; batches: number; unsealed: number; unsealedSince: string | null; anchoredThrough: number | null }
  | { ok: false; rows: number; batches: number; problem: Problem; message: string };

type Verifier = Pick<HeadSigner, 'verify' | 'keyId'>;

const describe: Record<Problem['kind'], (p: Problem) => string> = {
  row_changed: (p) => `row id ${(p as { rowId: number }).rowId}: its content does not match the hash sealed in batch ${p.batch}`,
  row_missing: (p) => `row id ${(p as { rowId: number }).rowId} is missing: batch ${p.batch} sealed it`,
  row_added: (p) => `row id ${(p as { rowId: number }).rowId} was added after batch ${p.batch} was sealed without it`,
  legacy_link: (p) => `row id ${(p as { rowId: number }).rowId} does not link to the row before it (chain of the rows before sealed batches)`,
  legacy_hash: (p) => `row id ${(p as { rowId: number }).rowId}: its content does not match its hash (chain of the rows before sealed batches)`,
  batch_changed: (p) => `batch ${p.batch}: its fields do not match its head (the batch record was altered)`,
  batch_signature: (p) => `batch ${p.batch}: its head is not signed by this deployment's key`,
  batch_link: (p) => `batch ${p.batch} does not follow the batch before it (a batch is missing or was replaced)`,
  head_file_mismatch: (p) => `batch ${p.batch} differs from the head kept outside the database (the batch was rewritten)`,
  head_file_invalid: (p) => `the head file's entry for batch ${p.batch} is not signed by this deployment's key`,
  batch_missing: (p) => {
    const m = p as Extract<Problem, { kind: 'batch_missing' }>;
    return `batch ${m.batch} (row ids ${m.firstId}–${m.lastId}, ${m.rowCount} rows) is in the head file but not in the database: the newest rows were removed`;
  },
};

function checkBatch(b: q.BatchRow, prev: q.BatchRow | null, verifier: Verifier): Problem | null {
  const linked = b.batch === (prev?.batch ?? 0) + 1 && b.firstId === (prev?.lastId ?? 0) + 1 && b.prevHead === (prev?.head ?? GENESIS_HEAD);
  if (!linked) return { kind: 'batch_link', batch: b.batch };
  const leaves = decodeLeaves(b.leaves);
  if (headOf(b) !== b.head || leaves.length !== b.rowCount || merkleRoot(leaves) !== b.root) return { kind: 'batch_changed', batch: b.batch };
  if (!verifier.verify(b.head, b.signature)) return { kind: 'batch_signature', batch: b.batch };
  return null;
}

/** Compares the stored rows of a batch with what it sealed; also re-checks the legacy chain. */
async function checkRows(exec: Executor, b: q.BatchRow, legacy: { prev: string }): Promise<{ problem: Problem | null; rows: number }> {
  const expected = expectedIds(b);
  const leaves = decodeLeaves(b.leaves);
  let i = 0;
  let after = b.firstId - 1;
  for (;;) {
    const page = await q.rowsBetween(exec, after, b.lastId, 2000);
    for (const r of page) {
      if (i < expected.length && expected[i]! < r.id) return { problem: { kind: 'row_missing', rowId: expected[i]!, batch: b.batch }, rows: i };
      if (i >= expected.length || r.id < expected[i]!) return { problem: { kind: 'row_added', rowId: r.id, batch: b.batch }, rows: i };
      if (leafHash(rowContent(r)) !== leaves[i]) return { problem: { kind: 'row_changed', rowId: r.id, batch: b.batch }, rows: i };
      if (r.hash !== null) {
        if (r.prevHash !== legacy.prev) return { problem: { kind: 'legacy_link', rowId: r.id, batch: b.batch }, rows: i };
        const { id: _id, prevHash: _p, hash: _h, ...fields } = r;
        if (chainHash(r.prevHash, fields) !== r.hash) return { problem: { kind: 'legacy_hash', rowId: r.id, batch: b.batch }, rows: i };
        legacy.prev = r.hash;
      }
      i++;
    }
    if (page.length < 2000) break;
    after = page[page.length - 1]!.id;
  }
  if (i < expected.length) return { problem: { kind: 'row_missing', rowId: expected[i]!, batch: b.batch }, rows: i };
  return { problem: null, rows: i };
}

/** Walks a head file alongside the database's batches (both in batch order). */
function headCursor(lines: AsyncIterable<HeadFileLine>, verifier: Verifier) {
  const it = lines[Symbol.asyncIterator]();
  let peeked: HeadEntry | null | undefined;
  const peek = async (): Promise<HeadEntry | null> => {
    while (peeked === undefined) {
      const n = await it.next();
      if (n.done) peeked = null;
      else if (n.value.kind === 'head') peeked = n.value;
    }
    return peeked;
  };
  const take = () => void (peeked = undefined);
  const valid = (e: HeadEntry) => headOf(e) === e.head && verifier.verify(e.head, e.signature);
  let anchored = 0;
  return {
    anchored: () => anchored,
    /** The file's entries for this batch must all be this batch's head (a repeated line is harmless). */
    async match(b: q.BatchRow): Promise<Problem | null> {
      for (let e = await peek(); e && e.batch <= b.batch; take(), e = await peek()) {
        if (!valid(e)) return { kind: 'head_file_invalid', batch: e.batch };
        if (e.batch === b.batch && e.head !== b.head) return { kind: 'head_file_mismatch', batch: b.batch };
        if (e.batch === b.batch) anchored = b.batch;
      }
      return null;
    },
    /** A signed head beyond the database's last batch: the database lost it. */
    async beyond(): Promise<Problem | null> {
      const e = await peek();
      if (!e) return null;
      if (!valid(e)) return { kind: 'head_file_invalid', batch: e.batch };
      return { kind: 'batch_missing', batch: e.batch, firstId: e.firstId, lastId: e.lastId, rowCount: e.rowCount };
    },
  };
}

/**
 * Verifies the whole trail: every batch links to the one before, matches its head and its
 * signature; every row of a batch is there and unchanged; no row was slipped into a batch's
 * gaps; and, given a head file, the database still holds every batch the file recorded.
 */
export async function verifyTrail(exec: Executor, verifier: Verifier, heads?: AsyncIterable<HeadFileLine>): Promise<VerifyResult> {
  const file = heads ? headCursor(heads, verifier) : null;
  const legacy = { prev: GENESIS_HASH };
  let prev: q.BatchRow | null = null;
  let rows = 0;
  let batches = 0;
  const fail = (problem: Problem): VerifyResult => ({ ok: false, rows, batches, problem, message: describe[problem.kind](problem) });
  for (;;) {
    const page = await q.batchesAfter(exec, prev?.batch ?? 0, 200);
    for (const b of page) {
      const problem = checkBatch(b, prev, verifier) ?? (file ? await file.match(b) : null);
      if (problem) return fail(problem);
      const checked = await checkRows(exec, b, legacy);
      rows += checked.rows;
      if (checked.problem) return fail(checked.problem);
      prev = b;
      batches++;
    }
    if (page.length < 200) break;
  }
  const missing = file ? await file.beyond() : null;
  if (missing) return fail(missing);
  const tail = await q.unsealedAfter(exec, prev?.lastId ?? 0);
  return { ok: true, rows, batches, unsealed: tail.n, unsealedSince: tail.oldest?.toISOString() ?? null, anchoredThrough: file ? file.anchored() : null };
}
