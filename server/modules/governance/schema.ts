import { pgTable, uuid, text, integer, bigint, numeric, date, timestamp, primaryKey, index } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema';

/**
 * Issue 15 item 2: the supervision indicators (K1–K7, K11, K12's persons) per org unit — the
 * unit's own persons, not its subtree — and standard period (week, month, quarter, year of the
 * rollup window). Each person belongs to one unit, so a subtree's figure is the sum of its units'
 * rows: a city overview sums a few thousand rows instead of walking three million records.
 * Rebuilt per unit (delete and insert) whenever the unit is marked dirty, and wholly when the
 * calendar day changes (docs/decisions/0015-indicator-rollups.md).
 */
export const governanceRollups = pgTable(
  'governance_rollups',
  {
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    periodKind: text('period_kind', { enum: ['week', 'month', 'quarter', 'year'] }).notNull(),
    periodStart: date('period_start').notNull(),
    indicator: text('indicator').notNull(),
    numerator: integer('numerator').notNull(),
    denominator: integer('denominator').notNull(),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'governance_rollups_pk', columns: [t.orgUnitId, t.periodKind, t.periodStart, t.indicator] }),
    index('governance_rollups_period_idx').on(t.periodKind, t.periodStart),
  ],
);

/**
 * Units whose rollups are stale: filled by triggers (custom SQL of this module's migration) in
 * the statement that writes a person's records, tasks, notices, status, measures or file, so no
 * code path can forget it; emptied by the refresh job in the transaction that rebuilds them.
 */
export const governanceDirtyUnits = pgTable('governance_dirty_units', {
  // Append-only, no unique key: a writer never waits on another writer or on the job for it.
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  orgUnitId: uuid('org_unit_id').notNull(),
  markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The refresh job's watermark: the calendar day the rollups were built for, and its last run. */
export const governanceRollupState = pgTable('governance_rollup_state', {
  id: text('id').primaryKey(),
  builtFor: date('built_for').notNull(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
  unitsLastRun: integer('units_last_run').notNull(),
  msLastRun: integer('ms_last_run').notNull(),
});

/** Issue 15 item 3: a unit's baseline and target of an indicator for a year, set by the district office. */
export const governanceTargets = pgTable(
  'governance_targets',
  {
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    year: integer('year').notNull(),
    indicator: text('indicator').notNull(),
    baseline: numeric('baseline', { mode: 'number' }),
    target: numeric('target', { mode: 'number' }),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'governance_targets_pk', columns: [t.orgUnitId, t.year, t.indicator] })],
);

/** The work plan of a unit: the day it started (milestones at 6/12/24/36/60 months count from it, seed §8.2). */
export const governancePlans = pgTable('governance_plans', {
  orgUnitId: uuid('org_unit_id')
    .primaryKey()
    .references(() => orgUnits.id),
  startDate: date('start_date').notNull(),
  updatedBy: uuid('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** A milestone goal of an indicator set for a unit's plan (months after its start); without one the seed default holds. */
export const governanceMilestones = pgTable(
  'governance_milestones',
  {
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    indicator: text('indicator').notNull(),
    month: integer('month').notNull(),
    goal: numeric('goal', { mode: 'number' }).notNull(),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'governance_milestones_pk', columns: [t.orgUnitId, t.indicator, t.month] })],
);
