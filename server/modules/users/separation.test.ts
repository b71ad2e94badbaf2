import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { adminClient, Client, idNumber, startTestApp, STRONG, testDbKinds, userWith, type TestApp } from '../../test/harness';
import { builtinRoles } from '../../../core/contracts/permissions';
import { mixesDuties } from './separation';

// 三员分立 (RULES P6) on every path that changes what an account may do, and the
// administrator's password reset that must not become a way into person data (issue 9 §2, §3).

let seq = 0;
const unique = (prefix: string) => `${prefix}${++seq}`;

describe.each(testDbKinds())('separation of duties on %s', (kind) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof adminClient>>;
  let root: string;
  let roles: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await adminClient(t);
    root = (await admin.get('/api/org-units')).json().items[0].id;
    roles = Object.fromEntries(((await admin.get('/api/roles')).json().items as { code: string; id: string }[]).map((r) => [r.code, r.id]));
  });
  afterAll(() => t.close());

  const street = async () => {
    const district = (await admin.post('/api/org-units', { parentId: root, level: 'district', name: unique('区') })).json().id as string;
    return (await admin.post('/api/org-units', { parentId: district, level: 'street', name: unique('街道') })).json().id as string;
  };

  const customRole = async (permissions: string[]) => {
    const res = await admin.post('/api/roles', { code: unique('custom_'), nameZh: unique('自定义'), nameEn: unique('Custom '), permissions });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  /** A signed-in account holding `role` on `unit`, with its username. */
  const account = async (role: string, unit: string) => {
    const username = unique(`${role.replace(/_/g, '')}.`);
    return Object.assign(await userWith(t, admin, username, role, unit), { username });
  };

  const grant = (userId: string, roleId: string, orgUnitId = root) => admin.post(`/api/users/${userId}/grants`, { roleId, orgUnitId });

  it('P6: a role widened after grant is refused for an administrator', async () => {
    const sys = await account('system_admin', root);
    const viewer = await customRole(['org.read']);
    expect((await grant(sys.userId, viewer)).statusCode).toBe(201);
    const widened = await admin.patch(`/api/roles/${viewer}`, { permissions: ['org.read', 'person.read', 'person.pii.read'] });
    expect(widened.statusCode).toBe(400);
    expect(widened.json().error.fields[0]).toMatchObject({ path: 'permissions', code: 'role.separation_of_duties_granted' });
    expect(widened.json().error.fields[0].message['zh-CN']).toContain('三员分立');
    const kept = ((await admin.get('/api/roles')).json().items as { id: string; permissions: string[] }[]).find((r) => r.id === viewer)!;
    expect(kept.permissions).toEqual(['org.read']);
    expect((await sys.get('/api/persons')).statusCode).toBe(403);
    // A harmless change of the same role still goes through.
    expect((await admin.patch(`/api/roles/${viewer}`, { permissions: ['org.read', 'user.read'] })).statusCode).toBe(200);
  });

  it("P6: a worker's role widened into administration is refused too", async () => {
    const worker = await account('social_worker', await street());
    const helper = await customRole(['report.read']);
    expect((await grant(worker.userId, helper)).statusCode).toBe(201);
    const widened = await admin.patch(`/api/roles/${helper}`, { permissions: ['report.read', 'audit.read'] });
    expect(widened.json().error.fields[0].code).toBe('role.separation_of_duties_granted');
    expect((await worker.get('/api/audit')).statusCode).toBe(403);
  });

  it('P6: a grant that would mix duties is refused, whichever side comes first', async () => {
    const sys = await account('system_admin', root);
    const res = await grant(sys.userId, roles.grid_worker!);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('grant.separation_of_duties');
    const grid = await account('grid_worker', await street());
    expect((await grant(grid.userId, roles.audit_admin!)).json().error.code).toBe('grant.separation_of_duties');
  });

  it('P6: no built-in role mixes duties, and a change of the built-in roles that would is refused at start', async () => {
    expect(builtinRoles.filter((r) => mixesDuties(r.permissions)).map((r) => r.code)).toEqual([]);
    const auditor = await account('audit_admin', root);
    expect((await grant(auditor.userId, roles.leader!)).statusCode).toBe(201);
    // As if a new release gave the read-only leader role person data: the start is refused, nothing changes.
    const widened = builtinRoles.map((r) => (r.code === 'leader' ? { ...r, permissions: [...r.permissions, 'person.read' as const] } : r));
    await expect(t.services.users.syncBuiltinRoles(widened)).rejects.toThrow(/三员分立/);
    const leader = ((await admin.get('/api/roles')).json().items as { code: string; permissions: string[] }[]).find((r) => r.code === 'leader')!;
    expect(leader.permissions).not.toContain('person.read');
    await expect(t.services.users.syncBuiltinRoles()).resolves.toBeUndefined();
  });

  it('P6: the system administrator cannot take over a district office by resetting its password', async () => {
    const district = (await admin.post('/api/org-units', { parentId: root, level: 'district', name: unique('区') })).json().id as string;
    const inDistrict = (await admin.post('/api/org-units', { parentId: district, level: 'street', name: unique('街道') })).json().id as string;
    const office = await account('drug_control_office', district);
    const person = await office.post('/api/persons', { orgUnitId: inDistrict, name: '李四', idNumber: idNumber('110101', '19800101', ++seq) });
    expect(person.statusCode, person.body).toBe(201);
    const sys = await account('system_admin', root);

    // The reset hands the system administrator only the first part; the office's sessions end.
    const reset = await sys.post(`/api/users/${office.userId}/reset-password`);
    expect(reset.json()).toMatchObject({ part: 'first' });
    const first = reset.json().oneTimePassword as string;
    expect(first).toHaveLength(10);
    expect((await office.get('/api/auth/me')).statusCode).toBe(401);
    // The attack: sign in as the office with what the reset gave, then read its files.
    const attacker = new Client(t);
    expect((await attacker.post('/api/auth/login', { username: office.username, password: first })).statusCode).toBe(401);
    expect((await attacker.get(`/api/persons/${person.json().id}`)).statusCode).toBe(401);
    // The second part is a security administrator's duty, not the system administrator's.
    expect((await sys.post(`/api/users/${office.userId}/reset-password/second-part`)).statusCode).toBe(403);
    expect((await sys.get(`/api/persons/${person.json().id}`)).statusCode).toBe(403);

    // The holder gets the second part from a security administrator and signs in with both.
    const sec = await account('security_admin', root);
    const second = await sec.post(`/api/users/${office.userId}/reset-password/second-part`);
    expect(second.json()).toMatchObject({ part: 'second' });
    expect((await sec.post(`/api/users/${office.userId}/reset-password/second-part`)).json().error.code).toBe('user.reset_not_pending');
    const holder = new Client(t);
    const signIn = await holder.post('/api/auth/login', { username: office.username, password: first + second.json().oneTimePassword });
    expect(signIn.json().stage).toBe('password_change');
    const audit = (await admin.get(`/api/audit?action=user.password_reset&limit=50`)).json().items as { action: string; entityId: string }[];
    expect(
      audit
        .filter((a) => a.entityId === office.userId)
        .map((a) => a.action)
        .sort(),
    ).toEqual(['user.password_reset', 'user.password_reset_second_part']);
  });

  it('P6: the administrator who reset cannot issue the second part as well', async () => {
    const worker = await account('social_worker', await street());
    // The bootstrap admin holds all three administrator roles, and still cannot do both halves.
    expect((await admin.post(`/api/users/${worker.userId}/reset-password`)).json().part).toBe('first');
    const again = await admin.post(`/api/users/${worker.userId}/reset-password/second-part`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('user.reset_same_administrator');
    expect((await admin.get(`/api/users/${worker.userId}`)).json().resetPending).toBe(true);
  });

  it('P6: an account without person data gets its one-time password whole', async () => {
    const leader = await account('leader', root);
    const reset = (await admin.post(`/api/users/${leader.userId}/reset-password`)).json();
    expect(reset).toMatchObject({ part: 'whole' });
    const c = new Client(t);
    expect((await c.post('/api/auth/login', { username: leader.username, password: reset.oneTimePassword })).json().stage).toBe('password_change');
    expect((await c.post('/api/auth/password', { currentPassword: reset.oneTimePassword, newPassword: STRONG })).json().stage).toBe('active');
  });

  it('C4: the street officer (built-in role) decides leave in the street, not elsewhere', async () => {
    const s = await street();
    const other = await street();
    const community = (await admin.post('/api/org-units', { parentId: s, level: 'community', name: unique('社区') })).json().id as string;
    const officer = await account('officer', s);
    const elsewhere = await account('officer', other);
    const worker = await account('social_worker', community);
    const personId = (await officer.post('/api/persons', { orgUnitId: community, name: '王五', idNumber: idNumber('110101', '19850505', ++seq) })).json().id;
    const m = (await officer.post(`/api/persons/${personId}/measures`, { kind: 'community_detox', decisionDate: '2026-09-20', decisionReceivedDate: '2026-09-20' })).json();
    expect((await officer.post(`/api/measures/${m.id}/events`, { type: 'report', date: '2026-09-25' })).statusCode).toBe(200);
    const leave = await worker.post(`/api/persons/${personId}/leaves`, { from: '2026-11-25', to: '2026-11-28', destination: '浙江省杭州市', reason: '探望生病的母亲' });
    expect(leave.statusCode, leave.body).toBe(201);
    expect((await worker.post(`/api/leaves/${leave.json().id}/decision`, { decision: 'approve' })).statusCode).toBe(403);
    expect((await elsewhere.post(`/api/leaves/${leave.json().id}/decision`, { decision: 'approve' })).statusCode).toBe(404);
    const decided = await officer.post(`/api/leaves/${leave.json().id}/decision`, { decision: 'approve', note: '同意' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'approved', decidedBy: officer.userId });
  });
});
