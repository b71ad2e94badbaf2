import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestApp, testDbKinds, adminClient, type TestApp } from '../../test/harness';

type Unit = { id: string; parentId: string | null; name: string; path: string; depth: number; level: string; active: boolean };

describe.each(testDbKinds())('org tree on %s', (kind) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof adminClient>>;
  let root: Unit;
  const create = async (parentId: string, level: string, name: string) => {
    const res = await admin.post('/api/org-units', { parentId, level, name });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Unit;
  };
  const list = async () => (await admin.get('/api/org-units')).json().items as Unit[];

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await adminClient(t);
    root = (await list())[0]!;
  });
  afterAll(() => t.close());

  it('creates units level by level, each path under its parent', async () => {
    const d = await create(root.id, 'district', '朝阳区');
    const s = await create(d.id, 'street', '建外街道');
    const c = await create(s.id, 'community', '永安里社区');
    const g = await create(c.id, 'grid', '第一网格');
    expect(g.path).toBe(`${root.path}${d.id}/${s.id}/${c.id}/${g.id}/`);
    expect(g.depth).toBe(5);
  });

  it.each([
    ['street', 'street', 'org.level_invalid'],
    ['street', 'district', 'org.level_invalid'],
    ['grid', 'community', 'org.level_invalid'],
  ])('refuses a %s under a unit whose child would be a %s (levels go down only)', async (parentLevel, childLevel, code) => {
    const d = await create(root.id, 'district', `区-${parentLevel}-${childLevel}`);
    let parent: Unit = d;
    if (parentLevel !== 'district') parent = await create(d.id, 'street', `街道-${childLevel}`);
    if (parentLevel === 'grid') parent = await create((await create(parent.id, 'community', `社区-${childLevel}`)).id, 'grid', '网格');
    const res = await admin.post('/api/org-units', { parentId: parent.id, level: childLevel, name: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(code);
  });

  it('rejects bad input with field codes and writes nothing', async () => {
    const res = await admin.post('/api/org-units', { parentId: 'not-a-uuid', level: 'village', name: '' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields as { path: string; code: string; message: Record<string, string> }[];
    expect(fields.map((f) => f.path).sort()).toEqual(['body.level', 'body.name', 'body.parentId']);
    expect(fields.every((f) => f.message['zh-CN'] && f.message['en-US'])).toBe(true);
  });

  it('renames, and refuses a duplicate name among siblings', async () => {
    const d = await create(root.id, 'district', '海淀区');
    await create(root.id, 'district', '丰台区');
    const res = await admin.patch(`/api/org-units/${d.id}`, { name: '丰台区' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('org.name_taken');
    const ok = await admin.patch(`/api/org-units/${d.id}`, { name: '海淀区（改）', code: 'HD01' });
    expect(ok.json()).toMatchObject({ name: '海淀区（改）', code: 'HD01' });
  });

  it('moves a unit with its whole subtree, and refuses cycles', async () => {
    const a = await create(root.id, 'district', '甲区');
    const b = await create(root.id, 'district', '乙区');
    const s = await create(a.id, 'street', '移动街道');
    const c = await create(s.id, 'community', '移动社区');
    const moved = await admin.post(`/api/org-units/${s.id}/move`, { parentId: b.id });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = await list();
    expect(after.find((u) => u.id === c.id)!.path).toBe(`${b.path}${s.id}/${c.id}/`);
    // A unit cannot go under its own descendant.
    const cycle = await admin.post(`/api/org-units/${b.id}/move`, { parentId: c.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.code).toMatch(/org\.(cycle|level_invalid)/);
    const self = await admin.post(`/api/org-units/${s.id}/move`, { parentId: s.id });
    expect(self.json().error.code).toBe('org.cycle');
  });

  it('deactivates a unit with its subtree; no new units under it', async () => {
    const d = await create(root.id, 'district', '停用区');
    const s = await create(d.id, 'street', '停用街道');
    expect((await admin.patch(`/api/org-units/${d.id}`, { active: false })).statusCode).toBe(200);
    const units = await list();
    expect(units.find((u) => u.id === s.id)!.active).toBe(false);
    const res = await admin.post('/api/org-units', { parentId: s.id, level: 'community', name: '新社区' });
    expect(res.json().error.code).toBe('org.inactive_parent');
  });

  it('deletes an empty unit, and refuses one that still holds records', async () => {
    const d = await create(root.id, 'district', '删除区');
    const s = await create(d.id, 'street', '有人街道');
    const withChild = await admin.del(`/api/org-units/${d.id}`);
    expect(withChild.statusCode).toBe(409);
    expect(withChild.json().error.code).toBe('org.has_records');
    await admin.post('/api/users', { username: 'holder', displayName: '占用者', orgUnitId: s.id });
    const withUser = await admin.del(`/api/org-units/${s.id}`);
    expect(withUser.statusCode).toBe(409);
    expect(withUser.json().error.message['en-US']).toContain('users');
    const empty = await create(d.id, 'street', '空街道');
    expect((await admin.del(`/api/org-units/${empty.id}`)).statusCode).toBe(200);
    expect((await list()).some((u) => u.id === empty.id)).toBe(false);
  });

  it('answers 404 for an id that does not exist', async () => {
    const res = await admin.get('/api/org-units/00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('org.not_found');
  });
});
