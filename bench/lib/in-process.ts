// The app in this process over a throwaway database, for benchmarks that time service or route
// work without HTTP (record writes, outbox sync): PGlite in memory, or a fresh database on
// BENCH_DATABASE_URL dropped at close. The statement logger lets a bench count what it sends.
import crypto from 'node:crypto';
import postgres from 'postgres';
import { openPglite, openPostgres, type Database, type StatementLogger } from '../../server/db/client';
import { loadConfig } from '../../server/config';
import { fixedClock } from '../../server/clock';
import { createCipher } from '../../server/lib/data-key';
import { buildApp } from '../../server/app';
import { bootstrap } from '../../server/bootstrap';
import { ADMIN_PASSWORD, type TestApp } from '../../server/test/harness';

export async function openBenchDatabase(logger?: StatementLogger): Promise<Database & { label: string }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return { ...(await openPglite(null, logger)), label: 'pglite (memory)' };
  const name = `sf_bench_${crypto.randomBytes(5).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openPostgres(u.toString(), 5, undefined, logger);
  return {
    ...database,
    label: 'postgres',
    async close() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** The composed app on `database` with a fixed clock, bootstrapped (the admin has ADMIN_PASSWORD) and ready. */
export async function inProcessApp(database: Database, now: Date): Promise<TestApp> {
  const config = loadConfig({ SUNFLOWER_LOG_LEVEL: 'silent', SUNFLOWER_LOGIN_RATE_PER_MINUTE: '100000' });
  const clock = fixedClock(now);
  const cipher = createCipher(crypto.randomBytes(32));
  const { app, services, routes } = await buildApp({ database, config, clock, cipher, logger: false });
  await bootstrap(services, { adminPassword: ADMIN_PASSWORD });
  await app.ready();
  return { app, services, routes, database, config, clock, cipher, close: async () => {} };
}
