import crypto from 'node:crypto';
import { canonicalJson, rowContent, type StoredRow } from './canonical';
import { leafHash, merkleRoot } from './merkle';
import type { BatchRow } from './queries';
import type { HeadEntry } from './head-file';
import type { HeadSigner } from './signing';

/** The head of the batch before the first. */
export const GENESIS_HEAD = '0'.repeat(64);

type HeadFields = Pick<BatchRow, 'batch' | 'firstId' | 'lastId' | 'rowCount' | 'absent' | 'root' | 'prevHead'> & { sealedAt: Date | string };

/** The batch's head: a hash over its fields and the previous head, so batches form a chain. */
export function headOf(b: HeadFields): string {
  const sealedAt = typeof b.sealedAt === 'string' ? b.sealedAt : b.sealedAt.toISOString();
  const body = canonicalJson({ v: 1, batch: b.batch, firstId: b.firstId, lastId: b.lastId, rowCount: b.rowCount, absent: b.absent, root: b.root, prevHead: b.prevHead, sealedAt });
  return crypto.createHash('sha256').update(body).digest('hex');
}

export const encodeLeaves = (leaves: string[]): string => Buffer.from(leaves.join(''), 'hex').toString('base64');
export function decodeLeaves(stored: string): string[] {
  const hex = Buffer.from(stored, 'base64').toString('hex');
  const out: string[] = [];
  for (let i = 0; i < hex.length; i += 64) out.push(hex.slice(i, i + 64));
  return out;
}

/** Id ranges in (after, upTo] that hold none of `ids` (sorted ascending). */
export function absentRanges(after: number, upTo: number, ids: number[]): [number, number][] {
  const out: [number, number][] = [];
  let next = after + 1;
  for (const id of [...ids, upTo + 1]) {
    if (id > next) out.push([next, id - 1]);
    next = id + 1;
  }
  return out;
}

/** Seals `rows` (all committed rows with after < id <= upTo) as batch number `batch`. */
export function sealBatch(signer: HeadSigner, prev: { batch: number; lastId: number; head: string } | null, upTo: number, rows: StoredRow[], sealedAt: Date): BatchRow {
  const leaves = rows.map((r) => leafHash(rowContent(r)));
  const fields = {
    batch: (prev?.batch ?? 0) + 1,
    firstId: (prev?.lastId ?? 0) + 1,
    lastId: upTo,
    rowCount: rows.length,
    absent: absentRanges(
      prev?.lastId ?? 0,
      upTo,
      rows.map((r) => r.id),
    ),
    root: merkleRoot(leaves),
    prevHead: prev?.head ?? GENESIS_HEAD,
    sealedAt,
  };
  const head = headOf(fields);
  return { ...fields, leaves: encodeLeaves(leaves), head, signature: signer.sign(head), keyId: signer.keyId };
}

export const headEntry = (b: BatchRow): HeadEntry => ({
  kind: 'head',
  batch: b.batch,
  firstId: b.firstId,
  lastId: b.lastId,
  rowCount: b.rowCount,
  absent: b.absent,
  root: b.root,
  prevHead: b.prevHead,
  head: b.head,
  signature: b.signature,
  keyId: b.keyId,
  sealedAt: b.sealedAt.toISOString(),
});

/** The ids a batch sealed: its range without the absent ranges. */
export function expectedIds(b: Pick<BatchRow, 'firstId' | 'lastId' | 'absent'>): number[] {
  const out: number[] = [];
  let next = b.firstId;
  for (const [from, to] of [...b.absent, [b.lastId + 1, b.lastId + 1] as [number, number]]) {
    for (let id = next; id < from; id++) out.push(id);
    next = to + 1;
  }
  return out;
}
