import { registerAuditActions } from '../audit/actions';

// Documents: kinds, sizes and counts; never a file name (it may name the person). A withdrawal's
// reason is the actor's own statement and goes to `purpose`.
registerAuditActions({
  'document.upload': { person: true, details: { kind: 'code', sha256: 'hash' } },
  'person.documents.read': { person: true, details: { measureId: 'id', returned: 'count' } },
  'document.download': { person: true, details: { kind: 'code', size: 'count', sha256: 'hash' } },
  'document.withdraw': { person: true },
  'unit_document.upload': { person: false, details: { purpose: 'code', size: 'count', sha256: 'hash' } },
  'unit_document.download': { person: false, details: { purpose: 'code', size: 'count', sha256: 'hash' } },
  'document.checklist.read': { person: true, details: { complete: 'flag', missing: 'codes' } },
});
