import { pgTable, uuid, jsonb, numeric, timestamp } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema';

/**
 * Issue 15 item 5 (季考核): the scoring rules of a unit's quarterly assessment, set by the district
 * office: a weight per indicator code and the points of a milestone's progress. A unit without a
 * row takes its nearest ancestor's, else the defaults of core/rules/quarterly-assessment.ts.
 */
export const assessmentRules = pgTable('assessment_rules', {
  orgUnitId: uuid('org_unit_id')
    .primaryKey()
    .references(() => orgUnits.id),
  /** { "K2": 15, … }: codes checked against K1–K18 on the way in. */
  weights: jsonb('weights').$type<Record<string, number>>().notNull(),
  milestoneShare: numeric('milestone_share', { mode: 'number' }).notNull(),
  /** { on_track, at_risk, missed }, in % of the milestone part. */
  milestonePoints: jsonb('milestone_points').$type<{ on_track: number; at_risk: number; missed: number }>().notNull(),
  updatedBy: uuid('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
