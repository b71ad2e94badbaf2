import { registerAuditActions } from '../audit/actions';

// What the trail keeps of sign-in (server/modules/audit/actions.ts): staff-side, no person data.
registerAuditActions({
  'auth.login': { person: false, details: { username: 'text', reason: 'code', attempts: 'count', locked: 'flag', stage: 'code', sessionId: 'id' } },
  'auth.mfa': { person: false, details: { stage: 'code' } },
  'auth.password_change': { person: false },
  'auth.mfa_enable': { person: false },
  'auth.logout': { person: false },
  'session.revoke': { person: false, details: { sessionId: 'id' } },
});
