// What the rules say about one person on `today`: the stored tasks of each community measure
// (schedule.ts), the breach assessment of the current one (breaches.ts, C5), the notices the
// police must get (C1, C6, C11) and the ordinary breaches that call for education (C6).
// Pure: facts in, outcome out; supervision stores the outcome.
//
// Decisions where RULES is silent (see also leave.ts, records.ts, contacts.ts):
// - C5 counts the recorded refusals and evasions of the measure (random tests included) and,
//   per T7, every scheduled test past its window with no record and no excuse.
// - Tasks are stored from the start of the term up to `horizonDays` ahead; later ones are
//   stored as the horizon moves with the daily recompute. The schedule is computed as if the
//   measure ended at a cut well past the horizon ("tasks due after the measure ended are not
//   listed"; records resolve the earliest tasks first), which yields the same tasks up to there
//   without matching the records against the whole term (assessment.test.ts checks the
//   sameness). A task whose window opens by the horizon falls due at most one interval (the
//   longest of the policy) plus the suspended days later, so the cut lies that far plus a
//   margin past the horizon, and the person is looked at again before the margin is used up.
// - Facts that arise from the passing of time (a scheduled test past its window, T7; a report
//   deadline passed, C1; lost contact, C11) raise notices and education only in the time-driven
//   run (`timeDriven`), which comes within the hour (issue 9.16): a write that leaves such a fact
//   pending sets `reviewOn` to today, and the recompute job picks the person up once the write
//   is a few minutes old (the worker entering a measure that began months ago has that long to
//   enter its records; a notice raised before them is withdrawn when they come, issue 9.13).
//   Facts from a record (a refusal, a positive test, a departure) raise them at once. The
//   assessment shown always counts everything.

import { addDays, compareDates, daysBetween, minDate, type IsoDate } from './dates';
import { computeTasks, isEvadedTest, type Task } from './schedule';
import { absenceLimitCrossedOn, assessBreaches, isUnauthorisedDeparture, unauthorisedAbsenceDays, type BreachAssessment } from './breaches';
import { isCommunityMeasure, isFinished, reportDeadline, type Measure } from './measures';
import type { DayRange } from './periods';
import type { TestResult } from './drug-test-results';
import type { Policy } from './policy';
import { approvedLeaveRanges, awayPeriods, excusals, isApprovedLeave, type AbsenceInput, type LeaveInput } from './leave';
import { scheduleRecords, type RecordInput } from './records';
import { contactCheck, type LostContact } from './contacts';
import { noticeFact, type StandingFacts } from './notices';

export const TASK_HORIZON_DAYS = 62;
/** How far past the longest interval the schedule is computed (see above). */
const CUT_MARGIN_DAYS = 31;

/** The facts about one person that the rules read. */
export interface PersonFacts {
  measures: readonly Measure[];
  records: readonly RecordInput[];
  leaves: readonly LeaveInput[];
  absences: readonly AbsenceInput[];
}

export interface AssessInput extends PersonFacts {
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

/** A fact the police must hear of, or one that calls for education: once per `factKey`. */
export interface Finding<R extends string> {
  measureId: string;
  reason: R;
  factKey: string;
  factDate: IsoDate;
  details: Record<string, unknown>;
}
export type NoticeOut = Finding<NoticeReason>;
export type EducationOut = Finding<'refused' | 'evaded' | 'unauthorised_departure'>;

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
   * or ends, an open absence grows); null if nothing will. After `today`, or `today` itself when
   * a write (not `timeDriven`) left a time-driven fact to raise (issue 9.16).
   */
  reviewOn: IsoDate | null;
  /** What the facts support now, whatever `timeDriven` (issue 9.13: notices that outlive their facts are withdrawn). */
  standing: StandingFacts;
}

/** The longest gap between two due dates of one kind the policy allows, in days (months count 31). */
export function longestIntervalDays(policy: Policy): number {
  return (
    Math.max(
      ...policy.drugTests.communityDetoxIntervalMonthsByYear.map((m) => m * 31),
      ...policy.drugTests.communityRehabIntervalMonthsByYear.map((m) => m * 31),
      policy.contact.checkInIntervalMonths * 31,
      ...policy.contact.followUpPhases.map((p) => p.intervalDays),
      policy.contact.gridVisitIntervalDays,
    ) + policy.drugTests.windowDays
  );
}

/** The measure an assessment is about: the one in force, else the latest that started. */
export function currentMeasure(measures: readonly Measure[]): Measure | null {
  const community = measures.filter((m) => isCommunityMeasure(m.kind));
  const order = (a: Measure, b: Measure) => compareDates(b.startDate ?? b.decisionDate, a.startDate ?? a.decisionDate) || (a.id < b.id ? -1 : 1);
  const open = community.filter((m) => !isFinished(m.status)).sort(order);
  if (open[0]) return open[0];
  return community.filter((m) => m.startDate !== null).sort(order)[0] ?? null;
}

interface Schedule {
  tasks: TaskOut[];
  /** Every task of each measure up to the cut, the stored and the later ones. */
  all: Map<string, Task[]>;
  review: IsoDate[];
}

/** T4–T7, F1–F4: the stored tasks of each started community measure, and when the calendar changes them. */
export function measureTasks(input: AssessInput, measures: readonly Measure[]): Schedule {
  const { policy, today } = input;
  const horizonDays = input.horizonDays ?? TASK_HORIZON_DAYS;
  const horizon = addDays(today, horizonDays);
  const excused = excusals(input.leaves, input.absences, today);
  const out: Schedule = { tasks: [], all: new Map(), review: [] };
  for (const m of measures) {
    if (m.startDate === null) continue;
    const records = scheduleRecords(input.records.filter((r) => r.measureId === m.id));
    // Every task whose window opens by the horizon is due by `cutoff`; see above.
    const held = m.suspensions.reduce((days, x) => days + (x.end ? daysBetween(x.start, x.end) : 0), 0);
    const cutoff = addDays(horizon, longestIntervalDays(policy) + CUT_MARGIN_DAYS + held);
    const endedOn = m.endedOn !== null && compareDates(m.endedOn, cutoff) <= 0 ? m.endedOn : cutoff;
    const all = computeTasks({ measure: { ...m, endedOn }, suspensions: m.suspensions, leaves: excused, records, policy, today });
    // Past the cut nothing is known yet; but while held (open suspension, C9) nothing later is listed anyway.
    if (endedOn === cutoff && !m.suspensions.some((x) => x.end === null)) out.review.push(addDays(today, CUT_MARGIN_DAYS));
    out.all.set(m.id, all);
    for (const t of all) {
      const beyond = compareDates(t.windowStart, horizon) > 0;
      if (t.state === 'upcoming') out.review.push(beyond ? addDays(t.windowStart, -horizonDays) : t.windowStart);
      else if (t.state === 'due') out.review.push(addDays(t.windowEnd, 1));
      if (t.state === 'upcoming' && beyond) continue;
      out.tasks.push({ ...t, measureId: m.id, open: !isFinished(m.status) });
    }
  }
  return out;
}

/** C1: a refusal to report, or no report by the deadline: the police are told (C6). */
export function reportNotices(
  measures: readonly Measure[],
  policy: Policy,
  today: IsoDate,
  timeDriven: boolean,
): { notices: NoticeOut[]; review: IsoDate[]; standing: string[]; timePending: boolean } {
  const notices: NoticeOut[] = [];
  const review: IsoDate[] = [];
  const standing: string[] = [];
  let timePending = false;
  for (const m of measures) {
    const deadline = reportDeadline(m, policy);
    // The fact stands while true and once true: refused, not reported by the deadline, or reported after it.
    const late = deadline !== null && (m.status === 'awaiting_report' ? compareDates(today, deadline) > 0 : m.startDate !== null && compareDates(m.startDate, deadline) > 0);
    if ((m.status === 'terminated' && m.terminationReason === 'refused') || late) standing.push(noticeFact('refused', `measure:${m.id}`));
    if (m.status === 'terminated' && m.terminationReason === 'refused') {
      notices.push({ measureId: m.id, reason: 'refused', factKey: `measure:${m.id}`, factDate: m.endedOn ?? today, details: { rule: 'C1', terminated: true } });
    } else if (m.status === 'awaiting_report') {
      if (deadline) review.push(addDays(deadline, 1));
      if (deadline && !timeDriven && compareDates(today, deadline) > 0) timePending = true;
      if (deadline && timeDriven && compareDates(today, deadline) > 0) {
        notices.push({ measureId: m.id, reason: 'refused', factKey: `measure:${m.id}`, factDate: addDays(deadline, 1), details: { rule: 'C1', reportDeadline: deadline } });
      }
    }
  }
  return { notices, review, standing, timePending };
}

/** The C5 facts of the measure being assessed. */
export interface BreachFacts {
  measureId: string;
  /** Recorded drug tests with a result. */
  tests: RecordInput[];
  /** T7: scheduled tests past their window, unrecorded and unexcused. */
  evadedTasks: Task[];
  departures: ReturnType<typeof awayPeriods>;
  /** C5: the day the days away without leave passed the limit, if they did (issue 9.15). */
  absenceLimitOn: IsoDate | null;
  /** Everything counted: what the page shows. */
  assessment: BreachAssessment;
  /** What notices and education are raised from now: without the evaded tasks outside the daily run. */
  acting: BreachAssessment;
}

/** C4/C5/T7: refusals, evasions, departures and days away of the measure, counted against the limits. */
export function breachFacts(m: Measure, input: AssessInput, schedule: Task[], timeDriven: boolean): BreachFacts {
  const { policy, today } = input;
  const tests = input.records.filter((r) => r.measureId === m.id && r.kind === 'drug_test' && r.result !== null);
  const evadedTasks = schedule.filter(isEvadedTest);
  const results: TestResult[] = [...tests.map((r) => r.result!), ...evadedTasks.map((): TestResult => 'evaded')];
  const leaves = approvedLeaveRanges(input.leaves);
  const term: DayRange = { from: m.startDate!, to: minDate(m.endedOn ?? today, today) };
  const away = awayPeriods(input.leaves, input.absences, term, today);
  const departures = away.filter((a) => isUnauthorisedDeparture(a, leaves, policy));
  const common = { unauthorisedDepartures: departures.length, absenceDays: unauthorisedAbsenceDays(away, leaves, policy), policy };
  const assessment = assessBreaches({ testResults: results, ...common });
  const acting = timeDriven ? assessment : assessBreaches({ testResults: tests.map((r) => r.result!), ...common });
  const absenceLimitOn = assessment.reasons.includes('absence_days') ? absenceLimitCrossedOn(away, leaves, policy) : null;
  return { measureId: m.id, tests, evadedTasks, departures, absenceLimitOn, assessment, acting };
}

/** The date the `n`-th of the dates was reached, for the fact of a C5 limit. */
const nth = (dates: IsoDate[], n: number): IsoDate | undefined => [...dates].sort(compareDates)[n - 1];

/** C5/C6: each limit reached is one serious-breach notice for the measure, dated when it was reached. */
export function seriousBreachNotices(f: BreachFacts, policy: Policy, today: IsoDate, timeDriven: boolean): NoticeOut[] {
  const nonCooperation = [
    ...f.tests.filter((r) => r.result === 'refused' || r.result === 'evaded').map((r) => ({ date: r.date, result: r.result! })),
    ...(timeDriven ? f.evadedTasks : []).map((t) => ({ date: addDays(t.windowEnd, 1), result: 'evaded' as const })),
  ];
  const limits = policy.lifecycle.seriousBreach;
  return f.acting.reasons.map((reason): NoticeOut => {
    let factDate: IsoDate | undefined = today;
    if (reason === 'refusals_and_evasions')
      factDate = nth(
        nonCooperation.map((x) => x.date),
        limits.testRefusalsAndEvasions,
      );
    else if (reason === 'refusals' || reason === 'evasions') {
      const which = reason === 'refusals' ? 'refused' : 'evaded';
      factDate = nth(
        nonCooperation.filter((x) => x.result === which).map((x) => x.date),
        limits.testRefusalsAndEvasions,
      );
    } else if (reason === 'unauthorised_departures')
      factDate = nth(
        f.departures.map((d) => d.from),
        limits.unauthorisedDepartures,
      );
    else if (reason === 'absence_days') factDate = f.absenceLimitOn ?? undefined;
    return {
      measureId: f.measureId,
      reason: 'serious_breach',
      factKey: `${f.measureId}:${reason}`,
      factDate: factDate ?? today,
      details: { rule: 'C5', limit: reason, counts: f.assessment.counts },
    };
  });
}

/** C6/T3: a positive test is a relapse; a re-test of a positive sample is the same relapse. */
export function relapseNotices(f: BreachFacts): NoticeOut[] {
  const positives = new Set(f.tests.filter((r) => r.result === 'positive').map((r) => r.id));
  return f.tests
    .filter((r) => r.result === 'positive' && !(r.retestOfId && positives.has(r.retestOfId)))
    .map((r): NoticeOut => ({ measureId: f.measureId, reason: 'relapse', factKey: `test:${r.id}`, factDate: r.date, details: { rule: 'C6', recordId: r.id, random: r.random } }));
}

/** C6: below the C5 limits, each breach is met with criticism and education. */
export function educationFor(f: BreachFacts, timeDriven: boolean, anyLevel = false): EducationOut[] {
  if (f.acting.level !== 'breach' && !anyLevel) return [];
  const m = f.measureId;
  return [
    ...f.tests
      .filter((x) => x.result === 'refused' || x.result === 'evaded')
      .map((r): EducationOut => ({
        measureId: m,
        reason: r.result as 'refused' | 'evaded',
        factKey: `test:${r.id}`,
        factDate: r.date,
        details: { rule: 'C6', recordId: r.id },
      })),
    ...(timeDriven ? f.evadedTasks : []).map((t): EducationOut => ({
      measureId: m,
      reason: 'evaded',
      factKey: `task:${m}:${t.key}`,
      factDate: addDays(t.windowEnd, 1),
      details: { rule: 'T7', taskKey: t.key, dueDate: t.dueDate },
    })),
    ...f.departures.map((d): EducationOut => ({
      measureId: m,
      reason: 'unauthorised_departure',
      factKey: d.fact,
      factDate: d.from,
      details: { rule: 'C4', from: d.from, to: d.to },
    })),
  ];
}

/** When the calendar alone moves the leaves and absences: a leave starting or ending moves excuses and C11; days away grow daily. */
export function leaveReviews(leaves: readonly LeaveInput[], absences: readonly AbsenceInput[], today: IsoDate): IsoDate[] {
  const tomorrow = addDays(today, 1);
  const out = leaves
    .filter((l) => isApprovedLeave(l) && !l.returnedOn)
    .map((l) => (compareDates(l.fromDate, today) > 0 ? l.fromDate : compareDates(l.toDate, today) >= 0 ? addDays(l.toDate, 1) : tomorrow));
  if (absences.some((a) => a.toDate === null)) out.push(tomorrow);
  return out;
}

/** The earliest of the dates after today, or null. */
export function nextReview(dates: readonly IsoDate[], today: IsoDate): IsoDate | null {
  const future = dates.filter((d) => compareDates(d, today) > 0);
  return future.length ? future.reduce((x, y) => (compareDates(x, y) <= 0 ? x : y)) : null;
}

/** The current measure's C5 status, notices, education and C11 check. */
function assessCurrent(m: Measure, input: AssessInput, schedule: Schedule, timeDriven: boolean) {
  const { policy, today } = input;
  const facts = breachFacts(m, input, schedule.all.get(m.id) ?? [], timeDriven);
  const contact = contactCheck(
    m,
    input.records.filter((r) => r.measureId === m.id),
    input.leaves,
    approvedLeaveRanges(input.leaves),
    policy,
    today,
  );
  const notices = [...seriousBreachNotices(facts, policy, today, timeDriven), ...relapseNotices(facts)];
  if (contact.status.lost && timeDriven) {
    notices.push({
      measureId: m.id,
      reason: 'lost_contact',
      factKey: `${m.id}:${contact.last}`,
      factDate: contact.lostOn!,
      details: { rule: 'C11', lastInPersonContact: contact.status.lastInPersonContact, lastReachable: contact.status.lastReachable },
    });
  }
  const status: StatusOut = { measureId: m.id, assessment: facts.assessment, lostContact: contact.status };
  // Everything the facts hold, counted as the daily run counts it (issue 9.13).
  const all = timeDriven ? facts : { ...facts, acting: facts.assessment };
  const standing = {
    notices: [...seriousBreachNotices(all, policy, today, true), ...relapseNotices(facts)].map((n) => noticeFact(n.reason, n.factKey)),
    education: educationFor(all, true, true).map((e) => e.factKey),
  };
  // Issue 9.16: what only the time-driven run raises is there now: the person is due today.
  const timePending = !timeDriven && (facts.evadedTasks.length > 0 || contact.status.lost);
  return { status, notices, education: educationFor(facts, timeDriven), review: contact.lostOn ? [contact.lostOn] : [], standing, timePending };
}

/** Everything the rules derive for one person on `today`. */
export function assessPerson(input: AssessInput): PersonOutcome {
  const timeDriven = input.timeDriven ?? true;
  const measures = input.measures.filter((m) => isCommunityMeasure(m.kind));
  const schedule = measureTasks(input, measures);
  const c1 = reportNotices(measures, input.policy, input.today, timeDriven);
  const current = currentMeasure(measures);
  const now = current && current.startDate !== null ? assessCurrent(current, input, schedule, timeDriven) : null;
  const review = [...schedule.review, ...c1.review, ...(now?.review ?? []), ...leaveReviews(input.leaves, input.absences, input.today)];
  return {
    tasks: schedule.tasks,
    status: now?.status ?? null,
    notices: [...c1.notices, ...(now?.notices ?? [])],
    education: now?.education ?? [],
    reviewOn: now?.timePending || c1.timePending ? input.today : nextReview(review, input.today),
    standing: { measureId: now ? current!.id : null, notices: [...c1.standing, ...(now?.standing.notices ?? [])], education: now?.standing.education ?? [] },
  };
}
