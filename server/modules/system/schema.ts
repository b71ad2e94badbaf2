import { pgTable, text, jsonb, timestamp } from 'drizzle-orm/pg-core';

/** Deployment-wide facts, e.g. that this database holds a generated demo city. */
export const systemSettings = pgTable('system_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
