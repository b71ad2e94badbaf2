import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createGrantBody,
  createRoleBody,
  createUserBody,
  createUserResponse,
  grantList,
  grantView,
  oneTimePasswordResponse,
  roleList,
  roleView,
  updateRoleBody,
  updateUserBody,
  userList,
  userListQuery,
  userView,
} from '../../../core/contracts/users';
import { idParams, okBody } from '../../../core/contracts/common';
import { workerList } from '../../../core/contracts/persons';
import { actorContext } from '../../http/auth-hook';
import type { UserService, UserView, RoleRow } from './service';

const presentUser = (u: UserView) => ({ ...u, lastLoginAt: u.lastLoginAt?.toISOString() ?? null, createdAt: u.createdAt.toISOString() });
const presentRole = (r: RoleRow) => ({ id: r.id, code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, builtin: r.builtin, permissions: r.permissions });

export function userRoutes(app: FastifyInstance, users: UserService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  r.get('/api/users', {
    config: { access: { permission: 'user.read', scope: 'org_subtree' } },
    schema: { tags, querystring: userListQuery, response: { 200: userList } },
    handler: async (req) => {
      const { limit, offset, ...filter } = req.query;
      const res = await users.list(req.principal!, filter, { limit, offset });
      return { items: res.items.map(presentUser), total: res.total };
    },
  });

  r.get('/api/users/:id', {
    config: { access: { permission: 'user.read', scope: 'org_subtree' } },
    schema: { tags, params: idParams, response: { 200: userView } },
    handler: async (req) => presentUser(await users.get(req.principal!, req.params.id)),
  });

  r.post('/api/users', {
    config: { access: { permission: 'user.manage', scope: 'org_subtree' } },
    schema: { tags, summary: 'Create an account; without a password a one-time password is returned once', body: createUserBody, response: { 201: createUserResponse } },
    handler: async (req, reply) => {
      const res = await users.create(actorContext(req), req.body);
      return reply.code(201).send({ user: presentUser(res.user), oneTimePassword: res.oneTimePassword });
    },
  });

  r.patch('/api/users/:id', {
    config: { access: { permission: 'user.manage', scope: 'org_subtree' } },
    schema: { tags, params: idParams, body: updateUserBody, response: { 200: userView } },
    handler: async (req) => presentUser(await users.update(actorContext(req), req.params.id, req.body)),
  });

  r.post('/api/users/:id/reset-password', {
    config: { access: { permission: 'user.manage', scope: 'org_subtree' } },
    schema: {
      tags,
      params: idParams,
      response: { 200: oneTimePasswordResponse },
      summary: 'A new one-time password: whole, or for an account with person data only its first part (RULES P6)',
    },
    handler: (req) => users.resetPassword(actorContext(req), req.params.id),
  });

  r.post('/api/users/:id/reset-password/second-part', {
    config: { access: { permission: 'role.manage', scope: 'org_subtree' } },
    schema: {
      tags,
      params: idParams,
      response: { 200: oneTimePasswordResponse },
      summary: 'The second part of a two-part password reset, once, to a security administrator other than the resetter',
    },
    handler: (req) => users.issueResetSecondPart(actorContext(req), req.params.id),
  });

  r.post('/api/users/:id/unlock', {
    config: { access: { permission: 'user.manage', scope: 'org_subtree' } },
    schema: { tags, params: idParams, response: { 200: okBody } },
    handler: async (req) => {
      await users.unlock(actorContext(req), req.params.id);
      return { ok: true as const };
    },
  });

  r.post('/api/users/:id/reset-mfa', {
    config: { access: { permission: 'role.manage', scope: 'org_subtree' } },
    schema: { tags, params: idParams, response: { 200: okBody } },
    handler: async (req) => {
      await users.resetMfa(actorContext(req), req.params.id);
      return { ok: true as const };
    },
  });

  r.get('/api/users/:id/grants', {
    config: { access: { permission: 'user.read', scope: 'org_subtree' } },
    schema: { tags, params: idParams, response: { 200: grantList } },
    handler: async (req) => ({ items: await users.listGrants(req.principal!, req.params.id) }),
  });

  r.post('/api/users/:id/grants', {
    config: { access: { permission: 'role.manage', scope: 'org_subtree' } },
    schema: { tags, summary: 'Grant a role on an org unit (holds for its subtree)', params: idParams, body: createGrantBody, response: { 201: grantView.pick({ id: true }) } },
    handler: async (req, reply) => {
      const g = await users.addGrant(actorContext(req), req.params.id, req.body);
      return reply.code(201).send({ id: g.id });
    },
  });

  r.delete('/api/users/:id/grants/:grantId', {
    config: { access: { permission: 'role.manage', scope: 'org_subtree' } },
    schema: { tags, params: z.object({ id: z.uuid(), grantId: z.uuid() }), response: { 200: okBody } },
    handler: async (req) => {
      await users.removeGrant(actorContext(req), req.params.id, req.params.grantId);
      return { ok: true as const };
    },
  });

  r.get('/api/workers', {
    config: { access: { permission: 'person.read', scope: 'org_subtree' } },
    schema: { tags, summary: 'Staff who record supervision in my subtrees (to choose a responsible worker)', response: { 200: workerList } },
    handler: async (req) => ({ items: await users.workers(req.principal!) }),
  });

  const rtags = ['roles'];
  r.get('/api/roles', {
    config: { access: { permission: 'user.read', scope: 'none' } },
    schema: { tags: rtags, response: { 200: roleList } },
    handler: async () => ({ items: (await users.listRoles()).map(presentRole) }),
  });

  r.post('/api/roles', {
    config: { access: { permission: 'role.manage', scope: 'none' } },
    schema: { tags: rtags, summary: 'Create a custom role', body: createRoleBody, response: { 201: roleView } },
    handler: async (req, reply) => reply.code(201).send(presentRole(await users.createRole(actorContext(req), req.body))),
  });

  r.patch('/api/roles/:id', {
    config: { access: { permission: 'role.manage', scope: 'none' } },
    schema: { tags: rtags, params: idParams, body: updateRoleBody, response: { 200: roleView } },
    handler: async (req) => presentRole(await users.updateRole(actorContext(req), req.params.id, req.body)),
  });

  r.delete('/api/roles/:id', {
    config: { access: { permission: 'role.manage', scope: 'none' } },
    schema: { tags: rtags, params: idParams, response: { 200: okBody } },
    handler: async (req) => {
      await users.deleteRole(actorContext(req), req.params.id);
      return { ok: true as const };
    },
  });
}
