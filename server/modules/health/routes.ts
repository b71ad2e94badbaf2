import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentMigration, type Database } from '../../db/client';

/** `demo()`: whether this database holds a generated demo city (the sign-in page says so). */
export function healthRoutes(app: FastifyInstance, database: Database, demo: () => boolean = () => false): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/health', {
    config: { access: { permission: 'public', scope: 'none' } },
    schema: {
      tags: ['health'],
      summary: 'Liveness, database kind, the newest applied migration and whether this is a demo city',
      response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']), migration: z.object({ id: z.number(), hash: z.string(), createdAt: z.number() }).nullable(), demo: z.boolean() }) },
    },
    handler: async () => ({ status: 'ok' as const, db: database.kind, migration: await currentMigration(database.db), demo: demo() }),
  });
}
