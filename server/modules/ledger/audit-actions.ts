import { registerAuditActions } from '../audit/actions';

// An import keeps its unit, tallies and error code (not the file's name: it may name a person);
// an export its filters (the search text as its kind), row count and whether it was unmasked.
registerAuditActions({
  'person.import': { person: true, details: { orgUnitId: 'id', counts: 'counts', error: 'code' } },
  'person.export': { person: true, details: { filter: 'filter', rows: 'count', unmasked: 'flag' } },
});
