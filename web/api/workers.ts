import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { workerList } from '../../core/contracts/persons';
import { api } from './client';
import { useSignedIn } from './me';
import { keys } from './keys';

export interface WorkerOption {
  id: string;
  name: string;
}

type WorkerList = z.infer<typeof workerList>;

/**
 * Accounts that may be named responsible worker: the staff who record supervision in my
 * subtrees (GET /api/workers), plus the ones already known to the page (e.g. a current worker
 * who has since moved).
 */
export function useWorkers(known: (WorkerOption | null | undefined)[] = []) {
  const me = useSignedIn();
  const list = useQuery({ queryKey: keys.workers, queryFn: () => api.get<WorkerList>('/workers'), staleTime: 5 * 60_000 });
  const all: WorkerOption[] = [
    ...(list.data?.items ?? []).map((w) => ({ id: w.id, name: `${w.displayName} · ${w.orgUnitName}` })),
    { id: me.user.id, name: me.user.displayName },
    ...known.filter((w): w is WorkerOption => !!w),
  ];
  const seen = new Set<string>();
  const workers = all.filter((w) => (seen.has(w.id) ? false : (seen.add(w.id), true)));
  return { workers, complete: list.isSuccess, loading: list.isPending };
}
