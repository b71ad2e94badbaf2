import { registerAuditActions } from '../audit/actions';

// Issue 13: rows keep ids, codes and counts; never a comment's text or a reason about a person
// (the override's reason goes to `purpose`, where ID and phone numbers are taken out).
registerAuditActions({
  'risk.classify': { person: true, details: { from: 'code', to: 'code', score: 'count', policyVersion: 'code' } },
  'risk.read': { person: true, details: { riskClass: 'code' } },
  'risk.override': { person: true, details: { riskClass: 'code', expiresOn: 'date' } },
  'alert.raise': { person: true, details: { kind: 'code', severity: 'code' } },
  'alert.withdraw': { person: true, details: { kind: 'code', reason: 'code' } },
  'alert.read': { person: true, details: { kind: 'code' } },
  'alert.list': { person: false, details: { scope: 'code', state: 'code', returned: 'count', total: 'count', personId: 'id' } },
  'alert.acknowledge': { person: true, details: { kind: 'code' } },
  'alert.act': { person: true, details: { kind: 'code', recordId: 'id', recordKind: 'code' } },
  'alert.comment': { person: true, details: { kind: 'code' } },
  'alert.reassign': { person: true, details: { kind: 'code', toUserId: 'id' } },
  'alert.close': { person: true, details: { kind: 'code', outcome: 'code', withinDeadline: 'flag' } },
  'alert.escalate': { person: true, details: { kind: 'code', level: 'count' } },
  'warnings.reclassify': { person: false, details: { '*': 'count' } },
});
