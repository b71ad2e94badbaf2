import type { IndicatorValue } from '../../../core/contracts/governance';
import { definitionOf } from '../../../core/rules/indicators';

/** A value as shown: a rate with its % sign, a count as is, nothing as a dash (never 0). */
export function shown(v: Pick<IndicatorValue, 'code' | 'value'>): string {
  if (v.value === null) return '—';
  return definitionOf(v.code).unit === 'rate' ? `${v.value}%` : String(v.value);
}

export function shownTarget(v: Pick<IndicatorValue, 'code' | 'target'>): string | null {
  if (v.target === null) return null;
  const def = definitionOf(v.code);
  if (def.unit === 'count') return String(v.target);
  return `${def.direction === 'higher' ? '≥' : '<'} ${v.target}%`;
}

export const ragTagColour = { green: 'success', amber: 'warning', red: 'error', none: 'default' } as const;
