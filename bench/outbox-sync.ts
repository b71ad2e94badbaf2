// Issue 17: the sync of an offline outbox. N grid visits queued on a phone (each with its client
// key) are sent through the HTTP route one after another, oldest first, as web/offline/sync.ts
// sends them; then all N are sent again, as after answers lost on a weak signal (every one is a
// replay: nothing is written). Reports wall time and per-record latency of both passes and
// checks that the server holds exactly N records.
//
//   npx tsx bench/outbox-sync.ts [--persons 50] [--visits 4]                   (PGlite, in memory)
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/outbox-sync.ts               (PostgreSQL: a new
//                                                        throwaway database is created and dropped)
// Prints JSON.
import crypto from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import * as schema from '../server/db/schema';
import { migrationsFolder, type Database, type Db } from '../server/db/client';
import { primaryReader } from '../server/db/reader';
import { loadConfig } from '../server/config';
import { fixedClock } from '../server/clock';
import { createCipher } from '../server/lib/data-key';
import { buildApp } from '../server/app';
import { bootstrap } from '../server/bootstrap';
import { ADMIN_PASSWORD, adminClient, cityWithCommunity, idNumber, userWith, type TestApp } from '../server/test/harness';
import { addDays } from '../core/rules/dates';

const { values: args } = parseArgs({ options: { persons: { type: 'string', default: '50' }, visits: { type: 'string', default: '4' } } });
const PERSONS = Number(args.persons);
const VISITS = Number(args.visits);

async function open(): Promise<Database & { label: string }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const client = new PGlite({ extensions: { pg_trgm } });
    await client.waitReady;
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    await migratePglite(db as never, { migrationsFolder });
    return { db, reader: primaryReader(db), kind: 'pglite', label: 'pglite (memory)', close: () => client.close() };
  }
  const name = `sf_bench_${crypto.randomBytes(5).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const client = postgres(u.toString(), { max: 5, onnotice: () => {} });
  const db = drizzlePostgres({ client, schema }) as unknown as Db;
  await migratePostgres(db as never, { migrationsFolder });
  return {
    db,
    reader: primaryReader(db),
    kind: 'postgres',
    label: 'postgres',
    async close() {
      await client.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const form = { livingSituation: 'stable_home', employment: 'employed', family: 'supportive', health: 'good', mood: 'stable', needs: [], nextStep: 'continue' };

const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]! * 10) / 10;
  return { wallMs: Math.round(ms.reduce((a, b) => a + b, 0)), p50: at(0.5), p95: at(0.95), max: at(1) };
};

async function main() {
  const database = await open();
  const config = loadConfig({ SUNFLOWER_LOG_LEVEL: 'silent', SUNFLOWER_LOGIN_RATE_PER_MINUTE: '100000' });
  const clock = fixedClock(new Date('2026-11-22T02:00:00Z'));
  const cipher = createCipher(crypto.randomBytes(32));
  const { app, services, routes } = await buildApp({ database, config, clock, cipher, logger: false });
  await bootstrap(services, { adminPassword: ADMIN_PASSWORD });
  await app.ready();
  const t: TestApp = { app, services, routes, database, config, clock, cipher, close: async () => {} };
  const admin = await adminClient(t);
  const units = await cityWithCommunity(admin);
  const officer = await userWith(t, admin, 'bench.officer', 'officer', units.district);
  const worker = await userWith(t, admin, 'bench.grid', 'grid_worker', units.community);

  const personIds: string[] = [];
  for (let i = 0; i < PERSONS; i++) {
    const p = (await officer.post('/api/persons', { orgUnitId: units.community, name: `测试${i}`, idNumber: idNumber('110101', '19850505', 100 + i) })).json();
    const m = (await officer.post(`/api/persons/${p.id}/measures`, { kind: 'community_detox', decisionDate: '2026-05-25', decisionReceivedDate: '2026-05-25' })).json();
    const r = await officer.post(`/api/measures/${m.id}/events`, { type: 'report', date: '2026-06-01' });
    if (r.statusCode !== 200) throw new Error(r.body);
    personIds.push(p.id);
  }
  // The queue as the phone holds it: a visit per person per week, the oldest first.
  const queue: { personId: string; body: Record<string, unknown> }[] = [];
  for (let k = 0; k < VISITS; k++) {
    for (const personId of personIds)
      queue.push({ personId, body: { kind: 'grid_visit', date: addDays('2026-10-26', 7 * k), place: '家中', contactMode: 'in_person', form, clientKey: crypto.randomUUID() } });
  }
  const pass = async (expect: number) => {
    const ms: number[] = [];
    for (const item of queue) {
      const t0 = performance.now();
      const res = await worker.post(`/api/persons/${item.personId}/records`, item.body);
      ms.push(performance.now() - t0);
      if (res.statusCode !== expect) throw new Error(`${res.statusCode} ${res.body}`);
    }
    return summary(ms);
  };
  const first = await pass(201);
  const replay = await pass(200);
  let held = 0;
  for (const personId of personIds) held += (await officer.get(`/api/persons/${personId}/records?kind=grid_visit&limit=100`)).json().total;
  console.log(
    JSON.stringify(
      {
        database: database.label,
        machine: { cpus: os.cpus().length, node: process.version, load: os.loadavg().map((x) => Math.round(x * 10) / 10) },
        persons: PERSONS,
        queued: queue.length,
        firstSync: { ...first, perRecordMs: Math.round((first.wallMs / queue.length) * 10) / 10 },
        replaySync: { ...replay, perRecordMs: Math.round((replay.wallMs / queue.length) * 10) / 10 },
        recordsOnServer: held,
        exactlyOnce: held === queue.length,
      },
      null,
      2,
    ),
  );
  await app.close();
  await database.close();
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
