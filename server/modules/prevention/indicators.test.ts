import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testDbKinds } from '../../test/harness';
import { personUnderMeasure, world, type World } from '../../test/supervision-world';

// Issue 16 item 8: K12–K16 computable per unit and period, as service functions a governance
// module can read (RULES §6), and through /api/prevention/indicators.
describe.each(testDbKinds())('prevention indicators on %s', (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await world(kind, {}, 'ki');
  });
  afterAll(() => w.t.close());

  const pathOf = async (id: string) => (await w.admin.get(`/api/org-units/${id}`)).json().path as string;

  it('K12 counts persons under a community measure by their responsible worker: caseloads, the unassigned, 1 : 30', async () => {
    const path = await pathOf(w.units.community2);
    const k12 = w.t.services.prevention.indicator.k12;
    expect(await k12(w.t.services.db, path)).toEqual({ persons: 0, workers: 0, unassigned: 0, workersNeeded: 0, maxCaseload: 0, overCaseload: 0, met: true });
    await personUnderMeasure(w, { orgUnitId: w.units.community2, reportDate: '2026-10-01', workerId: null });
    expect(await k12(w.t.services.db, path)).toMatchObject({ persons: 1, workers: 0, unassigned: 1, workersNeeded: 1, met: false });
    await personUnderMeasure(w, { orgUnitId: w.units.community2, reportDate: '2026-10-01', kind: 'community_rehab' });
    await personUnderMeasure(w, { orgUnitId: w.units.community2, reportDate: '2026-10-02' });
    expect(await k12(w.t.services.db, path)).toEqual({ persons: 3, workers: 1, unassigned: 1, workersNeeded: 1, maxCaseload: 2, overCaseload: 0, met: true });
    // The street's figure holds its communities'; the API shows the same.
    const street = (await w.officer.get(`/api/prevention/indicators?orgUnitId=${w.units.street}&from=2026-01-01&to=2026-12-31`)).json();
    expect(street.k12.persons).toBeGreaterThanOrEqual(3);
    expect(street.k12).toMatchObject({ workersNeeded: 1, met: street.k12.workers >= 1 });
  });

  it('K13–K16 service functions read one subtree and period, the same figures as the API', async () => {
    const path = await pathOf(w.units.street);
    const ind = w.t.services.prevention.indicator;
    const db = w.t.services.db;
    const [from, to] = ['2026-01-01', '2026-12-31'];
    const before = { k13: await ind.k13(db, path, from, to), k16: await ind.k16(db, path, from, to) };
    const a = await w.worker.post('/api/prevention/activities', {
      orgUnitId: w.units.community,
      kind: 'talk',
      title: '禁毒讲座',
      audiences: ['residents'],
      heldOn: '2026-09-01',
      organiser: '社区',
      attendees: 80,
    });
    expect(a.statusCode, a.body).toBe(201);
    const t = await w.streetOffice.post('/api/prevention/trainings', {
      orgUnitId: w.units.street,
      topic: '培训',
      heldOn: '2026-09-02',
      minutes: 120,
      attendees: [{ userId: w.worker.userId, result: 'passed' }],
    });
    expect(t.statusCode, t.body).toBe(201);
    const k13 = await ind.k13(db, path, from, to);
    expect(k13).toMatchObject({ activities: before.k13.activities + 1, reach: before.k13.reach + 80, activitiesTarget: 12, reachTarget: 5000 });
    const k16 = await ind.k16(db, path, from, to);
    expect(k16.trainings).toBe(before.k16.trainings + 1);
    expect(k16.passRate.numerator).toBe(before.k16.passRate.numerator + 1);
    // Outside the period nothing counts; K14/K15 without answers have no rate and are not met.
    expect(await ind.k13(db, path, '2025-01-01', '2025-12-31')).toMatchObject({ activities: 0, reach: 0, met: false });
    expect(await ind.k14(db, path, '2025-01-01', '2025-12-31')).toEqual({ responses: 0, recognition: { numerator: 0, denominator: 0, rate: null }, target: 0.85, met: false });
    expect(await ind.k15(db, path, '2025-01-01', '2025-12-31')).toEqual({ responses: 0, satisfaction: { numerator: 0, denominator: 0, rate: null }, target: 0.9, met: false });
    const api = (await w.streetOffice.get(`/api/prevention/indicators?orgUnitId=${w.units.street}&from=${from}&to=${to}`)).json();
    expect(api.k13).toEqual(k13);
    expect(api.k16).toEqual(k16);
    expect(api.k14).toEqual(await ind.k14(db, path, from, to));
  });
});
