import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentMigration, type Database } from '../../db/client';

export function healthRoutes(app: FastifyInstance, database: Database): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/health', {
    config: { access: { permission: 'public', scope: 'none' } },
    schema: {
      tags: ['health'],
      summary: 'Liveness, database kind and the newest applied migration',
      response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']), migration: z.object({ id: z.number(), hash: z.string(), createdAt: z.number() }).nullable() }) },
    },
    handler: async () => ({ status: 'ok' as const, db: database.kind, migration: await currentMigration(database.db) }),
  });
}
