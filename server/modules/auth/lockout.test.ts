import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { adminClient, Client, startTestApp, STRONG, testDbKinds, type TestApp } from '../../test/harness';

// Lockout that neither tells which names exist nor lets anyone lock an account at will
// (RULES P7, issue 9 §6; docs/decisions/0005-sign-in-lockout.md), and the client address that
// the limits and the audit trail use (issue 9 §5).

let seq = 0;

describe.each(testDbKinds())('sign-in lockout on %s', (kind) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof adminClient>>;
  let root: string;

  beforeAll(async () => {
    // A small account-wide threshold, so that the spread-out guessing test stays short.
    t = await startTestApp(kind, { SUNFLOWER_LOCKOUT_ACCOUNT_THRESHOLD: '12' });
    admin = await adminClient(t);
    root = (await admin.get('/api/org-units')).json().items[0].id;
  });
  afterAll(() => t.close());

  /** A plain account (no second factor) with the password STRONG, signed in once from `home`. */
  async function account(home: string) {
    const username = `lock.${++seq}`;
    const created = (await admin.post('/api/users', { username, displayName: username, orgUnitId: root, password: STRONG })).json();
    const c = from(home);
    await c.post('/api/auth/login', { username, password: STRONG });
    await c.post('/api/auth/password', { currentPassword: STRONG, newPassword: `${STRONG}x` });
    return { username, id: created.user.id as string, password: `${STRONG}x` };
  }

  const from = (address: string) => Object.assign(new Client(t), { address });
  const login = (address: string, username: string, password: string) => from(address).post('/api/auth/login', { username, password });

  it('P7: a locked account answers exactly like a wrong password and an unknown name', async () => {
    const a = await account('10.1.0.1');
    const wrong = await login('10.1.0.9', a.username, 'Wrong#Password1');
    for (let i = 2; i <= 5; i++) await login('10.1.0.9', a.username, `Wrong#Password${i}`);
    const locked = await login('10.1.0.9', a.username, a.password);
    const unknown = await login('10.1.0.9', `nobody.${seq}`, a.password);
    for (const r of [wrong, locked, unknown]) {
      expect(r.statusCode).toBe(401);
      expect(r.headers['retry-after']).toBeUndefined();
    }
    expect(locked.json()).toEqual(wrong.json());
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json().error.code).toBe('auth.invalid_credentials');
    // The security administrator sees the lock and can lift it.
    expect((await admin.get(`/api/users/${a.id}`)).json().locked).toBe(true);
    expect((await admin.post(`/api/users/${a.id}/unlock`)).statusCode).toBe(200);
    expect((await login('10.1.0.9', a.username, a.password)).statusCode).toBe(200);
  });

  it('P7: five wrong passwords lock the guessing address out, not the holder elsewhere', async () => {
    const a = await account('10.2.0.1');
    for (let i = 1; i <= 5; i++) expect((await login('10.2.0.66', a.username, `Wrong#Guess${i}`)).statusCode).toBe(401);
    expect((await login('10.2.0.66', a.username, a.password)).statusCode).toBe(401);
    // The holder at the office, and even at a new address, is not locked out by the guesser.
    expect((await login('10.2.0.1', a.username, a.password)).statusCode).toBe(200);
    expect((await login('10.2.0.77', a.username, a.password)).statusCode).toBe(200);
    const rows = (await admin.get(`/api/audit?action=auth.login&actor=${a.username}&limit=50`)).json().items as {
      outcome: string;
      details: { reason?: string; addressLocked?: boolean };
    }[];
    expect(rows.some((r) => r.details?.reason === 'wrong_password' && r.details.addressLocked === true)).toBe(true);
    expect(rows.some((r) => r.details?.reason === 'locked')).toBe(true);
  });

  it('P7: guessing spread over many addresses locks the account, except where it last signed in', async () => {
    const a = await account('10.3.0.1');
    // 12 failures (the account-wide threshold of this app) from 4 addresses, 3 each: none locks alone.
    for (let i = 0; i < 12; i++) await login(`10.3.1.${i % 4}`, a.username, `Wrong#Spread${i}`);
    expect((await login('10.3.9.9', a.username, a.password)).statusCode).toBe(401);
    expect((await login('10.3.0.1', a.username, a.password)).statusCode).toBe(200);
  });

  it('P7: parallel guesses cannot slip past the threshold', async () => {
    const a = await account('10.4.0.1');
    const burst = await Promise.all(Array.from({ length: 9 }, (_, i) => login('10.4.0.66', a.username, `Wrong#Burst${i}`)));
    expect(burst.every((r) => r.statusCode === 401)).toBe(true);
    expect((await login('10.4.0.66', a.username, a.password)).statusCode).toBe(401);
    // Of the nine, five were checked (and locked the address); the other four were refused unchecked.
    const rows = (await admin.get(`/api/audit?action=auth.login&actor=${a.username}&limit=50`)).json().items as { details: { reason?: string } }[];
    expect(rows.filter((r) => r.details?.reason === 'wrong_password')).toHaveLength(5);
  });

  it('P7: by default a forged X-Forwarded-For reaches neither the audit trail nor the sign-in limit', async () => {
    const a = await account('10.5.0.1');
    const c = from('10.5.0.2');
    const res = await c.req('POST', '/api/auth/login', { username: a.username, password: a.password }, { 'x-forwarded-for': '203.0.113.7' });
    expect(res.statusCode).toBe(200);
    const rows = (await admin.get(`/api/audit?action=auth.login&actor=${a.username}&limit=5`)).json().items as { ip: string | null }[];
    expect(rows[0]!.ip).toBe('10.5.0.2');
    // Changing the header does not make a guesser a new address: the lock holds.
    for (let i = 1; i <= 5; i++) {
      await c.req('POST', '/api/auth/login', { username: a.username, password: `Wrong#Fwd${i}` }, { 'x-forwarded-for': `198.51.100.${i}` });
    }
    const right = await c.req('POST', '/api/auth/login', { username: a.username, password: a.password }, { 'x-forwarded-for': '198.51.100.99' });
    expect(right.statusCode).toBe(401);
  });
});

describe('the client address behind a proxy (issue 9 §5)', () => {
  it('P7: the per-address sign-in limit counts sockets, whatever X-Forwarded-For says', async () => {
    const t = await startTestApp('pglite', { SUNFLOWER_LOGIN_RATE_PER_MINUTE: '3' });
    try {
      const c = new Client(t);
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await c.req('POST', '/api/auth/login', { username: 'x', password: 'y' }, { 'x-forwarded-for': `198.51.100.${i}` })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await t.close();
    }
  });

  it('P7: with SUNFLOWER_TRUST_PROXY naming the proxy, its X-Forwarded-For is the client', async () => {
    const t = await startTestApp('pglite', { SUNFLOWER_TRUST_PROXY: '10.0.0.0/8', SUNFLOWER_LOGIN_RATE_PER_MINUTE: '3' });
    try {
      const admin = await adminClient(t);
      const proxy = Object.assign(new Client(t), { address: '10.0.0.5' });
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await proxy.req('POST', '/api/auth/login', { username: 'x', password: 'y' }, { 'x-forwarded-for': `198.51.100.${i}` })).statusCode);
      expect(codes).toEqual([401, 401, 401, 401]);
      const rows = (await admin.get('/api/audit?action=auth.login&limit=5')).json().items as { ip: string | null }[];
      expect(rows[0]!.ip).toBe('198.51.100.3');
      // A client that is not the proxy cannot claim another address.
      const direct = Object.assign(new Client(t), { address: '192.0.2.10' });
      await direct.req('POST', '/api/auth/login', { username: 'x', password: 'y' }, { 'x-forwarded-for': '198.51.100.200' });
      expect(((await admin.get('/api/audit?action=auth.login&limit=1')).json().items[0] as { ip: string }).ip).toBe('192.0.2.10');
    } finally {
      await t.close();
    }
  });
});
