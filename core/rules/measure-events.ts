// The measure state machine: the only way a measure's status changes.
//
//   awaiting_report ──report (M2, C1)──▶ active ──suspend (C9)──▶ suspended
//          │                              │  ▲                        │
//          │ refuse_report (M5)           │  └───────resume (C9)──────┘
//          ▼                              │
//     terminated ◀──terminate (C9, M5)────┤ (also from awaiting_report and suspended)
//                                         ├──complete (C8, M7)──▶ completed
//                                         ├──convert (M8)───────▶ converted (+ new community detox)
//                                         └──extend (M7)────────▶ active (longer term)

import { addYears, compareDates, daysBetween, maxDate, type IsoDate } from './dates';
import { computeEndDate, createMeasure, measureKinds, reportDeadline, type Measure, type MeasureKind, type MeasureStatus, type TerminationReason } from './measures';
import type { Policy } from './policy';

export type MeasureEvent =
  /** M2: the term starts today; `lateExcused` records that a reason for a late report was accepted (C1). */
  | { type: 'report'; date: IsoDate; lateExcused?: boolean }
  | { type: 'refuse_report'; date: IsoDate }
  | { type: 'suspend'; date: IsoDate }
  | { type: 'resume'; date: IsoDate }
  /** A refusal is its own event (refuse_report), so it cannot be given as a reason here. */
  | { type: 'terminate'; date: IsoDate; reason: Exclude<TerminationReason, 'refused'> }
  | { type: 'complete'; date: IsoDate }
  | { type: 'convert'; date: IsoDate; successorId: string }
  | { type: 'extend'; date: IsoDate; months: number };

export type MeasureEventType = MeasureEvent['type'];

export type MeasureErrorCode =
  | 'measure.event_not_for_kind'
  | 'measure.transition_not_allowed'
  | 'measure.date_out_of_order'
  | 'measure.decision_receipt_unknown'
  | 'measure.report_late'
  | 'measure.term_not_expired'
  | 'measure.extension_invalid'
  | 'measure.extension_exceeds_max'
  | 'measure.extension_after_end';

export type MeasureEventResult = { ok: true; measure: Measure; successor?: Measure } | { ok: false; code: MeasureErrorCode };

const COMMUNITY: readonly MeasureKind[] = ['community_detox', 'community_rehab'];
const ISOLATION: readonly MeasureKind[] = ['compulsory_isolation'];

/** Which kinds an event makes sense for: reporting and suspension are community matters (C1, C9). */
const appliesTo: Record<MeasureEventType, readonly MeasureKind[]> = {
  report: COMMUNITY,
  refuse_report: COMMUNITY,
  suspend: COMMUNITY,
  resume: COMMUNITY,
  terminate: measureKinds,
  complete: measureKinds,
  convert: ISOLATION,
  extend: ISOLATION,
};

/**
 * From which statuses an event is allowed. `terminate` is also allowed before the report:
 * a prison sentence (C9) can come before the person reports, and the measure must not be
 * left waiting for a report that cannot happen.
 */
const allowedFrom: Record<MeasureEventType, readonly MeasureStatus[]> = {
  report: ['awaiting_report'],
  refuse_report: ['awaiting_report'],
  suspend: ['active'],
  resume: ['suspended'],
  terminate: ['awaiting_report', 'active', 'suspended'],
  complete: ['active'],
  convert: ['active'],
  extend: ['active'],
};

/** The steps in the order a measure's page offers them. */
export const measureEventTypes = ['report', 'refuse_report', 'suspend', 'resume', 'terminate', 'complete', 'convert', 'extend'] as const satisfies readonly MeasureEventType[];

/**
 * The steps the state machine accepts for a measure of this kind and status (whatever the
 * dates and other details of the step turn out to be): the web offers exactly these.
 */
export const eventsAllowed = (m: Pick<Measure, 'kind' | 'status'>): MeasureEventType[] =>
  measureEventTypes.filter((e) => appliesTo[e].includes(m.kind) && allowedFrom[e].includes(m.status));

const fail = (code: MeasureErrorCode): MeasureEventResult => ({ ok: false, code });
const ok = (measure: Measure, successor?: Measure): MeasureEventResult => (successor ? { ok: true, measure, successor } : { ok: true, measure });

/** The last date the measure already knows of; an event cannot happen before it. */
function latestKnownDate(m: Measure): IsoDate {
  const dates = [m.decisionReceivedDate, m.startDate, ...m.suspensions.flatMap((s) => [s.start, s.end])];
  return maxDate(m.decisionDate, ...dates.filter((d): d is IsoDate => d !== null));
}

function closeOpenSuspension(m: Measure, date: IsoDate): Measure['suspensions'] {
  return m.suspensions.map((s) => (s.end === null ? { ...s, end: date } : s));
}

type Handler<E extends MeasureEvent> = (m: Measure, e: E, policy: Policy) => MeasureEventResult;

// C1: reporting after the deadline without an accepted reason is a refusal; the caller
// records it with refuse_report (M5), which is why this is an error and not a silent success.
const report: Handler<Extract<MeasureEvent, { type: 'report' }>> = (m, e, policy) => {
  const deadline = reportDeadline(m, policy);
  if (deadline === null) return fail('measure.decision_receipt_unknown');
  if (compareDates(e.date, deadline) > 0 && !e.lateExcused) return fail('measure.report_late');
  return ok({ ...m, status: 'active', startDate: e.date });
};

const refuseReport: Handler<Extract<MeasureEvent, { type: 'refuse_report' }>> = (m, e) => ok({ ...m, status: 'terminated', endedOn: e.date, terminationReason: 'refused' });

const suspend: Handler<Extract<MeasureEvent, { type: 'suspend' }>> = (m, e) => ok({ ...m, status: 'suspended', suspensions: [...m.suspensions, { start: e.date, end: null }] });

const resume: Handler<Extract<MeasureEvent, { type: 'resume' }>> = (m, e) => ok({ ...m, status: 'active', suspensions: closeOpenSuspension(m, e.date) });

// A finished measure keeps no open suspension: the suspension ends with the measure.
const terminate: Handler<Extract<MeasureEvent, { type: 'terminate' }>> = (m, e) =>
  ok({ ...m, status: 'terminated', endedOn: e.date, terminationReason: e.reason, suspensions: closeOpenSuspension(m, e.date) });

/** C8: community measures end on expiry; M7: isolation may end early after the minimum. */
function earliestCompletion(m: Measure, policy: Policy): IsoDate | null | 'unknown' {
  switch (m.kind) {
    case 'community_detox':
    case 'community_rehab':
      return computeEndDate(m, policy) ?? 'unknown';
    case 'compulsory_isolation':
      return m.startDate === null ? 'unknown' : addYears(m.startDate, policy.measures.compulsoryIsolationEarlyReleaseAfterYears);
    case 'voluntary_treatment':
    case 'maintenance_treatment':
      return null; // no fixed term: the programme ends when it ends
  }
}

const complete: Handler<Extract<MeasureEvent, { type: 'complete' }>> = (m, e, policy) => {
  const earliest = earliestCompletion(m, policy);
  if (earliest === 'unknown' || (earliest !== null && compareDates(e.date, earliest) < 0)) {
    return fail('measure.term_not_expired');
  }
  return ok({ ...m, status: 'completed', endedOn: e.date });
};

// M8: the days served in isolation (decision day included, conversion day not) are credited
// to the community detox term; the person still reports to the street, from the conversion day.
const convert: Handler<Extract<MeasureEvent, { type: 'convert' }>> = (m, e) => {
  const successor: Measure = {
    ...createMeasure({ id: e.successorId, kind: 'community_detox', decisionDate: e.date, decisionReceivedDate: e.date }),
    creditedDays: m.startDate === null ? 0 : daysBetween(m.startDate, e.date),
    convertedFromId: m.id,
  };
  return ok({ ...m, status: 'converted', endedOn: e.date }, successor);
};

// M7: extensions add up to at most the policy maximum and are decided before the term runs out.
const extend: Handler<Extract<MeasureEvent, { type: 'extend' }>> = (m, e, policy) => {
  if (!Number.isInteger(e.months) || e.months <= 0) return fail('measure.extension_invalid');
  const total = m.extensionMonths + e.months;
  if (total > policy.measures.compulsoryIsolationMaxExtensionYears * 12) return fail('measure.extension_exceeds_max');
  const end = computeEndDate(m, policy);
  if (end !== null && compareDates(e.date, end) > 0) return fail('measure.extension_after_end');
  return ok({ ...m, extensionMonths: total });
};

function dispatch(m: Measure, e: MeasureEvent, policy: Policy): MeasureEventResult {
  switch (e.type) {
    case 'report':
      return report(m, e, policy);
    case 'refuse_report':
      return refuseReport(m, e, policy);
    case 'suspend':
      return suspend(m, e, policy);
    case 'resume':
      return resume(m, e, policy);
    case 'terminate':
      return terminate(m, e, policy);
    case 'complete':
      return complete(m, e, policy);
    case 'convert':
      return convert(m, e, policy);
    case 'extend':
      return extend(m, e, policy);
  }
}

/**
 * Applies one event to a measure and returns the new measure (the input is not changed), or
 * the reason it is refused. Checks run from the most general to the most specific: an event
 * that never applies to the kind, then the status, then the dates, then the event's own rule.
 */
export function applyMeasureEvent(measure: Measure, event: MeasureEvent, policy: Policy): MeasureEventResult {
  if (!appliesTo[event.type].includes(measure.kind)) return fail('measure.event_not_for_kind');
  if (!allowedFrom[event.type].includes(measure.status)) return fail('measure.transition_not_allowed');
  if (compareDates(event.date, latestKnownDate(measure)) < 0) return fail('measure.date_out_of_order');
  return dispatch(measure, event, policy);
}
