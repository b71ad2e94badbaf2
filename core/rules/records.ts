// What a supervision record is to the rules: the task it can resolve (F1–F4, T1) and the
// measure it belongs to.
//
// Decisions where RULES is silent:
// - Record kinds resolve task kinds: check_in → check_in, drug_test → drug_test, grid_visit →
//   grid_visit, and follow_up, visit and talk → follow_up (all are the worker's contact, F1).
// - A record belongs to the community measure running on its date; of two (a measure and its
//   successor sharing a day) the later one.

import { compareDates, daysBetween, isWithin, type IsoDate } from './dates';
import type { TestResult } from './drug-test-results';
import type { Measure } from './measures';
import type { SupervisionRecord } from './schedule';

export interface RecordInput {
  id: string;
  measureId: string;
  kind: 'check_in' | 'drug_test' | 'visit' | 'follow_up' | 'talk' | 'grid_visit';
  date: IsoDate;
  result: TestResult | null;
  random: boolean;
  retestOfId: string | null;
  contactMode: 'in_person' | 'phone' | 'video' | null;
}

const TASK_KIND_OF_RECORD: Record<RecordInput['kind'], SupervisionRecord['kind']> = {
  check_in: 'check_in',
  drug_test: 'drug_test',
  grid_visit: 'grid_visit',
  follow_up: 'follow_up',
  visit: 'follow_up',
  talk: 'follow_up',
};

/** The records as the schedule matches them to tasks. */
export function scheduleRecords(records: readonly RecordInput[]): SupervisionRecord[] {
  return records.map((r): SupervisionRecord => {
    const kind = TASK_KIND_OF_RECORD[r.kind];
    return kind === 'drug_test' ? { id: r.id, kind, date: r.date, result: r.result ?? 'invalid', random: r.random } : { id: r.id, kind, date: r.date };
  });
}

export type MeasureForRecord =
  | { ok: true; measure: Measure }
  | { ok: false; code: 'supervision.no_measure' }
  | { ok: false; code: 'supervision.date_before_measure'; start: IsoDate }
  | { ok: false; code: 'supervision.date_outside_measure' };

/** The measure a record dated `date` belongs to: the community measure running that day. */
export function measureForRecord(communityMeasures: readonly Measure[], date: IsoDate): MeasureForRecord {
  const started = communityMeasures.filter((m) => m.startDate !== null);
  if (started.length === 0) return { ok: false, code: 'supervision.no_measure' };
  const covering = started.filter((m) => isWithin(date, m.startDate!, m.endedOn ?? '9999-12-31')).sort((a, b) => compareDates(b.startDate!, a.startDate!))[0];
  if (covering) return { ok: true, measure: covering };
  const earliest = started.map((m) => m.startDate!).sort(compareDates)[0]!;
  if (compareDates(date, earliest) < 0) return { ok: false, code: 'supervision.date_before_measure', start: earliest };
  return { ok: false, code: 'supervision.date_outside_measure' };
}

/** T1: a re-test re-tests an earlier (or same-day) drug test of the same person. */
export const isValidRetestOf = (prior: { personId: string; kind: string; date: IsoDate } | undefined, personId: string, date: IsoDate): boolean =>
  !!prior && prior.personId === personId && prior.kind === 'drug_test' && compareDates(prior.date, date) <= 0;

/** Two record kinds resolve the same kind of task (a visit and a talk both a follow-up, F1). */
export const sameTaskKind = (a: RecordInput['kind'], b: RecordInput['kind']) => TASK_KIND_OF_RECORD[a] === TASK_KIND_OF_RECORD[b];

/** What the server holds of a record when one made offline arrives (issue 17 §3). */
export interface ExistingRecord {
  id: string;
  kind: RecordInput['kind'];
  date: IsoDate;
  recordedBy: string;
  /** The server's time when it was written. */
  recordedAt: Date;
  voided: boolean;
}

/**
 * Issue 17 §3, a decision where RULES is silent: a record made on a device that could not see the
 * server clashes with one written after the device's view (`asOf`, the server's time of its last
 * answer — the device's own clock may be wrong by days) by someone else, that resolves the same
 * kind of task, dated within the schedule's window (T7) of it. The worker then sees both and
 * chooses; without a clash it is simply saved. A voided record clashes with nothing.
 */
export function clashingRecord(
  mine: { kind: RecordInput['kind']; date: IsoDate; recordedBy: string; asOf: Date },
  existing: readonly ExistingRecord[],
  windowDays: number,
): ExistingRecord | null {
  const near = (d: IsoDate) => Math.abs(daysBetween(d, mine.date)) <= windowDays;
  const clashes = existing.filter(
    (r) => !r.voided && r.recordedBy !== mine.recordedBy && r.recordedAt.getTime() > mine.asOf.getTime() && sameTaskKind(r.kind, mine.kind) && near(r.date),
  );
  return clashes.sort((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime())[0] ?? null;
}

/** A suspension of a measure (C9) as the server holds it when an offline record arrives, with the time it was entered. */
export interface ExistingSuspension {
  /** The day taken in (suspended from), and the day of release (free again), or null while it lasts. */
  start: IsoDate;
  end: IsoDate | null;
  /** The server's time when the suspension was entered, and by whom. */
  recordedAt: Date;
  recordedBy: string | null;
}

/**
 * Issue 17 §3, a decision where RULES is silent: a record made on a device that could not see the
 * server meets a suspension of the measure (C9: detention or arrest) entered after the device's
 * view (`asOf`) by someone else, and its date falls in the suspended days — the person was in
 * custody by the server's account, on the device he was tested or checked in. Neither is right by
 * itself, so the worker sees both and chooses. A suspension he entered himself, or one the device
 * had seen, clashes with nothing; a record dated before the suspension began is simply saved.
 */
export function suspensionClash(mine: { date: IsoDate; recordedBy: string; asOf: Date }, suspensions: readonly ExistingSuspension[]): ExistingSuspension | null {
  const covering = suspensions.filter(
    (s) =>
      s.recordedBy !== mine.recordedBy &&
      s.recordedAt.getTime() > mine.asOf.getTime() &&
      compareDates(s.start, mine.date) <= 0 &&
      (s.end === null || compareDates(mine.date, s.end) < 0),
  );
  return covering.sort((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime())[0] ?? null;
}
