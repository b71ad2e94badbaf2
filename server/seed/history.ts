// Three years of supervision for one synthetic person: the records a worker would have entered
// for the tasks the rules scheduled (schedule.ts), leave requests with their steps, hospital
// stays and stays away, in the proportions the field reports. Pure: the same Random gives the
// same history. The breach assessment, notices and education are not written here; the
// recompute derives them from these rows exactly as it does for entered ones.
//
// Profiles (shares of persons with a community measure that began):
// - steady (~80%): nearly every task recorded; now and then a missed visit; rarely a missed test.
// - uneven (~14%): more gaps, the odd refusal or positive test, a late return from leave,
//   sometimes a few days away without leave (C4).
// - lost (~4% of measures running over 90 days): records stop 35–200 days ago (C11).
// - hospital (~2%): one hospital stay that excuses its days (T7).
// A measure ended by relapse (person.ts) gets its positive test on the day it ended and no
// record after it.
import type { Random } from './random';
import { uuidFrom } from './random';
import { addDays, compareDates, daysBetween, maxDate, minDate, type IsoDate } from '../../core/rules/dates';
import { computeTasks, type Task } from '../../core/rules/schedule';
import { computeEndDate, isCommunityMeasure, type Measure } from '../../core/rules/measures';
import type { Policy } from '../../core/rules/policy';
import { excusals, type AbsenceInput, type LeaveInput } from '../../core/rules/leave';
import type { VisitForm } from '../../core/contracts/supervision';
import type { supervisionRecords, leaveRequests, leaveEvents, absences } from '../modules/supervision/schema';

export type RecordRow = typeof supervisionRecords.$inferInsert;
export type LeaveRow = typeof leaveRequests.$inferInsert;
export type LeaveEventRow = Omit<typeof leaveEvents.$inferInsert, 'seq'>;
export type AbsenceRow = typeof absences.$inferInsert;

export interface HistoryActors {
  workerId: string;
  workerName: string;
  gridWorkerId: string;
  /** The street officer who decides leave requests. */
  officerId: string;
}

export interface PersonHistory {
  records: RecordRow[];
  leaves: LeaveRow[];
  leaveEvents: LeaveEventRow[];
  absences: AbsenceRow[];
}

type Profile = 'steady' | 'uneven' | 'lost' | 'hospital';
type TaskKind = Task['kind'];

/** Chance that a task past its date has no record, per profile and kind. */
const MISS: Record<Exclude<Profile, 'lost'> | 'lost', Record<TaskKind, number>> = {
  steady: { drug_test: 0.004, check_in: 0.02, follow_up: 0.03, grid_visit: 0.05 },
  hospital: { drug_test: 0.004, check_in: 0.02, follow_up: 0.03, grid_visit: 0.05 },
  uneven: { drug_test: 0.03, check_in: 0.08, follow_up: 0.1, grid_visit: 0.15 },
  lost: { drug_test: 0.01, check_in: 0.04, follow_up: 0.05, grid_visit: 0.08 },
};

const STATION = '社区戒毒（康复）工作站';
const EMPLOYMENT: Record<string, VisitForm['employment']> = {
  employed: 'employed',
  self_employed: 'employed',
  flexible: 'employed',
  unemployed: 'job_seeking',
  unable: 'unable_to_work',
};

export interface HistoryInput {
  personId: string;
  measures: readonly Measure[];
  employmentStatus: string | null | undefined;
  today: IsoDate;
  policy: Policy;
  actors: HistoryActors;
}

/** At `hour` o'clock Beijing time on `date`. */
const at = (date: IsoDate, hour: number, minute = 0) => new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);

export function generateHistory(r: Random, input: HistoryInput): PersonHistory {
  const out: PersonHistory = { records: [], leaves: [], leaveEvents: [], absences: [] };
  const { today } = input;
  const community = input.measures.filter((m) => isCommunityMeasure(m.kind) && m.startDate !== null && compareDates(m.startDate, today) <= 0);
  if (community.length === 0) return out;
  const form = baseForm(r, input.employmentStatus);
  for (const m of community) {
    const start = m.startDate!;
    const last = minDate(m.endedOn ?? today, today);
    const running = daysBetween(start, last);
    let profile: Profile = r.weighted([
      ['steady', 80],
      ['uneven', 14],
      ['lost', 4],
      ['hospital', 2],
    ] as const);
    if (profile === 'lost' && !(m.status === 'active' && running > 90)) profile = 'steady';
    // Records stop: lost contact, or the relapse that ended the measure.
    const relapse = m.status === 'terminated' && m.terminationReason === 'compulsory_isolation' ? last : null;
    const stop = profile === 'lost' ? addDays(today, -r.int(35, Math.min(200, running - 40))) : (relapse ?? last);

    const leaves = generateLeaves(r, input, m, profile, start, last, stop);
    const stays = generateAbsences(r, input, m, profile, start, stop);
    out.leaves.push(...leaves.rows);
    out.leaveEvents.push(...leaves.events);
    out.absences.push(...stays);

    const excused = excusals(
      leaves.inputs,
      stays.map((a): AbsenceInput => ({ id: a.id!, kind: a.kind, fromDate: a.fromDate, toDate: a.toDate ?? null })),
      today,
    );
    const tasks = computeTasks({ measure: m, suspensions: m.suspensions, leaves: excused, records: [], policy: input.policy, today });
    // Nobody is seen while detained (C9), in hospital or away: no record on those days.
    const unavailable = [...m.suspensions.map((x) => ({ from: x.start, to: x.end ?? today })), ...stays.map((a) => ({ from: a.fromDate, to: a.toDate ?? today }))];
    const seen = (date: IsoDate) => !unavailable.some((u) => compareDates(u.from, date) <= 0 && compareDates(date, u.to) <= 0);
    const yesterday = addDays(today, -1);
    for (const t of tasks) {
      if (t.state === 'excused' || t.state === 'upcoming') continue;
      if (compareDates(t.windowStart, stop) > 0) continue;
      // A task still in its window is done by about half the persons already (up to yesterday).
      if (t.state === 'due' && r.chance(0.5)) continue;
      if (r.chance(MISS[profile][t.kind])) continue;
      const date = recordDate(r, t, start, minDate(stop, yesterday));
      if (!date || !seen(date)) continue;
      out.records.push(makeRecord(r, input, m, t.kind, date, profile, form));
    }
    // T6: the uneven are sometimes tested at random.
    if (profile === 'uneven') {
      for (let k = Math.floor(running / 365); k > 0; k--) {
        if (!r.chance(0.5)) continue;
        const until = minDate(stop, yesterday);
        if (compareDates(until, start) < 0) continue;
        const date = addDays(start, r.int(0, daysBetween(start, until)));
        if (!seen(date)) continue;
        out.records.push({ ...makeRecord(r, input, m, 'drug_test', date, profile, form), random: true });
      }
    }
    if (relapse) {
      out.records.push({ ...makeRecord(r, input, m, 'drug_test', relapse, 'steady', form), result: 'positive', note: '现场检测阳性，已报告公安机关' });
    }
  }
  return out;
}

/** A day inside the task's window near its due date, never before the term or after `until`. */
function recordDate(r: Random, t: Task, start: IsoDate, until: IsoDate): IsoDate | null {
  const lo = maxDate(t.windowStart, start);
  const hi = minDate(t.windowEnd, until);
  if (compareDates(lo, hi) > 0) return null;
  const want = t.kind === 'drug_test' ? addDays(t.dueDate, r.int(-3, 2)) : addDays(t.dueDate, -r.int(0, 4));
  return maxDate(lo, minDate(hi, want));
}

function makeRecord(r: Random, input: HistoryInput, m: Measure, kind: TaskKind, date: IsoDate, profile: Profile, form: VisitForm): RecordRow {
  const { actors } = input;
  const base = {
    id: uuidFrom(r),
    personId: input.personId,
    measureId: m.id,
    date,
    recordedBy: actors.workerId,
    recordedAt: at(date, r.int(9, 17), r.int(0, 59)),
    random: false,
  };
  if (kind === 'drug_test') {
    const hair = r.chance(0.06);
    const result = r.weighted([
      ['negative', 1000],
      ['positive', profile === 'uneven' ? 8 : 1],
      ['refused', profile === 'uneven' ? 8 : 0],
    ] as const);
    return { ...base, kind, place: STATION, sample: hair ? 'hair' : 'urine', method: hair ? 'lab' : 'on_site', result, tester: actors.workerName };
  }
  if (kind === 'check_in') return { ...base, kind, place: STATION };
  if (kind === 'grid_visit') {
    return { ...base, kind, place: '居住地', recordedBy: actors.gridWorkerId, contactMode: 'in_person', form: visitFormOf(r, form, profile) };
  }
  // F1 is met by a home visit, a talk at the station or a follow-up (often by phone).
  const how = r.weighted([
    ['visit', 55],
    ['talk', 30],
    ['follow_up', 15],
  ] as const);
  const phone = how === 'follow_up' && r.chance(0.7);
  return {
    ...base,
    kind: how,
    place: how === 'visit' ? '家中' : phone ? '电话' : STATION,
    contactMode: phone ? 'phone' : 'in_person',
    form: visitFormOf(r, form, profile),
  };
}

function baseForm(r: Random, employment: string | null | undefined): VisitForm {
  return {
    livingSituation: r.weighted([
      ['with_family', 55],
      ['stable_home', 25],
      ['alone', 15],
      ['unstable', 5],
    ] as const),
    employment: EMPLOYMENT[employment ?? ''] ?? 'unknown',
    family: r.weighted([
      ['supportive', 60],
      ['strained', 25],
      ['conflict', 8],
      ['no_contact', 7],
    ] as const),
    health: r.weighted([
      ['good', 60],
      ['fair', 32],
      ['poor', 8],
    ] as const),
    mood: 'stable',
    warningSigns: [],
    needs: [],
    nextStep: 'continue',
  };
}

/** Mostly the person's usual state; sometimes a change worth a note. */
function visitFormOf(r: Random, base: VisitForm, profile: Profile): VisitForm {
  if (!r.chance(profile === 'uneven' ? 0.3 : 0.08)) return base;
  const needs = r.weighted([
    [['employment'], 40],
    [['counselling'], 25],
    [['family_repair'], 15],
    [['relief'], 10],
    [['medical'], 10],
  ] as const);
  return {
    ...base,
    mood: r.weighted([
      ['anxious', 50],
      ['low', 40],
      ['agitated', 10],
    ] as const),
    needs: [...needs],
    // D4 signs are rare: a few of the visits that noted a change.
    warningSigns: r.chance(profile === 'uneven' ? 0.12 : 0.03)
      ? [
          r.weighted([
            ['psychiatric', 40],
            ['suicidal_talk', 30],
            ['self_harm', 20],
            ['violence', 10],
          ] as const),
        ]
      : [],
    nextStep: r.weighted([
      ['follow_up_soon', 60],
      ['refer_assistance', 35],
      ['report_to_officer', 5],
    ] as const),
    needsNote: '走访中了解到新的困难，已记录并向工作站反映',
  };
}

interface GeneratedLeaves {
  rows: LeaveRow[];
  events: LeaveEventRow[];
  inputs: LeaveInput[];
}

/**
 * Leave requests (C4): about a quarter of persons ask once in a term, a few twice, mostly for
 * family matters or work; the uneven sometimes come back late. Some persons under an active
 * measure have a request waiting for the street today, or are away on approved leave now.
 */
function generateLeaves(r: Random, input: HistoryInput, m: Measure, profile: Profile, start: IsoDate, last: IsoDate, stop: IsoDate): GeneratedLeaves {
  const out: GeneratedLeaves = { rows: [], events: [], inputs: [] };
  const { actors, policy } = input;
  const add = (from: IsoDate, to: IsoDate, status: LeaveRow['status'], returnedOn: IsoDate | null) => {
    const id = uuidFrom(r);
    // Asked a few days ahead; one still waiting was asked in the last days, never later than yesterday.
    const askedOn = status === 'pending' ? addDays(input.today, -r.int(1, 3)) : addDays(from, -r.int(2, 6));
    const requested = at(askedOn, r.int(9, 16));
    const decided = status === 'pending' ? null : new Date(requested.getTime() + r.int(2, 30) * 3_600_000);
    const row: LeaveRow = {
      id,
      personId: input.personId,
      measureId: m.id,
      fromDate: from,
      toDate: to,
      status,
      returnedOn,
      destination: r.pick(['外省探亲', '外地务工', '陪同家属就医', '办理户籍事务', '外地参加婚礼']),
      reason: r.pick(['家中老人病重需要照顾', '用人单位安排外地工作', '直系亲属婚礼', '办理个人证件']),
      required: daysBetween(from, to) + 1 >= policy.lifecycle.leaveRequestFromDays,
      policyVersion: policy.version,
      requestedBy: actors.workerId,
      requestedAt: requested,
      decidedBy: decided ? actors.officerId : null,
      decidedAt: decided,
      decisionNote: decided ? '同意，请按时销假' : null,
      returnedBy: returnedOn ? actors.workerId : null,
      returnedAt: returnedOn ? at(returnedOn, r.int(9, 17)) : null,
    };
    out.rows.push(row);
    out.inputs.push({ id, fromDate: from, toDate: to, status, returnedOn });
    out.events.push({ id: uuidFrom(r), leaveId: id, personId: input.personId, event: 'request', details: { from, to }, actorId: actors.workerId, at: requested });
    if (decided) out.events.push({ id: uuidFrom(r), leaveId: id, personId: input.personId, event: 'approve', details: null, actorId: actors.officerId, at: decided });
    if (returnedOn)
      out.events.push({ id: uuidFrom(r), leaveId: id, personId: input.personId, event: 'return', details: { returnedOn }, actorId: actors.workerId, at: row.returnedAt! });
  };
  // Ends a month before the last day, so a late return still lies in the past.
  const span = daysBetween(start, minDate(stop, addDays(last, -30)));
  const count = span < 90 ? 0 : r.chance(0.25) ? (r.chance(0.3) ? 2 : 1) : 0;
  // Spread over the term: each leave in its own slice, so two never overlap.
  for (let k = 0; k < count; k++) {
    const slice = Math.floor((span - 30) / count);
    const from = addDays(start, 30 + k * slice + r.int(0, Math.max(0, slice - 25)));
    const to = addDays(from, r.int(3, 15) - 1);
    const late = profile === 'uneven' && r.chance(0.2) ? r.int(2, 12) : 0;
    add(from, to, 'returned', addDays(to, 1 + late));
  }
  if (m.status === 'active' && profile !== 'lost' && compareDates(stop, input.today) >= 0) {
    // Only within the term: nobody asks for leave from a measure that ends before he is back.
    const end = computeEndDate(m, policy);
    const within = (to: IsoDate) => end === null || compareDates(to, end) < 0;
    if (r.chance(0.03)) {
      const from = addDays(input.today, r.int(3, 10));
      const to = addDays(from, r.int(3, 10));
      if (within(to)) add(from, to, 'pending', null);
    } else if (r.chance(0.02) && span > 60) {
      const from = addDays(input.today, -r.int(1, 5));
      const to = addDays(input.today, r.int(2, 9));
      if (within(to)) add(from, to, 'approved', null);
    }
  }
  return out;
}

/** A hospital stay (excuses its days, T7) or a few days away without leave (C4). */
function generateAbsences(r: Random, input: HistoryInput, m: Measure, profile: Profile, start: IsoDate, stop: IsoDate): AbsenceRow[] {
  const span = daysBetween(start, stop);
  if (span < 60) return [];
  const one = (kind: AbsenceRow['kind'], days: number, note: string): AbsenceRow => {
    const from = addDays(start, r.int(20, span - days - 5));
    const to = addDays(from, days - 1);
    return {
      id: uuidFrom(r),
      personId: input.personId,
      measureId: m.id,
      kind,
      fromDate: from,
      toDate: to,
      note,
      recordedBy: input.actors.workerId,
      recordedAt: at(from, r.int(9, 17)),
      closedBy: input.actors.workerId,
      closedAt: at(addDays(to, 1), r.int(9, 17)),
    };
  };
  if (profile === 'hospital') return [one('hospital_stay', r.int(5, 20), '因病住院，已核实住院证明')];
  if (profile === 'uneven' && r.chance(0.3)) return [one('away', r.int(2, 6), '未经批准离开本区，经电话联系后返回')];
  return [];
}
