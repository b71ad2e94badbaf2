import { registerAuditActions } from '../audit/actions';

// Assistance is a person's data: rows keep ids and codes (the need, the partner's kind), never
// the purpose, notes or outcomes, which are free text about a person. Every partner read writes
// one row per referred person it showed (issue 12 item 5, RULES P3).
registerAuditActions({
  'assistance.read': { person: true },
  'assistance.assessment.create': { person: true, details: { needs: 'count' } },
  'assistance.plan.create': { person: true, details: { version: 'count', actions: 'count' } },
  'assistance.plan.approve': { person: true, details: { version: 'count' } },
  'assistance.referral.create': { person: true, details: { need: 'code', partnerId: 'id', consent: 'flag' } },
  'assistance.service.create': { person: true, details: { kind: 'code', actionId: 'id' } },
  'assistance.referrals.read': { person: true, details: { returned: 'count' } },
  'assistance.indicators.read': { person: false, details: { orgUnitId: 'id', from: 'date', to: 'date' } },
  'partner.create': { person: false, details: { kind: 'code' } },
  'partner.staff.add': { person: false, details: { userId: 'id' } },
  'partner.inbox.read': { person: true, details: { partnerId: 'id', referralId: 'id' } },
  'partner.referral.accept': { person: true, details: { partnerId: 'id' } },
  'partner.referral.decline': { person: true, details: { partnerId: 'id' } },
  'partner.referral.complete': { person: true, details: { partnerId: 'id', kind: 'code' } },
  'assistance.tasks.read': { person: true, details: { scope: 'code', orgUnitId: 'id', tasks: 'count' } },
  'assistance.placement.check': { person: true, details: { month: 'count', employed: 'flag' } },
  'assistance.plan.print': { person: true, details: { version: 'count' } },
  'assistance.relief.decide': { person: true, details: { decision: 'code' } },
});
