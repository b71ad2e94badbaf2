import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../core/contracts/common';
import {
  alertActBody,
  alertCloseBody,
  alertCommentBody,
  alertDetailView,
  alertList,
  alertListQuery,
  alertReassignBody,
  personRiskView,
  riskOverrideBody,
} from '../../../core/contracts/warnings';
import { actorContext } from '../../http/auth-hook';
import type { WarningService } from './service';

const read = { access: { permission: 'supervision.read', scope: 'org_subtree' } } as const;
const write = { access: { permission: 'supervision.write', scope: 'org_subtree' } } as const;
const street = { access: { permission: 'leave.approve', scope: 'org_subtree' } } as const;
const fail = { 400: errorBody, 404: errorBody };
const moveFail = { ...fail, 409: errorBody };

export function warningRoutes(app: FastifyInstance, warnings: WarningService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['warnings'];

  r.get('/api/persons/:id/risk', {
    config: read,
    schema: {
      tags,
      summary: "D4: the person's risk class, each factor's contribution with its records, the override and the history",
      params: idParams,
      response: { 200: personRiskView, ...fail },
    },
    handler: (req) => warnings.risk(actorContext(req), req.params.id),
  });
  r.post('/api/persons/:id/risk/override', {
    config: street,
    schema: {
      tags,
      summary: 'D4: the street overrides the class, with a reason and an expiry',
      params: idParams,
      body: riskOverrideBody,
      response: { 201: personRiskView, ...fail },
    },
    handler: async (req, reply) => reply.code(201).send(await warnings.override(actorContext(req), req.params.id, req.body)),
  });
  r.get('/api/alerts', {
    config: read,
    schema: {
      tags,
      summary: "The alert inbox: mine or my unit's, open / overdue / closed, by severity and age",
      querystring: alertListQuery,
      response: { 200: alertList, ...fail },
    },
    handler: (req) => warnings.listAlerts(actorContext(req), req.query),
  });
  r.get('/api/alerts/:id', {
    config: read,
    schema: { tags, summary: 'One alert with its events', params: idParams, response: { 200: alertDetailView, ...fail } },
    handler: (req) => warnings.getAlert(actorContext(req), req.params.id),
  });
  r.post('/api/alerts/:id/acknowledge', {
    config: write,
    schema: { tags, summary: 'Acknowledge an alert (it no longer escalates)', params: idParams, response: { 200: alertDetailView, ...moveFail } },
    handler: (req) => warnings.acknowledge(actorContext(req), req.params.id),
  });
  r.post('/api/alerts/:id/act', {
    config: write,
    schema: {
      tags,
      summary: 'Record what was done: links the record made (a visit, a talk, a test)',
      params: idParams,
      body: alertActBody,
      response: { 200: alertDetailView, ...moveFail },
    },
    handler: (req) => warnings.act(actorContext(req), req.params.id, req.body),
  });
  r.post('/api/alerts/:id/comment', {
    config: write,
    schema: { tags, summary: 'Comment on an alert', params: idParams, body: alertCommentBody, response: { 200: alertDetailView, ...moveFail } },
    handler: (req) => warnings.comment(actorContext(req), req.params.id, req.body),
  });
  r.post('/api/alerts/:id/reassign', {
    config: write,
    schema: { tags, summary: 'Give an alert to another worker of the person', params: idParams, body: alertReassignBody, response: { 200: alertDetailView, ...moveFail } },
    handler: (req) => warnings.reassign(actorContext(req), req.params.id, req.body),
  });
  r.post('/api/alerts/:id/close', {
    config: write,
    schema: {
      tags,
      summary: 'Close an alert with its outcome (409 alert.closed if someone closed it first)',
      params: idParams,
      body: alertCloseBody,
      response: { 200: alertDetailView, ...moveFail },
    },
    handler: (req) => warnings.close(actorContext(req), req.params.id, req.body),
  });
}
