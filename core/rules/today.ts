import type { TaskState } from './schedule';

// How 今日待办 narrows and folds its list (issue 17 §5). The counters at its top are computed by
// the server (supervision `queries.ts`, `dayTasks`); a click on one shows the tasks it counted,
// so each predicate here is the same condition as that counter's SQL filter.

export const todayCounters = ['due', 'overdue', 'dueToday', 'doneToday', 'persons'] as const;
export type TodayCounter = (typeof todayCounters)[number];
export const isTodayCounter = (v: unknown): v is TodayCounter => todayCounters.includes(v as TodayCounter);

interface CountedTask {
  state: TaskState;
  dueDate: string;
}

/** The task is one the counter counted on `date` (the server's today). `persons` counts people, so every task of the list is theirs. */
export function todayCounterMatches(counter: TodayCounter, task: CountedTask, date: string): boolean {
  switch (counter) {
    case 'due':
      return task.state === 'due';
    case 'overdue':
      return task.state === 'overdue';
    case 'dueToday':
      return task.dueDate === date;
    case 'doneToday':
      return task.dueDate === date && task.state === 'done';
    case 'persons':
      return true;
  }
}

/**
 * Past this many days overdue a task is history rather than today's work: /api/today leaves it
 * out of the list by default (`overdueDays`) and counts it apart (`olderOverdue`); the page folds
 * such tasks into one line at its end, opened on demand, so the first screen is the work that
 * can still be done. The task stays overdue and in the person's file; only its place changes.
 */
export const LONG_OVERDUE_DAYS = 30;

export const isLongOverdue = (task: { daysOverdue: number }): boolean => task.daysOverdue > LONG_OVERDUE_DAYS;
