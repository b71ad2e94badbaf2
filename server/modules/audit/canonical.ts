import crypto from 'node:crypto';

/** JSON with object keys sorted at every depth, so the hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface HashedFields {
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorOrgPath: string | null;
  action: string;
  outcome: string;
  entityType: string | null;
  entityId: string | null;
  personId: string | null;
  orgPath: string | null;
  purpose: string | null;
  ip: string | null;
  userAgent: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
}

/** A stored row as the sequencer and the verifier read it back. */
export interface StoredRow extends HashedFields {
  id: number;
  prevHash: string | null;
  hash: string | null;
}

/**
 * What a row's leaf hash covers: every column, the id included (so content cannot move to
 * another position unnoticed), as read back from the database (so jsonb's own normalisation is
 * what is hashed, on both databases alike).
 */
export const rowContent = (r: StoredRow): string => canonicalJson({ ...r, at: r.at.toISOString() });

export const GENESIS_HASH = '0'.repeat(64);

/** The chain of rows written before sealed batches: each row's hash covered the previous one's. */
export function chainHash(prevHash: string, f: HashedFields): string {
  const body = canonicalJson({ ...f, at: f.at.toISOString(), prevHash });
  return crypto.createHash('sha256').update(body).digest('hex');
}
