import { describe, it, expect } from 'vitest';
import { compareDates, isWithin } from './dates';
import { computeEndDate, createMeasure, type Measure, type MeasureKind } from './measures';
import { defaultPolicy } from './policy';
import type { Suspension } from './periods';
import { computeTasks, isEvadedTest, type Excusal, type ScheduleInput, type SupervisionRecord, type Task, type TaskKind } from './schedule';

const policy = defaultPolicy;
const START = '2024-01-10';

function activeMeasure(kind: MeasureKind = 'community_detox', extra: Partial<Measure> = {}): Measure {
  return { ...createMeasure({ id: 'm', kind, decisionDate: '2024-01-01' }), status: 'active', startDate: START, ...extra };
}

function tasks(overrides: Partial<ScheduleInput> = {}, kind?: TaskKind): Task[] {
  const all = computeTasks({
    measure: activeMeasure(),
    suspensions: [],
    leaves: [],
    records: [],
    policy,
    today: START,
    ...overrides,
  });
  return kind ? all.filter((t) => t.kind === kind) : all;
}

const drugTest = (id: string, date: string, result: 'negative' | 'positive' | 'refused' | 'evaded' | 'invalid' = 'negative', random = false): SupervisionRecord => ({
  id,
  kind: 'drug_test',
  date,
  result,
  random,
});

describe('which measures get tasks', () => {
  it.each<[string, Measure, boolean]>([
    ['M1: community detox', activeMeasure('community_detox'), true],
    ['M9: community rehab', activeMeasure('community_rehab'), true],
    ['M2: not before the person reports', createMeasure({ id: 'm', kind: 'community_detox', decisionDate: '2024-01-01' }), false],
    ['M7: not in compulsory isolation (the facility supervises)', activeMeasure('compulsory_isolation'), false],
    ['M4: not for voluntary treatment', activeMeasure('voluntary_treatment'), false],
    ['M10: not for maintenance treatment', activeMeasure('maintenance_treatment'), false],
  ])('%s', (_label, measure, expected) => {
    expect(tasks({ measure }).length > 0).toBe(expected);
  });

  it('T4, F1, F2, F4: all four kinds of task, ordered by due date', () => {
    const all = tasks();
    expect(new Set(all.map((t) => t.kind))).toEqual(new Set(['drug_test', 'check_in', 'follow_up', 'grid_visit']));
    const sorted = [...all].sort((a, b) => compareDates(a.dueDate, b.dueDate));
    expect(all.map((t) => t.dueDate)).toEqual(sorted.map((t) => t.dueDate));
  });
});

describe('drug tests by year of the measure (T4, T5)', () => {
  const dueDates = (kind: MeasureKind) => tasks({ measure: activeMeasure(kind) }, 'drug_test').map((t) => t.dueDate);

  it('T4: the change from monthly to every 2 months comes on the first anniversary', () => {
    const dues = dueDates('community_detox');
    expect(dues.slice(10, 14)).toEqual(['2024-12-10', '2025-01-10', '2025-03-10', '2025-05-10']);
  });
  it('T4: the change from every 2 months to quarterly comes on the second anniversary', () => {
    const dues = dueDates('community_detox');
    expect(dues.slice(16, 19)).toEqual(['2025-11-10', '2026-01-10', '2026-04-10']);
    expect(dues).toHaveLength(22);
  });
  it('T5: every 2 months, then quarterly, then every 6 months', () => {
    const dues = dueDates('community_rehab');
    expect(dues.slice(4, 8)).toEqual(['2024-11-10', '2025-01-10', '2025-04-10', '2025-07-10']);
    expect(dues.slice(8)).toEqual(['2025-10-10', '2026-01-10', '2026-07-10', '2027-01-10']);
  });
  it('M8/T4: credited days shorten the schedule and the term end closes the last cycle', () => {
    const measure = activeMeasure('community_detox', { startDate: '2024-07-05', creditedDays: 182 });
    const dues = tasks({ measure, today: '2024-07-05' }, 'drug_test').map((t) => t.dueDate);
    expect(dues).toHaveLength(20);
    expect(dues.slice(-2)).toEqual(['2026-10-05', '2027-01-04']);
  });
});

describe('T7: the window of a scheduled drug test', () => {
  // The first test is due 2024-02-10; its window runs 2024-02-03 .. 2024-02-17.
  const first = (overrides: Partial<ScheduleInput>) => tasks(overrides, 'drug_test')[0] as Task;

  it('T7: the window is ± 7 days', () => {
    expect(first({})).toMatchObject({ key: 'drug_test:1', dueDate: '2024-02-10', windowStart: '2024-02-03', windowEnd: '2024-02-17' });
  });

  it.each<[string, string, string | undefined]>([
    ['T7: day −8 is outside the window', '2024-02-02', undefined],
    ['T7: day −7 is inside the window', '2024-02-03', 't1'],
    ['T7: the due date', '2024-02-10', 't1'],
    ['T7: day +7 is inside the window', '2024-02-17', 't1'],
    ['T7: day +8 is outside the window', '2024-02-18', undefined],
  ])('%s (test on %s)', (_label, date, recordId) => {
    const task = first({ records: [drugTest('t1', date)], today: '2024-03-01' });
    expect(task.recordId).toBe(recordId);
    expect(task.state).toBe(recordId ? 'done' : 'overdue');
  });

  it.each<[string, string, string]>([
    ['T7: before the window', '2024-02-02', 'upcoming'],
    ['T7: on day −7', '2024-02-03', 'due'],
    ['T7: on day +7', '2024-02-17', 'due'],
    ['T7: on day +8, with no test, it counts as evaded', '2024-02-18', 'overdue'],
  ])('%s (today %s → %s)', (_label, today, state) => {
    const task = first({ today });
    expect(task.state).toBe(state);
    expect(isEvadedTest(task)).toBe(state === 'overdue');
  });
});

describe('which records resolve a scheduled test (T3, T6)', () => {
  const first = (records: SupervisionRecord[]) => tasks({ records, today: '2024-03-01' }, 'drug_test')[0] as Task;

  it.each<[string, SupervisionRecord[], string | undefined]>([
    ['T3: a negative test', [drugTest('a', '2024-02-09')], 'a'],
    ['T3/C6: a positive test (a relapse, but the test was done)', [drugTest('a', '2024-02-09', 'positive')], 'a'],
    ['T3/C5: a recorded refusal resolves it, so it is not counted again as an evasion', [drugTest('a', '2024-02-09', 'refused')], 'a'],
    ['T3/C5: a recorded evasion resolves it', [drugTest('a', '2024-02-10', 'evaded')], 'a'],
    ['T3: an invalid sample resolves nothing', [drugTest('a', '2024-02-09', 'invalid')], undefined],
    ['T3: an invalid sample, then a re-test in the window', [drugTest('a', '2024-02-09', 'invalid'), drugTest('b', '2024-02-12')], 'b'],
    ['T3: a test taken after a recorded evasion wins', [drugTest('a', '2024-02-10', 'evaded'), drugTest('b', '2024-02-14')], 'b'],
    ['T6: a random test inside the window with a sample', [drugTest('r', '2024-02-05', 'negative', true)], 'r'],
    ['T6: a random positive test inside the window', [drugTest('r', '2024-02-05', 'positive', true)], 'r'],
    ['T6: a refused random test does not stand in for the scheduled one', [drugTest('r', '2024-02-05', 'refused', true)], undefined],
    ['T6: a random test outside the window', [drugTest('r', '2024-02-20', 'negative', true)], undefined],
    ['T6: the scheduled test is preferred over a random one', [drugTest('r', '2024-02-04', 'negative', true), drugTest('s', '2024-02-10')], 's'],
    ['the earliest of two scheduled tests', [drugTest('b', '2024-02-11'), drugTest('a', '2024-02-09')], 'a'],
    ['a record of another kind does not count', [{ id: 'v', kind: 'grid_visit', date: '2024-02-10' }], undefined],
  ])('%s', (_label, records, recordId) => {
    const task = first(records);
    expect(task.recordId).toBe(recordId);
    expect(task.state).toBe(recordId ? 'done' : 'overdue');
  });

  it('T6: a random test does not shift the schedule', () => {
    const dues = (records: SupervisionRecord[]) => tasks({ records }, 'drug_test').map((t) => t.dueDate);
    expect(dues([drugTest('r', '2024-02-25', 'negative', true)])).toEqual(dues([]));
  });

  it('one record resolves one task only', () => {
    // Test windows never overlap by default; grid visit periods touch, so check them.
    const visits = tasks({ records: [{ id: 'v', kind: 'grid_visit', date: '2024-01-17' }], today: '2024-02-01' }, 'grid_visit');
    expect(visits.filter((t) => t.recordId === 'v')).toHaveLength(1);
    expect(visits[0]).toMatchObject({ dueDate: '2024-01-17', state: 'done', recordId: 'v' });
    expect(visits[1]).toMatchObject({ dueDate: '2024-01-24', state: 'overdue' });
  });
});

describe('T7: excused by approved leave or hospital stay', () => {
  const leave = (from: string, to: string, reason: Excusal['reason'] = 'leave_request'): Excusal => ({ from, to, reason });
  const first = (leaves: Excusal[], suspensions: Suspension[] = []) => tasks({ leaves, suspensions, today: '2024-03-01' }, 'drug_test')[0] as Task;

  it.each<[string, Excusal[], Suspension[], string]>([
    ['C4/T7: an approved leave covering the whole window', [leave('2024-02-01', '2024-02-20')], [], 'excused'],
    ['T7: a hospital stay covering the whole window', [leave('2024-02-03', '2024-02-17', 'hospital_stay')], [], 'excused'],
    ['T7: a leave and a hospital stay together', [leave('2024-02-03', '2024-02-09'), leave('2024-02-10', '2024-02-17', 'hospital_stay')], [], 'excused'],
    ['T7: one free day at the end of the window: the test stood', [leave('2024-02-03', '2024-02-16')], [], 'overdue'],
    ['T7: one free day at the start of the window: the test stood', [leave('2024-02-04', '2024-02-17')], [], 'overdue'],
    ['C9/T7: a leave and then an arrest cover the window', [leave('2024-02-03', '2024-02-11')], [{ start: '2024-02-12', end: '2024-02-20' }], 'excused'],
  ])('%s', (_label, leaves, suspensions, state) => {
    expect(first(leaves, suspensions).state).toBe(state);
  });

  it('T7: an excused test that was done anyway is done', () => {
    const task = tasks({ leaves: [leave('2024-02-01', '2024-02-20')], records: [drugTest('t', '2024-02-03')], today: '2024-03-01' }, 'drug_test')[0];
    expect(task).toMatchObject({ state: 'done', recordId: 't' });
  });

  it('T7: an excused test is not evaded', () => {
    expect(isEvadedTest(first([leave('2024-02-01', '2024-02-20')]))).toBe(false);
  });
});

describe('C9: a suspension pauses the schedule', () => {
  const suspension: Suspension = { start: '2024-03-01', end: '2024-03-21' }; // 20 days
  const measure = activeMeasure('community_detox', { suspensions: [suspension] });
  const shifted = tasks({ measure, suspensions: [suspension], today: '2024-04-01' });

  it('C9: no task falls due while suspended', () => {
    expect(shifted.filter((t) => isWithin(t.dueDate, '2024-03-01', '2024-03-20'))).toEqual([]);
  });

  it('C9: due dates after the release move back by the suspended days, keys stay', () => {
    const tests = shifted.filter((t) => t.kind === 'drug_test');
    expect(tests.slice(0, 3).map((t) => [t.key, t.dueDate])).toEqual([
      ['drug_test:1', '2024-02-10'], // before the suspension: unchanged
      ['drug_test:2', '2024-03-30'], // 2024-03-10 + 20 days
      ['drug_test:3', '2024-04-30'], // 2024-04-10 + 20 days
    ]);
  });

  it('C9/T4: the year of the measure moves too, and the schedule ends on the shifted end date', () => {
    const tests = shifted.filter((t) => t.kind === 'drug_test');
    expect(tests[12]?.dueDate).toBe('2025-03-30'); // first test of year 2: 2025-03-10 + 20
    expect(tests.at(-1)?.dueDate).toBe('2027-01-30');
    expect(computeEndDate(measure, policy)).toBe('2027-01-30');
    expect(tests).toHaveLength(22);
  });

  it('C9: the weekly visit that fell into the suspension moves past it', () => {
    const visits = shifted.filter((t) => t.kind === 'grid_visit').map((t) => t.dueDate);
    expect(visits.slice(6, 9)).toEqual(['2024-02-28', '2024-03-26', '2024-04-02']); // 03-06 and 03-13 + 20
  });

  it('C9: while the suspension is open, later tasks are not listed', () => {
    const open: Suspension = { start: '2024-03-01', end: null };
    const during = tasks({ measure: activeMeasure('community_detox', { status: 'suspended', suspensions: [open] }), suspensions: [open], today: '2024-04-01' });
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((t) => compareDates(t.dueDate, '2024-03-01') < 0)).toBe(true);
  });
});

describe('check-ins, follow-ups and grid visits (F1, F2, F4)', () => {
  it.each<[string, TaskKind, string, string, string]>([
    ['F4: the first check-in is due a month after the start', 'check_in', '2024-02-10', '2024-01-10', '2024-02-10'],
    ['F1: the first follow-up is due a week after the start', 'follow_up', '2024-01-17', '2024-01-10', '2024-01-17'],
    ['F2: the first grid visit is due a week after the start', 'grid_visit', '2024-01-17', '2024-01-10', '2024-01-17'],
  ])('%s', (_label, kind, dueDate, windowStart, windowEnd) => {
    expect(tasks({}, kind)[0]).toMatchObject({ dueDate, windowStart, windowEnd });
  });

  it('F2: the next period starts the day after the previous due date', () => {
    expect(tasks({}, 'grid_visit')[1]).toMatchObject({ dueDate: '2024-01-24', windowStart: '2024-01-18', windowEnd: '2024-01-24' });
  });

  it.each<[string, string, SupervisionRecord[], string]>([
    ['F2: upcoming before its period', '2024-01-09', [], 'upcoming'],
    ['F2: due during its period', '2024-01-15', [], 'due'],
    ['F2: due on its due date', '2024-01-17', [], 'due'],
    ['F2: overdue the day after', '2024-01-18', [], 'overdue'],
    ['F2: done by a visit during the period', '2024-01-18', [{ id: 'v', kind: 'grid_visit', date: '2024-01-12' }], 'done'],
    ['F2: not done by a visit after the due date', '2024-01-20', [{ id: 'v', kind: 'grid_visit', date: '2024-01-18' }], 'overdue'],
  ])('%s', (_label, today, records, state) => {
    expect(tasks({ today, records }, 'grid_visit')[0]?.state).toBe(state);
  });
});

describe('end of the measure', () => {
  it('C9: tasks due after a termination are not listed', () => {
    const measure = activeMeasure('community_detox', { status: 'terminated', endedOn: '2024-06-15' });
    const all = tasks({ measure, today: '2024-07-01' });
    expect(all.every((t) => compareDates(t.dueDate, '2024-06-15') <= 0)).toBe(true);
    expect(
      all
        .filter((t) => t.kind === 'drug_test')
        .map((t) => t.dueDate)
        .at(-1),
    ).toBe('2024-06-10');
  });
});

describe('computeTasks is deterministic and idempotent', () => {
  const records: SupervisionRecord[] = [
    drugTest('a', '2024-02-09'),
    drugTest('b', '2024-03-12', 'refused'),
    drugTest('c', '2024-04-05', 'negative', true),
    { id: 'v1', kind: 'grid_visit', date: '2024-01-15' },
    { id: 'f1', kind: 'follow_up', date: '2024-01-16' },
    { id: 'k1', kind: 'check_in', date: '2024-02-10' },
  ];
  const input: ScheduleInput = {
    measure: activeMeasure(),
    suspensions: [{ start: '2024-05-01', end: '2024-05-08' }],
    leaves: [{ from: '2024-06-01', to: '2024-06-30', reason: 'leave_request' }],
    records,
    policy,
    today: '2024-07-01',
  };

  it('gives the same tasks for the same input, whatever the order of the records', () => {
    const once = computeTasks(input);
    expect(computeTasks(input)).toEqual(once);
    expect(computeTasks({ ...input, records: [...records].reverse() })).toEqual(once);
  });

  it('does not change its input', () => {
    const copy = structuredClone(input);
    computeTasks(input);
    expect(input).toEqual(copy);
  });

  it('gives every task a distinct key', () => {
    const keys = computeTasks(input).map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
