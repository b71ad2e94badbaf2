import { registerAuditActions } from '../audit/actions';

// A person is referred to by id; a change keeps the names of the changed fields; a search its
// kind (the `q` of the query becomes pinyin / id_last4 / id_number / name) and counts.
registerAuditActions({
  // A ledger row names its import job and the fields it changed (names only).
  'person.create': { person: true, details: { source: 'code', jobId: 'id' } },
  'person.update': { person: true, details: { source: 'code', jobId: 'id', fields: 'codes' } },
  'person.read': { person: true },
  'person.unmask': { person: true },
  'person.exists_check': { person: true, details: { found: 'flag', scope: 'code', via: 'code', reason: 'code' } },
  'person.search': { person: true, details: { query: 'filter', returned: 'count', total: 'count' } },
  'person.assign': { person: true },
  'person.return_to_street': { person: true },
  'person.timeline.read': { person: true },
  // The person page (file, measures and the timeline's first page) is one view, one row (issue 11.2).
  'person.page.read': { person: true },
  // #14: the file moved to another street on an accepted transfer (C7).
  'person.transfer': { person: true, details: { fromOrgUnitId: 'id', toOrgUnitId: 'id' } },
});
