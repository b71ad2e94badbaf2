// A server process that imports a ledger and says how far it got, to be killed mid-import by
// server/modules/ledger/interrupt.test.ts (issue 11.4: kill -9 leaves whole batches or nothing).
// Env: SF_CHILD_DB (a PGlite directory or a postgres:// URL), SF_CHILD_KEY (hex data key),
// SF_CHILD_FILE (the .xlsx to import). Prints `READY <jobId>`, then `PROGRESS <processed>`.
import fs from 'node:fs';
import { openPglite, openPostgres } from '../db/client';
import { loadConfig } from '../config';
import { fixedClock } from '../clock';
import { createCipher } from '../lib/data-key';
import { buildApp } from '../app';
import { bootstrap } from '../bootstrap';
import { ADMIN_PASSWORD, adminClient, cityWithCommunity, userWith, type TestApp } from './harness';

const target = process.env.SF_CHILD_DB!;
const database = target.startsWith('postgres') ? await openPostgres(target, 5) : await openPglite(target);
const config = loadConfig({ SUNFLOWER_LOG_LEVEL: 'silent', SUNFLOWER_LOGIN_RATE_PER_MINUTE: '1000' });
const clock = fixedClock(new Date('2026-11-22T02:00:00Z'));
const cipher = createCipher(Buffer.from(process.env.SF_CHILD_KEY!, 'hex'));
const { app, services, routes } = await buildApp({ database, config, clock, cipher, logger: false });
await bootstrap(services, { adminPassword: ADMIN_PASSWORD });
await app.ready();
const t: TestApp = { app, services, routes, database, config, clock, cipher, close: async () => {} };
const admin = await adminClient(t);
const units = await cityWithCommunity(admin);
const officer = await userWith(t, admin, 'kill.officer', 'officer', units.street);
const actor = (await services.auth.principal(officer.cookie.split('=')[1]!))!;
const ctx = { actor, ip: '127.0.0.1', userAgent: 'ledger-import-child' };
const { jobId } = await services.ledger.startImport(ctx, { fileName: 'kill.xlsx', data: fs.readFileSync(process.env.SF_CHILD_FILE!), orgUnitId: units.street });
console.log(`READY ${jobId}`);
let last = -1;
for (;;) {
  const job = await services.ledger.job(ctx, jobId, { limit: 1, offset: 0 });
  if (job.processed !== last) console.log(`PROGRESS ${(last = job.processed)}`);
  if (job.status === 'done' || job.status === 'failed') break;
  await new Promise((r) => setTimeout(r, 20));
}
console.log('DONE');
await app.close();
await database.close();
