// 11.4: a server killed (SIGKILL) in the middle of an import leaves whole batches — every file
// with its assignment and its audit row — never a half-written row; the next start reports the
// job as interrupted with the counts of what it wrote, and importing the file again adds the rest.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openPglite, openPostgres, rows, type DbKind } from '../../db/client';
import { loadConfig } from '../../config';
import { fixedClock } from '../../clock';
import { createCipher } from '../../lib/data-key';
import { buildApp } from '../../app';
import { bootstrap } from '../../bootstrap';
import { ADMIN_PASSWORD, Client, STRONG, testDbKinds, type TestApp } from '../../test/harness';
import { ledgerRow, ledgerXlsx, multipartBody } from '../../test/ledger-files';
import { WRITE_BATCH } from './import-job';
import { STALE_SECONDS } from './service';

const CHILD = fileURLToPath(new URL('../../test/ledger-import-child.ts', import.meta.url));
const ROWS = 4 * WRITE_BATCH;

/** Runs the child until it has committed at least one batch and not all, then kills it. */
function importAndKill(env: Record<string, string>): Promise<{ processed: number; jobId: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let jobId = '';
    let processed = 0;
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      for (const line of c.toString().split('\n')) {
        if (line.startsWith('READY ')) jobId = line.slice(6).trim();
        if (line.startsWith('PROGRESS ')) processed = Number(line.slice(9));
        if (line === 'DONE') reject(new Error('the import finished before it could be killed'));
        if (processed >= WRITE_BATCH && processed < ROWS && child.exitCode === null && !child.killed) child.kill('SIGKILL');
      }
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve({ processed, jobId }) : reject(new Error(`child ended without being killed: ${err.slice(-2000)}`))));
  });
}

describe.each(testDbKinds())('a server killed mid-import on %s (11.4)', (kind: DbKind) => {
  it('kill -9 leaves whole batches, reported as interrupted at the next start; the same file again adds the rest', async () => {
    const key = crypto.randomBytes(32);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sf-kill-')), 'ledger.xlsx');
    fs.writeFileSync(file, await ledgerXlsx(Array.from({ length: ROWS }, (_, i) => ledgerRow(70_000 + i))));
    const base = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
    const dbName = `sf_test_${crypto.randomBytes(6).toString('hex')}`;
    let target: string;
    if (kind === 'postgres') {
      const adminSql = postgres(base!, { max: 1, onnotice: () => {} });
      await adminSql.unsafe(`create database ${dbName}`);
      await adminSql.end();
      const url = new URL(base!);
      url.pathname = `/${dbName}`;
      target = url.toString();
    } else target = path.join(path.dirname(file), 'data');
    try {
      const killed = await importAndKill({ SF_CHILD_DB: target, SF_CHILD_KEY: key.toString('hex'), SF_CHILD_FILE: file });
      const database = kind === 'postgres' ? await openPostgres(target, 5) : await openPglite(target);
      // On PostgreSQL another instance may be importing: a job is known dead once silent for
      // STALE_SECONDS. Rather than wait that long, the test lets that time pass for the job.
      if (kind === 'postgres') await database.db.execute(sql`update import_jobs set heartbeat_at = heartbeat_at - make_interval(secs => ${STALE_SECONDS + 1})`);
      const config = loadConfig({ SUNFLOWER_LOG_LEVEL: 'silent', SUNFLOWER_LOGIN_RATE_PER_MINUTE: '1000' });
      const clock = fixedClock(new Date('2026-11-22T02:00:00Z'));
      const cipher = createCipher(key);
      const { app, services, routes } = await buildApp({ database, config, clock, cipher, logger: false });
      const t: TestApp = { app, services, routes, database, config, clock, cipher, close: async () => {} };
      try {
        await bootstrap(services, { adminPassword: ADMIN_PASSWORD });
        await app.ready();
        const officer = new Client(t);
        expect((await officer.signIn('kill.officer', STRONG)).statusCode).toBe(200);
        const job = (await officer.get(`/api/persons/import/${killed.jobId}`)).json();
        expect(job).toMatchObject({ status: 'failed', error: { code: 'ledger.interrupted' } });
        const count = async (q: ReturnType<typeof sql>) => Number((await rows<{ n: number }>(database.db, q))[0]!.n);
        const files = await count(sql`select count(*)::int as n from persons`);
        // Whole batches: what the job says it wrote is exactly what is there, in multiples of a batch.
        expect(files).toBe(job.counts.imported);
        expect(job.processed).toBe(files);
        expect(files % WRITE_BATCH).toBe(0);
        expect(files).toBeGreaterThanOrEqual(killed.processed);
        expect(files).toBeLessThan(ROWS);
        expect(await count(sql`select count(*)::int as n from person_assignments`)).toBe(files);
        expect(await count(sql`select count(*)::int as n from audit_log where action = 'person.create'`)).toBe(files);
        expect(await services.audit.verify(database.db)).toMatchObject({ ok: true });

        const mp = multipartBody({ orgUnitId: job.orgUnitId }, { name: 'ledger.xlsx', data: fs.readFileSync(file) });
        const again = await officer.req('POST', '/api/persons/import', mp.body, { 'content-type': mp.contentType });
        expect(again.statusCode, again.body).toBe(202);
        await services.ledger.whenIdle();
        const rest = (await officer.get(`/api/persons/import/${again.json().jobId}`)).json();
        expect(rest.counts).toEqual({ total: ROWS, imported: ROWS - files, updated: 0, unchanged: files, rejected: 0 });
      } finally {
        await app.close();
        await database.close();
      }
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      if (kind === 'postgres') {
        const adminSql = postgres(base!, { max: 1, onnotice: () => {} });
        await adminSql.unsafe(`drop database if exists ${dbName} with (force)`);
        await adminSql.end();
      }
    }
  }, 240_000);
});
