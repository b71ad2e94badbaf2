import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { supervisionApi, supervisionKeys, type TodayTask } from '../../api/supervision';
import type { Me } from '../../api/auth';
import { getSnapshot, putSnapshot } from '../../offline/store';
import { defaultScope, firstSupervisionUnit } from '../supervision/codes';

/** A task as this device keeps it for the day: whom to visit and when, nothing else of the person. */
export type FieldTask = Pick<TodayTask, 'measureId' | 'key' | 'personId' | 'personName' | 'orgUnitName' | 'kind' | 'dueDate' | 'windowEnd' | 'state' | 'daysOverdue'>;
export interface FieldDay {
  date: string;
  tasks: FieldTask[];
}

/**
 * A grid worker's round is his grid's visits (F2); a social worker's, his follow-ups (F1) and the
 * drug tests and check-ins due (T4, T5), which the phone records offline too (issue 17 §2).
 */
const roundKinds = (me: Me): ReadonlySet<string> =>
  me.grants.some((g) => g.roleCode === 'grid_worker') ? new Set(['grid_visit']) : new Set(['grid_visit', 'follow_up', 'drug_test', 'check_in']);

const minimal = (t: TodayTask): FieldTask => ({
  measureId: t.measureId,
  key: t.key,
  personId: t.personId,
  personName: t.personName,
  orgUnitName: t.orgUnitName,
  kind: t.kind,
  dueDate: t.dueDate,
  windowEnd: t.windowEnd,
  state: t.state,
  daysOverdue: t.daysOverdue,
});

/** One row per person and kind of task: his oldest open one (the list comes oldest due first); one record resolves what it can. */
function onePerPerson(tasks: TodayTask[]): TodayTask[] {
  const seen = new Set<string>();
  const contact = (k: string) => (k === 'drug_test' || k === 'check_in' ? k : 'contact');
  return tasks.filter((t) => {
    const key = `${t.personId}|${contact(t.kind)}`;
    return !seen.has(key) && !!seen.add(key);
  });
}

/**
 * The worker's day from the server's 今日待办 (its "today"), kept on the device (sealed, issue 17)
 * each time it answers; without a signal, the day as last kept.
 */
export function useFieldDay(me: Me) {
  const scope = defaultScope(me);
  const q = { scope, orgUnitId: scope === 'unit' ? firstSupervisionUnit(me) : undefined };
  const day = useQuery({ queryKey: [...supervisionKeys.today(q), 'field'], queryFn: () => supervisionApi.today(q), retry: false, networkMode: 'always' });
  const kinds = roundKinds(me);
  const live: FieldDay | undefined = day.data && { date: day.data.date, tasks: onePerPerson(day.data.tasks.filter((t) => kinds.has(t.kind))).map(minimal) };
  const [kept, setKept] = useState<FieldDay | null | undefined>(undefined);
  useEffect(() => {
    if (live) void putSnapshot('day', live).catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- written once per answer
  }, [day.data]);
  const offline = day.isError;
  useEffect(() => {
    if (offline && kept === undefined) void getSnapshot<FieldDay>('day').then(setKept, () => setKept(null));
  }, [offline, kept]);
  // Issue 12: the assistance tasks are shown while online only and never kept on the device (they are done in the person's tab).
  const assistance = day.data?.assistance ?? [];
  return { live, kept: offline ? kept : undefined, assistance, loading: day.isPending, error: day.error, refetch: day.refetch };
}
