import { pgTable, uuid, text, bigint, timestamp, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema';

/**
 * Every override of the policy ever saved (RULES: the numbers are a versioned policy). The
 * newest row of a scope is in force: `org_unit_id` null for the deployment, else a district.
 * Rows are never changed or deleted, so the history is the table.
 */
export const policyVersions = pgTable(
  'policy_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order: the newest row of a scope wins, even when two share a timestamp. */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    orgUnitId: uuid('org_unit_id').references(() => orgUnits.id),
    /** The override's own version; unique, so a recorded version names one override. */
    version: text('version').notNull(),
    override: jsonb('override').notNull(),
    /** Version of the effective policy this override produced when saved (default + deployment + district). */
    effectiveVersion: text('effective_version').notNull(),
    reason: text('reason'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('policy_versions_version_idx').on(t.version), index('policy_versions_unit_idx').on(t.orgUnitId, t.seq)],
);
