import { describe, it, expect, beforeAll, beforeEach, afterAll } from 'vitest';
import { startTestApp, testDbKinds, Client, adminClient, nextTotpCode, ADMIN_PASSWORD, STRONG, type TestApp } from '../../test/harness';

describe.each(testDbKinds())('sign-in and sessions on %s', (kind) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof adminClient>>;
  let streetId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await adminClient(t);
    const units = (await admin.get('/api/org-units')).json().items;
    const district = (await admin.post('/api/org-units', { parentId: units[0].id, level: 'district', name: '东城区' })).json();
    streetId = (await admin.post('/api/org-units', { parentId: district.id, level: 'street', name: '东华门街道' })).json().id;
  });
  afterAll(() => t.close());
  // Some tests move the shared clock past the idle timeout, which ends the admin's session: every
  // test starts with an admin who is signed in, whatever ran before it.
  beforeEach(async () => {
    if ((await admin.get('/api/auth/me')).statusCode !== 200) admin = await adminClient(t, admin.totp);
  });

  async function newWorker(username: string) {
    const res = await admin.post('/api/users', { username, displayName: username, orgUnitId: streetId });
    expect(res.statusCode).toBe(201);
    return res.json() as { user: { id: string }; oneTimePassword: string };
  }

  it('first sign-in of the admin needs the password change and two-factor setup (P7)', async () => {
    const c = new Client(t);
    // The admin already changed the password in adminClient(); the initial one no longer works.
    const res = await c.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.invalid_credentials');
    const ok = await c.post('/api/auth/login', { username: 'admin', password: STRONG });
    expect(ok.json().stage).toBe('mfa');
    // In the two-factor step nothing but the sign-in routes answer.
    expect((await c.get('/api/org-units')).statusCode).toBe(403);
    expect((await c.post('/api/auth/mfa', { code: '000000' })).statusCode).toBe(400);
    const done = await c.post('/api/auth/mfa', { code: nextTotpCode(t, admin.totp) });
    expect(done.json().stage).toBe('active');
    expect((await c.get('/api/org-units')).statusCode).toBe(200);
  });

  it('a new user gets a one-time password and must change it, against the policy', async () => {
    const { oneTimePassword } = await newWorker('wang.fang');
    const c = new Client(t);
    expect((await c.post('/api/auth/login', { username: 'wang.fang', password: oneTimePassword })).json().stage).toBe('password_change');
    const weak = await c.post('/api/auth/password', { currentPassword: oneTimePassword, newPassword: 'abcdefgh' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields[0]).toMatchObject({ path: 'newPassword', code: 'password.too_few_classes' });
    expect(weak.json().error.fields[0].message['zh-CN']).toContain('至少');
    const good = await c.post('/api/auth/password', { currentPassword: oneTimePassword, newPassword: STRONG });
    expect(good.json().stage).toBe('active');
    // A plain worker holds no administrator role, so no two-factor step.
    expect((await c.get('/api/auth/me')).json().stage).toBe('active');
  });

  it('five wrong passwords lock the account; then the right one is refused too (P7)', async () => {
    const { oneTimePassword } = await newWorker('li.lock');
    const c = new Client(t);
    for (let i = 1; i <= 5; i++) {
      const r = await c.post('/api/auth/login', { username: 'li.lock', password: `wrong-${i}` });
      expect(r.statusCode).toBe(401);
    }
    const right = await c.post('/api/auth/login', { username: 'li.lock', password: oneTimePassword });
    expect(right.statusCode).toBe(401);
    expect(right.json().error.code).toBe('auth.invalid_credentials');
    expect((await admin.get('/api/users?q=li.lock')).json().items[0].locked).toBe(true);
    // After the lockout period it works again.
    t.clock.advanceMinutes(31);
    const later = await c.post('/api/auth/login', { username: 'li.lock', password: oneTimePassword });
    expect(later.statusCode).toBe(200);
  });

  it('unknown usernames and wrong passwords give the same answer', async () => {
    const c = new Client(t);
    const a = await c.post('/api/auth/login', { username: 'nobody-here', password: 'x' });
    const b = await c.post('/api/auth/login', { username: 'admin', password: 'x' });
    expect(a.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
  });

  it('a request without a session gets 401', async () => {
    const c = new Client(t);
    const r = await c.get('/api/org-units');
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('auth.required');
    expect((await c.post('/api/org-units', { parentId: streetId, level: 'community', name: 'x' })).statusCode).toBe(401);
  });

  it('a state-changing request without the CSRF token is refused, and nothing is written', async () => {
    const res = await admin.req('POST', '/api/org-units', { parentId: streetId, level: 'community', name: '无令牌社区' }, { 'x-csrf-token': '' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.csrf');
    const wrong = await admin.req('POST', '/api/org-units', { parentId: streetId, level: 'community', name: '无令牌社区' }, { 'x-csrf-token': 'forged' });
    expect(wrong.statusCode).toBe(403);
    const names = (await admin.get('/api/org-units')).json().items.map((u: { name: string }) => u.name);
    expect(names).not.toContain('无令牌社区');
  });

  it('an idle session expires after the idle timeout (P7: 30 minutes)', async () => {
    const { oneTimePassword } = await newWorker('idle.user');
    const c = new Client(t);
    await c.signIn('idle.user', oneTimePassword);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(29);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(31);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('lists my sessions and revokes one; a revoked session is signed out', async () => {
    const { oneTimePassword } = await newWorker('two.devices');
    const phone = new Client(t);
    await phone.signIn('two.devices', oneTimePassword, { newPassword: STRONG });
    const desk = new Client(t);
    await desk.signIn('two.devices', STRONG);
    const listRes = await desk.get('/api/auth/sessions');
    expect(listRes.statusCode, listRes.body).toBe(200);
    const list = listRes.json().items as { id: string; current: boolean }[];
    expect(list).toHaveLength(2);
    const other = list.find((s) => !s.current);
    if (!other) throw new Error(JSON.stringify(list));
    expect((await desk.del(`/api/auth/sessions/${other.id}`)).statusCode).toBe(200);
    expect((await phone.get('/api/auth/me')).statusCode).toBe(401);
    expect((await desk.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('sign-out ends the session', async () => {
    const { oneTimePassword } = await newWorker('bye.user');
    const c = new Client(t);
    await c.signIn('bye.user', oneTimePassword);
    const cookie = c.cookie;
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    c.cookie = cookie;
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('sets HttpOnly SameSite cookies and security headers', async () => {
    const c = new Client(t);
    const { oneTimePassword } = await newWorker('hdr.user');
    const res = await c.post('/api/auth/login', { username: 'hdr.user', password: oneTimePassword });
    const cookie = res.cookies.find((x) => x.name === 'sf_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });

  it('records sign-in, failures, the password change and sign-out in the audit trail', async () => {
    const { user, oneTimePassword } = await newWorker('audit.trail');
    const c = new Client(t);
    expect((await c.post('/api/auth/login', { username: 'audit.trail', password: 'wrong-once' })).statusCode).toBe(401);
    expect((await c.signIn('audit.trail', oneTimePassword)).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    const rows = (await admin.get('/api/audit?action=auth.&actor=audit.trail&limit=500')).json().items as { action: string; outcome: string; entityId: string | null }[];
    expect(rows.some((r) => r.action === 'auth.login' && r.outcome === 'failure')).toBe(true);
    expect(rows.some((r) => r.action === 'auth.login' && r.outcome === 'success')).toBe(true);
    expect(rows.some((r) => r.action === 'auth.logout')).toBe(true);
    expect(rows.some((r) => r.action === 'auth.password_change')).toBe(true);
    expect(rows.every((r) => r.entityId === null || r.entityId === user.id)).toBe(true);
  });
});

describe('sign-in rate limit', () => {
  it('refuses sign-in attempts beyond the per-minute limit with 429', async () => {
    const t = await startTestApp('pglite', { SUNFLOWER_LOGIN_RATE_PER_MINUTE: '3' });
    try {
      const c = new Client(t);
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await c.post('/api/auth/login', { username: 'x', password: 'y' })).statusCode);
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes[3]).toBe(429);
    } finally {
      await t.close();
    }
  });
});

describe('sign-in details for the web app', () => {
  it('me names units and roles and gives the password policy; sign-in rows name their actor; setup keeps its secret', async () => {
    const t = await startTestApp('pglite');
    try {
      const admin = await adminClient(t);
      const me = (await admin.get('/api/auth/me')).json();
      expect(me.grants[0]).toMatchObject({ orgName: '本市', roleNameZh: expect.any(String) });
      expect(me.passwordPolicy).toEqual({ minLength: 8, minClasses: 3 });
      const logins = (await admin.get('/api/audit?action=auth.login&actor=admin')).json();
      expect(logins.total).toBeGreaterThan(0);
      const root = (await admin.get('/api/org-units')).json().items[0].id;
      const created = (await admin.post('/api/users', { username: 'setup.twice', displayName: 's', orgUnitId: root })).json();
      const roles = (await admin.get('/api/roles')).json().items as { code: string; id: string }[];
      await admin.post(`/api/users/${created.user.id}/grants`, { roleId: roles.find((r) => r.code === 'audit_admin')!.id, orgUnitId: root });
      const c = new Client(t);
      await c.post('/api/auth/login', { username: 'setup.twice', password: created.oneTimePassword });
      expect((await c.post('/api/auth/password', { currentPassword: created.oneTimePassword, newPassword: STRONG })).json().stage).toBe('mfa_setup');
      const a = (await c.post('/api/auth/mfa/setup')).json().secret;
      const b = (await c.post('/api/auth/mfa/setup')).json().secret;
      expect(b).toBe(a);
    } finally {
      await t.close();
    }
  });
});
