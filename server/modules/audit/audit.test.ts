import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import crypto from 'node:crypto';
import { startTestApp, testDbKinds, adminClient, cityWithCommunity, userWith, idNumber, type TestApp, type Client } from '../../test/harness';
import { rows } from '../../db/client';
import { canonicalJson } from './canonical';
import { leafHash, merkleRoot, inclusionProof, verifyInclusion } from './merkle';
import { headOf } from './batch';
import { headVerifier } from './signing';
import { changedFields, cleanEntry } from './actions';
import { standaloneTrail, SYSTEM_CTX } from '../../test/audit-trail';

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ a: { d: [1, { z: 1, y: 2 }], c: null } }, '{"a":{"c":null,"d":[1,{"y":2,"z":1}]}}'],
    [{ a: undefined, b: 'x' }, '{"b":"x"}'],
    [null, 'null'],
  ])('%j → %s', (input, out) => expect(canonicalJson(input)).toBe(out));
});

describe('Merkle tree of a batch', () => {
  it.each([1, 2, 3, 5, 8, 13])('P7: every one of %i leaves proves its membership in O(log n) steps, and only its own', (n) => {
    const leaves = Array.from({ length: n }, (_, i) => leafHash(`row ${i}`));
    const root = merkleRoot(leaves);
    for (let i = 0; i < n; i++) {
      const proof = inclusionProof(leaves, i);
      expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)));
      expect(verifyInclusion(leaves[i]!, proof, root)).toBe(true);
      expect(verifyInclusion(leafHash('forged'), proof, root)).toBe(false);
    }
  });
});

describe('the least identifying detail (P6)', () => {
  it('P6: a change to a person keeps the names of the changed fields, never their values', () => {
    const e = cleanEntry({
      action: 'person.update',
      personId: crypto.randomUUID(),
      before: { name: '张三', riskLevel: 'low', phone: '138****5678' },
      after: { name: '张三', riskLevel: 'high', phone: '139****0000' },
    });
    expect(e).toEqual({ purpose: null, before: null, after: null, details: { changed: ['phone', 'riskLevel'] } });
  });

  it('P6: a search keeps its kind and counts, never its text', () => {
    const id = idNumber('110101', '19900307', 123);
    for (const [q, kind] of [
      [id, 'id_number'],
      ['zhangsan', 'pinyin'],
      ['张三', 'name'],
      [id.slice(-4), 'id_last4'],
    ] as const) {
      const e = cleanEntry({ action: 'person.search', entityType: 'person', details: { query: { q, riskLevel: 'high', limit: 20 }, returned: 1, total: 1 } });
      expect(e.details).toEqual({ query: { q: kind, riskLevel: 'high', limit: 20 }, returned: 1, total: 1 });
    }
  });

  it('P6: undeclared details are dropped and free text loses ID and phone numbers', () => {
    const e = cleanEntry({
      action: 'document.download',
      personId: crypto.randomUUID(),
      purpose: '核对 13812345678',
      details: { kind: 'decision', size: 10, fileName: '张三.pdf' },
    });
    expect(e.details).toEqual({ kind: 'decision', size: 10 });
    expect(e.purpose).toBe('核对 [phone]');
  });

  it('P6: an unregistered action is refused', () => {
    expect(() => cleanEntry({ action: 'nobody.registered_this' })).toThrow(/not registered/);
  });

  it('changedFields lists the set fields of a creation', () => {
    expect(changedFields(null, { a: 1, b: null, c: [], d: 'x' })).toEqual(['a', 'd']);
  });
});

describe.each(testDbKinds())('audit trail on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await adminClient(t);
  });
  afterAll(() => t.close());

  it('P3: records staff-side writes with before and after, in the same transaction as the change', async () => {
    const root = (await admin.get('/api/org-units')).json().items[0];
    const d = (await admin.post('/api/org-units', { parentId: root.id, level: 'district', name: '西城区' })).json();
    await admin.patch(`/api/org-units/${d.id}`, { name: '西城区（新）' });
    const rowsOf = (await admin.get(`/api/audit?entityType=org_unit&entityId=${d.id}`)).json().items;
    expect(rowsOf.map((r: { action: string }) => r.action)).toEqual(['org.update', 'org.create']);
    expect(rowsOf[0].before.name).toBe('西城区');
    expect(rowsOf[0].after.name).toBe('西城区（新）');
    expect(rowsOf[0].actorName).toBe('admin');
  });

  it('P3: a failed write leaves neither the change nor an audit row', async () => {
    const root = (await admin.get('/api/org-units')).json().items[0];
    const name = `重名区${crypto.randomUUID().slice(0, 6)}`;
    await admin.post('/api/org-units', { parentId: root.id, level: 'district', name });
    const before = (await admin.get('/api/audit?action=org.create&limit=1')).json().total;
    const dup = await admin.post('/api/org-units', { parentId: root.id, level: 'district', name });
    expect(dup.statusCode).toBe(400);
    expect((await admin.get('/api/audit?action=org.create&limit=1')).json().total).toBe(before);
  });

  it('P7: append-only at the database: UPDATE, DELETE and TRUNCATE are refused on the trail and its batches', async () => {
    await t.services.audit.seal(t.database.db);
    for (const table of ['audit_log', 'audit_batches']) {
      await expect(t.database.db.execute(sql.raw(`update ${table} set ${table === 'audit_log' ? 'action' : 'root'} = 'x'`))).rejects.toThrow();
      await expect(t.database.db.execute(sql.raw(`delete from ${table}`))).rejects.toThrow();
      await expect(t.database.db.execute(sql.raw(`truncate ${table}`))).rejects.toThrow();
    }
  });

  it('P7: the scheduler job seals committed rows within two ticks; the viewer shows them sealed', async () => {
    const root = (await admin.get('/api/org-units')).json().items[0];
    const d = (await admin.post('/api/org-units', { parentId: root.id, level: 'district', name: `封存区${crypto.randomUUID().slice(0, 6)}` })).json();
    await t.services.scheduler.runNow('audit.seal');
    await t.services.scheduler.runNow('audit.seal');
    const [row] = (await admin.get(`/api/audit?entityId=${d.id}`)).json().items;
    expect(row.sealed).toBe(true);
    expect(await t.services.audit.verify(t.database.db)).toMatchObject({ ok: true });
  });

  it('P7: an auditor proves one row is in its signed batch with the proof the API gives', async () => {
    const [row] = (await admin.get('/api/audit?action=org.create&limit=1')).json().items;
    await t.services.audit.seal(t.database.db);
    const res = await admin.get(`/api/audit/${row.id}/proof`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(leafHash(p.content)).toBe(p.leaf);
    expect(JSON.parse(p.content).id).toBe(row.id);
    expect(verifyInclusion(p.leaf, p.proof, p.batch.root)).toBe(true);
    expect(headOf(p.batch)).toBe(p.batch.head);
    expect(headVerifier(p.publicKeyPem).verify(p.batch.head, p.batch.signature)).toBe(true);
    expect(verifyInclusion(leafHash(p.content.replace('org.create', 'org.delete')), p.proof, p.batch.root)).toBe(false);
    expect((await admin.get('/api/audit/999999999/proof')).statusCode).toBe(404);
  });

  it('P7: the head export starts with the public key and holds one signed line per batch; it is audited', async () => {
    await t.services.audit.seal(t.database.db);
    const res = await admin.get('/api/audit/heads.jsonl');
    expect(res.statusCode).toBe(200);
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ kind: 'key', keyId: t.services.audit.keyId });
    expect(lines.length).toBeGreaterThan(1);
    const key = headVerifier(lines[0].publicKeyPem);
    for (const h of lines.slice(1)) expect(key.verify(h.head, h.signature) && headOf(h) === h.head).toBe(true);
    expect((await admin.get('/api/audit?action=audit.heads_export')).json().total).toBeGreaterThan(0);
  });

  it('filters by user, action, record and time', async () => {
    // Rows of its own, whatever ran before: two units created and one renamed by the admin.
    const root = (await admin.get('/api/org-units')).json().items[0];
    const tag = crypto.randomUUID().slice(0, 6);
    const a = (await admin.post('/api/org-units', { parentId: root.id, level: 'district', name: `筛选区甲${tag}` })).json();
    await admin.post('/api/org-units', { parentId: root.id, level: 'district', name: `筛选区乙${tag}` });
    await admin.patch(`/api/org-units/${a.id}`, { name: `筛选区丙${tag}` });
    const all = (await admin.get('/api/audit?actor=admin&limit=500')).json();
    expect(all.total).toBeGreaterThan(3);
    expect(all.items.every((r: { actorName: string }) => r.actorName === 'admin')).toBe(true);
    const future = (await admin.get(`/api/audit?from=${encodeURIComponent('2030-01-01T00:00:00Z')}`)).json();
    expect(future.total).toBe(0);
    const csv = await admin.get('/api/audit/export.csv?action=org.');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('org.create');
  });

  it('P3: concurrent audited reads share commits, each returns once its own row is committed; a bad row fails only its caller', async () => {
    const db = t.database.db;
    const marker = crypto.randomUUID().slice(0, 8);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        // Row 17's actor id is no uuid: the database refuses that row, in the group it was sent with.
        t.services.audit.record(db, i === 17 ? { ...SYSTEM_CTX, actor: { userId: 'not-a-uuid', username: 'x', orgPath: '/x/' } as never } : SYSTEM_CTX, {
          action: 'test.write',
          entityId: marker,
          details: { i },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected').length).toBe(1);
    expect(results[17]!.status).toBe('rejected');
    const stored = await rows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where entity_id = ${marker}`);
    expect(Number(stored[0]!.n)).toBe(49);
    await t.services.audit.seal(db);
    expect(await t.services.audit.verify(db)).toMatchObject({ ok: true, unsealed: 0 });
  });

  it('P7 (issue 11): the trail verifies after many concurrent writers, some rolled back, sealed while they run', async () => {
    const db = t.database.db;
    const marker = crypto.randomUUID().slice(0, 8);
    let sealing = true;
    const sealer = (async () => {
      while (sealing) await t.services.scheduler.runNow('audit.seal');
    })();
    // Four lanes of writers (the test pool has five connections: one stays free for the sealer).
    const one = (i: number) =>
      db
        .transaction(async (tx) => {
          await t.services.audit.record(tx, SYSTEM_CTX, { action: 'test.write', entityId: marker, details: { i } });
          // Commit in another order than the ids were drawn: the sequencer must wait for the slow ones.
          if (kind === 'postgres') await tx.execute(sql`select pg_sleep(${(i % 5) * 0.015})`);
          await t.services.audit.record(tx, SYSTEM_CTX, { action: 'test.write', entityId: marker, details: { i } });
          if (i % 3 === 0) throw new Error('rolled back');
          return i;
        })
        .catch(() => null);
    const lanes = await Promise.all(
      [0, 1, 2, 3].map(async (lane) => {
        const out: (number | null)[] = [];
        for (let i = lane; i < 60; i += 4) out.push(await one(i));
        return out;
      }),
    );
    const outcomes = lanes.flat();
    sealing = false;
    await sealer;
    await t.services.audit.seal(db);
    const committed = outcomes.filter((o): o is number => o !== null).sort((a, b) => a - b);
    const stored = await rows<{ i: number; n: number }>(
      db,
      sql`select (details->>'i')::int as i, count(*)::int as n from audit_log where entity_id = ${marker} group by 1 order by 1`,
    );
    expect(stored.map((r) => r.i)).toEqual(committed);
    expect(stored.every((r) => Number(r.n) === 2)).toBe(true);
    expect(await t.services.audit.verify(db)).toMatchObject({ ok: true, unsealed: 0 });
  });
});

describe.each(testDbKinds())('audit:verify names what was changed, removed, reordered or cut, on %s', (kind) => {
  // One database for these tests; each starts from an empty trail (the sequencer state too).
  let shared: Awaited<ReturnType<typeof standaloneTrail>>;
  beforeAll(async () => {
    shared = await standaloneTrail(kind);
  });
  afterAll(() => shared.close());
  const fresh = async () => {
    await shared.reset();
    return standaloneTrail(kind, { database: shared.database, dir: shared.dir });
  };
  it('P7: a tampered row is named', async () => {
    const trail = await fresh();
    await trail.write(6);
    await trail.audit.seal(trail.db);
    expect(await trail.verify()).toMatchObject({ ok: true, rows: 6 });
    await trail.asDba([sql`update audit_log set actor_name = 'someone-else' where id = 4`]);
    expect(await trail.verify()).toMatchObject({ ok: false, problem: { kind: 'row_changed', rowId: 4 } });
    await trail.close();
  });

  it('P7: a removed row is named', async () => {
    const trail = await fresh();
    await trail.write(6);
    await trail.audit.seal(trail.db);
    await trail.asDba([sql`delete from audit_log where id = 3`]);
    expect(await trail.verify()).toMatchObject({ ok: false, problem: { kind: 'row_missing', rowId: 3 } });
    await trail.close();
  });

  it('P7: reordered rows (two rows swapping their content) are named at the first', async () => {
    const trail = await fresh();
    await trail.write(6);
    await trail.audit.seal(trail.db);
    await trail.asDba([
      sql`update audit_log set details = '{"i": 99}' where id = 2`,
      sql`update audit_log set details = (select details from audit_log where id = 5) where id = 2`,
      sql`update audit_log set details = '{"i": 1}' where id = 5`,
    ]);
    expect(await trail.verify()).toMatchObject({ ok: false, problem: { kind: 'row_changed', rowId: 2 } });
    await trail.close();
  });

  it('P7: a row slipped into the gap of a rolled-back transaction is named', async () => {
    const trail = await fresh();
    await trail.write(2);
    await trail.db
      .transaction(async (tx) => {
        await trail.audit.record(tx, SYSTEM_CTX, { action: 'test.write', details: { i: 2 } });
        tx.rollback();
      })
      .catch(() => undefined);
    await trail.write(2, 3);
    await trail.audit.seal(trail.db);
    expect(await trail.verify()).toMatchObject({ ok: true, rows: 4 });
    await trail.asDba([sql`insert into audit_log (id, at, action, outcome, details) overriding system value values (3, now(), 'test.write', 'success', '{"i": 2}')`]);
    expect(await trail.verify()).toMatchObject({ ok: false, problem: { kind: 'row_added', rowId: 3 } });
    await trail.close();
  });

  it('P7 (issue 9 item 12): deleting the newest rows and their batches with the triggers off is named against the head file', async () => {
    const trail = await fresh();
    await trail.write(5);
    await trail.audit.seal(trail.db);
    await trail.write(4, 5);
    await trail.audit.seal(trail.db);
    expect(await trail.verifyWithHeads()).toMatchObject({ ok: true, rows: 9, anchoredThrough: 2 });
    // What the database administrator does: the last batch and its rows go, the chain left is consistent.
    await trail.asDba([sql`delete from audit_log where id > 5`, sql`delete from audit_batches where batch = 2`]);
    expect(await trail.verify()).toMatchObject({ ok: true, rows: 5 });
    const cut = await trail.verifyWithHeads();
    expect(cut).toMatchObject({ ok: false, problem: { kind: 'batch_missing', batch: 2, firstId: 6, lastId: 9, rowCount: 4 } });
    expect(!cut.ok && cut.message).toContain('row ids 6–9');
    // The sequencer does not sign over the cut: it stops and says why.
    await trail.write(1, 9);
    expect(await trail.audit.seal(trail.db)).toMatchObject({ halted: 'behind_head_file' });
    expect(trail.errors.length).toBe(1);
    await trail.close();
  });

  it('P7 (issue 9 item 12): deleting the newest rows but not their batch is named by row', async () => {
    const trail = await fresh();
    await trail.write(5);
    await trail.audit.seal(trail.db);
    await trail.asDba([sql`delete from audit_log where id >= 4`]);
    expect(await trail.verifyWithHeads()).toMatchObject({ ok: false, problem: { kind: 'row_missing', rowId: 4 } });
    await trail.close();
  });

  it('P7: a batch re-signed with another key, or rewritten, is named', async () => {
    const trail = await fresh();
    await trail.write(3);
    await trail.audit.seal(trail.db);
    await trail.asDba([sql`update audit_batches set signature = ${crypto.randomBytes(64).toString('base64')} where batch = 1`]);
    expect(await trail.verify()).toMatchObject({ ok: false, problem: { kind: 'batch_signature', batch: 1 } });
    await trail.asDba([sql`update audit_batches set row_count = 2 where batch = 1`]);
    expect(await trail.verify()).toMatchObject({ ok: false, problem: { kind: 'batch_changed', batch: 1 } });
    await trail.close();
  });
});

if (testDbKinds().includes('postgres')) {
  describe('the sequencer waits for transactions still open (PostgreSQL: rows commit out of id order)', () => {
    it('P7: a row committed after a newer one is sealed, never skipped', async () => {
      const trail = await standaloneTrail('postgres');
      const db = trail.db;
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let inserted!: () => void;
      const hasRow = new Promise<void>((r) => (inserted = r));
      const slow = db.transaction(async (tx) => {
        await trail.audit.record(tx, SYSTEM_CTX, { action: 'test.write', details: { i: 0 } });
        inserted();
        await held;
      });
      await hasRow;
      await trail.write(1, 1); // id 2 commits while id 1 is still open
      for (let k = 0; k < 3; k++) await db.transaction((tx) => trail.audit.sealTick(tx));
      expect(await trail.audit.sealedThrough(db)).toBe(0);
      release();
      await slow;
      await trail.audit.seal(db);
      expect(await trail.verify()).toMatchObject({ ok: true, rows: 2, unsealed: 0 });
      await trail.close();
    });
  });
}

describe.each(testDbKinds())('the audit viewer (issue 9 item 21) on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let auditor: Client;
  let officer: Client & { userId: string };
  let personId: string;
  const id = idNumber('110101', '19850612', 321);
  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await adminClient(t);
    const units = await cityWithCommunity(admin);
    officer = await userWith(t, admin, 'officer.viewer', 'officer', units.street);
    auditor = await userWith(t, admin, 'auditor.viewer', 'audit_admin', units.root);
    const res = await officer.post('/api/persons', {
      orgUnitId: units.community,
      name: '王小明',
      idNumber: id,
      drugTypes: ['heroin'],
      useMethods: ['smoking'],
      familyContacts: [],
    });
    expect(res.statusCode, res.body).toBe(201);
    personId = res.json().id;
    await officer.get(`/api/persons/${personId}`);
    await officer.post(`/api/persons/${personId}/unmask`, { purpose: '核对身份' });
  });
  afterAll(() => t.close());

  it('P6: a person shows as the masked name and the ID last four, nothing more', async () => {
    const list = (await auditor.get(`/api/audit?personId=${personId}`)).json();
    expect(list.total).toBeGreaterThanOrEqual(3);
    for (const r of list.items) expect(r.person).toEqual({ name: '王*明', idLast4: id.slice(-4) });
    const create = list.items.find((r: { action: string }) => r.action === 'person.create');
    expect(create.after).toBeNull();
    expect(JSON.stringify(list)).not.toContain('王小明');
    const csv = (await auditor.get(`/api/audit/export.csv?personId=${personId}`)).body;
    expect(csv).toContain(`王*明 ${id.slice(-4)}`);
    expect(csv).not.toContain('王小明');
  });

  it('groups by user and by person', async () => {
    const byUser = (await auditor.get(`/api/audit/groups?by=actor&personId=${personId}`)).json();
    expect(byUser.items).toEqual([expect.objectContaining({ key: officer.userId, actorName: 'officer.viewer', rows: expect.any(Number) })]);
    expect(byUser.items[0].actions).toMatchObject({ 'person.create': 1, 'person.read': 1, 'person.unmask': 1 });
    const byPerson = (await auditor.get('/api/audit/groups?by=person&actor=officer.viewer')).json();
    expect(byPerson.items).toEqual([expect.objectContaining({ key: personId, person: { name: '王*明', idLast4: id.slice(-4) } })]);
  });

  it('filters the unmasking of ID numbers', async () => {
    const unmasked = (await auditor.get('/api/audit?action=person.unmask')).json();
    expect(unmasked.items.map((r: { personId: string; purpose: string }) => [r.personId, r.purpose])).toEqual([[personId, '核对身份']]);
  });
});
