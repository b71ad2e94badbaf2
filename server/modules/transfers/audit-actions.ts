import { registerAuditActions } from '../audit/actions';

// Transfers and handovers concern persons: rows keep ids, dates and counts, never the reason
// typed (free text about a person) nor the facility's name.
registerAuditActions({
  'transfer.offer': { person: true, details: { fromOrgUnitId: 'id', toOrgUnitId: 'id' } },
  'transfer.request': { person: true, details: { fromOrgUnitId: 'id', toOrgUnitId: 'id' } },
  'transfer.accept': { person: true, details: { moved: 'counts' } },
  'transfer.decline': { person: true },
  'transfer.report': { person: true, details: { date: 'date' } },
  'transfer.forward': { person: true, details: { date: 'date' } },
  'transfer.report_overdue': { person: true },
  'transfer.list': { person: true, details: { box: 'code', returned: 'count', total: 'count' } },
  'transfer.read': { person: true },
  'transfer.records.read': { person: true, details: { returned: 'count' } },
  'handover.create': { person: true, details: { orgUnitId: 'id', releaseDate: 'date', papers: 'count', noticeLate: 'flag' } },
  'handover.report': { person: true, details: { date: 'date', measureId: 'id' } },
  'handover.missed': { person: true },
  'handover.list': { person: true, details: { returned: 'count', total: 'count' } },
});
