import { registerAuditActions } from '../audit/actions';

registerAuditActions({
  'reminder.sms_sent': { person: true, details: { sender: 'code', attempts: 'count' } },
});
