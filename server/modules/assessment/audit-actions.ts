import { registerAuditActions } from '../audit/actions';

// The quarterly assessment is about units, never about a person: its rows keep the quarter, the
// number of units ranked, the format downloaded, and which weights the office changed.
registerAuditActions({
  'assessment.scorecard.export': { person: false, details: { from: 'date', to: 'date', format: 'code', units: 'count' } },
  'assessment.rules.set': { person: false, details: { codes: 'codes', milestoneShare: 'count' } },
});
