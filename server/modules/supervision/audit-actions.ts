import { registerAuditActions } from '../audit/actions';
import { createRecordBody } from '../../../core/contracts/supervision';

// Supervision is a person's data throughout: ids, counts, codes and the names of changed fields.
registerAuditActions({
  'supervision.today.read': { person: true, details: { scope: 'code', orgUnitId: 'id', tasks: 'count', assistance: 'count' } },
  'supervision.calendar.read': { person: true, details: { scope: 'code', from: 'date', to: 'date', tasks: 'count', assistance: 'count' } },
  'supervision.tasks.read': { person: true },
  'supervision.records.read': { person: true, details: { filter: 'filter', returned: 'count' } },
  'supervision.record.read': { person: true },
  ...Object.fromEntries(createRecordBody.options.map((o) => [`supervision.record.${o.shape.kind.value}`, { person: true }])),
  // A record sent again under its client key (issue 17): the replay is the person's data shown again.
  'supervision.record.replayed': { person: true },
  'supervision.breaches.read': { person: true },
  'supervision.preferences.read': { person: true },
  'supervision.preferences': { person: true },
  'supervision.recompute': { person: false, details: { date: 'date', '*': 'count' } },
  'leave.list': { person: true },
  'leave.request': { person: true },
  'leave.approve': { person: true },
  'leave.reject': { person: true },
  'leave.extend_request': { person: true },
  'leave.return': { person: true },
  'absence.create': { person: true },
  'absence.close': { person: true },
  'notice.create': { person: true },
  'notice.list': { person: true, details: { filter: 'filter', returned: 'count', total: 'count' } },
  'notice.deliver': { person: true },
  'notice.acknowledge': { person: true },
  'notice.withdraw': { person: true, details: { cause: 'code', reason: 'code', factDate: 'date', correctionId: 'id' } },
  'notice.correct': { person: true, details: { cause: 'code', corrects: 'id', reason: 'code', deadline: 'instant' } },
  'education.withdraw': { person: true, details: { cause: 'code', reason: 'code', factDate: 'date' } },
  'supervision.record.void': { person: true, details: { kind: 'code', cause: 'code' } },
  'supervision.record.correct': { person: true, details: { kind: 'code', replaces: 'id', cause: 'code' } },
  'education.create': { person: true },
  'education.done': { person: true },
});
