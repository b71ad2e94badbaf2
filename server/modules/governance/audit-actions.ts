import { registerAuditActions } from '../audit/actions';

// A drill-down lists persons: its row keeps the indicator, the side, the period and the counts,
// never who was listed (RULES P3, the least identifying detail). Target and plan changes are
// staff-side records of the unit.
registerAuditActions({
  'governance.drill.read': { person: false, details: { code: 'code', side: 'code', from: 'date', to: 'date', total: 'count', returned: 'count' } },
  'governance.targets.set': { person: false, details: { year: 'count', codes: 'codes' } },
  'governance.plan.set': { person: false, details: { startDate: 'date', milestones: 'count' } },
});
