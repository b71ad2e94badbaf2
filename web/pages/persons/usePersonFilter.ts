import { useSearchParams } from 'react-router-dom';
import type { PersonListQuery } from '../../api/persons';

export type PersonFilter = Pick<PersonListQuery, 'q' | 'status' | 'measureKind' | 'riskLevel' | 'orgUnitId' | 'workerId'>;
type Sort = NonNullable<PersonListQuery['sort']>;

const sorts: Sort[] = ['name', 'updated_at', 'birth_date', 'status', 'risk_level'];
const risks = ['high', 'medium', 'low'] as const;

/**
 * The list's search, filters, sort and page live in the address, so going back from a person
 * returns to the same list (and a list can be bookmarked or shared).
 */
export function usePersonFilter() {
  const [params, setParams] = useSearchParams();
  const text = (k: string) => params.get(k) || undefined;
  const risk = text('riskLevel');
  const filter: PersonFilter = {
    q: text('q'),
    status: text('status'),
    measureKind: text('measureKind'),
    riskLevel: risks.find((r) => r === risk),
    orgUnitId: text('orgUnitId'),
    workerId: text('workerId'),
  };
  const sortParam = text('sort');
  const sort: Sort = sorts.find((s) => s === sortParam) ?? 'name';
  const order: 'asc' | 'desc' = params.get('order') === 'desc' ? 'desc' : 'asc';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const size = [10, 20, 50, 100].includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;

  const update = (changes: Record<string, string | number | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };

  return {
    filter,
    sort,
    order,
    page,
    size,
    query: { ...filter, sort, order, limit: size, offset: (page - 1) * size } satisfies PersonListQuery,
    setFilter: (changes: Partial<PersonFilter>) => update(changes),
    setSort: (s: Sort | undefined, o: 'asc' | 'desc' | undefined) =>
      update({ sort: s === 'name' && o !== 'desc' ? undefined : s, order: o === 'desc' ? 'desc' : undefined }, false),
    setPage: (p: number, s: number) => update({ page: p > 1 ? p : undefined, size: s !== 20 ? s : undefined }, false),
  };
}
