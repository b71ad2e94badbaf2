import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accessReport,
  breakGlassBody,
  decisionBody,
  delistingList,
  delistingListQuery,
  delistingNotice,
  delistingView,
  openSealedBody,
  openingView,
  reviewBody,
  sealedLookup,
  sealedLookupQuery,
} from '../../../core/contracts/sealing';
import { actorContext } from '../../http/auth-hook';
import type { SealingService } from './service';

export function sealingRoutes(app: FastifyInstance, sealing: SealingService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sealing'];
  const personParams = z.object({ personId: z.uuid() });
  const idParams = z.object({ id: z.uuid() });

  r.get('/api/delisting', {
    config: { access: { permission: 'delisting.review', scope: 'org_subtree' } },
    schema: { tags, summary: 'Persons eligible for delisting and coming up (D2, D3), each with the reason', querystring: delistingListQuery, response: { 200: delistingList } },
    handler: (req) => sealing.list(actorContext(req), req.query),
  });

  r.post('/api/delisting/refresh', {
    config: { access: { permission: 'delisting.review', scope: 'org_subtree' } },
    schema: { tags, summary: 'Judge every open file now instead of at the next daily run', response: { 200: z.object({ ran: z.boolean() }) } },
    handler: (req) => sealing.refresh(actorContext(req)),
  });

  r.get('/api/persons/:personId/delisting', {
    config: { access: { permission: 'delisting.review', scope: 'org_subtree' } },
    schema: { tags, summary: "A person's delisting standing, judged now", params: personParams },
    handler: (req) => sealing.standing(actorContext(req), req.params.personId),
  });

  r.post('/api/persons/:personId/delisting', {
    config: { access: { permission: 'delisting.review', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: 'The officer reviews an eligible person (a person not eligible: delisting.not_eligible)',
      params: personParams,
      body: reviewBody,
      response: { 201: delistingView },
    },
    handler: async (req, reply) => reply.code(201).send(await sealing.review(actorContext(req), req.params.personId, req.body.note)),
  });

  r.post('/api/delistings/:id/decision', {
    config: { access: { permission: 'delisting.approve', scope: 'org_subtree' } },
    schema: { tags, summary: 'The street approves (the file is sealed) or declines a reviewed delisting', params: idParams, body: decisionBody, response: { 200: delistingView } },
    handler: (req) => sealing.decide(actorContext(req), req.params.id, req.body),
  });

  r.get('/api/delistings/:id/notice', {
    config: { access: { permission: 'delisting.review', scope: 'org_subtree' } },
    schema: { tags, summary: 'The notice for the police: the three years of drug tests (no voluntary treatment, M4)', params: idParams, response: { 200: delistingNotice } },
    handler: (req) => sealing.notice(actorContext(req), req.params.id),
  });

  r.get('/api/sealed-files/lookup', {
    config: { access: { permission: 'person.sealed.read', scope: 'org_subtree' } },
    schema: { tags, summary: 'A sealed file by its whole ID number (P5: a lawful query names the person)', querystring: sealedLookupQuery, response: { 200: sealedLookup } },
    handler: (req) => sealing.lookupSealed(actorContext(req), req.query.idType, req.query.idNumber),
  });

  r.post('/api/persons/:personId/sealed-openings', {
    config: { access: { permission: 'person.sealed.read', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: 'Open a sealed file for the policy hours, with a purpose (audited, the auditors are told)',
      params: personParams,
      body: openSealedBody,
      response: { 201: openingView },
    },
    handler: async (req, reply) => reply.code(201).send(await sealing.openSealed(actorContext(req), req.params.personId, req.body.purpose)),
  });

  r.post('/api/break-glass', {
    config: { access: { permission: 'person.break_glass', scope: 'org_subtree' } },
    schema: { tags, summary: 'Emergency read of a person outside the area: reason, time box, read only', body: breakGlassBody, response: { 201: openingView } },
    handler: async (req, reply) => reply.code(201).send(await sealing.breakGlass(actorContext(req), req.body)),
  });

  r.get('/api/openings', {
    config: { access: { permission: 'signed_in', scope: 'self' } },
    schema: { tags, summary: 'The openings the caller holds now', response: { 200: z.object({ items: z.array(openingView) }) } },
    handler: async (req) => ({ items: await sealing.myOpenings(actorContext(req)) }),
  });

  r.get('/api/persons/:personId/access-report', {
    config: { access: { permission: 'person.access_report', scope: 'org_subtree' } },
    schema: { tags, summary: "The person's access report (PIPL §44–45): which units and roles read or changed the file", params: personParams, response: { 200: accessReport } },
    handler: (req) => sealing.accessReport(actorContext(req), req.params.personId),
  });
}
