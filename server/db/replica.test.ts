import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../config';
import { startTestApp, adminClient, cityWithCommunity, userWith, idNumber, type TestApp, type Client } from '../test/harness';
import { makeStandby, standbyUnavailable, type Standby } from '../test/standby';
import { parseLsn, standbyFailure } from './reader';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { healthRoutes } from '../modules/health/routes';
import { openPglite, rows } from './client';

// The replica routing runs against a real streaming standby of the local PostgreSQL server
// (server/test/standby.ts). Skipped only outside CI when none can be made here; .ci/run sets CI
// and configures the server for replication, so in CI a missing standby is a failure.
const primaryUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const unavailable = await standbyUnavailable(primaryUrl);
const skip = !!unavailable && !process.env.CI;
if (skip) console.warn(`replica tests skipped (not CI): ${unavailable}`);

const MAX_LAG_MS = 2_000;
let serial = 0;

describe('the reader without a replica', () => {
  it('PGlite: every read is a primary read and /api/health reports no replica', async () => {
    const database = await openPglite(null);
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    try {
      healthRoutes(app, database);
      expect(database.reader.route({ userId: 'anyone' })).toBe('primary');
      expect(await database.reader.read(null, (exec) => rows<{ one: number }>(exec, sql`select 1 as one`))).toEqual([{ one: 1 }]);
      expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ db: 'pglite', replica: null });
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('DATABASE_READ_URL without DATABASE_URL is refused: PGlite has no standby', () => {
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://127.0.0.1:5433/x' })).toThrow(/DATABASE_READ_URL/);
    expect(loadConfig({ DATABASE_URL: 'postgres://a/b', DATABASE_READ_URL: 'postgres://c/d' }).readReplica).toEqual({ url: 'postgres://c/d', maxLagMs: 5000, probeMs: 1000 });
  });

  it('LSNs compare as numbers; only a standby failure is retried on the primary', () => {
    expect(parseLsn('0/16B3748') < parseLsn('1/0')).toBe(true);
    expect(parseLsn('A/FF') - parseLsn('A/F0')).toBe(15n);
    expect(standbyFailure(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe('down');
    expect(standbyFailure({ message: 'wrapped', cause: { code: '57P01' } })).toBe('down');
    expect(standbyFailure({ code: '40001' })).toBe('conflict');
    expect(standbyFailure({ code: '42P01' })).toBeNull();
    expect(standbyFailure(new Error('no code'))).toBeNull();
  });
});

describe.skipIf(skip)('report reads on a real streaming standby', () => {
  let standby: Standby;
  let t: TestApp;
  let admin: Client;
  let units: Awaited<ReturnType<typeof cityWithCommunity>>;
  const appName = `sf-reader-${crypto.randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    standby = await makeStandby(primaryUrl);
    t = await startTestApp(
      'postgres',
      {},
      {
        serverUrl: primaryUrl,
        // Probed by the tests themselves (probeMs 0); lag measured on the test clock.
        replica: (url, clock) => ({
          url: standby.urlFor(url),
          maxLagMs: MAX_LAG_MS,
          probeMs: 0,
          maxConnections: 1,
          applicationName: appName,
          now: () => clock.now().getTime(),
          log: () => {},
        }),
      },
    );
    admin = await adminClient(t);
    units = await cityWithCommunity(admin);
    await settled();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await standby?.destroy();
  });

  /** The standby has replayed everything written so far, and the reader has measured it. */
  async function settled() {
    await standby.caughtUp();
    for (let i = 0; i < 100 && (await t.database.reader.probe())!.state !== 'streaming'; i++) await new Promise((r) => setTimeout(r, 50));
  }

  /** Until the reader has seen the standby replay `who`'s writes (background WAL can need a second probe). */
  async function replicaFor(who: { userId: string }) {
    await standby.caughtUp();
    for (let i = 0; i < 100 && t.database.reader.route(who) !== 'replica'; i++) {
      await t.database.reader.probe();
      if (t.database.reader.route(who) !== 'replica') await new Promise((r) => setTimeout(r, 20));
    }
    expect(t.database.reader.route(who)).toBe('replica');
  }

  /** What the reader's connection on the standby ran since `since` (pg_stat_activity of the standby). */
  async function standbyQueriesSince(since: string): Promise<string[]> {
    const r = await standby.query<{ query: string }>('select query from pg_stat_activity where application_name = $1 and query_start >= $2::timestamptz', [appName, since]);
    return r.map((x) => x.query);
  }
  const standbyNow = async () => (await standby.query<{ now: string }>('select clock_timestamp()::text as now'))[0]!.now;

  async function officers() {
    const n = ++serial;
    const writer = await userWith(t, admin, `writer.${n}`, 'officer', units.street);
    const reader = await userWith(t, admin, `reader.${n}`, 'officer', units.street);
    return { writer, reader };
  }
  const newPerson = async (by: Client, name: string) => {
    const res = await by.post('/api/persons', { orgUnitId: units.community, name, idNumber: idNumber('110101', '19900101', 100 + ++serial) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const found = async (by: Client, name: string) => {
    const res = await by.get(`/api/persons?q=${encodeURIComponent(name)}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { name: string }[]).some((p) => p.name === name);
  };

  it('R1: a person search and a person export by a user who wrote nothing are served by the standby', async () => {
    const { writer, reader } = await officers();
    await newPerson(writer, '韩一');
    await replicaFor(reader);

    const beforeSearch = await standbyNow();
    expect(await found(reader, '韩一')).toBe(true);
    expect((await standbyQueriesSince(beforeSearch)).join('\n')).toMatch(/from "persons"/);

    const beforeExport = await standbyNow();
    const res = await reader.get('/api/persons/export.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    // Its one reader query, a page of persons (pg_stat_activity keeps the first 1 kB of the text).
    expect((await standbyQueriesSince(beforeExport)).join('\n')).toMatch(/^select "persons"\."id"/m);

    const health = (await t.app.inject({ method: 'GET', url: '/api/health' })).json();
    expect(health.replica).toMatchObject({ state: 'streaming', servedBy: 'replica', replayPaused: false, maxLagMs: MAX_LAG_MS });
  });

  it("R2: a write and the writer's own next search go to the primary until the standby has replayed the write", async () => {
    const { writer } = await officers();
    const since = await standbyNow();
    const id = await newPerson(writer, '韩二');
    expect(t.database.reader.route(writer)).toBe('primary');
    expect(await found(writer, '韩二')).toBe(true);
    expect(await standbyQueriesSince(since)).toEqual([]);
    expect(await rows(t.database.db, sql`select 1 from persons where id = ${id}`)).toHaveLength(1);

    await replicaFor(writer);
    const later = await standbyNow();
    expect(await found(writer, '韩二')).toBe(true);
    expect((await standbyQueriesSince(later)).join('\n')).toMatch(/from "persons"/);
  });

  it('R3: with replay paused, a must-be-fresh read goes to the primary; a report read is served stale within the bound, then by the primary', async () => {
    const { writer, reader } = await officers();
    await replicaFor(reader);
    await standby.query('select pg_wal_replay_pause()');
    try {
      await newPerson(writer, '韩三');
      await t.database.reader.probe();
      // The writer's own read must see the write: the primary.
      expect(await found(writer, '韩三')).toBe(true);
      // Another user's report read within the bound: the standby, which has not replayed it yet.
      const since = await standbyNow();
      expect(await found(reader, '韩三')).toBe(false);
      expect((await standbyQueriesSince(since)).join('\n')).toMatch(/from "persons"/);

      // Past the bound every read goes to the primary, and /api/health says why.
      t.clock.set(new Date(t.clock.now().getTime() + MAX_LAG_MS + 1));
      await t.database.reader.probe();
      expect(await found(reader, '韩三')).toBe(true);
      const health = (await t.app.inject({ method: 'GET', url: '/api/health' })).json();
      expect(health.replica).toMatchObject({ state: 'lagging', servedBy: 'primary', replayPaused: true });
      expect(health.replica.lagMs).toBeGreaterThan(MAX_LAG_MS);
    } finally {
      await standby.query('select pg_wal_replay_resume()');
    }
    await replicaFor(reader);
    expect(await found(reader, '韩三')).toBe(true);
  });

  it('R4: a stopped standby: the search falls back to the primary and /api/health says so; back on the standby once it returns', async () => {
    const { writer, reader } = await officers();
    await newPerson(writer, '韩四');
    await replicaFor(reader);
    standby.stop();
    try {
      expect(await found(reader, '韩四')).toBe(true);
      const health = (await t.app.inject({ method: 'GET', url: '/api/health' })).json();
      expect(health).toMatchObject({ status: 'ok', replica: { state: 'down', servedBy: 'primary', lagMs: null } });
      expect((await t.database.reader.probe())!.state).toBe('down');
      expect(await found(reader, '韩四')).toBe(true);
    } finally {
      standby.start();
    }
    await settled();
    await replicaFor(reader);
    const since = await standbyNow();
    expect(await found(reader, '韩四')).toBe(true);
    expect((await standbyQueriesSince(since)).join('\n')).toMatch(/from "persons"/);
  });
});
