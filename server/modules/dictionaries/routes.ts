import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, int32 } from '../../../core/contracts/common';
import { actorContext } from '../../http/auth-hook';
import type { DictionaryService, DictionaryRow } from './service';

const entry = z.object({ id: z.uuid(), kind: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string(), category: z.string().nullable(), sort: z.number().int(), active: z.boolean() });
const present = (d: DictionaryRow) => ({ id: d.id, kind: d.kind, code: d.code, nameZh: d.nameZh, nameEn: d.nameEn, category: d.category, sort: d.sort, active: d.active });

export function dictionaryRoutes(app: FastifyInstance, dictionaries: DictionaryService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dictionaries'];

  r.get('/api/dictionaries', {
    config: { access: { permission: 'signed_in', scope: 'none' } },
    schema: { tags, summary: 'Dictionary entries (all kinds, or one)', querystring: z.object({ kind: z.string().max(40).optional() }), response: { 200: z.object({ items: z.array(entry) }) } },
    handler: async (req) => ({ items: (await dictionaries.list(req.query.kind)).map(present) }),
  });

  r.post('/api/dictionaries', {
    config: { access: { permission: 'policy.manage', scope: 'none' } },
    schema: {
      tags,
      body: z.object({ kind: z.string().trim().regex(/^[a-z_]{2,40}$/), code: z.string().trim().min(1).max(40), nameZh: z.string().trim().min(1).max(60), nameEn: z.string().trim().min(1).max(80), category: z.string().trim().max(40).nullable().optional(), sort: int32().optional() }),
      response: { 201: entry },
    },
    handler: async (req, reply) => reply.code(201).send(present(await dictionaries.create(actorContext(req), req.body))),
  });

  r.patch('/api/dictionaries/:id', {
    config: { access: { permission: 'policy.manage', scope: 'none' } },
    schema: {
      tags,
      params: idParams,
      body: z.object({ nameZh: z.string().trim().min(1).max(60).optional(), nameEn: z.string().trim().min(1).max(80).optional(), category: z.string().trim().max(40).nullable().optional(), sort: int32().optional(), active: z.boolean().optional() }),
      response: { 200: entry },
    },
    handler: async (req) => present(await dictionaries.update(actorContext(req), req.params.id, req.body)),
  });
}
