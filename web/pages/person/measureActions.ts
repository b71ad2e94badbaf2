import type { MeasureEventType, MeasureKind, MeasureStatus, MeasureView } from '../../api/measures';
import { measureEventTypes } from '../../components/codes';

// Which lifecycle steps a measure offers: the same tables as the server's state machine
// (core/rules/measure-events.ts), so only steps it would accept are shown.
const community: MeasureKind[] = ['community_detox', 'community_rehab'];
const all: MeasureKind[] = ['community_detox', 'community_rehab', 'compulsory_isolation', 'voluntary_treatment', 'maintenance_treatment'];

const appliesTo: Record<MeasureEventType, MeasureKind[]> = {
  report: community,
  refuse_report: community,
  suspend: community,
  resume: community,
  terminate: all,
  complete: all,
  convert: ['compulsory_isolation'],
  extend: ['compulsory_isolation'],
};

const allowedFrom: Record<MeasureEventType, MeasureStatus[]> = {
  report: ['awaiting_report'],
  refuse_report: ['awaiting_report'],
  suspend: ['active'],
  resume: ['suspended'],
  terminate: ['awaiting_report', 'active', 'suspended'],
  complete: ['active'],
  convert: ['active'],
  extend: ['active'],
};

export const eventsFor = (m: Pick<MeasureView, 'kind' | 'status'>): MeasureEventType[] =>
  measureEventTypes.filter((e) => appliesTo[e].includes(m.kind) && allowedFrom[e].includes(m.status));

/** Steps that end or interrupt a measure: shown as danger buttons. */
export const dangerEvents: ReadonlySet<MeasureEventType> = new Set(['refuse_report', 'terminate', 'suspend']);
