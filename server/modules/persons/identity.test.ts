// The person's identifier as stored, looked up and told (issue 9, items 7, 9 and 18). Each test
// builds its own persons (own ID numbers), so any one passes alone and in any order.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { startTestApp, testDbKinds, adminClient, cityWithCommunity, userWith, idNumber, type TestApp, type Client } from '../../test/harness';
import { migrationsFolder, rows, type Db, type DbKind } from '../../db/client';
import { primaryReader } from '../../db/reader';
import * as schema from '../../db/schema';
import { createServices } from '../../app';
import { loadConfig } from '../../config';
import { fixedClock } from '../../clock';
import { createCipher } from '../../lib/data-key';
import { idLast4Index, idNumberHash } from './record';
import { createLookupLimiter } from './lookup';
import * as q from './queries';

const count = async (t: TestApp, query: ReturnType<typeof sql>) => Number((await rows<{ n: number }>(t.database.db, query))[0]!.n);

describe('the hourly budget of city-wide lookups (9.7)', () => {
  it('P1: allows the budget within an hour, then refuses until the oldest lookup is an hour old', () => {
    let now = 0;
    const limiter = createLookupLimiter({ perHour: 3, now: () => now });
    const at = (ms: number) => ((now = ms), limiter.take('u1'));
    expect([at(0), at(1000), at(2000), at(3000)]).toEqual([true, true, true, false]);
    expect(limiter.take('u2')).toBe(true); // per user
    expect(at(3_599_999)).toBe(false);
    expect(at(3_600_000)).toBe(true); // the lookup at 0 is an hour old
    expect(limiter.take('u1')).toBe(false);
  });
});

describe.each(testDbKinds())('person identity on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let officer: Client;
  let otherOfficer: Client;
  let units: Awaited<ReturnType<typeof cityWithCommunity>>;
  let seq = 0;
  /** A fresh valid number per call, so no test depends on another's persons. */
  const freshId = (birth = '19880808') => idNumber('120101', birth, 100 + (seq++ % 800));
  const file = (c: Client, idNumberValue: string, over: Record<string, unknown> = {}) =>
    c.post('/api/persons', { orgUnitId: units.community, name: '赵六', idNumber: idNumberValue, ...over });

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await adminClient(t);
    units = await cityWithCommunity(admin);
    officer = await userWith(t, admin, 'id.officer', 'officer', units.street);
    otherOfficer = await userWith(t, admin, 'id.other', 'officer', units.otherStreet);
  });
  afterAll(() => t.close());

  it('9.7 P1: a grid worker (no right to create files) cannot ask whether a number is on file anywhere', async () => {
    const grid = await userWith(t, admin, 'id.grid', 'grid_worker', units.community);
    const res = await grid.get(`/api/persons/exists?idNumber=${freshId()}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.forbidden');
  });

  it("9.7 P1: 300 numbers in a burst — the hour's 30 are answered, the rest refused (429), every attempt audited without the number", async () => {
    const prober = await userWith(t, admin, 'id.prober', 'officer', units.otherStreet);
    const numbers = Array.from({ length: 300 }, (_, i) => idNumber('120101', '19700101', i));
    const statuses: number[] = [];
    for (const n of numbers) statuses.push((await prober.get(`/api/persons/exists?idNumber=${n}`)).statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(t.config.idLookupsPerHour);
    expect(statuses.slice(t.config.idLookupsPerHour).every((s) => s === 429)).toBe(true);
    const refused = await prober.get(`/api/persons/exists?idNumber=${numbers[0]}`);
    expect(refused.json().error).toMatchObject({
      code: 'person.lookup_limited',
      message: { 'zh-CN': expect.stringContaining('每人每小时'), 'en-US': expect.stringContaining('city-wide') },
    });
    // Filing a new person is not a lookup: it works with the budget spent.
    expect((await file(prober, freshId(), { orgUnitId: units.otherStreet })).statusCode).toBe(201);
    const audit = await rows<{ outcome: string; n: number }>(
      t.database.db,
      sql`select outcome, count(*)::int as n from audit_log where action = 'person.exists_check' and actor_name = 'id.prober' group by outcome order by outcome`,
    );
    expect(audit.map((r) => [r.outcome, Number(r.n)])).toEqual([
      ['denied', 271],
      ['success', 30],
    ]);
    const trail = (await rows<{ j: string }>(t.database.db, sql`select row_to_json(a)::text as j from audit_log a where actor_name = 'id.prober'`)).map((r) => r.j).join('\n');
    for (const n of numbers) expect(trail).not.toContain(n.slice(0, 14));
  }, 120_000);

  it("9.7: the answer names the street that holds the file (where to ask for a transfer), and the file only in the asker's own area", async () => {
    const id = freshId();
    const created = await file(officer, id);
    expect(created.statusCode, created.body).toBe(201);
    const elsewhere = await otherOfficer.get(`/api/persons/exists?idNumber=${id}`);
    expect(elsewhere.json()).toEqual({ exists: true, holderUnitName: '东华门街道', personId: null });
    const mine = await officer.get(`/api/persons/exists?idNumber=${id}`);
    expect(mine.json()).toEqual({ exists: true, holderUnitName: '多福巷社区', personId: created.json().id });
    expect((await otherOfficer.get(`/api/persons/exists?idNumber=${freshId('19770707')}`)).json()).toEqual({ exists: false, holderUnitName: null, personId: null });
    // Audited as a city-wide lookup, with the file's org path (its auditors see it) and no number.
    const [row] = await rows<{ details: unknown; person_id: string; org_path: string; j: string }>(
      t.database.db,
      sql`select details, person_id, org_path, row_to_json(a)::text as j from audit_log a where action = 'person.exists_check' and actor_name = 'id.other' and person_id = ${created.json().id}`,
    );
    expect(row!.details).toEqual({ scope: 'city', found: true });
    expect(row!.org_path).toMatch(/^\//);
    expect(row!.j).not.toContain(id);
    // Refused at creation by another street: the same answer, counted and audited as a lookup.
    const dup = await file(otherOfficer, id, { orgUnitId: units.otherStreet });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message['zh-CN']).toContain('东华门街道');
    expect(dup.body).not.toContain('多福巷社区');
    expect(await count(t, sql`select count(*)::int as n from audit_log where action = 'person.exists_check' and actor_name = 'id.other' and details->>'via' = 'create'`)).toBe(1);
  });

  it('9.18: a 15-digit first-generation number and its 18-digit form are one person, also when typed as idType "other"', async () => {
    const id18 = idNumber('130102', '19660606', 231);
    const id15 = id18.slice(0, 6) + id18.slice(8, 17);
    const first = await file(officer, id15, { idType: 'other' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ idType: 'resident_id', sex: 'male', birthDate: '1966-06-06', idNumber: `1301**********${id18.slice(-4)}` });
    const again = await file(officer, id18);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('person.exists');
    expect((await file(officer, id15)).statusCode).toBe(409);
    for (const [number, idType] of [
      [id15, 'other'],
      [id15, 'resident_id'],
      [id18, 'resident_id'],
    ]) {
      expect((await officer.get(`/api/persons/exists?idNumber=${number}&idType=${idType}`)).json()).toMatchObject({ exists: true, personId: first.json().id });
    }
    const found = (await officer.get(`/api/persons?q=${id15}`)).json().items.map((p: { id: string }) => p.id);
    expect(found).toEqual([first.json().id]);
    const stored = await rows<{ id_type: string; id_number_hash: string }>(t.database.db, sql`select id_type, id_number_hash from persons where id = ${first.json().id}`);
    expect(stored[0]).toEqual({ id_type: 'resident_id', id_number_hash: idNumberHash(t.cipher, 'resident_id', id18) });
  });

  it('9.9 P6: no column keeps the last four of the ID number, nor anything that rebuilds it, in clear; search by the last four still works', async () => {
    const id = idNumber('140105', '19930514', 987);
    const created = await file(officer, id, { name: '钱七' });
    expect(created.statusCode, created.body).toBe(201);
    const columns = (await rows<{ column_name: string }>(t.database.db, sql`select column_name from information_schema.columns where table_name = 'persons'`)).map(
      (c) => c.column_name,
    );
    expect(columns).not.toContain('id_last4');
    // The columns in clear: all but ids, ciphertexts, keyed hashes and timestamps (random or unrelated text).
    const hidden = sql.raw(
      `array['id','org_unit_id','created_by','responsible_worker_id','id_number_enc','id_number_hash','id_last4_index','phone_enc','registered_address_enc','residence_address_enc','family_contacts_enc','content_hash','created_at','updated_at']`,
    );
    const [row] = await rows<{ j: string; idx: string }>(
      t.database.db,
      sql`select (to_jsonb(p) - ${hidden})::text as j, id_last4_index as idx from persons p where id = ${created.json().id}`,
    );
    expect(row!.j).not.toContain(id.slice(-4));
    expect(row!.j).not.toContain(id.slice(14, 17)); // the sequence code: with region and birth date it is the number
    expect(row!.idx).toBe(idLast4Index(t.cipher, id));
    const found = (await officer.get(`/api/persons?q=${id.slice(-4)}`)).json().items.map((p: { name: string }) => p.name);
    expect(found).toContain('钱七');
  });
});

describe.each(testDbKinds())('migration 0003 on %s (9.9)', (kind) => {
  it('rows written before it lose their clear last four and get the blind index at the next start', async () => {
    const cipher = createCipher(crypto.randomBytes(32));
    const early = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-mig-'));
    // The migrations as they shipped before this one.
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const before = journal.entries.slice(
      0,
      journal.entries.findIndex((e) => e.tag.endsWith('_protect_identity_and_aliases')),
    );
    fs.mkdirSync(path.join(early, 'meta'));
    fs.writeFileSync(path.join(early, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: before }));
    for (const e of before) fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(early, `${e.tag}.sql`));
    const { db, migrateTo, close } = await rawDatabase(kind);
    try {
      await migrateTo(early);
      const ids = Array.from({ length: 1203 }, (_, i) => idNumber(i < 1000 ? '110101' : '110102', '19800101', i % 1000));
      await db.execute(
        sql`insert into org_units (id, level, name, path, depth) values ('00000000-0000-4000-8000-000000000001', 'street', '老街道', '/00000000-0000-4000-8000-000000000001/', 1)`,
      );
      const legacy = ids.map((id) => ({
        org_unit_id: '00000000-0000-4000-8000-000000000001',
        name: '旧档',
        name_pinyin: 'jiudang',
        name_initials: 'jd',
        sex: 'male',
        birth_date: '1980-01-01',
        id_type: 'resident_id',
        id_number_enc: cipher.encrypt(id),
        id_number_hash: idNumberHash(cipher, 'resident_id', id),
        id_last4: id.slice(-4),
        content_hash: 'x',
      }));
      await db.execute(
        sql`insert into persons (org_unit_id, name, name_pinyin, name_initials, sex, birth_date, id_type, id_number_enc, id_number_hash, id_last4, content_hash) select org_unit_id, name, name_pinyin, name_initials, sex, birth_date, id_type, id_number_enc, id_number_hash, id_last4, content_hash from json_populate_recordset(null::persons, ${JSON.stringify(legacy)}::json)`,
      );

      await migrateTo(migrationsFolder);
      const services = createServices({
        database: { db, kind, reader: primaryReader(db), close: async () => {} },
        config: loadConfig({ SUNFLOWER_LOG_LEVEL: 'silent' }),
        clock: fixedClock(new Date('2026-11-22T02:00:00Z')),
        cipher,
      });
      expect(await services.persons.backfillIdentityIndexes()).toBe(1203);
      expect(await services.persons.backfillIdentityIndexes()).toBe(0); // the next start has nothing to do
      const columns = (await rows<{ column_name: string }>(db, sql`select column_name from information_schema.columns where table_name = 'persons'`)).map((c) => c.column_name);
      expect(columns).not.toContain('id_last4');
      const target = ids[1100]!;
      const hits = await q.list(db, { scope: ['/'], text: { kind: 'last4', value: idLast4Index(cipher, target) }, sort: 'name', order: 'asc' }, 50, 0);
      const decrypted = hits.items.map((h) => cipher.decrypt(h.person.idNumberEnc));
      expect(decrypted).toContain(target);
      expect(decrypted.every((d) => d.slice(-4) === target.slice(-4))).toBe(true);
    } finally {
      await close();
      fs.rmSync(early, { recursive: true, force: true });
    }
  }, 60_000);
});

/** A database with no migration applied, migrated on demand (to show what a shipped one does to old rows). */
async function rawDatabase(kind: DbKind): Promise<{ db: Db; migrateTo(folder: string): Promise<void>; close(): Promise<void> }> {
  if (kind === 'pglite') {
    const client = new PGlite({ extensions: { pg_trgm } });
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return { db, migrateTo: (folder) => migratePglite(db as never, { migrationsFolder: folder }), close: () => client.close() };
  }
  const base = (process.env.TEST_DATABASE_URL || process.env.DATABASE_URL)!;
  const name = `sf_test_${crypto.randomBytes(6).toString('hex')}`;
  const adminSql = postgres(base, { max: 1, onnotice: () => {} });
  await adminSql.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const client = postgres(url.toString(), { max: 2, onnotice: () => {} });
  const db = drizzlePostgres({ client, schema }) as unknown as Db;
  return {
    db,
    migrateTo: (folder) => migratePostgres(db as never, { migrationsFolder: folder }),
    async close() {
      await client.end({ timeout: 5 });
      await adminSql.unsafe(`drop database if exists ${name} with (force)`);
      await adminSql.end();
    },
  };
}
