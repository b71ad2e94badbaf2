import { useSearchParams } from 'react-router-dom';
import { periodContaining, standardKindOf, type PeriodKind } from '../../../core/rules/targets';
import { todayIso } from '../../components/dates';

/** The dashboard's unit and period live in the address, so a link (and the back button) keeps them. */
export function useGovPeriod() {
  const [params, setParams] = useSearchParams();
  const fallback = periodContaining('month', todayIso());
  const from = params.get('from') ?? fallback.from;
  const to = params.get('to') ?? fallback.to;
  const orgUnitId = params.get('orgUnitId') ?? undefined;
  const kind: PeriodKind = standardKindOf(from, to) ?? 'custom';
  const set = (next: { orgUnitId?: string; from?: string; to?: string }) => {
    const merged = { orgUnitId, from, to, ...next };
    const out = new URLSearchParams();
    if (merged.orgUnitId) out.set('orgUnitId', merged.orgUnitId);
    out.set('from', merged.from);
    out.set('to', merged.to);
    setParams(out);
  };
  return { period: { orgUnitId, from, to }, kind, set, search: params.toString() };
}
