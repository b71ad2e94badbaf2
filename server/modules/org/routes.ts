import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createOrgUnit, moveOrgUnit, orgUnit, updateOrgUnit } from '../../../core/contracts/org';
import { idParams, okBody } from '../../../core/contracts/common';
import { actorContext } from '../../http/auth-hook';
import type { OrgService, OrgUnitRow } from './service';

const present = (u: OrgUnitRow) => ({ id: u.id, parentId: u.parentId, level: u.level, name: u.name, code: u.code, path: u.path, depth: u.depth, active: u.active });

export function orgRoutes(app: FastifyInstance, org: OrgService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['org'];

  r.get('/api/org-units', {
    config: { access: { permission: 'org.read', scope: 'org_subtree' } },
    schema: { tags, summary: 'The org units I may see (my subtrees), flat, parents first', response: { 200: z.object({ items: z.array(orgUnit) }) } },
    handler: async (req) => ({ items: (await org.list(req.principal!)).map(present) }),
  });

  r.get('/api/org-units/:id', {
    config: { access: { permission: 'org.read', scope: 'org_subtree' } },
    schema: { tags, params: idParams, response: { 200: orgUnit } },
    handler: async (req) => present(await org.get(req.principal!, req.params.id)),
  });

  r.post('/api/org-units', {
    config: { access: { permission: 'org.manage', scope: 'org_subtree' } },
    schema: { tags, summary: 'Create a unit under a parent', body: createOrgUnit, response: { 201: orgUnit } },
    handler: async (req, reply) => reply.code(201).send(present(await org.create(actorContext(req), req.body))),
  });

  r.patch('/api/org-units/:id', {
    config: { access: { permission: 'org.manage', scope: 'org_subtree' } },
    schema: { tags, summary: 'Rename, recode, deactivate or reactivate (with its subtree)', params: idParams, body: updateOrgUnit, response: { 200: orgUnit } },
    handler: async (req) => present(await org.update(actorContext(req), req.params.id, req.body)),
  });

  r.post('/api/org-units/:id/move', {
    config: { access: { permission: 'org.manage', scope: 'org_subtree' } },
    schema: { tags, summary: 'Move a unit with its subtree under another parent', params: idParams, body: moveOrgUnit, response: { 200: orgUnit } },
    handler: async (req) => present(await org.move(actorContext(req), req.params.id, req.body.parentId)),
  });

  r.delete('/api/org-units/:id', {
    config: { access: { permission: 'org.manage', scope: 'org_subtree' } },
    schema: { tags, summary: 'Delete a unit that holds no records', params: idParams, response: { 200: okBody } },
    handler: async (req) => {
      await org.remove(actorContext(req), req.params.id);
      return { ok: true as const };
    },
  });
}
