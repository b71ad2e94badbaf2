// The one place that shapes the governance module's output (style.md: one presenter per module).
import type { IndicatorDefinition, IndicatorCode } from '../../../core/rules/indicators';
import { definitionOf } from '../../../core/rules/indicators';
import type { IndicatorValue } from '../../../core/contracts/governance';

export const unitRef = (u: { id: string; name: string; level: string }) => ({ id: u.id, name: u.name, level: u.level });

export const definitionView = (d: IndicatorDefinition) => ({
  code: d.code,
  name: d.name,
  formula: d.formula,
  unit: d.unit,
  direction: d.direction,
  source: d.source,
  drill: d.drill,
  seedTarget: d.seedTarget,
  seedBaseline: d.seedBaseline,
});

/** Child units best first (by the indicator's direction); units without a value last, by name. */
export function ranked<T extends { orgUnit: { name: string }; value: IndicatorValue }>(code: IndicatorCode, rows: T[]): T[] {
  const sign = definitionOf(code).direction === 'higher' ? -1 : 1;
  return [...rows].sort((a, b) => {
    const [x, y] = [a.value.value, b.value.value];
    if (x === null || y === null) return x === null && y === null ? a.orgUnit.name.localeCompare(b.orgUnit.name) : x === null ? 1 : -1;
    return x === y ? a.orgUnit.name.localeCompare(b.orgUnit.name) : sign * (x - y);
  });
}
