import { registerAuditActions } from '../audit/actions';

// What the trail keeps of sign-in (server/modules/audit/actions.ts): staff-side, no person data.
// The name typed at sign-in is free text: kept with ID and phone numbers taken out.
const staff = { '*': 'json' } as const;
registerAuditActions({
  'auth.login': { person: false, details: { ...staff, username: 'text' } },
  'auth.mfa': { person: false, details: staff },
  'auth.mfa_enable': { person: false, details: staff },
  'auth.mfa_replace': { person: false, details: staff },
  'auth.password_change': { person: false },
  'auth.logout': { person: false },
  'session.revoke': { person: false, details: staff },
});
