import { registerAuditActions } from '../audit/actions';

// Staff accounts, roles and grants: the snapshots (before/after) are kept, they hold no person data.
registerAuditActions({
  'user.bootstrap': { person: false },
  'user.create': { person: false },
  'user.update': { person: false },
  'user.password_reset': { person: false, details: { part: 'code' } },
  'user.password_reset_second_part': { person: false },
  'user.unlock': { person: false },
  'user.mfa_reset': { person: false },
  'grant.create': { person: false },
  'grant.delete': { person: false },
  'role.create': { person: false },
  'role.update': { person: false },
  'role.delete': { person: false },
});
