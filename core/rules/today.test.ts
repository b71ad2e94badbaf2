import { describe, expect, it } from 'vitest';
import { isLongOverdue, LONG_OVERDUE_DAYS, todayCounterMatches, todayCounters } from './today';

const date = '2026-12-03';

describe('今日待办 counters narrow the list to what they counted (issue 17 §5)', () => {
  const cases = [
    { task: { state: 'due', dueDate: '2026-12-05' }, yes: ['due', 'persons'] },
    { task: { state: 'overdue', dueDate: '2026-11-01' }, yes: ['overdue', 'persons'] },
    { task: { state: 'due', dueDate: date }, yes: ['due', 'dueToday', 'persons'] },
    { task: { state: 'done', dueDate: date }, yes: ['dueToday', 'doneToday', 'persons'] },
    { task: { state: 'excused', dueDate: date }, yes: ['dueToday', 'persons'] },
  ] as const;
  for (const { task, yes } of cases) {
    it(`a ${task.state} task due ${task.dueDate} is in ${yes.join(', ')} only`, () => {
      const matched = todayCounters.filter((c) => todayCounterMatches(c, task, date));
      expect(matched).toEqual(yes);
    });
  }
});

describe('long-overdue tasks fold into one line', () => {
  it(`folds a task only past ${LONG_OVERDUE_DAYS} days overdue`, () => {
    expect(isLongOverdue({ daysOverdue: LONG_OVERDUE_DAYS + 1 })).toBe(true);
    expect(isLongOverdue({ daysOverdue: LONG_OVERDUE_DAYS })).toBe(false);
    expect(isLongOverdue({ daysOverdue: 0 })).toBe(false);
  });
});
