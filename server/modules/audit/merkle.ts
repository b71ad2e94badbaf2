import crypto from 'node:crypto';

// A Merkle tree over the leaves of one sealed batch, in the shape of RFC 6962 (Certificate
// Transparency): leaves and inner nodes are hashed with different prefixes, so a leaf can never
// pass for a node, and an odd node is promoted, not duplicated. An auditor proves that one row
// is in a batch with log2(n) sibling hashes instead of the whole batch.

const sha256 = (...parts: Buffer[]) => crypto.createHash('sha256').update(Buffer.concat(parts)).digest();

export const leafHash = (content: string): string => sha256(Buffer.from([0]), Buffer.from(content, 'utf8')).toString('hex');
const nodeHash = (left: string, right: string): string => sha256(Buffer.from([1]), Buffer.from(left, 'hex'), Buffer.from(right, 'hex')).toString('hex');

/** The root of an empty batch (every id in it rolled back). */
export const EMPTY_ROOT = sha256(Buffer.alloc(0)).toString('hex');

export function merkleRoot(leaves: string[]): string {
  if (leaves.length === 0) return EMPTY_ROOT;
  let level = leaves;
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? nodeHash(level[i]!, level[i + 1]!) : level[i]!);
    level = next;
  }
  return level[0]!;
}

export interface ProofStep {
  /** Which side the sibling sits on. */
  side: 'left' | 'right';
  hash: string;
}

/** The sibling hashes from leaf `index` up to the root. */
export function inclusionProof(leaves: string[], index: number): ProofStep[] {
  if (index < 0 || index >= leaves.length) throw new Error('leaf index out of range');
  const steps: ProofStep[] = [];
  let level = leaves;
  let i = index;
  while (level.length > 1) {
    const sibling = i % 2 === 0 ? i + 1 : i - 1;
    if (sibling < level.length) steps.push({ side: i % 2 === 0 ? 'right' : 'left', hash: level[sibling]! });
    const next: string[] = [];
    for (let k = 0; k < level.length; k += 2) next.push(k + 1 < level.length ? nodeHash(level[k]!, level[k + 1]!) : level[k]!);
    level = next;
    i = Math.floor(i / 2);
  }
  return steps;
}

/** True when `leaf` with `proof` hashes up to `root`. */
export function verifyInclusion(leaf: string, proof: ProofStep[], root: string): boolean {
  let h = leaf;
  for (const step of proof) h = step.side === 'left' ? nodeHash(step.hash, h) : nodeHash(h, step.hash);
  return h === root;
}
