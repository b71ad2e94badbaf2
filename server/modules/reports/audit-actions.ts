import { registerAuditActions } from '../audit/actions';

// A bulletin holds counts only (no person is named), so its rows are staff-side: the unit, the
// month and the size of the file read.
registerAuditActions({
  'report.bulletin.request': { person: false, details: { kind: 'code', period: 'text', queued: 'flag' } },
  'report.file.read': { person: false, details: { kind: 'code', period: 'text', size: 'count' } },
});
