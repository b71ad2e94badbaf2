// Contracts of the governance module (issue 15): indicator values by unit and period, the
// drill-down, targets, baselines and milestones.
import { z } from 'zod';
import { MAX_OFFSET, localized } from './common';
import { indicatorCodes } from '../rules/indicators';
import { phaseCodes } from '../rules/targets';

const isoDate = z.iso.date();

export const indicatorCode = z.enum(indicatorCodes);
export const noDataReasons = ['no_survey_data', 'no_alert_data', 'no_police_figures', 'nothing_due'] as const;
export const rags = ['green', 'amber', 'red', 'none'] as const;
export const progressStates = ['on_track', 'at_risk', 'missed', 'met', 'no_data'] as const;
export type ProgressStateCode = (typeof progressStates)[number];

export const periodQuery = z.object({ orgUnitId: z.uuid().optional(), from: isoDate, to: isoDate });
export type PeriodQuery = z.infer<typeof periodQuery>;

export const indicatorDefinitionView = z.object({
  code: indicatorCode,
  name: localized,
  formula: localized,
  unit: z.enum(['rate', 'count']),
  direction: z.enum(['higher', 'lower']),
  source: z.enum(['supervision', 'assistance', 'prevention', 'warnings', 'police', 'none']),
  drill: z.enum(['persons', 'records', 'none']),
  seedTarget: z.number().nullable(),
  seedBaseline: z.number().nullable(),
});
export const definitionList = z.object({ items: z.array(indicatorDefinitionView) });

export const indicatorValue = z.object({
  code: indicatorCode,
  /** In % for a rate, a number for a count; null with a reason when there is nothing to show. */
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  noData: z.enum(noDataReasons).nullable(),
  target: z.number().nullable(),
  rag: z.enum(rags),
  /** Beside the main figure: K13 reach, K16 trainings held, K12 workers per 30 persons. */
  detail: z.record(z.string(), z.number()).optional(),
});
export type IndicatorValue = z.infer<typeof indicatorValue>;

const unitRef = z.object({ id: z.uuid(), name: z.string(), level: z.string() });

export const overviewView = z.object({
  orgUnit: unitRef,
  from: isoDate,
  to: isoDate,
  /** `rollup`: read from the rollups (a standard period in their window); `live`: computed now. */
  source: z.enum(['rollup', 'live']),
  refreshedAt: z.string().nullable(),
  items: z.array(indicatorValue),
});
export type OverviewView = z.infer<typeof overviewView>;

export const indicatorPageQuery = periodQuery.extend({ code: indicatorCode });
export const trendPoint = z.object({ from: isoDate, to: isoDate, value: z.number().nullable(), numerator: z.number(), denominator: z.number() });
export const indicatorPage = z.object({
  definition: indicatorDefinitionView,
  orgUnit: unitRef,
  from: isoDate,
  to: isoDate,
  value: indicatorValue,
  children: z.array(z.object({ orgUnit: unitRef, value: indicatorValue })),
  trend: z.array(trendPoint),
});
export type IndicatorPage = z.infer<typeof indicatorPage>;

export const drillQuery = periodQuery.extend({
  code: indicatorCode,
  side: z.enum(['numerator', 'denominator']),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0),
});
export type DrillQuery = z.infer<typeof drillQuery>;
export const drillView = z.object({
  kind: z.enum(['persons', 'records']),
  total: z.number(),
  items: z.array(z.object({ id: z.uuid(), name: z.string(), orgUnitId: z.uuid(), orgUnitName: z.string(), date: isoDate.optional() })),
});
export type DrillView = z.infer<typeof drillView>;

// ——— targets and milestones

const percentOrCount = z.number().min(-1e9).max(1e9).nullable();
export const targetsQuery = z.object({ orgUnitId: z.uuid().optional(), year: z.coerce.number().int().min(2000).max(2100) });
export const targetInput = z.object({ code: indicatorCode, baseline: percentOrCount, target: percentOrCount });
export const targetsBody = z.object({ orgUnitId: z.uuid(), year: z.number().int().min(2000).max(2100), items: z.array(targetInput).min(1).max(18) });
export type TargetsBody = z.infer<typeof targetsBody>;

export const planBody = z.object({
  orgUnitId: z.uuid(),
  startDate: isoDate,
  milestones: z
    .array(z.object({ code: indicatorCode, month: z.union([z.literal(6), z.literal(12), z.literal(24), z.literal(36), z.literal(60)]), goal: z.number().min(-1e9).max(1e9) }))
    .max(90)
    .default([]),
});
export type PlanBody = z.infer<typeof planBody>;

export const milestoneView = z.object({ month: z.number(), due: isoDate, goal: z.number().nullable(), state: z.enum(progressStates), own: z.boolean() });
export const targetView = z.object({
  code: indicatorCode,
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  /** Where the figure comes from: this unit, an ancestor's plan, or the seed's default. */
  origin: z.enum(['unit', 'inherited', 'seed']),
  value: z.number().nullable(),
  state: z.enum(progressStates),
  milestones: z.array(milestoneView),
});
export const targetsView = z.object({
  orgUnit: unitRef,
  year: z.number(),
  plan: z.object({ startDate: isoDate, phase: z.enum(phaseCodes), own: z.boolean() }),
  items: z.array(targetView),
});
export type TargetsView = z.infer<typeof targetsView>;

export const rollupStatusView = z.object({
  builtFor: isoDate.nullable(),
  refreshedAt: z.string().nullable(),
  pendingMarks: z.number(),
  unitsLastRun: z.number(),
  msLastRun: z.number(),
});
