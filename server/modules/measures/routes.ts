import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createMeasureBody, measureEventBody, measureList, measureView } from '../../../core/contracts/measures';
import { actorContext } from '../../http/auth-hook';
import type { MeasureService } from './service';

export function measureRoutes(app: FastifyInstance, measures: MeasureService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['measures'];

  r.get('/api/persons/:personId/measures', {
    config: { access: { permission: 'person.read', scope: 'org_subtree' } },
    schema: { tags, summary: "A person's measures, newest first", params: z.object({ personId: z.uuid() }), response: { 200: measureList } },
    handler: async (req) => ({ items: await measures.list(actorContext(req), req.params.personId) }),
  });

  r.post('/api/persons/:personId/measures', {
    config: { access: { permission: 'measure.write', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: 'Record a new measure from its decision (overlapping measures are refused)',
      params: z.object({ personId: z.uuid() }),
      body: createMeasureBody,
      response: { 201: measureView },
    },
    handler: async (req, reply) => reply.code(201).send(await measures.create(actorContext(req), req.params.personId, req.body)),
  });

  r.post('/api/measures/:id/events', {
    config: { access: { permission: 'measure.write', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: 'A lifecycle step: report, refuse_report, suspend, resume, terminate, complete, convert, extend',
      params: z.object({ id: z.uuid() }),
      body: measureEventBody,
      response: { 200: measureView },
    },
    handler: (req) => measures.applyEvent(actorContext(req), req.params.id, req.body),
  });
}
