import { registerAuditActions } from '../audit/actions';

// Documents: kinds, sizes and counts; never a file name (it may name the person). A withdrawal's
// reason is the actor's own statement and goes to `purpose`.
registerAuditActions({
  'document.upload': { person: true },
  'person.documents.read': { person: true, details: { measureId: 'id', returned: 'count' } },
  'document.download': { person: true, details: { kind: 'code', size: 'count' } },
  'document.withdraw': { person: true },
  'document.checklist.read': { person: true, details: { complete: 'flag', missing: 'codes' } },
});
