import { describe, expect, it } from 'vitest';
import { applyMeasureEvent, eventsAllowed, measureEventTypes, type MeasureEvent } from './measure-events';
import { createMeasure, measureKinds, measureStatuses, type Measure } from './measures';
import { defaultPolicy } from './policy';

// The steps a measure's page offers must be exactly the steps the state machine accepts for
// the kind and status (M2, M5, M7, M8, C1, C8, C9).
const sample = (type: (typeof measureEventTypes)[number]): MeasureEvent => {
  const date = '2030-01-01';
  switch (type) {
    case 'terminate':
      return { type, date, reason: 'death' };
    case 'convert':
      return { type, date, successorId: 'b' };
    case 'extend':
      return { type, date, months: 1 };
    case 'report':
      return { type, date, lateExcused: true };
    default:
      return { type, date };
  }
};

describe('eventsAllowed: the steps offered are the steps accepted', () => {
  for (const kind of measureKinds) {
    for (const status of measureStatuses) {
      it(`${kind} / ${status}`, () => {
        const m: Measure = { ...createMeasure({ id: 'a', kind, decisionDate: '2020-01-01', decisionReceivedDate: '2020-01-01' }), status, startDate: '2020-01-02' };
        const accepted = measureEventTypes.filter((e) => {
          const r = applyMeasureEvent(m, sample(e), defaultPolicy);
          return r.ok || (r.code !== 'measure.transition_not_allowed' && r.code !== 'measure.event_not_for_kind');
        });
        expect(eventsAllowed({ kind, status })).toEqual(accepted);
      });
    }
  }
});
