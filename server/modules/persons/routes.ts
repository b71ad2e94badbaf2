import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assignmentBody,
  existsQuery,
  existsResponse,
  personInput,
  personList,
  personListQuery,
  personUpdate,
  personView,
  returnToStreetBody,
  unmaskBody,
  unmaskedView,
  timeline,
  timelineQuery,
} from '../../../core/contracts/persons';
import { personPage } from '../../../core/contracts/person-page';
import { idParams } from '../../../core/contracts/common';
import { actorContext } from '../../http/auth-hook';
import type { PersonService } from './service';

export function personRoutes(app: FastifyInstance, persons: PersonService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['persons'];

  r.get('/api/persons', {
    config: { access: { permission: 'person.read', scope: 'org_subtree' } },
    schema: { tags, summary: 'Search and list person files in my scope', querystring: personListQuery, response: { 200: personList } },
    handler: (req) => persons.search(actorContext(req), req.query),
  });

  r.post('/api/persons', {
    config: { access: { permission: 'person.write', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: 'Create a person file (one person, one file: a known ID number is refused with the unit that holds it)',
      body: personInput,
      response: { 201: personView },
    },
    handler: async (req, reply) => reply.code(201).send(await persons.create(actorContext(req), req.body)),
  });

  r.get('/api/persons/exists', {
    // A city-wide question: only for users who may create a file, bounded per hour, audited (9.7).
    config: { access: { permission: 'person.write', scope: 'org_subtree' } },
    schema: {
      tags,
      summary:
        'Is this ID number on file anywhere in the city? For users who may create files, a few dozen times an hour; answers only the street that holds it (ask it for a transfer), and the file when it is in my area. Audited',
      querystring: existsQuery,
      response: { 200: existsResponse },
    },
    handler: (req) => persons.exists(actorContext(req), req.query.idType, req.query.idNumber),
  });

  r.get('/api/persons/:id', {
    config: { access: { permission: 'person.read', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: 'One person file (identifiers masked); the read is audited',
      params: idParams,
      querystring: z.object({ purpose: z.string().trim().max(200).optional() }),
      response: { 200: personView },
    },
    handler: (req) => persons.get(actorContext(req), req.params.id, req.query.purpose),
  });

  r.patch('/api/persons/:id', {
    config: { access: { permission: 'person.write', scope: 'org_subtree' } },
    schema: { tags, summary: 'Edit a person file (send the version you saw)', params: idParams, body: personUpdate, response: { 200: personView } },
    handler: (req) => persons.update(actorContext(req), req.params.id, req.body),
  });

  r.post('/api/persons/:id/unmask', {
    config: { access: { permission: 'person.pii.read', scope: 'org_subtree' } },
    schema: { tags, summary: 'The clear ID number, phone and addresses, with a stated purpose (audited)', params: idParams, body: unmaskBody, response: { 200: unmaskedView } },
    handler: (req) => persons.unmask(actorContext(req), req.params.id, req.body.purpose),
  });

  r.post('/api/persons/:id/assignment', {
    config: { access: { permission: 'person.write', scope: 'org_subtree' } },
    schema: { tags, summary: 'Assign the responsible community, social worker and work team (C3)', params: idParams, body: assignmentBody, response: { 200: personView } },
    handler: (req) => persons.assign(actorContext(req), req.params.id, req.body),
  });

  r.get('/api/persons/:id/timeline', {
    config: { access: { permission: 'person.read', scope: 'org_subtree' } },
    schema: {
      tags,
      params: idParams,
      querystring: timelineQuery,
      response: { 200: timeline },
      summary:
        'One page of the timeline (measures, status changes, documents, assignments, records, leaves, notices): newest fact date first, then newest entry; `kinds` filters, `nextCursor` fetches the next page. Audited',
    },
    handler: (req) => persons.timeline(actorContext(req), req.params.id, req.query),
  });

  r.get('/api/persons/:id/page', {
    config: { access: { permission: 'person.read', scope: 'org_subtree' } },
    schema: {
      tags,
      params: idParams,
      querystring: timelineQuery.extend({ purpose: z.string().trim().max(200).optional() }),
      response: { 200: personPage },
      summary: "The person page in one request: the file (identifiers masked), its measures and the timeline's first page; one audit row for the view",
    },
    handler: (req) => persons.page(actorContext(req), req.params.id, req.query),
  });

  r.post('/api/persons/:id/return-to-street', {
    config: { access: { permission: 'person.write', scope: 'org_subtree' } },
    schema: { tags, summary: 'A community sends the person back up to its street, with a reason', params: idParams, body: returnToStreetBody, response: { 200: personView } },
    handler: (req) => persons.returnToStreet(actorContext(req), req.params.id, req.body.reason),
  });
}
