import { registerAuditActions } from '../audit/actions';

// A policy override is a rule of a unit, not a person's data: its values and reason are kept.
registerAuditActions({
  'policy.override': { person: false, details: { reason: 'text' } },
});
