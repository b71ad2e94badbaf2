import { customType, pgTable, uuid, text, integer, timestamp, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema';
import { users } from '../users/schema';

/** The file's bytes in the row: a bulletin is tens of KB, kept with the report it belongs to. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

/**
 * Generated reports (issue 15 item 5): one row per kind, unit and period, so two requests for the
 * same month at once meet on the unique index and share one job. queued → running (progress
 * 0–100) → done (the file) | failed (a message); asking again after done or failed runs it anew.
 */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['monthly_bulletin'] }).notNull(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** yyyy-mm for a monthly bulletin. */
    period: text('period').notNull(),
    state: text('state', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
    progress: integer('progress').notNull().default(0),
    file: bytea('file'),
    fileName: text('file_name'),
    sizeBytes: integer('size_bytes'),
    error: text('error'),
    /** Null: made by the schedule (the job `reports.monthly`). */
    generatedBy: uuid('generated_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('reports_kind_unit_period_idx').on(t.kind, t.orgUnitId, t.period), index('reports_state_idx').on(t.state, t.createdAt)],
);
