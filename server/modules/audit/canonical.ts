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

export const GENESIS_HASH = '0'.repeat(64);

/** Each row's hash covers its content and the previous row's hash (a hash chain). */
export function chainHash(prevHash: string, f: HashedFields): string {
  const body = canonicalJson({ ...f, at: f.at.toISOString(), prevHash });
  return crypto.createHash('sha256').update(body).digest('hex');
}
