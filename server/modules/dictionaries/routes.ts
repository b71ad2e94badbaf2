import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../../core/contracts/common';
import { dictionaryCreate, dictionaryEntry, dictionaryPatch } from '../../../core/contracts/dictionaries';
import { actorContext } from '../../http/auth-hook';
import type { DictionaryService, DictionaryRow } from './service';

const entry = dictionaryEntry;
const present = (d: DictionaryRow) => ({
  id: d.id,
  kind: d.kind,
  code: d.code,
  nameZh: d.nameZh,
  nameEn: d.nameEn,
  category: d.category,
  sort: d.sort,
  active: d.active,
  aliases: d.aliases ?? [],
});

export function dictionaryRoutes(app: FastifyInstance, dictionaries: DictionaryService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dictionaries'];

  r.get('/api/dictionaries', {
    config: { access: { permission: 'signed_in', scope: 'none' } },
    schema: {
      tags,
      summary: 'Dictionary entries (all kinds, or one)',
      querystring: z.object({ kind: z.string().max(40).optional() }),
      response: { 200: z.object({ items: z.array(entry) }) },
    },
    handler: async (req) => ({ items: (await dictionaries.list(req.query.kind)).map(present) }),
  });

  r.post('/api/dictionaries', {
    config: { access: { permission: 'policy.manage', scope: 'none' } },
    schema: {
      tags,
      summary: 'Add a dictionary entry, with its aliases (audited)',
      body: dictionaryCreate,
      response: { 201: entry },
    },
    handler: async (req, reply) => reply.code(201).send(present(await dictionaries.create(actorContext(req), req.body))),
  });

  r.patch('/api/dictionaries/:id', {
    config: { access: { permission: 'policy.manage', scope: 'none' } },
    schema: {
      tags,
      summary: 'Edit a dictionary entry: names, order, active, aliases (the whole list; audited with before and after)',
      params: idParams,
      body: dictionaryPatch,
      response: { 200: entry },
    },
    handler: async (req) => present(await dictionaries.update(actorContext(req), req.params.id, req.body)),
  });
}
