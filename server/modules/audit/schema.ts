import { pgTable, bigint, uuid, text, timestamp, jsonb, index } from 'drizzle-orm/pg-core';

// Append-only, hash-chained audit trail (RULES P3, P7). A trigger in the migration refuses
// UPDATE and DELETE; `hash` covers the row and the previous row's hash.
export const auditLog = pgTable(
  'audit_log',
  {
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
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorId, t.at),
    index('audit_entity_idx').on(t.entityType, t.entityId),
    index('audit_person_idx').on(t.personId, t.at),
    index('audit_action_idx').on(t.action, t.at),
  ],
);
