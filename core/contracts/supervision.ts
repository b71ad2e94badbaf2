import { z } from 'zod';
import { localized, pageQuery } from './common';
import { LONG_OVERDUE_DAYS } from '../rules/today';
import { assistanceTaskKinds } from '../rules/assistance';

// Supervision (issue 4): records, tasks, leave, absences, breaches, notices, the worker's day,
// reminders. Rule IDs refer to RULES.md.

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const queryBool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const recordKind = z.enum(['check_in', 'drug_test', 'visit', 'follow_up', 'talk', 'grid_visit']);
export const taskKind = z.enum(['drug_test', 'check_in', 'follow_up', 'grid_visit']);
export const taskState = z.enum(['done', 'due', 'overdue', 'excused', 'upcoming']);
/** T2 */
export const testSample = z.enum(['urine', 'hair', 'blood', 'saliva']);
/** T1 */
export const testMethod = z.enum(['on_site', 'lab', 'lab_retest']);
/** T3: exactly these five. */
export const testResult = z.enum(['negative', 'positive', 'refused', 'evaded', 'invalid']);
export const contactMode = z.enum(['in_person', 'phone', 'video']);

/** D4 signs a visit can note (GLOSSARY: warning sign). */
export const visitWarningSign = z.enum(['self_harm', 'suicidal_talk', 'psychiatric', 'violence']);
export type VisitWarningSign = z.infer<typeof visitWarningSign>;

/** The structured visit form (JOURNEYS 2: short lists and a line of text). */
export const visitForm = z.strictObject({
  livingSituation: z.enum(['stable_home', 'with_family', 'alone', 'unstable', 'unknown']),
  employment: z.enum(['employed', 'unemployed', 'job_seeking', 'in_training', 'unable_to_work', 'unknown']),
  family: z.enum(['supportive', 'strained', 'conflict', 'no_contact', 'unknown']),
  health: z.enum(['good', 'fair', 'poor', 'unknown']),
  mood: z.enum(['stable', 'anxious', 'low', 'agitated', 'unknown']),
  /**
   * D4: signs seen at the visit that make a person high risk by themselves (self-harm, talk of
   * ending one's life, psychiatric symptoms, threats of violence). None ticked: none seen. A
   * low or agitated mood is not one of them: it weighs, but does not force the class (mood_concern).
   */
  warningSigns: z.array(visitWarningSign).max(4).default([]),
  /** Needs found; the assistance module picks them up (GLOSSARY names). */
  needs: z
    .array(z.enum(['employment', 'skills_training', 'counselling', 'family_repair', 'relief', 'medical', 'housing', 'legal']))
    .max(8)
    .default([]),
  nextStep: z.enum(['continue', 'follow_up_soon', 'refer_assistance', 'report_to_officer']),
  livingNote: text(500).optional(),
  employmentNote: text(500).optional(),
  familyNote: text(500).optional(),
  healthNote: text(500).optional(),
  needsNote: text(500).optional(),
  nextStepNote: text(500).optional(),
});
export type VisitForm = z.infer<typeof visitForm>;

const recordBase = {
  /** Defaults to today; never in the future, never before the measure began. */
  date: isoDate.optional(),
  place: z.string().trim().min(1).max(200),
  /** A document of this person from the documents module. */
  attachmentId: z.uuid().optional(),
  note: text(2000).optional(),
  /**
   * Drawn by the device when the record is made (issue 17): sending it again — a retry, a
   * replayed offline outbox — returns the record already made under this key instead of a second.
   */
  clientKey: z.uuid().optional(),
  /**
   * Issue 17 §3: a record made where the device could not see the server carries what its view
   * rested on — the server's time of its last answer — so one written meanwhile by someone else
   * comes back as a clash (409) with both shown, instead of a silent second. `keepBoth` is the
   * worker's answer after seeing both.
   */
  basis: z.object({ asOf: z.iso.datetime({ offset: true }), keepBoth: z.boolean().default(false) }).optional(),
};
const contactRecord = <K extends 'visit' | 'follow_up' | 'talk' | 'grid_visit'>(kind: K) =>
  z.object({ kind: z.literal(kind), ...recordBase, contactMode: contactMode.default('in_person'), form: visitForm });

export const createRecordBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('check_in'), ...recordBase }),
  z.object({
    kind: z.literal('drug_test'),
    ...recordBase,
    sample: testSample.default('urine'),
    method: testMethod.default('on_site'),
    result: testResult,
    /** Defaults to the signed-in worker's name. */
    tester: z.string().trim().min(1).max(60).optional(),
    /** A prior test of this person that this one re-tests (required for lab_retest). */
    retestOf: z.uuid().optional(),
    /** T6: an unscheduled test; it does not shift the schedule. */
    random: z.boolean().default(false),
  }),
  contactRecord('visit'),
  contactRecord('follow_up'),
  contactRecord('talk'),
  contactRecord('grid_visit'),
]);
export type CreateRecordBody = z.infer<typeof createRecordBody>;

export const recordView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  measureId: z.uuid(),
  kind: recordKind,
  date: z.string(),
  place: z.string(),
  recordedAt: z.string(),
  recordedBy: z.uuid(),
  recordedByName: z.string().nullable(),
  attachmentId: z.uuid().nullable(),
  note: z.string().nullable(),
  drugTest: z.object({ sample: testSample, method: testMethod, result: testResult, tester: z.string().nullable(), retestOf: z.uuid().nullable(), random: z.boolean() }).nullable(),
  contactMode: contactMode.nullable(),
  form: visitForm.nullable(),
  /** Issue 9.14: a voided record is kept (and shown) but counts for nothing; a corrected one is voided by its replacement. */
  voidedAt: z.string().nullable(),
  voidedBy: z.uuid().nullable(),
  voidReason: z.string().nullable(),
  supersededBy: z.uuid().nullable(),
  correctsId: z.uuid().nullable(),
});
export const recordListQuery = pageQuery.extend({ kind: recordKind.optional(), from: isoDate.optional(), to: isoDate.optional() });
export const recordList = z.object({ items: z.array(recordView), total: z.number().int() });

export const taskView = z.object({
  measureId: z.uuid(),
  key: z.string(),
  personId: z.uuid(),
  kind: taskKind,
  dueDate: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  state: taskState,
  recordId: z.uuid().nullable(),
  policyVersion: z.string(),
  /** Days past the end of the window (T7), 0 unless overdue. */
  daysOverdue: z.number().int(),
});
export const taskList = z.object({ items: z.array(taskView), horizon: z.string() });

export const noticeReason = z.enum(['serious_breach', 'relapse', 'refused', 'lost_contact']);
export const noticeView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  orgUnitName: z.string(),
  measureId: z.uuid().nullable(),
  reason: noticeReason,
  reasonName: localized,
  factKey: z.string(),
  factDate: z.string(),
  details: z.record(z.string(), z.unknown()),
  policyVersion: z.string(),
  deadline: z.string(),
  createdAt: z.string(),
  createdBy: z.uuid().nullable(),
  deliveredAt: z.string().nullable(),
  deliveredBy: z.uuid().nullable(),
  deliveredByName: z.string().nullable(),
  deliveryNote: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.uuid().nullable(),
  acknowledgedByName: z.string().nullable(),
  state: z.enum(['pending', 'delivered', 'acknowledged', 'withdrawn', 'corrected']),
  /** Not acknowledged by its deadline. */
  overdue: z.boolean(),
  /** Issue 9.13: a correction (更正) of a notice the police had received, or a notice. */
  kind: z.enum(['notice', 'correction']),
  correctsId: z.uuid().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawalReason: z.enum(['record_voided', 'record_corrected', 'facts_changed']).nullable(),
});
export const noticeListQuery = pageQuery.extend({ state: z.enum(['open', 'acknowledged', 'withdrawn', 'all']).default('open'), personId: z.uuid().optional() });
export const noticeList = z.object({ items: z.array(noticeView), total: z.number().int() });
export const deliverNoticeBody = z.object({ note: text(500).optional() });

export const educationView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  measureId: z.uuid().nullable(),
  reason: z.enum(['refused', 'evaded', 'unauthorised_departure']),
  factKey: z.string(),
  factDate: z.string(),
  policyVersion: z.string(),
  createdAt: z.string(),
  conductedOn: z.string().nullable(),
  conductedBy: z.uuid().nullable(),
  note: z.string().nullable(),
  /** Issue 9.13: the breach no longer holds. */
  withdrawnAt: z.string().nullable(),
});
export const educationDoneBody = z.object({ date: isoDate, note: z.string().trim().min(1).max(2000) });

export const breachLevel = z.enum(['none', 'breach', 'serious_breach']);
export const breachAssessmentView = z.object({
  measureId: z.uuid().nullable(),
  policyVersion: z.string(),
  assessedOn: z.string(),
  level: breachLevel,
  reasons: z.array(z.string()),
  counts: z.object({ refusals: z.number().int(), evasions: z.number().int(), unauthorisedDepartures: z.number().int(), absenceDays: z.number().int() }),
  /** C5 limits: how many more refusals/evasions, departures, days away before a serious breach (0 = reached). */
  untilSerious: z.object({ tests: z.number().int(), departures: z.number().int(), absenceDays: z.number().int() }),
  limits: z.object({ tests: z.number().int(), departures: z.number().int(), absenceDaysMoreThan: z.number().int(), countedTogether: z.boolean() }),
  /** "One more is a serious breach" (JOURNEYS 1), or the breach itself; null when nothing to say. */
  warning: localized.nullable(),
  lostContact: z.object({
    lost: z.boolean(),
    checked: z.boolean(),
    lastInPersonContact: z.string().nullable(),
    lastReachable: z.string().nullable(),
    afterDays: z.number().int(),
  }),
});

export const absenceKind = z.enum(['away', 'hospital_stay']);
export const absenceView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  measureId: z.uuid().nullable(),
  kind: absenceKind,
  from: z.string(),
  to: z.string().nullable(),
  note: z.string().nullable(),
  /** C4: away N days or more without approved leave. */
  unauthorisedDeparture: z.boolean(),
  /** Days away not covered by approved leave (to today while open). */
  uncoveredDays: z.number().int(),
  recordedBy: z.uuid(),
  recordedAt: z.string(),
  closedBy: z.uuid().nullable(),
  closedAt: z.string().nullable(),
});
export const createAbsenceBody = z.object({ kind: absenceKind.default('away'), from: isoDate, to: isoDate.nullable().optional(), note: text(500).optional() });
export const closeAbsenceBody = z.object({ to: isoDate });
/** What recording or closing an absence returns: the absence and the assessment it leads to. */
export const absenceResult = z.object({ absence: absenceView, breaches: z.lazy(() => breachAssessmentView).nullable() });

export const breachesView = z.object({
  assessment: breachAssessmentView.nullable(),
  notices: z.array(noticeView),
  education: z.array(educationView),
  absences: z.array(absenceView),
});

export const createRecordResult = z.object({
  record: recordView,
  /** Tasks this record resolved. */
  tasks: z.array(taskView),
  breaches: breachAssessmentView.nullable(),
  noticesCreated: z.array(noticeView),
  educationCreated: z.array(educationView),
  /** Issue 9.13: notices withdrawn (and corrections issued) because the facts changed. */
  noticesWithdrawn: z.array(noticeView),
  /**
   * The record was made earlier under the same client key (a replay): nothing was written, the
   * tasks are those it resolved then, `breaches` is the assessment now (so a device whose first
   * answer was lost still learns of a C5 warning), the notices and education of that time are not
   * repeated.
   */
  replayed: z.boolean(),
});

/** Issue 9.14: voiding a record needs a stated reason; it stays on the person's file. */
export const voidRecordBody = z.object({ reason: z.string().trim().min(2).max(500) });
/** Issue 9.14: a correction replaces the record by a new one (any kind) with a stated reason. */
export const correctRecordBody = z.object({ reason: z.string().trim().min(2).max(500), record: createRecordBody });
export const changeRecordResult = createRecordResult.extend({
  /** The record as it was, now voided (kept). */
  replaced: recordView,
  /** The replacement (a correction), or null (a void). */
  record: recordView.nullable(),
});

export const leaveStatus = z.enum(['pending', 'approved', 'rejected', 'returned']);
export const createLeaveBody = z.object({
  from: isoDate,
  to: isoDate,
  destination: z.string().trim().min(1).max(200),
  reason: z.string().trim().min(1).max(500),
});
export const leaveDecisionBody = z.object({ decision: z.enum(['approve', 'reject']), note: text(500).optional() });
export const leaveExtensionBody = z.object({ to: isoDate, reason: z.string().trim().min(1).max(500) });
export const leaveReturnBody = z.object({ returnedOn: isoDate });
export const leaveEventView = z.object({
  event: z.enum(['request', 'approve', 'reject', 'extend_request', 'extend_approve', 'extend_reject', 'return']),
  actorId: z.uuid(),
  actorName: z.string().nullable(),
  at: z.string(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export const leaveView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  measureId: z.uuid().nullable(),
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  destination: z.string(),
  reason: z.string(),
  status: leaveStatus,
  /** Approved, past its last day and not reported back (derived on read). */
  overdue: z.boolean(),
  pendingTo: z.string().nullable(),
  pendingReason: z.string().nullable(),
  returnedOn: z.string().nullable(),
  /** C4: the length needed a request under the recorded policy version. */
  required: z.boolean(),
  policyVersion: z.string(),
  requestedBy: z.uuid(),
  requestedAt: z.string(),
  decidedBy: z.uuid().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  returnedBy: z.uuid().nullable(),
  returnedAt: z.string().nullable(),
  events: z.array(leaveEventView),
});
export const leaveList = z.object({ items: z.array(leaveView) });
export const leaveBrief = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  from: z.string(),
  to: z.string(),
  destination: z.string(),
  status: leaveStatus,
  pendingTo: z.string().nullable(),
  overdueDays: z.number().int(),
});

export const audienceQuery = z.object({ scope: z.enum(['mine', 'unit']).default('mine'), orgUnitId: z.uuid().optional() });
export const todayQuery = audienceQuery.extend({
  /** Overdue tasks whose window ended at most this many days ago (older ones are history: see the person's tasks and the counts). */
  overdueDays: z.coerce.number().int().min(0).max(366).default(LONG_OVERDUE_DAYS),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});
export const todayTask = taskView.extend({
  personName: z.string(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  workerId: z.uuid().nullable(),
  workerName: z.string().nullable(),
});
export const warningView = z.object({
  personId: z.uuid(),
  personName: z.string(),
  kind: z.enum(['tests_one_more', 'departures_one_more', 'serious_breach', 'lost_contact']),
  message: localized,
});
// Issue 12 item 7: the assistance tasks of the day views (re-assessment, plan review, placement
// checks at 3/6/12 months, stalled referrals, plan actions), computed by the assistance module.
export const dayAssistanceTask = z.object({
  kind: z.enum(assistanceTaskKinds),
  personId: z.uuid(),
  personName: z.string(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  workerId: z.uuid().nullable(),
  workerName: z.string().nullable(),
  dueDate: z.string(),
  /** Due before the server's today and still open. */
  overdue: z.boolean(),
  refId: z.uuid().nullable(),
  reason: z.enum(['measure_start', 'transfer', 'relapse', 'cadence']).nullable(),
  month: z.number().int().nullable(),
  /** Where the task is done: the person's assistance tab. */
  link: z.string(),
});
export type DayAssistanceTask = z.infer<typeof dayAssistanceTask>;

export const todayView = z.object({
  date: z.string(),
  scope: z.enum(['mine', 'unit']),
  orgUnitId: z.uuid().nullable(),
  tasks: z.array(todayTask),
  leavesEndingToday: z.array(leaveBrief),
  leavesOverdue: z.array(leaveBrief),
  leavesAwaitingDecision: z.array(leaveBrief),
  noticesPending: z.array(noticeView),
  warnings: z.array(warningView),
  /** Other work of the actor himself that is due (issue 15: risk reviews, joint meetings' action items). */
  items: z.array(z.object({ kind: z.string(), id: z.uuid(), title: z.string(), dueOn: z.string(), overdue: z.boolean(), orgUnitName: z.string(), link: z.string() })),
  /** Issue 12: the open assistance tasks due today or overdue, oldest first (none without `assistance.read`). */
  assistance: z.array(dayAssistanceTask),
  /** Over the whole audience, whatever the limit. */
  summary: z.object({ due: z.number().int(), overdue: z.number().int(), dueToday: z.number().int(), doneToday: z.number().int(), persons: z.number().int() }),
  /** Overdue tasks older than `overdueDays`, not listed (nor in `summary`): the page folds them into one line. */
  olderOverdue: z.object({ tasks: z.number().int(), persons: z.number().int() }),
  /** More tasks than `limit`: the oldest due first are listed. */
  truncated: z.boolean(),
});

export const countsQuery = z.object({ orgUnitId: z.uuid().optional(), from: isoDate.optional(), to: isoDate.optional() });
const countRow = z.object({
  due: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  open: z.number().int(),
  excused: z.number().int(),
  /** Issue 12: assistance tasks are computed, not stored: those open now and due by `to`, and of them the ones due before today. */
  assistance: z.object({ open: z.number().int(), overdue: z.number().int() }),
});
export const countsView = z.object({
  from: z.string(),
  to: z.string(),
  orgUnitId: z.uuid().nullable(),
  total: countRow,
  byWorker: z.array(countRow.extend({ workerId: z.uuid().nullable(), workerName: z.string().nullable() })),
  byCommunity: z.array(countRow.extend({ orgUnitId: z.uuid(), orgUnitName: z.string() })),
});

export const calendarQuery = audienceQuery.extend({ from: isoDate, to: isoDate });
export const calendarView = z.object({
  from: z.string(),
  to: z.string(),
  /** Tasks are stored up to this date; later days show nothing yet. */
  horizon: z.string(),
  /** Issue 12: a day's assistance tasks are the open ones due that day (none without `assistance.read`). */
  days: z.array(z.object({ date: z.string(), tasks: z.array(todayTask), assistance: z.array(dayAssistanceTask) })),
});

export const preferencesView = z.object({
  personId: z.uuid(),
  smsConsent: z.boolean(),
  consentDate: z.string().nullable(),
  recordedBy: z.uuid().nullable(),
  recordedAt: z.string().nullable(),
});
/** P2: SMS reminders to the person need consent; record when it was given (or withdrawn). */
export const preferencesBody = z.object({ smsConsent: z.boolean(), consentDate: isoDate.optional() });

export const messageView = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  personId: z.uuid().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export const messageListQuery = z.object({ unread: queryBool.default(false), limit: z.coerce.number().int().min(1).max(200).default(50) });
export const messageList = z.object({ items: z.array(messageView), unread: z.number().int() });

export const recomputeResult = z.object({
  persons: z.number().int(),
  batches: z.number().int(),
  tasksWritten: z.number().int(),
  tasksDeleted: z.number().int(),
  tasksUnchanged: z.number().int(),
  statusWritten: z.number().int(),
  notices: z.number().int(),
  education: z.number().int(),
  loadMs: z.number(),
  computeMs: z.number(),
  writeMs: z.number(),
  raiseMs: z.number(),
  ms: z.number(),
});
