import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentMigration, type Database } from '../../db/client';

/** The read replica as the reader last measured it; null when none is configured. No address, no credentials. */
const replicaStatus = z
  .object({
    state: z.enum(['unknown', 'streaming', 'lagging', 'down', 'not_standby']),
    servedBy: z.enum(['replica', 'primary']).describe('where report reads go now: the primary while the replica is down or too far behind'),
    lagMs: z.number().nullable(),
    maxLagMs: z.number(),
    replayPaused: z.boolean().nullable(),
    lastReplayedCommitAt: z.string().nullable(),
    checkedAt: z.string().nullable(),
  })
  .nullable();

/** `demo()`: whether this database holds a generated demo city (the sign-in page says so). */
export function healthRoutes(app: FastifyInstance, database: Database, demo: () => boolean = () => false): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/health', {
    config: { access: { permission: 'public', scope: 'none' } },
    schema: {
      tags: ['health'],
      summary: 'Liveness, database kind, the newest applied migration, the read replica and whether this is a demo city',
      response: {
        200: z.object({
          status: z.literal('ok'),
          db: z.enum(['pglite', 'postgres']),
          migration: z.object({ id: z.number(), hash: z.string(), createdAt: z.number() }).nullable(),
          replica: replicaStatus,
          demo: z.boolean(),
        }),
      },
    },
    handler: async () => ({
      status: 'ok' as const,
      db: database.kind,
      migration: await currentMigration(database.db),
      replica: database.reader.status(),
      demo: demo(),
    }),
  });
}
