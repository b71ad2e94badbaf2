import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { adminClient, Client, nextTotpCode, startTestApp, STRONG, testDbKinds, userWith, type Authenticator, type TestApp } from '../../test/harness';
import { totpCodeForStep, totpStep } from './totp';

// The second factor (RULES P7, issue 9 §4): not guessable, not replayable, not replaceable
// from an open session without proof, and the session's token renewed when it completes.

let seq = 0;

describe.each(testDbKinds())('the second factor on %s', (kind) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof adminClient>>;
  let root: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await adminClient(t);
    root = (await admin.get('/api/org-units')).json().items[0].id;
  });
  afterAll(() => t.close());

  /** An audit administrator (two factors required), enrolled; sign-ins start from `address`. */
  async function enrolled() {
    const username = `auditor.${++seq}`;
    const c = await userWith(t, admin, username, 'audit_admin', root);
    return { username, userId: c.userId, totp: c.totp, session: c };
  }

  async function atCodeStep(username: string, address: string) {
    const c = new Client(t);
    c.address = address;
    const res = await c.post('/api/auth/login', { username, password: STRONG });
    expect(res.json().stage, res.body).toBe('mfa');
    return c;
  }

  /** A code that no step within the drift window gives. */
  const wrongCode = (totp: Authenticator) => {
    const now = totpStep(t.clock.now());
    const valid = new Set([now - 1, now, now + 1].map((step) => totpCodeForStep(totp.value!, step)));
    let code = 0;
    while (valid.has(String(code).padStart(6, '0'))) code++;
    return String(code).padStart(6, '0');
  };

  it('P7: five wrong codes end the session and lock the address out of the account, as for passwords', async () => {
    const a = await enrolled();
    const c = await atCodeStep(a.username, '10.9.0.1');
    for (let i = 1; i <= 4; i++) {
      const r = await c.post('/api/auth/mfa', { code: wrongCode(a.totp) });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.fields[0].code).toBe('auth.mfa_invalid');
    }
    const fifth = await c.post('/api/auth/mfa', { code: wrongCode(a.totp) });
    expect(fifth.statusCode).toBe(401);
    expect(fifth.json().error.code).toBe('auth.mfa_locked');
    expect((await c.post('/api/auth/mfa', { code: nextTotpCode(t, a.totp) })).statusCode).toBe(401);
    // The address is locked out of the account: even the right password is refused there…
    const again = new Client(t);
    again.address = '10.9.0.1';
    expect((await again.post('/api/auth/login', { username: a.username, password: STRONG })).json().error.code).toBe('auth.invalid_credentials');
    // …while the holder elsewhere signs in.
    const holder = await atCodeStep(a.username, '10.9.0.2');
    expect((await holder.post('/api/auth/mfa', { code: nextTotpCode(t, a.totp) })).json().stage).toBe('active');
  });

  it('P7: a session that tries wrong codes from changing addresses still ends after five', async () => {
    const a = await enrolled();
    const c = await atCodeStep(a.username, '10.9.1.1');
    const codes: number[] = [];
    for (let i = 1; i <= 5; i++) {
      c.address = `10.9.1.${i}`;
      codes.push((await c.post('/api/auth/mfa', { code: wrongCode(a.totp) })).statusCode);
    }
    expect(codes).toEqual([400, 400, 400, 400, 401]);
  });

  it('P7: a code is accepted once: the same code in a second session is refused', async () => {
    const a = await enrolled();
    const first = await atCodeStep(a.username, '10.9.2.1');
    const second = await atCodeStep(a.username, '10.9.2.2');
    const code = nextTotpCode(t, a.totp);
    expect((await first.post('/api/auth/mfa', { code })).json().stage).toBe('active');
    const replay = await second.post('/api/auth/mfa', { code });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.fields[0].code).toBe('auth.mfa_used');
    expect((await second.get('/api/audit')).statusCode).toBe(403);
    // The next code works.
    expect((await second.post('/api/auth/mfa', { code: nextTotpCode(t, a.totp) })).json().stage).toBe('active');
  });

  it('P7: the session token is renewed when the second factor completes; the old one is dead', async () => {
    const a = await enrolled();
    const c = await atCodeStep(a.username, '10.9.3.1');
    const before = c.cookie;
    const csrfBefore = c.csrf;
    const done = await c.post('/api/auth/mfa', { code: nextTotpCode(t, a.totp) });
    expect(done.json().stage).toBe('active');
    expect(c.cookie).not.toBe(before);
    expect(c.csrf).not.toBe(csrfBefore);
    expect((await c.get('/api/audit')).statusCode).toBe(200);
    const stale = new Client(t);
    stale.cookie = before;
    expect((await stale.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('P7: replacing the authenticator needs the current code or the password, ends the other sessions and is audited', async () => {
    const a = await enrolled();
    const other = await atCodeStep(a.username, '10.9.4.2');
    expect((await other.post('/api/auth/mfa', { code: nextTotpCode(t, a.totp) })).json().stage).toBe('active');
    const c = a.session;
    const bare = await c.post('/api/auth/mfa/setup');
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.fields[0].code).toBe('auth.mfa_proof_required');
    expect((await c.post('/api/auth/mfa/setup', { password: 'Not#ThePassword1' })).json().error.fields[0].code).toBe('auth.password_wrong');
    expect((await c.post('/api/auth/mfa/setup', { code: wrongCode(a.totp) })).json().error.fields[0].code).toBe('auth.mfa_invalid');
    const setup = await c.post('/api/auth/mfa/setup', { code: nextTotpCode(t, a.totp) });
    expect(setup.statusCode, setup.body).toBe(200);
    const replaced: Authenticator = { value: setup.json().secret };
    expect((await c.post('/api/auth/mfa/confirm', { code: nextTotpCode(t, replaced) })).json().stage).toBe('active');
    expect((await other.get('/api/auth/me')).statusCode).toBe(401);
    // The old authenticator no longer signs in; the new one does.
    const next = await atCodeStep(a.username, '10.9.4.3');
    expect((await next.post('/api/auth/mfa', { code: nextTotpCode(t, a.totp) })).statusCode).toBe(400);
    expect((await next.post('/api/auth/mfa', { code: nextTotpCode(t, replaced) })).json().stage).toBe('active');
    const audit = (await admin.get(`/api/audit?action=auth.mfa_replace&actor=${a.username}`)).json().items as { outcome: string }[];
    expect(audit.map((r) => r.outcome).sort()).toEqual(['failure', 'success']);
  });

  it('P7: in the sign-in step the enrolment needs no more than the password just given', async () => {
    const created = (await admin.post('/api/users', { username: `newaudit.${++seq}`, displayName: 'n', orgUnitId: root })).json();
    const roles = (await admin.get('/api/roles')).json().items as { code: string; id: string }[];
    await admin.post(`/api/users/${created.user.id}/grants`, { roleId: roles.find((r) => r.code === 'audit_admin')!.id, orgUnitId: root });
    const c = new Client(t);
    await c.post('/api/auth/login', { username: created.user.username, password: created.oneTimePassword });
    expect((await c.post('/api/auth/password', { currentPassword: created.oneTimePassword, newPassword: STRONG })).json().stage).toBe('mfa_setup');
    // Without a body, as the web app sends it.
    const setup = await c.req('POST', '/api/auth/mfa/setup');
    expect(setup.statusCode, setup.body).toBe(200);
    const before = c.cookie;
    expect((await c.post('/api/auth/mfa/confirm', { code: nextTotpCode(t, { value: setup.json().secret }) })).json().stage).toBe('active');
    expect(c.cookie).not.toBe(before);
  });
});
