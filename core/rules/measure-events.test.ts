import { describe, it, expect } from 'vitest';
import { applyMeasureEvent, type MeasureErrorCode, type MeasureEvent, type MeasureEventType } from './measure-events';
import { computeEndDate, createMeasure, type Measure, type MeasureKind, type MeasureStatus } from './measures';
import { defaultPolicy, mergePolicy } from './policy';

const policy = defaultPolicy;

// ---------------------------------------------------------------------------------------------
// Every (status, event) pair, per kind. Each kind is tested in the statuses it can reach:
// community measures never become `converted`, isolation and the medical programmes never wait
// for a report nor get suspended. Across the kinds every status meets every event.
// ---------------------------------------------------------------------------------------------

/** A measure of `kind` in `status`, with dates that make every allowed event valid. */
function inStatus(kind: MeasureKind, status: MeasureStatus): Measure {
  const base = createMeasure({ id: 'm1', kind, decisionDate: '2024-01-01', decisionReceivedDate: '2024-01-03' });
  const communityStart = base.status === 'awaiting_report' ? '2024-01-10' : base.startDate;
  switch (status) {
    case 'awaiting_report':
      return { ...base, status, startDate: null };
    case 'active':
      return { ...base, status, startDate: communityStart };
    case 'suspended':
      return { ...base, status, startDate: communityStart, suspensions: [{ start: '2024-06-01', end: null }] };
    case 'terminated':
    case 'completed':
    case 'converted':
      return { ...base, status, startDate: communityStart, endedOn: '2024-07-01' };
  }
}

const events: Record<MeasureEventType, MeasureEvent> = {
  report: { type: 'report', date: '2024-01-10' },
  refuse_report: { type: 'refuse_report', date: '2024-01-19' },
  suspend: { type: 'suspend', date: '2024-08-01' },
  resume: { type: 'resume', date: '2024-08-01' },
  terminate: { type: 'terminate', date: '2024-08-01', reason: 'prison_sentence' },
  complete: { type: 'complete', date: '2028-01-01' },
  convert: { type: 'convert', date: '2024-08-01', successorId: 'm2' },
  extend: { type: 'extend', date: '2024-08-01', months: 6 },
};

const rulesOf: Record<MeasureEventType, string> = {
  report: 'M2/C1',
  refuse_report: 'M5/C1',
  suspend: 'C9',
  resume: 'C9',
  terminate: 'C9/M5',
  complete: 'C8/M7',
  convert: 'M8',
  extend: 'M7',
};

const eventOrder: MeasureEventType[] = ['report', 'refuse_report', 'suspend', 'resume', 'terminate', 'complete', 'convert', 'extend'];

// Expected outcome: the new status, or the refusal code.
type Outcome = MeasureStatus | MeasureErrorCode;
const NO: Outcome = 'measure.transition_not_allowed';
const KIND: Outcome = 'measure.event_not_for_kind';

//                      report     refuse_report  suspend      resume    terminate     complete     convert      extend
const community: [MeasureStatus, ...Outcome[]][] = [
  ['awaiting_report', 'active', 'terminated', NO, NO, 'terminated', NO, KIND, KIND],
  ['active', NO, NO, 'suspended', NO, 'terminated', 'completed', KIND, KIND],
  ['suspended', NO, NO, NO, 'active', 'terminated', NO, KIND, KIND],
  ['terminated', NO, NO, NO, NO, NO, NO, KIND, KIND],
  ['completed', NO, NO, NO, NO, NO, NO, KIND, KIND],
];
const isolation: [MeasureStatus, ...Outcome[]][] = [
  ['active', KIND, KIND, KIND, KIND, 'terminated', 'completed', 'converted', 'active'],
  ['terminated', KIND, KIND, KIND, KIND, NO, NO, NO, NO],
  ['completed', KIND, KIND, KIND, KIND, NO, NO, NO, NO],
  ['converted', KIND, KIND, KIND, KIND, NO, NO, NO, NO],
];
const medical: [MeasureStatus, ...Outcome[]][] = [
  ['active', KIND, KIND, KIND, KIND, 'terminated', 'completed', KIND, KIND],
  ['terminated', KIND, KIND, KIND, KIND, NO, NO, KIND, KIND],
  ['completed', KIND, KIND, KIND, KIND, NO, NO, KIND, KIND],
];

const matrix: Record<MeasureKind, [MeasureStatus, ...Outcome[]][]> = {
  community_detox: community,
  community_rehab: community,
  compulsory_isolation: isolation,
  voluntary_treatment: medical,
  maintenance_treatment: medical,
};

const cases = Object.entries(matrix).flatMap(([kind, rows]) =>
  rows.flatMap(([status, ...outcomes]) => eventOrder.map((event, i) => ({ kind: kind as MeasureKind, status, event, expected: outcomes[i] as Outcome, rule: rulesOf[event] }))),
);

describe('applyMeasureEvent: every (status, event) transition', () => {
  it('covers every status and every event', () => {
    expect(new Set(cases.map((c) => c.status)).size).toBe(6);
    expect(new Set(cases.map((c) => c.event)).size).toBe(8);
    expect(cases).toHaveLength(5 * 8 * 2 + 4 * 8 + 3 * 8 * 2);
  });

  const named = cases.map((c) => [`${c.rule}: ${c.kind} ${c.status} + ${c.event} → ${c.expected}`, c] as const);
  it.each(named)('%s', (_name, { kind, status, event, expected }) => {
    const result = applyMeasureEvent(inStatus(kind, status), events[event], policy);
    if (expected.startsWith('measure.')) {
      expect(result).toEqual({ ok: false, code: expected });
    } else {
      expect(result.ok && result.measure.status).toBe(expected);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The rules behind each transition.
// ---------------------------------------------------------------------------------------------

const awaiting = (kind: MeasureKind = 'community_detox') => createMeasure({ id: 'd1', kind, decisionDate: '2024-03-01', decisionReceivedDate: '2024-03-02' });

function apply(measure: Measure, ...list: MeasureEvent[]): Measure {
  return list.reduce((m, e) => {
    const r = applyMeasureEvent(m, e, policy);
    if (!r.ok) throw new Error(`${e.type} refused: ${r.code}`);
    return r.measure;
  }, measure);
}

describe('report (M2, C1)', () => {
  it('M2: the term starts on the report date, not the decision date', () => {
    const m = apply(awaiting(), { type: 'report', date: '2024-03-10' });
    expect(m).toMatchObject({ status: 'active', startDate: '2024-03-10' });
    expect(computeEndDate(m, policy)).toBe('2027-03-10');
  });

  it.each<[string, string, boolean | undefined, true | MeasureErrorCode]>([
    ['C1: on the day the decision was received', '2024-03-02', undefined, true],
    ['C1: on day 15', '2024-03-17', undefined, true],
    ['C1: on day 16 is late, a refusal', '2024-03-18', undefined, 'measure.report_late'],
    ['C1: late with an accepted reason', '2024-03-18', true, true],
    ['C1: before the decision was received', '2024-03-01', undefined, 'measure.date_out_of_order'],
  ])('%s', (_label, date, lateExcused, expected) => {
    const result = applyMeasureEvent(awaiting(), { type: 'report', date, lateExcused }, policy);
    expect(result.ok || result.code).toBe(expected);
  });

  it('C1: the deadline follows the policy (Zhejiang: 2 days)', () => {
    const zhejiang = mergePolicy(policy, { version: 'zj', lifecycle: { reportWithinDays: 2 } });
    expect(applyMeasureEvent(awaiting(), { type: 'report', date: '2024-03-04' }, zhejiang).ok).toBe(true);
    expect(applyMeasureEvent(awaiting(), { type: 'report', date: '2024-03-05' }, zhejiang)).toEqual({ ok: false, code: 'measure.report_late' });
  });

  it('C1: refused when the receipt date of the decision is unknown', () => {
    const m = createMeasure({ id: 'd1', kind: 'community_rehab', decisionDate: '2024-03-01' });
    expect(applyMeasureEvent(m, { type: 'report', date: '2024-03-02' }, policy)).toEqual({ ok: false, code: 'measure.decision_receipt_unknown' });
  });
});

describe('refuse_report (M5)', () => {
  it('M5: ends the measure as refused on that date', () => {
    const m = apply(awaiting(), { type: 'refuse_report', date: '2024-03-18' });
    expect(m).toMatchObject({ status: 'terminated', terminationReason: 'refused', endedOn: '2024-03-18' });
  });
});

describe('suspend and resume (C9)', () => {
  const active = apply(awaiting(), { type: 'report', date: '2024-03-10' });

  it('C9: records the suspension and the suspended days push the end date back', () => {
    const suspended = apply(active, { type: 'suspend', date: '2024-06-01' });
    expect(suspended).toMatchObject({ status: 'suspended', suspensions: [{ start: '2024-06-01', end: null }] });
    expect(computeEndDate(suspended, policy)).toBeNull();
    const resumed = apply(suspended, { type: 'resume', date: '2024-06-16' });
    expect(resumed).toMatchObject({ status: 'active', suspensions: [{ start: '2024-06-01', end: '2024-06-16' }] });
    expect(computeEndDate(resumed, policy)).toBe('2027-03-25');
  });

  it('C9: two suspensions add up', () => {
    const m = apply(
      active,
      { type: 'suspend', date: '2024-06-01' },
      { type: 'resume', date: '2024-06-11' },
      { type: 'suspend', date: '2025-01-01' },
      { type: 'resume', date: '2025-01-21' },
    );
    expect(computeEndDate(m, policy)).toBe('2027-04-09');
  });

  it.each<[string, MeasureEvent[], MeasureEvent]>([
    ['C9: no suspension before the term started', [], { type: 'suspend', date: '2024-03-09' }],
    ['C9: no release before the arrest', [{ type: 'suspend', date: '2024-06-01' }], { type: 'resume', date: '2024-05-31' }],
  ])('%s', (_label, before, event) => {
    expect(applyMeasureEvent(apply(active, ...before), event, policy)).toEqual({ ok: false, code: 'measure.date_out_of_order' });
  });
});

describe('terminate (C9, M5)', () => {
  it.each([
    ['C9: prison sentence', 'prison_sentence'],
    ['C9: compulsory education', 'compulsory_education'],
    ['M5: replaced by compulsory isolation', 'compulsory_isolation'],
    ['death', 'death'],
  ] as const)('%s', (_label, reason) => {
    const m = apply(awaiting(), { type: 'report', date: '2024-03-10' }, { type: 'terminate', date: '2024-09-01', reason });
    expect(m).toMatchObject({ status: 'terminated', terminationReason: reason, endedOn: '2024-09-01' });
  });

  it('C9: terminating a suspended measure closes the suspension', () => {
    const m = apply(
      awaiting(),
      { type: 'report', date: '2024-03-10' },
      { type: 'suspend', date: '2024-06-01' },
      { type: 'terminate', date: '2024-09-01', reason: 'prison_sentence' },
    );
    expect(m.suspensions).toEqual([{ start: '2024-06-01', end: '2024-09-01' }]);
  });

  it('C9: a sentence can end a measure the person never reported to', () => {
    const m = apply(awaiting(), { type: 'terminate', date: '2024-03-05', reason: 'prison_sentence' });
    expect(m).toMatchObject({ status: 'terminated', startDate: null, terminationReason: 'prison_sentence' });
  });
});

describe('complete (C8, M7)', () => {
  const active = apply(awaiting(), { type: 'report', date: '2024-03-10' });
  const isolation = createMeasure({ id: 'i1', kind: 'compulsory_isolation', decisionDate: '2024-01-01' });

  it.each<[string, Measure, string, boolean]>([
    ['C8: community detox, the day before expiry', active, '2027-03-09', false],
    ['C8: community detox, on expiry', active, '2027-03-10', true],
    ['C8: community detox, after expiry', active, '2027-04-01', true],
    ['C8/C9: the suspended days must be served first', apply(active, { type: 'suspend', date: '2024-06-01' }, { type: 'resume', date: '2024-06-11' }), '2027-03-19', false],
    ['C8/C9: and then it may end', apply(active, { type: 'suspend', date: '2024-06-01' }, { type: 'resume', date: '2024-06-11' }), '2027-03-20', true],
    ['M7: isolation, before the minimum of 1 year', isolation, '2024-12-31', false],
    ['M7: isolation, early release after 1 year', isolation, '2025-01-01', true],
    ['M7: isolation, on expiry after 2 years', isolation, '2026-01-01', true],
    ['M4: voluntary treatment, any day', createMeasure({ id: 'v', kind: 'voluntary_treatment', decisionDate: '2024-01-01' }), '2024-01-02', true],
    ['M10: maintenance treatment, any day', createMeasure({ id: 'x', kind: 'maintenance_treatment', decisionDate: '2024-01-01' }), '2024-01-01', true],
  ])('%s (%s → %s)', (_label, measure, date, allowed) => {
    const result = applyMeasureEvent(measure, { type: 'complete', date }, policy);
    expect(result.ok ? result.measure : result.code).toEqual(allowed ? { ...measure, status: 'completed', endedOn: date } : 'measure.term_not_expired');
  });
});

describe('convert (M8)', () => {
  const isolation = createMeasure({ id: 'i1', kind: 'compulsory_isolation', decisionDate: '2024-01-01' });

  it('M8: the isolation becomes converted and a community detox is created with the time served credited', () => {
    const result = applyMeasureEvent(isolation, { type: 'convert', date: '2024-07-01', successorId: 'd2' }, policy);
    expect(result).toEqual({
      ok: true,
      measure: { ...isolation, status: 'converted', endedOn: '2024-07-01' },
      successor: {
        ...createMeasure({ id: 'd2', kind: 'community_detox', decisionDate: '2024-07-01', decisionReceivedDate: '2024-07-01' }),
        creditedDays: 182, // 1 January to 30 June 2024
        convertedFromId: 'i1',
      },
    });
  });

  it('M8/M2: the credited days shorten the term that starts on the report date', () => {
    const result = applyMeasureEvent(isolation, { type: 'convert', date: '2024-07-01', successorId: 'd2' }, policy);
    if (!result.ok || !result.successor) throw new Error('conversion refused');
    const detox = apply(result.successor, { type: 'report', date: '2024-07-05' });
    expect(computeEndDate(detox, policy)).toBe('2027-01-04'); // 2027-07-05 minus 182 days
  });
});

describe('extend (M7)', () => {
  const isolation = createMeasure({ id: 'i1', kind: 'compulsory_isolation', decisionDate: '2024-01-01' });

  it.each<[string, number[], string, true | MeasureErrorCode]>([
    ['M7: by the full year', [12], '2025-06-01', true],
    ['M7: in two steps up to the year', [6, 6], '2025-06-01', true],
    ['M7: beyond the year in one step', [13], '2025-06-01', 'measure.extension_exceeds_max'],
    ['M7: beyond the year in two steps', [6, 7], '2025-06-01', 'measure.extension_exceeds_max'],
    ['M7: by zero months', [0], '2025-06-01', 'measure.extension_invalid'],
    ['M7: by a negative number of months', [-3], '2025-06-01', 'measure.extension_invalid'],
    ['M7: by a fraction of a month', [1.5], '2025-06-01', 'measure.extension_invalid'],
    ['M7: decided on the last day of the term', [12], '2026-01-01', true],
    ['M7: decided after the term ran out', [12], '2026-01-02', 'measure.extension_after_end'],
  ])('%s', (_label, steps, date, expected) => {
    let m = isolation;
    let last: true | MeasureErrorCode = true;
    for (const months of steps) {
      const r = applyMeasureEvent(m, { type: 'extend', date, months }, policy);
      if (!r.ok) {
        last = r.code;
        break;
      }
      m = r.measure;
    }
    expect(last).toBe(expected);
    if (expected === true) {
      // Every allowed case extends by the full year: 2 years from 2024-01-01, plus 1.
      expect(m.extensionMonths).toBe(12);
      expect(computeEndDate(m, policy)).toBe('2027-01-01');
    }
  });
});

describe('applyMeasureEvent is pure', () => {
  it('never changes the measure it is given', () => {
    const m = apply(awaiting(), { type: 'report', date: '2024-03-10' }, { type: 'suspend', date: '2024-06-01' });
    const copy = structuredClone(m);
    applyMeasureEvent(m, { type: 'resume', date: '2024-06-10' }, policy);
    applyMeasureEvent(m, { type: 'terminate', date: '2024-06-10', reason: 'prison_sentence' }, policy);
    expect(m).toEqual(copy);
  });
});
