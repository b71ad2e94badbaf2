import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, pageQuery } from '../../../core/contracts/common';
import {
  dateBody,
  declineBody,
  handoverBody,
  handoverList,
  handoverQuery,
  handoverReportBody,
  handoverView,
  offerBody,
  requestBody,
  streetList,
  transferList,
  transferQuery,
  transferView,
} from '../../../core/contracts/transfers';
import { recordList } from '../../../core/contracts/supervision';
import { actorContext } from '../../http/auth-hook';
import type { TransferService } from './service';

export function transferRoutes(app: FastifyInstance, s: TransferService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['transfers'];
  const street = (permission: 'person.read' | 'person.write' | 'supervision.read') => ({ access: { permission, scope: 'org_subtree' as const } });

  r.get('/api/transfers', {
    config: street('person.read'),
    schema: {
      tags,
      summary: 'Transfers into (in) and out of (out) your streets; essentials only until the file is yours (C7)',
      querystring: transferQuery,
      response: { 200: transferList },
    },
    handler: (req) => s.list(actorContext(req), req.query),
  });
  r.get('/api/transfers/streets', {
    config: street('person.write'),
    schema: { tags, summary: 'Every street of the city (names only), where a file may be transferred to', response: { 200: streetList } },
    handler: () => s.streets(),
  });
  r.post('/api/transfers', {
    config: street('person.write'),
    schema: { tags, summary: 'The holding street offers the file to another street (C7)', body: offerBody, response: { 201: transferView } },
    handler: async (req, reply) => reply.code(201).send(await s.offer(actorContext(req), req.body)),
  });
  r.post('/api/transfers/requests', {
    config: street('person.write'),
    schema: {
      tags,
      summary: 'The street that found the file held elsewhere asks for it, by the ID number (C7; the 409 of a second file)',
      body: requestBody,
      response: { 201: transferView },
    },
    handler: async (req, reply) => reply.code(201).send(await s.request(actorContext(req), req.body)),
  });
  r.get('/api/transfers/:id', {
    config: street('person.read'),
    schema: { tags, summary: 'One transfer', params: idParams, response: { 200: transferView } },
    handler: (req) => s.get(actorContext(req), req.params.id),
  });
  r.post('/api/transfers/:id/accept', {
    config: street('person.write'),
    schema: {
      tags,
      summary: 'The street asked accepts: the file, measures, tasks, notices, plans and referrals move in one transaction (C7)',
      params: idParams,
      response: { 200: transferView },
    },
    handler: (req) => s.accept(actorContext(req), req.params.id),
  });
  r.post('/api/transfers/:id/decline', {
    config: street('person.write'),
    schema: { tags, summary: 'The street asked declines, with a reason', params: idParams, body: declineBody, response: { 200: transferView } },
    handler: (req) => s.decline(actorContext(req), req.params.id, req.body.reason),
  });
  r.post('/api/transfers/:id/report', {
    config: street('person.write'),
    schema: { tags, summary: 'The person reported to the new street (C7, within the policy days)', params: idParams, body: dateBody, response: { 200: transferView } },
    handler: (req) => s.report(actorContext(req), req.params.id, req.body.date),
  });
  r.post('/api/transfers/:id/forwarded', {
    config: street('person.write'),
    schema: { tags, summary: 'The old street forwarded the paper file (C7, within the policy working days)', params: idParams, body: dateBody, response: { 200: transferView } },
    handler: (req) => s.forwarded(actorContext(req), req.params.id, req.body.date),
  });
  r.get('/api/transfers/:id/records', {
    config: street('supervision.read'),
    schema: { tags, summary: 'The old street reads the records it entered while it held the file (C7)', params: idParams, querystring: pageQuery, response: { 200: recordList } },
    handler: (req) => s.formerRecords(actorContext(req), req.params.id, req.query),
  });

  r.get('/api/handovers', {
    config: street('person.read'),
    schema: { tags, summary: 'Handovers from isolation to your streets, the nearest deadline first (C10)', querystring: handoverQuery, response: { 200: handoverList } },
    handler: (req) => s.handovers(actorContext(req), req.query),
  });
  r.post('/api/handovers', {
    config: street('person.read'),
    schema: {
      tags,
      summary: "An isolation facility's release notice, entered by the police or the drug-control office (C10); needs notice.acknowledge or measure.write over the person",
      body: handoverBody,
      response: { 201: handoverView },
    },
    handler: async (req, reply) => reply.code(201).send(await s.createHandover(actorContext(req), req.body)),
  });
  r.post('/api/handovers/:id/report', {
    config: { access: { permission: 'measure.write', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: 'The person reported to the street: community rehabilitation starts with the F1 follow-ups (C10, M9)',
      params: idParams,
      body: handoverReportBody,
      response: { 200: handoverView },
    },
    handler: (req) => s.reportHandover(actorContext(req), req.params.id, req.body),
  });
}
