import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testDbKinds } from '../../test/harness';
import { personUnderMeasure, world, type World } from '../../test/supervision-world';

// The fixed clock of the harness: today is 2026-11-22 in Asia/Shanghai. A world of its own: the
// person below, unseen since June, brings breaches and notices that would crowd other tests' lists.

type Task = { personId: string; state: string; daysOverdue: number };
const long = (t: Task) => t.state === 'overdue' && t.daysOverdue > 30;

describe.each(testDbKinds())('今日待办 folds long-overdue tasks on %s (issue 17 §5)', (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await world(kind, {}, 'fold');
  });
  afterAll(() => w.t.close());

  it('leaves tasks overdue for more than 30 days out of the list and counts them apart', async () => {
    const { personId: recent } = await personUnderMeasure(w, { reportDate: '2026-11-01', name: '郑六' });
    const { personId: old } = await personUnderMeasure(w, { reportDate: '2026-06-20', name: '周五' });
    const day = (await w.worker.get('/api/today?limit=5000')).json();
    const history = (await w.worker.get('/api/today?overdueDays=366&limit=5000')).json();
    expect(history.truncated).toBe(false);
    const hisLong = history.tasks.filter((t: Task) => t.personId === old && long(t));
    expect(hisLong.length).toBeGreaterThan(0);
    expect(day.tasks.filter(long)).toEqual([]);
    // The fold counts every long-overdue task of the worker (another test of this world may have
    // added a person of its own first): what the 366-day list shows as long overdue, no more.
    const allLong = history.tasks.filter(long);
    expect(day.olderOverdue).toEqual({ tasks: allLong.length, persons: new Set(allLong.map((t: Task) => t.personId)).size });
    expect(day.olderOverdue.persons).toBeGreaterThanOrEqual(1);
    // Both persons' current work is still listed; the 366-day list has nothing older to fold.
    expect(day.tasks.some((t: Task) => t.personId === recent)).toBe(true);
    expect(day.tasks.some((t: Task) => t.personId === old)).toBe(true);
    expect(history.olderOverdue).toEqual({ tasks: 0, persons: 0 });
  });

  it('counts only the audience: another street sees none of it', async () => {
    await personUnderMeasure(w, { reportDate: '2026-06-01', name: '吴七' });
    const officer = (await w.officer.get('/api/today?scope=unit')).json();
    expect(officer.olderOverdue.persons).toBeGreaterThanOrEqual(1);
    const outside = (await w.outsider.get('/api/today?scope=unit')).json();
    expect(outside.olderOverdue).toEqual({ tasks: 0, persons: 0 });
  });
});
