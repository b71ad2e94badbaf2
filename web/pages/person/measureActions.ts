import type { MeasureEventType } from '../../api/measures';

// Which lifecycle steps a measure offers is the state machine's own answer (eventsAllowed in
// core/rules/measure-events.ts), so only steps the server would accept are shown.
export { eventsAllowed as eventsFor } from '../../../core/rules/measure-events';

/** Steps that end or interrupt a measure: shown as danger buttons. */
export const dangerEvents: ReadonlySet<MeasureEventType> = new Set(['refuse_report', 'terminate', 'suspend']);
