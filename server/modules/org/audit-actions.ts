import { registerAuditActions } from '../audit/actions';

// The org tree: snapshots of units are kept (no person data in them).
registerAuditActions({
  'org.create': { person: false },
  'org.update': { person: false },
  'org.move': { person: false },
  'org.delete': { person: false },
});
