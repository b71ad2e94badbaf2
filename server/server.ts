import type { Config } from './config';
import { systemClock } from './clock';
import { openDatabase, type Database } from './db/client';
import { createCipher, loadDataKey } from './lib/data-key';
import { buildApp } from './app';
import { bootstrap } from './bootstrap';
import { isDemoDatabase } from './modules/system/service';
import { scrubMessage } from './http/log-safety';

/**
 * Opens the database, builds the app, bootstraps a first run and listens. Used by `npm start`
 * (server/main.ts) and `npm run demo` (server/cli/demo.ts). Stops cleanly on SIGTERM/SIGINT.
 */
export async function runServer(config: Config, opts: { beforeListen?: (database: Database) => Promise<void>; banner?: string[] } = {}) {
  const started = performance.now();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, replica: config.readReplica });
  const cipher = createCipher(loadDataKey({ dataKey: config.dataKey, dataDir: config.dataDir }));
  try {
    const clock = systemClock(config.timeZone);
    const appDeps = { database, config, clock, cipher, demo: await isDemoDatabase(database.db).catch(() => false) };
    const { app, services } = await buildApp(appDeps);
    const boot = await bootstrap(services, { adminPassword: config.adminPassword, rootName: process.env.SUNFLOWER_ROOT_NAME });
    if (boot.generatedAdminPassword) {
      // Printed once, never stored in clear: the admin must change it at first sign-in.
      console.log('\n================ Sunflower first start ================');
      console.log('  Administrator username: admin');
      console.log(`  One-time password:      ${boot.generatedAdminPassword}`);
      console.log('  You will be asked to change it and to set up two-factor sign-in.');
      console.log('========================================================\n');
    }
    await opts.beforeListen?.(database);
    appDeps.demo = await isDemoDatabase(database.db);
    await app.listen({ port: config.port, host: config.host });
    services.scheduler.start();
    // #14: the delisting standings are judged at start too, not only after the first hourly tick.
    void services.scheduler.runNow('sealing.daily').catch((err: unknown) => app.log.error({ err }, 'sealing.daily failed'));
    const ms = Math.round(performance.now() - started);
    for (const line of opts.banner ?? []) console.log(line);
    app.log.info({ db: database.kind, ms }, `Sunflower ready on http://localhost:${config.port} (${database.kind}, started in ${ms} ms)`);

    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.log.info({ signal }, 'stopping');
      await services.scheduler.stop();
      await app.close();
      // A report being generated finishes (a few seconds); one left running is queued again by the next start's job.
      await services.reports.settle();
      // The last audit rows are sealed now rather than at the next start (bounded: a stuck
      // transaction elsewhere must not hold the shutdown; the next start seals them anyway).
      await services.audit.seal(database.db, 5_000).catch((err) => app.log.error({ err }, 'audit sealing at shutdown failed'));
      // PGlite: CHECKPOINT and close, so the data dir is consistent and its lock released.
      await database.close();
      process.exit(0);
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
  } catch (err) {
    // A failed query's message carries its parameters: they stay out of the console too (9.8).
    console.error('start failed:', scrubMessage(err instanceof Error ? err.message : String(err)));
    await database.close();
    process.exit(1);
  }
}
