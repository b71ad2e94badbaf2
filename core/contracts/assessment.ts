// Contracts of the assessment module (季考核, issue 15 item 5): the quarterly scorecard of a
// unit's child units, ranked, and the district office's scoring rules.
import { z } from 'zod';
import { indicatorCodes } from '../rules/indicators';
import { milestonePointStates, quarterPattern, rulesProblems } from '../rules/quarterly-assessment';

const unitRef = z.object({ id: z.uuid(), name: z.string(), level: z.string() });
const indicatorCode = z.enum(indicatorCodes);

export const quarterlyQuery = z.object({
  orgUnitId: z.uuid().optional(),
  /** "2026-Q3"; a quarter starting after today is refused (400). */
  quarter: z.string().regex(quarterPattern),
});
export type QuarterlyQuery = z.infer<typeof quarterlyQuery>;

const milestoneState = z.enum(milestonePointStates);

export const indicatorScoreView = z.object({
  code: indicatorCode,
  value: z.number().nullable(),
  target: z.number().nullable(),
  milestone: milestoneState.nullable(),
  weight: z.number(),
  scored: z.boolean(),
  attainment: z.number().nullable(),
  maxPoints: z.number(),
  points: z.number().nullable(),
});

export const unitScoreView = z.object({
  orgUnit: unitRef,
  total: z.number().nullable(),
  rank: z.number().nullable(),
  indicators: z.array(indicatorScoreView),
});
export type UnitScoreView = z.infer<typeof unitScoreView>;

const percent = z.number().min(0).max(100);
export const milestonePointsSchema = z.object({ on_track: percent, at_risk: percent, missed: percent });

export const rulesView = z.object({
  orgUnit: unitRef,
  /** Where the rules come from: this unit, an ancestor's, or the defaults shipped. */
  origin: z.enum(['unit', 'inherited', 'default']),
  weights: z.record(z.string(), z.number()),
  milestoneShare: z.number(),
  milestonePoints: milestonePointsSchema,
  updatedAt: z.string().nullable(),
});
export type RulesView = z.infer<typeof rulesView>;

export const quarterlyView = z.object({
  orgUnit: unitRef,
  quarter: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  rules: rulesView,
  /** The child units, ranked (ties share a rank; no total, no rank, last). */
  units: z.array(unitScoreView),
});
export type QuarterlyView = z.infer<typeof quarterlyView>;

export const rulesQuery = z.object({ orgUnitId: z.uuid().optional() });

/** Weights ≥ 0 per known indicator code, at least one > 0; milestone points on track ≥ at risk ≥ missed. */
export const rulesBody = z
  .object({
    orgUnitId: z.uuid(),
    weights: z.record(z.string().max(8), z.number().max(1000)),
    milestoneShare: percent,
    milestonePoints: milestonePointsSchema,
  })
  .superRefine((b, ctx) => {
    for (const p of rulesProblems(b)) ctx.addIssue({ code: 'custom', path: p.path.split('.'), message: p.code, params: { code: p.code } });
  });
export type RulesBody = z.infer<typeof rulesBody>;
