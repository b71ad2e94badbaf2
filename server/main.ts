import { loadConfig } from './config';
import { systemClock } from './clock';
import { openDatabase } from './db/client';
import { createCipher, loadDataKey } from './lib/data-key';
import { buildApp } from './app';
import { bootstrap } from './bootstrap';

const started = performance.now();
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const cipher = createCipher(loadDataKey({ dataKey: config.dataKey, dataDir: config.dataDir }));
const { app, services } = await buildApp({ database, config, clock: systemClock(config.timeZone), cipher });

try {
  const boot = await bootstrap(services, { adminPassword: config.adminPassword, rootName: process.env.SUNFLOWER_ROOT_NAME });
  if (boot.generatedAdminPassword) {
    // Printed once, never stored in clear: the admin must change it at first sign-in.
    console.log('\n================ Sunflower first start ================');
    console.log(`  Administrator username: admin`);
    console.log(`  One-time password:      ${boot.generatedAdminPassword}`);
    console.log('  You will be asked to change it and to set up two-factor sign-in.');
    console.log('========================================================\n');
  }
  await app.listen({ port: config.port, host: config.host });
  services.scheduler.start();
  const ms = Math.round(performance.now() - started);
  app.log.info({ db: database.kind, ms }, `Sunflower ready on http://localhost:${config.port} (${database.kind}, started in ${ms} ms)`);
} catch (err) {
  app.log.error({ err }, 'start failed');
  await database.close();
  process.exit(1);
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'stopping');
  await services.scheduler.stop();
  await app.close();
  // PGlite: CHECKPOINT and close, so the data dir is consistent and its lock released.
  await database.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
