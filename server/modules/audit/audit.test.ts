import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestApp, testDbKinds, adminClient, type TestApp } from '../../test/harness';
import { canonicalJson } from './canonical';
import { openPglite } from '../../db/client';
import { createAuditService } from './service';
import { fixedClock } from '../../clock';

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ a: { d: [1, { z: 1, y: 2 }], c: null } }, '{"a":{"c":null,"d":[1,{"y":2,"z":1}]}}'],
    [{ a: undefined, b: 'x' }, '{"b":"x"}'],
    [null, 'null'],
  ])('%j → %s', (input, out) => expect(canonicalJson(input)).toBe(out));
});

describe.each(testDbKinds())('audit trail on %s', (kind) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof adminClient>>;
  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await adminClient(t);
  });
  afterAll(() => t.close());

  it('records writes with before and after, in the same transaction as the change', async () => {
    const root = (await admin.get('/api/org-units')).json().items[0];
    const d = (await admin.post('/api/org-units', { parentId: root.id, level: 'district', name: '西城区' })).json();
    await admin.patch(`/api/org-units/${d.id}`, { name: '西城区（新）' });
    const rows = (await admin.get(`/api/audit?entityType=org_unit&entityId=${d.id}`)).json().items;
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['org.update', 'org.create']);
    expect(rows[0].before.name).toBe('西城区');
    expect(rows[0].after.name).toBe('西城区（新）');
    expect(rows[0].actorName).toBe('admin');
  });

  it('a failed write leaves neither the change nor an audit row', async () => {
    const before = (await admin.get('/api/audit?limit=1')).json().total;
    const root = (await admin.get('/api/org-units')).json().items[0];
    // Same name twice under one parent: the second is refused.
    await admin.post('/api/org-units', { parentId: root.id, level: 'district', name: '重名区' });
    const dup = await admin.post('/api/org-units', { parentId: root.id, level: 'district', name: '重名区' });
    expect(dup.statusCode).toBe(400);
    const after = (await admin.get('/api/audit?limit=1')).json().total;
    // exactly one org.create was added (plus the audit reads are not audited)
    expect(after - before).toBe(1);
  });

  it('is append-only at the database: UPDATE and DELETE are refused', async () => {
    await expect(t.database.db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });

  it('verifies an intact chain and names the first tampered row', async () => {
    const ok = await t.services.audit.verify(t.database.db);
    expect(ok.ok).toBe(true);
    const target = (await admin.get('/api/audit?action=org.create&limit=1')).json().items[0];
    // Tampering needs the trigger off: what an attacker with database access could do.
    await t.database.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await t.database.db.execute(sql`update audit_log set actor_name = 'someone-else' where id = ${target.id}`);
    await t.database.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    const broken = await t.services.audit.verify(t.database.db);
    expect(broken).toMatchObject({ ok: false, brokenAt: target.id, reason: 'hash' });
  });

  it('filters by user, action, record and time', async () => {
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
});

describe('npm run audit:verify', () => {
  it('exits 0 on an intact chain and 1 naming the row after tampering', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-audit-'));
    const database = await openPglite(dir);
    const audit = createAuditService({ clock: fixedClock(new Date('2026-11-22T00:00:00Z')) });
    const ctx = { actor: null, ip: '127.0.0.1', userAgent: 'test' };
    for (let i = 0; i < 5; i++) await audit.record(database.db, ctx, { action: 'test.write', details: { i } });
    await database.close();

    const run = () => execFileSync('npx', ['tsx', 'server/cli/audit-verify.ts'], { env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' }, encoding: 'utf8', stdio: 'pipe' });
    expect(run()).toContain('5 rows verified');

    const again = await openPglite(dir);
    await again.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await again.db.execute(sql`update audit_log set details = '{"i": 99}' where id = 3`);
    await again.close();
    let failure: { status: number; stderr: string } | undefined;
    try {
      run();
    } catch (err) {
      failure = err as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr).toContain('BROKEN at row id 3');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
