import type { TodayTask } from '../../api/supervision';

/** Tasks grouped by person, persons in the order of their first task (the earliest due first). */
export function groupByPerson(tasks: TodayTask[]): TodayTask[][] {
  const groups = new Map<string, TodayTask[]>();
  for (const task of tasks) groups.set(task.personId, [...(groups.get(task.personId) ?? []), task]);
  return [...groups.values()];
}
