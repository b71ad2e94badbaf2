import { z } from 'zod';
import { MAX_OFFSET } from './common';

export const auditQuery = z.object({
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(32).optional(),
  entityId: z.string().trim().max(64).optional(),
  personId: z.uuid().optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0),
});

/**
 * The least that tells an auditor whose file it was (RULES P6; issue 9 item 21): the name masked
 * but its first and last character (张*明) and the ID number's last four. Nothing more.
 */
export const auditPersonLabel = z.object({ name: z.string(), idLast4: z.string() });

export const auditRow = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  personId: z.string().nullable(),
  person: auditPersonLabel.nullable(),
  purpose: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  details: z.unknown(),
  /** Sealed into a signed batch already (the sequencer seals within seconds). */
  sealed: z.boolean(),
});
export const auditList = z.object({ items: z.array(auditRow), total: z.number().int() });

export const auditGroupQuery = auditQuery.extend({ by: z.enum(['actor', 'person']) });
export const auditGroup = z.object({
  /** The user's id (by actor; null for sign-ins of unknown names and the system), or the person's. */
  key: z.string().nullable(),
  actorName: z.string().nullable(),
  person: auditPersonLabel.nullable(),
  rows: z.number().int(),
  firstAt: z.string(),
  lastAt: z.string(),
  actions: z.record(z.string(), z.number().int()),
});
export const auditGroupList = z.object({ items: z.array(auditGroup), total: z.number().int() });

export const auditIdParams = z.object({ id: z.coerce.number().int().min(1) });
export const auditHeadsQuery = z.object({ fromBatch: z.coerce.number().int().min(0).max(2_147_483_647).default(0) });

const proofStep = z.object({ side: z.enum(['left', 'right']), hash: z.string() });
export const auditProof = z.object({
  rowId: z.number().int(),
  content: z.string(),
  leaf: z.string(),
  batch: z.object({
    batch: z.number().int(),
    firstId: z.number().int(),
    lastId: z.number().int(),
    rowCount: z.number().int(),
    absent: z.array(z.tuple([z.number().int(), z.number().int()])),
    root: z.string(),
    prevHead: z.string(),
    head: z.string(),
    signature: z.string(),
    keyId: z.string(),
    sealedAt: z.string(),
  }),
  proof: z.array(proofStep),
  publicKeyPem: z.string(),
});

/** Actions the audit viewer offers as one-click filters (prefixes: every action starting so). */
export const auditPresets = {
  unmask: 'person.unmask',
  sealedOpen: 'person.sealed',
} as const;
