import { registerAuditActions } from '../audit/actions';

// Governance operations are about units and staff, never about a person under a measure: rows
// keep ids, codes, dates and counts; a return reason is the actor's statement (`purpose`).
registerAuditActions({
  'police_figure.create': { person: false, details: { year: 'count', month: 'count', status: 'code' } },
  'police_figure.update': { person: false, details: { year: 'count', month: 'count', status: 'code' } },
  'police_figure.submit': { person: false, details: { year: 'count', month: 'count', status: 'code' } },
  'police_figure.approve': { person: false, details: { year: 'count', month: 'count', status: 'code' } },
  'police_figure.return': { person: false, details: { year: 'count', month: 'count', status: 'code' } },
  'police_figure.base_year': { person: false, details: { baseYear: 'count' } },
  'meeting.create': { person: false, details: { heldOn: 'date', departments: 'codes', actionItems: 'count' } },
  'meeting.action.update': { person: false, details: { actionItemId: 'id', status: 'code' } },
  'risk.create': { person: false, details: { category: 'code', likelihood: 'count', impact: 'count' } },
  'risk.update': { person: false, details: { changed: 'codes' } },
  'risk.review': { person: false, details: { likelihood: 'count', impact: 'count', nextReviewOn: 'date' } },
  'budget.plan': { person: false, details: { year: 'count', totalFen: 'count' } },
  'budget.expense': { person: false, details: { category: 'code', amountFen: 'count', overBudget: 'flag' } },
  'station.item': { person: false, details: { item: 'code', done: 'flag' } },
  'dispatch.read': { person: false, details: { from: 'date', to: 'date' } },
});
