import { registerAuditActions } from '../audit/actions';

// A person is referred to by id; a purpose goes to `purpose` (identifiers taken out); the daily
// run keeps only tallies. A purge row names the file's id and nothing of its data (P4).
registerAuditActions({
  'delisting.list.read': { person: true, details: { state: 'code', returned: 'count', total: 'count' } },
  'delisting.status.read': { person: true, details: { state: 'code' } },
  'delisting.review': { person: true, details: { delistingId: 'id', eligibleOn: 'date' } },
  'delisting.approve': { person: true, details: { delistingId: 'id', decisionDate: 'date', tests: 'count' } },
  'delisting.reject': { person: true, details: { delistingId: 'id', decisionDate: 'date' } },
  'delisting.notice.read': { person: true, details: { delistingId: 'id' } },
  'delisting.daily': { person: false, details: { skipped: 'flag', '*': 'count' } },
  'delisting.refresh': { person: false, details: { skipped: 'flag', '*': 'count' } },
  'sealing.seal': { person: true, details: { reason: 'code' } },
  'sealing.lookup': { person: true, details: { found: 'flag' } },
  'sealing.open': { person: true, details: { openingId: 'id', hours: 'count' } },
  'sealing.break_glass': { person: true, details: { openingId: 'id', hours: 'count' } },
  'sealing.purge': { person: true, details: { reason: 'code', sealedOn: 'date', removed: 'counts' } },
  'person.access_report': { person: true, details: { rows: 'count' } },
});
