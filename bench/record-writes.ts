// The supervision write path: statements and wall time of recording drug tests through the
// service (supervision.createRecord: the person locked, the record written, the schedule,
// breaches and notices recomputed in the same transaction).
//
//   npx tsx bench/record-writes.ts [--persons 50] [--tests 4]                  (PGlite, in memory)
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/record-writes.ts             (PostgreSQL: a new
//                                                        throwaway database is created and dropped)
//
// Persons under a community detox begun 2026-06-01, each given `tests` tests on dates spread
// over the months since (one in five refused, so ordinary breaches and notices are raised too).
// Statements are counted with Drizzle's logger: every query the code sends, not BEGIN/COMMIT.
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

const { values: args } = parseArgs({ options: { persons: { type: 'string', default: '50' }, tests: { type: 'string', default: '4' } } });
const PERSONS = Number(args.persons);
const TESTS = Number(args.tests);

let statements = 0;
const logger = { logQuery: () => void statements++ };

async function open(): Promise<Database & { label: string }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const client = new PGlite({ extensions: { pg_trgm } });
    await client.waitReady;
    const db = drizzlePglite({ client, schema, logger }) as unknown as Db;
    await migratePglite(db as never, { migrationsFolder });
    return { db, reader: primaryReader(db), kind: 'pglite', label: 'pglite (memory)', close: () => client.close() };
  }
  const name = `sf_bench_${crypto.randomBytes(5).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const client = postgres(u.toString(), { max: 5, onnotice: () => {} });
  const db = drizzlePostgres({ client, schema, logger }) as unknown as Db;
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
  const actor = (await services.auth.principal(officer.cookie.replace('sf_session=', '')))!;
  const ctx = { actor, ip: null, userAgent: 'bench' };

  const personIds: string[] = [];
  for (let i = 0; i < PERSONS; i++) {
    const p = (await officer.post('/api/persons', { orgUnitId: units.community, name: `测试${i}`, idNumber: idNumber('110101', '19850505', 100 + i) })).json();
    const m = (await officer.post(`/api/persons/${p.id}/measures`, { kind: 'community_detox', decisionDate: '2026-05-25', decisionReceivedDate: '2026-05-25' })).json();
    const r = await officer.post(`/api/measures/${m.id}/events`, { type: 'report', date: '2026-06-01' });
    if (r.statusCode !== 200) throw new Error(r.body);
    personIds.push(p.id);
  }

  const perTest: number[] = [];
  const started = performance.now();
  let n = 0;
  for (let k = 0; k < TESTS; k++) {
    for (const personId of personIds) {
      const date = addDays('2026-06-03', Math.floor(((k + 0.5) * 170) / TESTS));
      const before = statements;
      await services.supervision.createRecord(ctx, personId, {
        kind: 'drug_test',
        date,
        place: '工作站',
        sample: 'urine',
        method: 'on_site',
        result: n++ % 5 === 4 ? 'refused' : 'negative',
        random: false,
      } as never);
      perTest.push(statements - before);
    }
  }
  const ms = performance.now() - started;
  const sorted = [...perTest].sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        database: database.label,
        machine: { cpus: os.cpus().length, node: process.version },
        persons: PERSONS,
        testsPerPerson: TESTS,
        tests: perTest.length,
        wallMs: Math.round(ms),
        msPerTest: Math.round((ms / perTest.length) * 10) / 10,
        statementsPerTest: {
          mean: Math.round((perTest.reduce((a, b) => a + b, 0) / perTest.length) * 10) / 10,
          min: sorted[0],
          median: sorted[sorted.length >> 1],
          max: sorted[sorted.length - 1],
        },
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
