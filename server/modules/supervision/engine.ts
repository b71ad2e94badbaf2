// What the rules say about one person on `today`: the stored tasks of each community measure
// (schedule.ts), the breach assessment of the current one (breaches.ts C5), the notices the
// police must get (C1, C6, C11) and the ordinary breaches that call for education (C6).
//
// Pure: rows in, rows out. Loading and writing them is sync.ts. The decisions taken here where
// RULES is silent:
// - Record kinds resolve task kinds: check_in → check_in, drug_test → drug_test, grid_visit →
//   grid_visit, and follow_up, visit and talk → follow_up (all are the worker's contact, F1).
// - An approved leave excuses its days (T7) up to the day before the person reported back; a
//   hospital stay (an absence of kind hospital_stay) excuses its days too and is no departure.
// - Days away (C4, C5): the recorded absences, plus the overstay of an approved leave (away
//   from its first day until the day before the return, or until today if not back), unless a
//   recorded absence already covers that overstay. Absences are cut to the measure's term.
// - C5 counts the recorded refusals and evasions of the measure (random tests included) and,
//   per T7, every scheduled test past its window with no record and no excuse.
// - C11: the last contact in person is the latest check-in, test the person came to (not
//   evaded), visit, grid visit, in-person follow-up or talk, or report back from leave; phone
//   and video follow-ups and talks make the person reachable. The start of the measure stands
//   in when there was none. Not checked while suspended (C9) or on approved leave today.
// - Tasks are stored from the start of the term up to `horizonDays` ahead; later ones are
//   stored as the horizon moves with the daily recompute. The rules are given the measure as if
//   it ended at a cut well past the horizon ("tasks due after the measure ended are not
//   listed"; records resolve the earliest tasks first), which yields the same tasks up to there
//   without matching the records against the whole term (engine.test.ts checks the sameness).
//   A task whose window opens by the horizon falls due at most one interval (the longest of the
//   policy) plus the suspended days later, so the cut lies that far plus a margin past the
//   horizon, and the person is looked at again before the margin is used up.
// - Facts that arise from the passing of time (a scheduled test past its window, T7; a report
//   deadline passed, C1; lost contact, C11) raise notices and education only in the daily run
//   (`timeDriven`), "the next morning" (JOURNEYS 3): a worker entering a measure that began
//   months ago has the day to enter its records before they count against the person. Facts
//   from a record (a refusal, a positive test, a departure) raise them at once. The assessment
//   shown always counts everything.

import { addDays, compareDates, daysBetween, maxDate, minDate, type IsoDate } from '../../../core/rules/dates';
import { computeTasks, isEvadedTest, type Excusal, type SupervisionRecord, type Task } from '../../../core/rules/schedule';
import {
  assessBreaches, isLostContact, isUnauthorisedDeparture, unauthorisedAbsenceDays, type Absence, type BreachAssessment,
} from '../../../core/rules/breaches';
import { isCommunityMeasure, isFinished, reportDeadline, type Measure, type MeasureKind } from '../../../core/rules/measures';
import type { DayRange } from '../../../core/rules/periods';
import type { TestResult } from '../../../core/rules/drug-test-results';
import type { Policy } from '../../../core/rules/policy';

export const TASK_HORIZON_DAYS = 62;
/** How far past the longest interval the rules are run (see above). */
const CUT_MARGIN_DAYS = 31;

/** The longest gap between two due dates of one kind the policy allows, in days (months count 31). */
export function longestIntervalDays(policy: Policy): number {
  return Math.max(
    ...policy.drugTests.communityDetoxIntervalMonthsByYear.map((m) => m * 31),
    ...policy.drugTests.communityRehabIntervalMonthsByYear.map((m) => m * 31),
    policy.contact.checkInIntervalMonths * 31,
    ...policy.contact.followUpPhases.map((p) => p.intervalDays),
    policy.contact.gridVisitIntervalDays,
  ) + policy.drugTests.windowDays;
}

export interface MeasureInput {
  id: string;
  kind: string;
  state: unknown;
}

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

export interface LeaveInput {
  id: string;
  fromDate: IsoDate;
  toDate: IsoDate;
  status: 'pending' | 'approved' | 'rejected' | 'returned';
  returnedOn: IsoDate | null;
}

export interface AbsenceInput {
  id: string;
  kind: 'away' | 'hospital_stay';
  fromDate: IsoDate;
  toDate: IsoDate | null;
}

export interface PersonInput {
  personId: string;
  measures: MeasureInput[];
  records: RecordInput[];
  leaves: LeaveInput[];
  absences: AbsenceInput[];
  policy: Policy;
  today: IsoDate;
  horizonDays?: number;
  /** The daily run: also raise notices and education for time-driven facts (see above). Default true. */
  timeDriven?: boolean;
}

export interface TaskOut extends Task {
  measureId: string;
  /** The measure is in force (active or suspended). */
  open: boolean;
}

export type NoticeReason = 'serious_breach' | 'relapse' | 'refused' | 'lost_contact';

export interface NoticeOut {
  measureId: string;
  reason: NoticeReason;
  factKey: string;
  factDate: IsoDate;
  details: Record<string, unknown>;
}

export interface EducationOut {
  measureId: string;
  reason: 'refused' | 'evaded' | 'unauthorised_departure';
  factKey: string;
  factDate: IsoDate;
  details: Record<string, unknown>;
}

export interface LostContact {
  lost: boolean;
  lastInPersonContact: IsoDate | null;
  lastReachable: IsoDate | null;
  /** Whether C11 was checked at all (not while suspended or on approved leave). */
  checked: boolean;
}

export interface StatusOut {
  measureId: string;
  assessment: BreachAssessment;
  lostContact: LostContact;
}

export interface PersonOutcome {
  tasks: TaskOut[];
  status: StatusOut | null;
  notices: NoticeOut[];
  education: EducationOut[];
  /**
   * The next day on which the calendar alone changes something above (a task window opens or
   * closes, a task comes within the horizon, a deadline or the C11 limit passes, a leave starts
   * or ends, an open absence grows); null if nothing will. Always after `today`.
   */
  reviewOn: IsoDate | null;
}

/** The rule-level measure kept in `measures.state`. */
export const ruleMeasure = (m: MeasureInput): Measure => ({ ...(m.state as Measure), id: m.id, kind: m.kind as MeasureKind });

const TASK_KIND_OF_RECORD: Record<RecordInput['kind'], SupervisionRecord['kind']> = {
  check_in: 'check_in', drug_test: 'drug_test', grid_visit: 'grid_visit', follow_up: 'follow_up', visit: 'follow_up', talk: 'follow_up',
};

export function scheduleRecords(records: readonly RecordInput[]): SupervisionRecord[] {
  return records.map((r): SupervisionRecord => {
    const kind = TASK_KIND_OF_RECORD[r.kind];
    return kind === 'drug_test'
      ? { id: r.id, kind, date: r.date, result: r.result ?? 'invalid', random: r.random }
      : { id: r.id, kind, date: r.date };
  });
}

const isApproved = (l: LeaveInput) => l.status === 'approved' || l.status === 'returned';

/** The days an approved leave covers: its approved range (C4). */
export const approvedLeaveRanges = (leaves: readonly LeaveInput[]): DayRange[] =>
  leaves.filter(isApproved).map((l) => ({ from: l.fromDate, to: l.toDate }));

/** T7 excuses: approved leave until the day before the return; hospital stays. */
export function excusals(leaves: readonly LeaveInput[], absences: readonly AbsenceInput[], today: IsoDate): Excusal[] {
  const out: Excusal[] = [];
  for (const l of leaves.filter(isApproved)) {
    const to = l.returnedOn ? minDate(l.toDate, addDays(l.returnedOn, -1)) : l.toDate;
    if (compareDates(to, l.fromDate) >= 0) out.push({ from: l.fromDate, to, reason: 'leave_request' });
  }
  for (const a of absences.filter((x) => x.kind === 'hospital_stay')) {
    const to = a.toDate ?? today;
    if (compareDates(to, a.fromDate) >= 0) out.push({ from: a.fromDate, to, reason: 'hospital_stay' });
  }
  return out;
}

const overlaps = (a: DayRange, b: DayRange) => compareDates(a.from, b.to) <= 0 && compareDates(b.from, a.to) <= 0;

/** Stays away (C4/C5) within a term: recorded absences and leave overstays, each with the fact it comes from. */
export function awayPeriods(leaves: readonly LeaveInput[], absences: readonly AbsenceInput[], term: DayRange, today: IsoDate): (Absence & { fact: string })[] {
  const clip = (r: DayRange): DayRange | null => {
    const from = maxDate(r.from, term.from);
    const to = minDate(r.to, term.to);
    return compareDates(from, to) <= 0 ? { from, to } : null;
  };
  const out: (Absence & { fact: string })[] = [];
  const recorded = absences.filter((a) => a.kind === 'away');
  for (const a of recorded) {
    const r = clip({ from: a.fromDate, to: a.toDate ?? today });
    if (r) out.push({ ...r, fact: `absence:${a.id}` });
  }
  for (const l of leaves.filter(isApproved)) {
    const lastAway = l.returnedOn ? addDays(l.returnedOn, -1) : today;
    if (compareDates(lastAway, l.toDate) <= 0) continue; // back in time: no overstay
    const overstay = { from: addDays(l.toDate, 1), to: lastAway };
    if (recorded.some((a) => overlaps({ from: a.fromDate, to: a.toDate ?? today }, overstay))) continue;
    const r = clip({ from: l.fromDate, to: lastAway });
    if (r) out.push({ ...r, fact: `leave:${l.id}` });
  }
  return out;
}

/** The measure an assessment is about: the one in force, else the latest that started. */
export function currentMeasure(measures: readonly Measure[]): Measure | null {
  const community = measures.filter((m) => isCommunityMeasure(m.kind));
  const order = (a: Measure, b: Measure) =>
    compareDates(b.startDate ?? b.decisionDate, a.startDate ?? a.decisionDate) || (a.id < b.id ? -1 : 1);
  const open = community.filter((m) => !isFinished(m.status)).sort(order);
  if (open[0]) return open[0];
  return community.filter((m) => m.startDate !== null).sort(order)[0] ?? null;
}

const IN_PERSON_KINDS = new Set(['check_in', 'visit', 'grid_visit']);

export function lastContacts(records: readonly RecordInput[], leaves: readonly LeaveInput[]): { inPerson: IsoDate | null; reachable: IsoDate | null } {
  let inPerson: IsoDate | null = null;
  let reachable: IsoDate | null = null;
  const seen = (date: IsoDate, personal: boolean) => {
    if (personal && (inPerson === null || compareDates(date, inPerson) > 0)) inPerson = date;
    if (reachable === null || compareDates(date, reachable) > 0) reachable = date;
  };
  for (const r of records) {
    if (r.kind === 'drug_test') {
      if (r.result !== 'evaded') seen(r.date, true);
    } else if (IN_PERSON_KINDS.has(r.kind)) seen(r.date, true);
    else seen(r.date, (r.contactMode ?? 'in_person') === 'in_person');
  }
  for (const l of leaves) if (l.returnedOn) seen(l.returnedOn, true);
  return { inPerson, reachable };
}

/** The date the `n`-th of the sorted dates was reached, for the fact of a C5 limit. */
const nth = (dates: IsoDate[], n: number): IsoDate | undefined => [...dates].sort(compareDates)[n - 1];

export function assessPerson(input: PersonInput): PersonOutcome {
  const { policy, today } = input;
  const timeDriven = input.timeDriven ?? true;
  const horizon = addDays(today, input.horizonDays ?? TASK_HORIZON_DAYS);
  const measures = input.measures.filter((m) => isCommunityMeasure(m.kind as MeasureKind)).map(ruleMeasure);
  const excused = excusals(input.leaves, input.absences, today);
  const tasks: TaskOut[] = [];
  const tasksByMeasure = new Map<string, Task[]>();
  const review: IsoDate[] = [];
  for (const m of measures) {
    if (m.startDate === null) continue;
    const records = scheduleRecords(input.records.filter((r) => r.measureId === m.id));
    // Every task whose window opens by the horizon is due by `cutoff`; see above.
    const held = m.suspensions.reduce((days, x) => days + (x.end ? daysBetween(x.start, x.end) : 0), 0);
    const cutoff = addDays(horizon, longestIntervalDays(policy) + CUT_MARGIN_DAYS + held);
    const endedOn = m.endedOn !== null && compareDates(m.endedOn, cutoff) <= 0 ? m.endedOn : cutoff;
    const all = computeTasks({ measure: { ...m, endedOn }, suspensions: m.suspensions, leaves: excused, records, policy, today });
    // Past the cut nothing is known yet; but while held (open suspension, C9) nothing later is listed anyway.
    if (endedOn === cutoff && !m.suspensions.some((x) => x.end === null)) review.push(addDays(today, CUT_MARGIN_DAYS));
    tasksByMeasure.set(m.id, all);
    for (const t of all) {
      if (t.state === 'upcoming') review.push(compareDates(t.windowStart, horizon) > 0 ? addDays(t.windowStart, -(input.horizonDays ?? TASK_HORIZON_DAYS)) : t.windowStart);
      else if (t.state === 'due') review.push(addDays(t.windowEnd, 1));
      if (t.state === 'upcoming' && compareDates(t.windowStart, horizon) > 0) continue;
      tasks.push({ ...t, measureId: m.id, open: !isFinished(m.status) });
    }
  }

  const notices: NoticeOut[] = [];
  const education: EducationOut[] = [];

  // C1: a refusal to report, or no report by the deadline: the police are told (C6).
  for (const m of measures) {
    if (m.status === 'terminated' && m.terminationReason === 'refused') {
      notices.push({ measureId: m.id, reason: 'refused', factKey: `measure:${m.id}`, factDate: m.endedOn ?? today, details: { rule: 'C1', terminated: true } });
    } else if (m.status === 'awaiting_report') {
      const deadline = reportDeadline(m, policy);
      if (deadline) review.push(addDays(deadline, 1));
      if (deadline && timeDriven && compareDates(today, deadline) > 0) {
        notices.push({ measureId: m.id, reason: 'refused', factKey: `measure:${m.id}`, factDate: addDays(deadline, 1), details: { rule: 'C1', reportDeadline: deadline } });
      }
    }
  }

  const current = currentMeasure(measures);
  let status: StatusOut | null = null;
  if (current && current.startDate !== null) {
    const m = current;
    const start = m.startDate!;
    const records = input.records.filter((r) => r.measureId === m.id);
    const evadedTasks = (tasksByMeasure.get(m.id) ?? []).filter(isEvadedTest);
    const tests = records.filter((r) => r.kind === 'drug_test' && r.result !== null);
    const results: TestResult[] = [...tests.map((r) => r.result!), ...evadedTasks.map((): TestResult => 'evaded')];
    const leaves = approvedLeaveRanges(input.leaves);
    const term: DayRange = { from: start, to: minDate(m.endedOn ?? today, today) };
    const away = awayPeriods(input.leaves, input.absences, term, today);
    const departures = away.filter((a) => isUnauthorisedDeparture(a, leaves, policy));
    const breachInput = { unauthorisedDepartures: departures.length, absenceDays: unauthorisedAbsenceDays(away, leaves, policy), policy };
    const assessment = assessBreaches({ testResults: results, ...breachInput });
    // What notices and education are raised from now: without the evaded tasks outside the daily run.
    const acting = timeDriven ? assessment : assessBreaches({ testResults: tests.map((r) => r.result!), ...breachInput });

    // C5/C6: each limit reached is one serious-breach notice for the measure.
    const nonCooperation = [
      ...tests.filter((r) => r.result === 'refused' || r.result === 'evaded').map((r) => ({ date: r.date, result: r.result! })),
      ...(timeDriven ? evadedTasks : []).map((t) => ({ date: addDays(t.windowEnd, 1), result: 'evaded' as const })),
    ];
    const limits = policy.lifecycle.seriousBreach;
    for (const reason of acting.reasons) {
      let factDate: IsoDate | undefined = today;
      if (reason === 'refusals_and_evasions') factDate = nth(nonCooperation.map((x) => x.date), limits.testRefusalsAndEvasions);
      else if (reason === 'refusals' || reason === 'evasions') {
        const which = reason === 'refusals' ? 'refused' : 'evaded';
        factDate = nth(nonCooperation.filter((x) => x.result === which).map((x) => x.date), limits.testRefusalsAndEvasions);
      } else if (reason === 'unauthorised_departures') factDate = nth(departures.map((d) => d.from), limits.unauthorisedDepartures);
      notices.push({
        measureId: m.id, reason: 'serious_breach', factKey: `${m.id}:${reason}`, factDate: factDate ?? today,
        details: { rule: 'C5', limit: reason, counts: assessment.counts },
      });
    }

    // C6/T3: a positive test is a relapse; a re-test of a positive sample is the same relapse.
    const positives = new Set(tests.filter((r) => r.result === 'positive').map((r) => r.id));
    for (const r of tests) {
      if (r.result !== 'positive' || (r.retestOfId && positives.has(r.retestOfId))) continue;
      notices.push({ measureId: m.id, reason: 'relapse', factKey: `test:${r.id}`, factDate: r.date, details: { rule: 'C6', recordId: r.id, random: r.random } });
    }

    // C6: below the C5 limits, each breach is met with criticism and education.
    if (acting.level === 'breach') {
      for (const r of tests.filter((x) => x.result === 'refused' || x.result === 'evaded')) {
        education.push({ measureId: m.id, reason: r.result as 'refused' | 'evaded', factKey: `test:${r.id}`, factDate: r.date, details: { rule: 'C6', recordId: r.id } });
      }
      for (const t of timeDriven ? evadedTasks : []) {
        education.push({ measureId: m.id, reason: 'evaded', factKey: `task:${m.id}:${t.key}`, factDate: addDays(t.windowEnd, 1), details: { rule: 'T7', taskKey: t.key, dueDate: t.dueDate } });
      }
      for (const d of departures) {
        education.push({ measureId: m.id, reason: 'unauthorised_departure', factKey: d.fact, factDate: d.from, details: { rule: 'C4', from: d.from, to: d.to } });
      }
    }

    // C11: lost contact, checked while the measure runs and the person is not on approved leave.
    const contacts = lastContacts(records, input.leaves);
    const onLeave = leaves.some((l) => compareDates(l.from, today) <= 0 && compareDates(today, l.to) <= 0);
    const checked = m.status === 'active' && !onLeave;
    const lastIn = contacts.inPerson ? maxDate(contacts.inPerson, start) : start;
    const lastReach = contacts.reachable ? maxDate(contacts.reachable, start) : start;
    const lost = checked && isLostContact(lastIn, lastReach, today, policy);
    if (m.status === 'active') review.push(addDays(maxDate(lastIn, lastReach), policy.lifecycle.lostContactAfterDays + 1));
    if (lost && timeDriven) {
      const last = maxDate(lastIn, lastReach);
      notices.push({
        measureId: m.id, reason: 'lost_contact', factKey: `${m.id}:${last}`, factDate: addDays(last, policy.lifecycle.lostContactAfterDays + 1),
        details: { rule: 'C11', lastInPersonContact: contacts.inPerson, lastReachable: contacts.reachable },
      });
    }
    status = { measureId: m.id, assessment, lostContact: { lost, lastInPersonContact: contacts.inPerson, lastReachable: contacts.reachable, checked } };
  }

  // Leave and absences: a leave starting or ending moves excuses and C11; days away grow daily.
  const tomorrow = addDays(today, 1);
  for (const l of input.leaves.filter(isApproved)) {
    if (l.returnedOn) continue;
    review.push(compareDates(l.fromDate, today) > 0 ? l.fromDate : compareDates(l.toDate, today) >= 0 ? addDays(l.toDate, 1) : tomorrow);
  }
  if (input.absences.some((a) => a.toDate === null)) review.push(tomorrow);
  const future = review.filter((d) => compareDates(d, today) > 0);
  const reviewOn = future.length ? future.reduce((x, y) => (compareDates(x, y) <= 0 ? x : y)) : null;

  return { tasks, status, notices, education, reviewOn };
}
