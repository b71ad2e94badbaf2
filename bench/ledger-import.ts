// Ledger import throughput: generates an N-row .xlsx (default 30,000; `--rows N`), imports it
// through the ledger service, imports it again (every row unchanged), and prints JSON {rows,
// seconds, rowsPerSecond, db, first, reimport, …}; SUNFLOWER_IMPORT_WORKERS sets the threads.
// `npx tsx bench/ledger-import.ts` runs on a temporary PGlite directory (removed afterwards);
// with DATABASE_URL=postgres://… it runs against that (empty or throwaway) database.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPglite, openPostgres } from '../server/db/client';
import { loadConfig } from '../server/config';
import { fixedClock } from '../server/clock';
import { createCipher } from '../server/lib/data-key';
import { buildApp } from '../server/app';
import { bootstrap } from '../server/bootstrap';
import { ADMIN_PASSWORD, adminClient, cityWithCommunity, userWith, type TestApp } from '../server/test/harness';
import { ledgerRow, ledgerXlsx } from '../server/test/ledger-files';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const rows = Number(arg('rows') ?? 30_000);
if (!Number.isInteger(rows) || rows < 1 || rows > 50_000) throw new Error('--rows must be 1 … 50000');

const url = process.env.DATABASE_URL;
const tmp = url ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'sunflower-bench-'));
const database = url ? await openPostgres(url, 5) : await openPglite(tmp);
const config = loadConfig({ ...process.env, SUNFLOWER_LOG_LEVEL: 'silent', SUNFLOWER_LOGIN_RATE_PER_MINUTE: '1000', DATABASE_URL: undefined });
const clock = fixedClock(new Date());
const cipher = createCipher(crypto.randomBytes(32));
const { app, services, routes } = await buildApp({ database, config, clock, cipher, logger: false });
const t: TestApp = { app, services, routes, database, config, clock, cipher, close: async () => {} };
try {
  await bootstrap(services, { adminPassword: ADMIN_PASSWORD });
  await app.ready();
  const admin = await adminClient(t);
  const units = await cityWithCommunity(admin);
  const officer = await userWith(t, admin, `bench.officer${Date.now() % 100000}`, 'officer', units.street);
  const actor = (await services.auth.principal(officer.cookie.split('=')[1]!))!;
  const ctx = { actor, ip: '127.0.0.1', userAgent: 'bench/ledger-import' };

  const genStart = performance.now();
  const data = await ledgerXlsx(Array.from({ length: rows }, (_, i) => ledgerRow(i)));
  const generateSeconds = (performance.now() - genStart) / 1000;

  // The machine is shared: the load average says how much of it the run had. Node's CPU time
  // covers the main thread and the import's worker threads (and PGlite, which runs in-process).
  const load = () => os.loadavg()[0]!.toFixed(2);
  async function timed(label: string) {
    const loadBefore = load();
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    const { jobId } = await services.ledger.startImport(ctx, { fileName: `${label}.xlsx`, data, orgUnitId: units.street });
    await services.ledger.whenIdle();
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const job = await services.ledger.job(ctx, jobId, { limit: 1, offset: 0 });
    if (job.status !== 'done') throw new Error(`import ${job.status}: ${JSON.stringify(job.error)}`);
    return {
      seconds: Math.round(seconds * 10) / 10,
      rowsPerSecond: Math.round(rows / seconds),
      nodeCpuSeconds: Math.round(((cpu.user + cpu.system) / 1e6) * 10) / 10,
      counts: job.counts,
      // Reading done and preparation done (ms from the start; they overlap), then the writes.
      stages: services.ledger.lastImportStages(),
      loadAverage: { before: loadBefore, after: load() },
    };
  }
  const first = await timed('bench');
  // The same file again: every row is found unchanged (idempotence), nothing is written.
  const again = await timed('bench-again');

  console.log(
    JSON.stringify(
      {
        rows,
        seconds: first.seconds,
        rowsPerSecond: first.rowsPerSecond,
        db: database.kind,
        workers: config.importWorkers ?? Math.min(2, os.availableParallelism()),
        first,
        reimport: again,
        fileMiB: Math.round((data.length / 2 ** 20) * 100) / 100,
        generateSeconds: Math.round(generateSeconds * 10) / 10,
        machine: { cores: os.cpus().length, node: process.version },
      },
      null,
      2,
    ),
  );
} finally {
  await app.close();
  await database.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}
