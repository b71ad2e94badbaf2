// Supervision tasks (待办) of a community measure: drug tests (T4, T5, T7), check-ins (F4),
// follow-ups (F1) and grid worker visits (F2), each with its state on `today`.
//
// Deterministic and idempotent: the same input always gives the same tasks in the same order,
// and every task has a stable `key` (kind and sequence number) that survives a suspension
// shifting its date, so the caller can store tasks and update them in place.
//
// Decisions where RULES is silent:
// - A task is resolved ('done') by any record of its kind inside its window. For a drug test,
//   the record's result tells how (a recorded refusal or evasion also resolves the task, so it
//   is never counted a second time as an evasion); an 'invalid' sample resolves nothing, the
//   test must be repeated inside the window.
// - T6: a random test does not shift the schedule. It resolves a scheduled test only if it
//   falls inside that test's window and a sample was taken (negative or positive): testing the
//   person twice in a fortnight adds nothing, but a refused random test does not stand in for
//   the scheduled one. A record made for the schedule is preferred over a random one.
// - T7: the window of a drug test is due date ± N days; every other task's window is the
//   period since the previous one of its kind (since the term start for the first).
// - A task is excused when approved leave requests, hospital stays and suspensions together
//   cover every day of its window: if the person was available on any day, the duty stood.
// - C9: no task falls due while the measure is suspended; due dates after a release move back
//   by the suspended days (and so does the year of the measure for T4/T5). During an open
//   suspension the later tasks are not listed: their dates cannot be known yet.
// - Tasks due after the measure ended are not listed.

import { addDays, compareDates, isWithin, type IsoDate } from './dates';
import { cadenceDueDates, checkInCadence, drugTestCadence, followUpCadence, gridVisitCadence, type CadencePhase } from './cadence';
import { isNonCooperation, isSampleResult, type TestResult } from './drug-test-results';
import { isCommunityMeasure, nominalEndDate, type Measure, type MeasureTerm } from './measures';
import { coversAllDays, shiftPastSuspensions, suspensionDays, type DayRange, type Suspension } from './periods';
import type { Policy } from './policy';

export type TaskKind = 'drug_test' | 'check_in' | 'follow_up' | 'grid_visit';
export type TaskState = 'done' | 'due' | 'overdue' | 'excused' | 'upcoming';

export interface Task {
  /** Stable identity: kind and sequence number in the schedule, e.g. 'drug_test:3'. */
  key: string;
  kind: TaskKind;
  dueDate: IsoDate;
  windowStart: IsoDate;
  windowEnd: IsoDate;
  state: TaskState;
  recordId?: string;
}

export type SupervisionRecord =
  { id: string; kind: 'drug_test'; date: IsoDate; result: TestResult; random: boolean } | { id: string; kind: 'check_in' | 'follow_up' | 'grid_visit'; date: IsoDate };

/** An approved leave request (C4) or a hospital stay, both ends included. */
export interface Excusal extends DayRange {
  reason: 'leave_request' | 'hospital_stay';
}

export interface ScheduleInput {
  measure: MeasureTerm & Pick<Measure, 'endedOn'>;
  suspensions: readonly Suspension[];
  /** Approved ones only: a refused or pending leave request excuses nothing. */
  leaves: readonly Excusal[];
  records: readonly SupervisionRecord[];
  policy: Policy;
  today: IsoDate;
}

const KIND_ORDER: readonly TaskKind[] = ['drug_test', 'check_in', 'follow_up', 'grid_visit'];

interface PlannedTask {
  key: string;
  kind: TaskKind;
  dueDate: IsoDate;
  windowStart: IsoDate;
  windowEnd: IsoDate;
}

function cadences(kind: Measure['kind'], policy: Policy): [TaskKind, CadencePhase[]][] {
  return [
    ['drug_test', drugTestCadence(kind, policy)],
    ['check_in', checkInCadence(policy)],
    ['follow_up', followUpCadence(policy)],
    ['grid_visit', gridVisitCadence(policy)],
  ];
}

/** Nominal dates moved past suspensions; stops at the first date that cannot be known yet. */
function actualDueDates(nominal: IsoDate[], suspensions: readonly Suspension[]): IsoDate[] {
  const actual: IsoDate[] = [];
  for (const date of nominal) {
    const shifted = shiftPastSuspensions(date, suspensions);
    if (shifted === null) break;
    actual.push(shifted);
  }
  return actual;
}

function plan(kind: TaskKind, dues: IsoDate[], start: IsoDate, policy: Policy): PlannedTask[] {
  const w = policy.drugTests.windowDays;
  return dues.map((dueDate, i) => {
    const previous = dues[i - 1];
    const [windowStart, windowEnd] = kind === 'drug_test' ? [addDays(dueDate, -w), addDays(dueDate, w)] : [previous === undefined ? start : addDays(previous, 1), dueDate];
    return { key: `${kind}:${i + 1}`, kind, dueDate, windowStart, windowEnd };
  });
}

const inWindow = (date: IsoDate, t: PlannedTask) => isWithin(date, t.windowStart, t.windowEnd);

/** Lower is better; null when the record cannot resolve a scheduled task at all. */
function recordRank(r: SupervisionRecord): number | null {
  if (r.kind !== 'drug_test') return 0;
  if (isSampleResult(r.result)) return r.random ? 1 : 0;
  if (isNonCooperation(r.result) && !r.random) return 2;
  return null;
}

const recordOrder = (a: SupervisionRecord, b: SupervisionRecord) =>
  (recordRank(a) ?? 9) - (recordRank(b) ?? 9) || compareDates(a.date, b.date) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Resolves tasks with records, earliest task first, each record used at most once. */
function matchRecords(tasks: PlannedTask[], records: readonly SupervisionRecord[]): Map<string, string> {
  const used = new Set<string>();
  const matched = new Map<string, string>();
  for (const task of tasks) {
    const best = records.filter((r) => r.kind === task.kind && !used.has(r.id) && recordRank(r) !== null && inWindow(r.date, task)).sort(recordOrder)[0];
    if (best) {
      used.add(best.id);
      matched.set(task.key, best.id);
    }
  }
  return matched;
}

function stateOf(task: PlannedTask, recordId: string | undefined, excusals: DayRange[], today: IsoDate): TaskState {
  if (recordId !== undefined) return 'done';
  if (coversAllDays(excusals, task.windowStart, task.windowEnd)) return 'excused';
  if (compareDates(today, task.windowStart) < 0) return 'upcoming';
  if (compareDates(today, task.windowEnd) <= 0) return 'due';
  return 'overdue';
}

function plannedTasks(input: ScheduleInput): PlannedTask[] {
  const { measure, suspensions, policy } = input;
  const start = measure.startDate;
  const end = nominalEndDate(measure, policy);
  if (!isCommunityMeasure(measure.kind) || start === null || end === null) return [];
  const endedOn = measure.endedOn;
  return cadences(measure.kind, policy).flatMap(([kind, phases]) => {
    const dues = actualDueDates(cadenceDueDates(start, end, phases), suspensions).filter((d) => endedOn === null || compareDates(d, endedOn) <= 0);
    return plan(kind, dues, start, policy);
  });
}

const taskOrder = (a: Task, b: Task) => compareDates(a.dueDate, b.dueDate) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);

/** The tasks of a community measure over its whole term, in due-date order. */
export function computeTasks(input: ScheduleInput): Task[] {
  const planned = plannedTasks(input);
  const matched = new Map<string, string>();
  for (const kind of KIND_ORDER) {
    const ofKind = planned.filter((t) => t.kind === kind);
    matchRecords(ofKind, input.records).forEach((recordId, key) => matched.set(key, recordId));
  }
  const excusals = [...input.leaves, ...input.suspensions.map(suspensionDays).filter((r): r is DayRange => r !== null)];
  return planned
    .map((t): Task => {
      const recordId = matched.get(t.key);
      const task: Task = { ...t, state: stateOf(t, recordId, excusals, input.today) };
      return recordId === undefined ? task : { ...task, recordId };
    })
    .sort(taskOrder);
}

/** T7: a scheduled test past its window, unrecorded and not excused, counts as evaded (C5). */
export function isEvadedTest(task: Task): boolean {
  return task.kind === 'drug_test' && task.state === 'overdue';
}
