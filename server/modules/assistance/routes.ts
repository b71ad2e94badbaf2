import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assessmentBody,
  assessmentView,
  assistanceTab,
  completeBody,
  declineBody,
  inboxList,
  indicatorQuery,
  indicatorView,
  openReferralList,
  assistanceTaskList,
  placementCheckBody,
  placementCheckView,
  reliefDecisionBody,
  planPrintView,
  taskQuery,
  partnerBody,
  partnerList,
  partnerQuery,
  partnerView,
  planBody,
  referralBody,
  referralStatus,
  referralView,
  serviceBody,
  serviceView,
} from '../../../core/contracts/assistance';
import { okBody } from '../../../core/contracts/common';
import { actorContext } from '../../http/auth-hook';
import type { AssistanceService } from './service';

const personParams = z.object({ personId: z.uuid() });
const idParams = z.object({ id: z.uuid() });
const versionView = z.object({ id: z.uuid(), version: z.number().int() });
const stepView = z.object({ id: z.uuid(), status: referralStatus });

export function assistanceRoutes(app: FastifyInstance, s: AssistanceService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assistance'];
  const worker = (permission: 'assistance.read' | 'assistance.write' | 'assistance.approve') => ({ access: { permission, scope: 'org_subtree' as const } });
  const partner = { access: { permission: 'referral.respond' as const, scope: 'partner' as const } };

  r.get('/api/persons/:personId/assistance', {
    config: worker('assistance.read'),
    schema: { tags, summary: "The person's assistance: needs, plan, referrals and services on one page", params: personParams, response: { 200: assistanceTab } },
    handler: (req) => s.tab(actorContext(req), req.params.personId),
  });
  r.post('/api/persons/:personId/assistance/assessments', {
    config: worker('assistance.write'),
    schema: { tags, summary: 'A needs assessment', params: personParams, body: assessmentBody, response: { 201: assessmentView } },
    handler: async (req, reply) => reply.code(201).send(await s.assess(actorContext(req), req.params.personId, req.body)),
  });
  r.post('/api/persons/:personId/assistance/plans', {
    config: worker('assistance.write'),
    schema: { tags, summary: "A new version of the 一人一策 plan (awaits the street's approval)", params: personParams, body: planBody, response: { 201: versionView } },
    handler: async (req, reply) => reply.code(201).send(await s.writePlan(actorContext(req), req.params.personId, req.body)),
  });
  r.post('/api/assistance/plans/:id/approve', {
    config: worker('assistance.approve'),
    schema: { tags, summary: 'The street approves the latest version of a plan', params: idParams, response: { 200: versionView } },
    handler: (req) => s.approvePlan(actorContext(req), req.params.id),
  });
  r.post('/api/persons/:personId/assistance/referrals', {
    config: worker('assistance.write'),
    schema: { tags, summary: 'Refer the person to a partner for a need (consent where P2 requires it)', params: personParams, body: referralBody, response: { 201: referralView } },
    handler: async (req, reply) => reply.code(201).send(await s.refer(actorContext(req), req.params.personId, req.body)),
  });
  r.post('/api/persons/:personId/assistance/services', {
    config: worker('assistance.write'),
    schema: { tags, summary: 'A service delivered; it closes its plan action', params: personParams, body: serviceBody, response: { 201: serviceView } },
    handler: async (req, reply) => reply.code(201).send(await s.addService(actorContext(req), req.params.personId, req.body)),
  });
  r.get('/api/assistance/referrals', {
    config: worker('assistance.read'),
    schema: { tags, summary: 'Open referrals of the persons in your area', response: { 200: openReferralList } },
    handler: async (req) => ({ items: await s.openReferrals(actorContext(req)) }),
  });
  r.get('/api/assistance/tasks', {
    config: worker('assistance.read'),
    schema: {
      tags,
      summary: '今日待办 of assistance: re-assessments, plan reviews, placement checks and stalled referrals due or overdue',
      querystring: taskQuery,
      response: { 200: assistanceTaskList },
    },
    handler: (req) => s.tasks(actorContext(req), req.query),
  });
  r.post('/api/assistance/services/:id/checks', {
    config: worker('assistance.write'),
    schema: {
      tags,
      summary: "A placement's still-employed check (3/6/12 months); not employed, it ends the placement",
      params: idParams,
      body: placementCheckBody,
      response: { 201: placementCheckView },
    },
    handler: async (req, reply) => reply.code(201).send(await s.checkPlacement(actorContext(req), req.params.id, req.body)),
  });
  r.post('/api/assistance/services/:id/relief-decision', {
    config: worker('assistance.write'),
    schema: {
      tags,
      summary: "A relief application's decision (granted with the amount, or refused)",
      params: idParams,
      body: reliefDecisionBody,
      response: { 200: z.object({ id: z.uuid(), decision: z.enum(['granted', 'refused']) }) },
    },
    handler: (req) => s.decideRelief(actorContext(req), req.params.id, req.body),
  });
  r.get('/api/persons/:personId/assistance/plan-print', {
    config: worker('assistance.read'),
    schema: {
      tags,
      summary: 'One version of the plan (the latest by default) for the A4 paper file',
      params: personParams,
      querystring: z.object({ version: z.coerce.number().int().min(1).max(100_000).optional() }),
      response: { 200: planPrintView },
    },
    handler: (req) => s.planPrint(actorContext(req), req.params.personId, req.query.version),
  });
  r.get('/api/assistance/indicators', {
    config: { access: { permission: 'report.read', scope: 'org_subtree' } },
    schema: { tags, summary: 'K8, K9, K10 numerators and denominators for a unit and period', querystring: indicatorQuery, response: { 200: indicatorView } },
    handler: (req) => s.indicators(actorContext(req), req.query),
  });

  r.get('/api/partners', {
    config: worker('assistance.read'),
    schema: { tags, summary: 'The partner directory of your area, by district', querystring: partnerQuery, response: { 200: partnerList } },
    handler: async (req) => ({ items: await s.listPartners(actorContext(req).actor, req.query) }),
  });
  r.post('/api/partners', {
    config: { access: { permission: 'partner.manage', scope: 'org_subtree' } },
    schema: { tags, summary: "Add a partner to a unit's directory", body: partnerBody, response: { 201: partnerView } },
    handler: async (req, reply) => reply.code(201).send(await s.createPartner(actorContext(req), req.body)),
  });
  r.post('/api/partners/:id/staff', {
    config: { access: { permission: 'partner.manage', scope: 'org_subtree' } },
    schema: { tags, summary: 'Attach a partner-role account to the partner', params: idParams, body: z.object({ userId: z.uuid() }), response: { 200: okBody } },
    handler: (req) => s.addStaff(actorContext(req), req.params.id, req.body.userId),
  });

  r.get('/api/partner/referrals', {
    config: partner,
    schema: { tags, summary: "The partner's inbox: its open referrals, the minimum necessary", response: { 200: inboxList } },
    handler: async (req) => ({ items: await s.inbox(actorContext(req)) }),
  });
  r.post('/api/partner/referrals/:id/accept', {
    config: partner,
    schema: { tags, summary: 'Accept a referral', params: idParams, response: { 200: stepView } },
    handler: (req) => s.accept(actorContext(req), req.params.id),
  });
  r.post('/api/partner/referrals/:id/decline', {
    config: partner,
    schema: { tags, summary: 'Decline a referral with a reason', params: idParams, body: declineBody, response: { 200: stepView } },
    handler: (req) => s.decline(actorContext(req), req.params.id, req.body.reason),
  });
  r.post('/api/partner/referrals/:id/complete', {
    config: partner,
    schema: { tags, summary: 'Complete an accepted referral with the service delivered', params: idParams, body: completeBody, response: { 200: stepView } },
    handler: (req) => s.complete(actorContext(req), req.params.id, req.body),
  });
}
