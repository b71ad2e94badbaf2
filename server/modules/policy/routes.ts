import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createPolicyVersionBody, createPolicyVersionResult, effectivePolicyQuery, effectivePolicyView, policyVersionList } from '../../../core/contracts/policy';
import { actorContext } from '../../http/auth-hook';
import type { PolicyService } from './service';

export function policyRoutes(app: FastifyInstance, policy: PolicyService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['policy'];

  r.get('/api/policy', {
    config: { access: { permission: 'org.read', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: 'The policy in force for an org unit (nearest district override, else deployment override, else default), with the chain it is built from',
      querystring: effectivePolicyQuery,
      response: { 200: effectivePolicyView },
    },
    handler: (req) => policy.get(actorContext(req), req.query.orgUnitId),
  });

  r.get('/api/policy/versions', {
    config: { access: { permission: 'policy.manage', scope: 'org_subtree' } },
    schema: { tags, summary: 'Every override saved, newest first, with who and when (deployment ones and districts in my scope)', response: { 200: policyVersionList } },
    handler: async (req) => ({ items: await policy.versions(actorContext(req)) }),
  });

  r.post('/api/policy/versions', {
    config: { access: { permission: 'policy.manage', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: 'Save a new override for the deployment (orgUnitId null) or a district; checked against the rules, audited, schedules recomputed',
      body: createPolicyVersionBody,
      response: { 201: createPolicyVersionResult },
    },
    handler: async (req, reply) => reply.code(201).send(await policy.create(actorContext(req), req.body)),
  });
}
