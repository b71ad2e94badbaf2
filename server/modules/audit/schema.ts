import { pgTable, bigint, uuid, text, timestamp, jsonb, integer, index, uniqueIndex } from 'drizzle-orm/pg-core';

// Append-only audit trail (RULES P3, P7). A trigger in the migration refuses UPDATE, DELETE and
// TRUNCATE. Rows are inserted without any lock; the sequencer seals committed rows into
// `audit_batches` (docs/decisions/0009-audit-sealed-batches.md).
export const auditLog = pgTable(
  'audit_log',
  {
    // CACHE 1 (the migration's default) matters: the sequencer reads the sequence's last value
    // as the bound of what may still commit; cached ranges per connection would break that.
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    actorOrgPath: text('actor_org_path'),
    action: text('action').notNull(),
    outcome: text('outcome', { enum: ['success', 'failure', 'denied'] }).notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    personId: uuid('person_id'),
    orgPath: text('org_path'),
    purpose: text('purpose'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    before: jsonb('before'),
    after: jsonb('after'),
    details: jsonb('details'),
    /** The hash chain of the rows written before sealed batches (one lock per row); null since. */
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorId, t.at),
    index('audit_entity_idx').on(t.entityType, t.entityId),
    index('audit_person_idx').on(t.personId, t.at),
    index('audit_action_idx').on(t.action, t.at),
  ],
);

/**
 * One sealed batch: every committed audit row with `prevLastId < id <= lastId`, except the ids in
 * `absent` (rolled back, never committed). `root` is the Merkle root over the rows' leaf hashes in
 * id order; `head` hashes this batch's fields with the previous batch's head (a chain of batches);
 * `signature` is Ed25519 over `head` with the deployment's key. Append-only like the trail.
 */
export const auditBatches = pgTable(
  'audit_batches',
  {
    batch: bigint('batch', { mode: 'number' }).primaryKey(),
    firstId: bigint('first_id', { mode: 'number' }).notNull(),
    lastId: bigint('last_id', { mode: 'number' }).notNull(),
    rowCount: integer('row_count').notNull(),
    /** Id ranges [from, to] inside the batch that hold no row (rolled-back transactions). */
    absent: jsonb('absent').$type<[number, number][]>().notNull(),
    /** The rows' leaf hashes in id order, 32 bytes each, base64: names a changed row exactly. */
    leaves: text('leaves').notNull(),
    root: text('root').notNull(),
    prevHead: text('prev_head').notNull(),
    head: text('head').notNull(),
    signature: text('signature').notNull(),
    keyId: text('key_id').notNull(),
    sealedAt: timestamp('sealed_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [uniqueIndex('audit_batches_last_id_idx').on(t.lastId)],
);
