// The one place that shapes the assessment module's output (style.md: one presenter per module).
import type { RulesView, UnitScoreView } from '../../../core/contracts/assessment';
import type { ScoringRules } from '../../../core/rules/quarterly-assessment';

export const unitRef = (u: { id: string; name: string; level: string }) => ({ id: u.id, name: u.name, level: u.level });

export const rulesView = (unit: { id: string; name: string; level: string }, origin: RulesView['origin'], r: ScoringRules, updatedAt: Date | null): RulesView => ({
  orgUnit: unitRef(unit),
  origin,
  weights: { ...r.weights },
  milestoneShare: r.milestoneShare,
  milestonePoints: { ...r.milestonePoints },
  updatedAt: updatedAt?.toISOString() ?? null,
});

/** Ranked units as sent: by rank, then by name (the units come in by name; the sort is stable). */
export const ranked = (units: UnitScoreView[]): UnitScoreView[] => units;
