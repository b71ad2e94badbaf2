import { describe, expect, it } from 'vitest';
import { applyMeasureEvent, type MeasureEvent } from '../../../core/rules/measure-events';
import { createMeasure, measureKinds, measureStatuses, type Measure } from '../../../core/rules/measures';
import { defaultPolicy } from '../../../core/rules/policy';
import { measureEventTypes } from '../../components/codes';
import { eventsFor } from './measureActions';

// The buttons offered must be exactly the steps the state machine accepts for the kind and status.
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

describe('eventsFor', () => {
  for (const kind of measureKinds) {
    for (const status of measureStatuses) {
      it(`${kind} / ${status}`, () => {
        const m: Measure = { ...createMeasure({ id: 'a', kind, decisionDate: '2020-01-01', decisionReceivedDate: '2020-01-01' }), status, startDate: '2020-01-02' };
        const accepted = measureEventTypes.filter((e) => {
          const r = applyMeasureEvent(m, sample(e), defaultPolicy);
          return r.ok || (r.code !== 'measure.transition_not_allowed' && r.code !== 'measure.event_not_for_kind');
        });
        expect(eventsFor({ kind, status })).toEqual(accepted);
      });
    }
  }
});
