import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { idNumber, testDbKinds, userWith, type Client } from '../../test/harness';
import { auditLog } from '../audit/schema';
import { personUnderMeasure, tasksOf, world, type World } from '../../test/supervision-world';

describe.each(testDbKinds())('policy on %s', (kind) => {
  const setUp = async () => {
    const w = await world(kind, {}, 'p');
    const districtAdmin = await userWith(w.t, w.admin, 'p.dadmin', 'system_admin', w.units.district);
    const westOfficer = await userWith(w.t, w.admin, 'p.west', 'officer', w.units.otherDistrict);
    return { w, districtAdmin, westOfficer };
  };
  // The tests that only get refused share one world; a test that stores a version (or reads the
  // default) takes a world of its own, since versions are never taken back and tests run in any order.
  let w: World;
  let districtAdmin: Client;
  beforeAll(async () => {
    ({ w, districtAdmin } = await setUp());
  });
  afterAll(() => w.t.close());
  const own: World[] = [];
  const ownWorld = async () => {
    const made = await setUp();
    own.push(made.w);
    return made;
  };
  afterEach(async () => {
    for (const o of own.splice(0)) await o.t.close();
  });

  it('the default ships: version and chain', async () => {
    const { w } = await ownWorld();
    const res = await w.worker.get(`/api/policy?orgUnitId=${w.units.community}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 'default-2025.1', chain: [{ scope: 'default', version: 'default-2025.1' }], policy: { drugTests: { windowDays: 7 } } });
    expect((await w.outsider.get(`/api/policy?orgUnitId=${w.units.community}`)).statusCode).toBe(404);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['a negative window (T7)', { version: 'bad-1', drugTests: { windowDays: -1 } }, 'override.drugTests.windowDays', 'policy.invalid'],
    ['C1: more than the national 15 days', { version: 'bad-2', lifecycle: { reportWithinDays: 20 } }, 'override.lifecycle.reportWithinDays', 'policy.invalid'],
    ['an unknown setting', { version: 'bad-3', drugTests: { windowDayz: 3 } }, 'override.drugTests', 'policy.invalid'],
    ['no version', { drugTests: { windowDays: 3 } }, 'override.version', 'policy.invalid'],
    [
      'M7: early release not before the end of the term',
      { version: 'bad-4', measures: { compulsoryIsolationEarlyReleaseAfterYears: 2 } },
      'override.measures.compulsoryIsolationEarlyReleaseAfterYears',
      'policy.invalid',
    ],
  ])('an override is checked by the rules: %s → 400 with the field', async (_label, override, path, code) => {
    const res = await w.admin.post('/api/policy/versions', { orgUnitId: w.units.district, override });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('only districts take an override, only within my scope, and only policy managers', async () => {
    const street = await w.admin.post('/api/policy/versions', { orgUnitId: w.units.street, override: { version: 'st-1' } });
    expect(street.json().error.fields[0]).toMatchObject({ path: 'orgUnitId', code: 'policy.org_level' });
    expect((await districtAdmin.post('/api/policy/versions', { orgUnitId: w.units.otherDistrict, override: { version: 'x-1' } })).statusCode).toBe(404);
    expect((await districtAdmin.post('/api/policy/versions', { orgUnitId: null, override: { version: 'x-2' } })).json().error.code).toBe('policy.deployment_scope');
    expect((await w.officer.post('/api/policy/versions', { orgUnitId: w.units.district, override: { version: 'x-3' } })).statusCode).toBe(403);
  });

  it('a district override changes the schedules of its persons and the version they record; others keep theirs', async () => {
    const { w, districtAdmin, westOfficer } = await ownWorld();
    const ours = await personUnderMeasure(w, { reportDate: '2026-09-22' });
    const theirs = await personUnderMeasure(w, { reportDate: '2026-09-22', orgUnitId: w.units.otherDistrictCommunity, workerId: null, by: westOfficer });
    const firstTest = async (personId: string, c: Client = w.officer) => (await tasksOf(c, personId)).find((t) => t.key === 'drug_test:1')!;
    expect(await firstTest(ours.personId)).toMatchObject({ windowStart: '2026-10-15', policyVersion: 'default-2025.1' });

    const res = await districtAdmin.post('/api/policy/versions', {
      orgUnitId: w.units.district,
      reason: '区禁毒办决定：检测窗口 ±3 天，报到期限 2 天',
      override: { version: 'dongcheng-2026.1', drugTests: { windowDays: 3 }, lifecycle: { reportWithinDays: 2 } },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      version: { scope: 'district', orgUnitId: w.units.district, version: 'dongcheng-2026.1', effectiveVersion: 'default-2025.1+dongcheng-2026.1', current: true },
      effective: { version: 'default-2025.1+dongcheng-2026.1', chain: [{ scope: 'default' }, { scope: 'district', version: 'dongcheng-2026.1' }] },
    });
    expect(res.json().recomputedPersons).toBeGreaterThanOrEqual(1);
    // T7 under the district's policy: ±3 days, and the task says which version decided it.
    expect(await firstTest(ours.personId)).toMatchObject({
      dueDate: '2026-10-22',
      windowStart: '2026-10-19',
      windowEnd: '2026-10-25',
      policyVersion: 'default-2025.1+dongcheng-2026.1',
    });
    expect(await firstTest(theirs.personId, westOfficer)).toMatchObject({ windowStart: '2026-10-15', policyVersion: 'default-2025.1' });
    // The measures module resolves the person's policy too (C1: 2 days here).
    const p = (await w.officer.post('/api/persons', { orgUnitId: w.units.community, name: '新决定', idNumber: idNumber('110101', '19920202', 13) })).json();
    const m = await w.officer.post(`/api/persons/${p.id}/measures`, { kind: 'community_detox', decisionDate: '2026-11-20', decisionReceivedDate: '2026-11-20' });
    expect(m.json()).toMatchObject({ reportDeadline: '2026-11-22', policyVersion: 'default-2025.1+dongcheng-2026.1' });
    const audit = await w.t.services.db.select().from(auditLog).where(eq(auditLog.action, 'policy.override'));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.orgPath).toContain(w.units.district);
  });

  it('a deployment override sits under the district ones; one that breaks a district combination is refused', async () => {
    const { w, districtAdmin } = await ownWorld();
    const d1 = await districtAdmin.post('/api/policy/versions', {
      orgUnitId: w.units.district,
      override: { version: 'dongcheng-2026.1', drugTests: { windowDays: 3 }, lifecycle: { reportWithinDays: 2 } },
    });
    expect(d1.statusCode, d1.body).toBe(201);
    const dep = await w.admin.post('/api/policy/versions', {
      orgUnitId: null,
      override: { version: 'city-2026.1', lifecycle: { leaveRequestFromDays: 5 }, measures: { compulsoryIsolationTermYears: 3 } },
    });
    expect(dep.statusCode, dep.body).toBe(201);
    const eff = (await w.worker.get(`/api/policy?orgUnitId=${w.units.community}`)).json();
    expect(eff.version).toBe('default-2025.1+city-2026.1+dongcheng-2026.1');
    expect(eff.policy.lifecycle).toMatchObject({ leaveRequestFromDays: 5, reportWithinDays: 2 });
    expect((await w.worker.get(`/api/policy?orgUnitId=${w.units.otherDistrictCommunity}`)).statusCode).toBe(404);
    expect((await w.admin.get(`/api/policy?orgUnitId=${w.units.otherDistrictCommunity}`)).json().version).toBe('default-2025.1+city-2026.1');

    const d2 = await districtAdmin.post('/api/policy/versions', {
      orgUnitId: w.units.district,
      override: { version: 'dongcheng-2026.2', measures: { compulsoryIsolationEarlyReleaseAfterYears: 2 } },
    });
    expect(d2.statusCode, d2.body).toBe(201);
    const breaking = await w.admin.post('/api/policy/versions', { orgUnitId: null, override: { version: 'city-2026.2', measures: { compulsoryIsolationTermYears: 2 } } });
    expect(breaking.statusCode).toBe(400);
    expect(breaking.json().error.fields[0].code).toBe('policy.breaks_district');
    const taken = await w.admin.post('/api/policy/versions', { orgUnitId: null, override: { version: 'city-2026.1' } });
    expect(taken.statusCode).toBe(409);

    const history = (await w.admin.get('/api/policy/versions')).json().items as { version: string; current: boolean; createdByName: string }[];
    expect(history.map((h) => [h.version, h.current])).toEqual([
      ['dongcheng-2026.2', true],
      ['city-2026.1', true],
      ['dongcheng-2026.1', false],
    ]);
    expect(history[0]!.createdByName).toBe('p.dadmin');
    // A district administrator sees the deployment's versions and his district's.
    expect((await districtAdmin.get('/api/policy/versions')).json().items).toHaveLength(3);
  });

  it("a person moved to another district gets that district's policy at the next daily run", async () => {
    const { w, districtAdmin } = await ownWorld();
    const city = await w.admin.post('/api/policy/versions', { orgUnitId: null, override: { version: 'city-2026.1', lifecycle: { leaveRequestFromDays: 5 } } });
    expect(city.statusCode, city.body).toBe(201);
    const ours = await districtAdmin.post('/api/policy/versions', { orgUnitId: w.units.district, override: { version: 'dongcheng-2026.2', drugTests: { windowDays: 3 } } });
    expect(ours.statusCode, ours.body).toBe(201);
    const cityOfficer = await userWith(w.t, w.admin, 'p.city', 'officer', w.units.root);
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-09-22', by: cityOfficer, workerId: null });
    const version = async () => (await tasksOf(cityOfficer, personId))[0]!.policyVersion;
    expect(await version()).toBe('default-2025.1+city-2026.1+dongcheng-2026.2');
    const moved = await cityOfficer.post(`/api/persons/${personId}/assignment`, { orgUnitId: w.units.otherDistrictCommunity, workerId: null, reason: '迁居西城' });
    expect(moved.statusCode, moved.body).toBe(200);
    await w.t.services.scheduler.runNow('supervision.recompute');
    expect(await version()).toBe('default-2025.1+city-2026.1');
  });
});
