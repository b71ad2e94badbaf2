import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestApp, testDbKinds, adminClient, Client, type TestApp } from '../../test/harness';

describe.each(testDbKinds())('permissions by org subtree on %s', (kind) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof adminClient>>;
  const ids: Record<string, string> = {};
  let roles: Record<string, string> = {};

  async function userWithRole(username: string, role: string, unit: string) {
    const created = (await admin.post('/api/users', { username, displayName: username, orgUnitId: ids[unit] })).json();
    const g = await admin.post(`/api/users/${created.user.id}/grants`, { roleId: roles[role], orgUnitId: ids[unit] });
    expect(g.statusCode, g.body).toBe(201);
    const c = new Client(t);
    const res = await c.signIn(username, created.oneTimePassword);
    expect(res.statusCode, res.body).toBe(200);
    return { client: c, id: created.user.id as string };
  }

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await adminClient(t);
    roles = Object.fromEntries(((await admin.get('/api/roles')).json().items as { code: string; id: string }[]).map((r) => [r.code, r.id]));
    ids.root = (await admin.get('/api/org-units')).json().items[0].id;
    const mk = async (key: string, parent: string, level: string, name: string) => {
      ids[key] = (await admin.post('/api/org-units', { parentId: ids[parent], level, name })).json().id;
    };
    await mk('east', 'root', 'district', '东区');
    await mk('west', 'root', 'district', '西区');
    await mk('eastStreet', 'east', 'street', '东一街道');
    await mk('eastCommunity', 'eastStreet', 'community', '东一社区');
    await mk('westStreet', 'west', 'street', '西一街道');
  });
  afterAll(() => t.close());

  it('a user with a role on a street sees that subtree and nothing else', async () => {
    const { client } = await userWithRole('sw.east', 'social_worker', 'eastStreet');
    const units = (await client.get('/api/org-units')).json().items as { id: string; path: string }[];
    // Judged by path, not by a fixed list: another test may add a community under this street.
    expect(units.map((u) => u.id)).toEqual(expect.arrayContaining([ids.eastStreet, ids.eastCommunity]));
    for (const u of units) expect(u.path).toContain(`/${ids.eastStreet}/`);
  });

  it('an out-of-scope id answers 404, exactly like a missing one', async () => {
    const { client } = await userWithRole('sw.east2', 'social_worker', 'eastStreet');
    const outside = await client.get(`/api/org-units/${ids.westStreet}`);
    const missing = await client.get('/api/org-units/00000000-0000-4000-8000-000000000000');
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
  });

  it('a permission the user lacks answers 403', async () => {
    const { client } = await userWithRole('sw.east3', 'social_worker', 'eastStreet');
    expect((await client.get('/api/audit')).statusCode).toBe(403);
    expect((await client.post('/api/org-units', { parentId: ids.eastStreet, level: 'community', name: 'x' })).statusCode).toBe(403);
  });

  it('a street-level system administrator manages only inside the street', async () => {
    // system_admin is an administrator role, so the grant forces two-factor setup; signIn handles it.
    const { client } = await userWithRole('sys.east', 'system_admin', 'eastStreet');
    expect((await client.post('/api/org-units', { parentId: ids.eastStreet, level: 'community', name: '东二社区' })).statusCode).toBe(201);
    const outside = await client.post('/api/org-units', { parentId: ids.westStreet, level: 'community', name: '越权社区' });
    expect(outside.statusCode).toBe(404);
    const users = (await client.get('/api/users')).json().items as { username: string }[];
    expect(users.map((u) => u.username)).not.toContain('admin');
  });

  it('the three administrators cannot read person files, and cannot be given person permissions (三员分立)', async () => {
    const sec = await userWithRole('sec.admin', 'security_admin', 'root');
    const mixed = await admin.post(`/api/users/${sec.id}/grants`, { roleId: roles.social_worker, orgUnitId: ids.root });
    expect(mixed.statusCode).toBe(409);
    expect(mixed.json().error.code).toBe('grant.separation_of_duties');
    const role = await admin.post('/api/roles', { code: 'mixed_role', nameZh: '混合', nameEn: 'Mixed', permissions: ['audit.read', 'person.read'] });
    expect(role.statusCode).toBe(400);
    expect(role.json().error.fields[0].code).toBe('role.separation_of_duties');
  });

  it('nobody changes their own grants', async () => {
    const me = (await admin.get('/api/auth/me')).json().user.id;
    const res = await admin.post(`/api/users/${me}/grants`, { roleId: roles.officer, orgUnitId: ids.root });
    expect(res.statusCode).toBe(403);
  });

  it('custom roles: create, use, refuse deleting while granted, delete after', async () => {
    const res = await admin.post('/api/roles', { code: 'org_viewer', nameZh: '组织查看', nameEn: 'Org viewer', permissions: ['org.read'] });
    expect(res.statusCode).toBe(201);
    const roleId = res.json().id;
    roles.org_viewer = roleId;
    const u = await userWithRole('viewer.west', 'org_viewer', 'west');
    expect(((await u.client.get('/api/org-units')).json().items as unknown[]).length).toBe(2);
    expect((await admin.del(`/api/roles/${roleId}`)).json().error.code).toBe('role.in_use');
    const grants = (await admin.get(`/api/users/${u.id}/grants`)).json().items;
    await admin.del(`/api/users/${u.id}/grants/${grants[0].id}`);
    expect((await admin.del(`/api/roles/${roleId}`)).statusCode).toBe(200);
    // Without any grant the user sees nothing.
    expect((await u.client.get('/api/org-units')).statusCode).toBe(403);
  });

  it('a deactivated user is signed out and cannot sign in', async () => {
    const u = await userWithRole('leaving.user', 'grid_worker', 'eastCommunity');
    expect((await admin.patch(`/api/users/${u.id}`, { active: false })).statusCode).toBe(200);
    expect((await u.client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('password reset of a worker comes in two parts from two administrators, and ends the sessions (P6)', async () => {
    const u = await userWithRole('forgot.user', 'grid_worker', 'eastCommunity');
    const first = (await admin.post(`/api/users/${u.id}/reset-password`)).json();
    expect(first).toMatchObject({ part: 'first' });
    expect(first.oneTimePassword).toHaveLength(10);
    expect((await u.client.get('/api/auth/me')).statusCode).toBe(401);
    const sec = await userWithRole('sec.reset', 'security_admin', 'root');
    const second = (await sec.client.post(`/api/users/${u.id}/reset-password/second-part`)).json();
    expect(second.oneTimePassword).toHaveLength(10);
    const again = new Client(t);
    expect((await again.post('/api/auth/login', { username: 'forgot.user', password: first.oneTimePassword + second.oneTimePassword })).json().stage).toBe('password_change');
  });
});
