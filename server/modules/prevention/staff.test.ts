import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { testDbKinds, userWith, type Client } from '../../test/harness';
import { auditLog } from '../audit/schema';
import { personUnderMeasure, world, type World } from '../../test/supervision-world';

type Worker = { userId: string; grade: string; payGrade: string; payBand: { minYuan: number; maxYuan: number }; caseload: { persons: number; target: number; over: boolean } };
type Qual = { id: string; kind: string; state: string; daysLeft: number | null };

// Issue 16 item 3, K12: social-worker grades with the pay band that applies, qualifications and
// their states, caseloads from the real assignments and the unit's 1 : N ratio. Today is 2026-11-22.
describe.each(testDbKinds())('staff capacity on %s', (kind) => {
  let w: World;
  let sw2: Client & { userId: string };
  let theirs: Client & { userId: string };
  let leader: Client;
  const staffOf = async (c: Client, orgUnitId: string) => {
    const res = await c.get(`/api/prevention/staff?orgUnitId=${orgUnitId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      k12: Record<string, unknown>;
      workers: (Worker & { qualifications: Qual[]; displayName: string; orgUnitName: string })[];
      payBandsYuan: Record<string, unknown>;
    };
  };
  const row = async (c: Client, orgUnitId: string, userId: string) => (await staffOf(c, orgUnitId)).workers.find((x) => x.userId === userId);

  beforeAll(async () => {
    w = await world(kind, {}, 'cap');
    sw2 = await userWith(w.t, w.admin, 'cap.sw2', 'social_worker', w.units.community2);
    theirs = await userWith(w.t, w.admin, 'cap.theirs', 'social_worker', w.units.otherDistrictCommunity);
    leader = await userWith(w.t, w.admin, 'cap.leader', 'leader', w.units.district);
    // A district at 1 : 2 so that three persons overload one worker.
    const pol = await w.admin.post('/api/policy/versions', { orgUnitId: w.units.district, override: { version: 'cap-1', capacity: { personsPerWorker: 2 } } });
    expect(pol.statusCode, pol.body).toBe(201);
    for (let i = 0; i < 3; i++) await personUnderMeasure(w, { reportDate: '2026-10-01', name: `李${i}` });
    await personUnderMeasure(w, { reportDate: '2026-10-01', orgUnitId: w.units.community2, workerId: null, name: '未分配' });
  });
  afterAll(() => w.t.close());

  it('K12: lists the subtree’s social workers with caseloads from the real assignments against the policy’s ratio; the read is audited', async () => {
    const s = await staffOf(w.officer, w.units.street);
    expect(s.k12).toMatchObject({ persons: 4, workers: 1, unassigned: 1, workersNeeded: 2, personsPerWorker: 4, target: 2, maxCaseload: 3, overCaseload: 1, met: false });
    expect(s.workers.map((x) => x.userId).sort()).toEqual([w.worker.userId, sw2.userId].sort());
    expect(s.workers.find((x) => x.userId === w.worker.userId)).toMatchObject({
      displayName: 'cap.worker',
      orgUnitName: '多福巷社区',
      caseload: { persons: 3, target: 2, over: true },
    });
    expect(s.workers.find((x) => x.userId === sw2.userId)?.caseload).toEqual({ persons: 0, target: 2, over: false });
    const audit = (await w.t.services.db.select().from(auditLog).where(eq(auditLog.action, 'staff.list'))).find(
      (x) => (x.details as { orgUnitId?: string })?.orgUnitId === w.units.street,
    );
    expect(audit?.details).toMatchObject({ orgUnitId: w.units.street, returned: 2 });
    // Assigning the waiting person to the second worker moves K12.
    const person = (await w.officer.get(`/api/persons?q=${encodeURIComponent('未分配')}`)).json().items[0].id as string;
    const a = await w.officer.post(`/api/persons/${person}/assignment`, { orgUnitId: w.units.community2, workerId: sw2.userId, reason: '分配责任社工' });
    expect(a.statusCode, a.body).toBe(200);
    expect((await staffOf(w.officer, w.units.street)).k12).toMatchObject({ persons: 4, workers: 2, unassigned: 0, personsPerWorker: 2, met: true });
    // The indicator card (and the governance K12 built on it) uses the same policy figure: 4 persons at 1 : 2 need 2 workers, not 1.
    const ind = (await w.officer.get(`/api/prevention/indicators?orgUnitId=${w.units.street}&from=2026-01-01&to=2026-11-22`)).json();
    expect(ind.k12).toMatchObject({ persons: 4, workers: 2, workersNeeded: 2, met: true });
  });

  it('a grade is paid only as far as a social-work certificate in force proves it; states from the dates; writes audited without the number', async () => {
    const g = await w.officer.patch(`/api/prevention/staff/${w.worker.userId}/grade`, { grade: 'senior' });
    expect(g.statusCode, g.body).toBe(200);
    const bands = (await staffOf(w.officer, w.units.street)).payBandsYuan;
    expect(await row(w.officer, w.units.street, w.worker.userId)).toMatchObject({ grade: 'senior', payGrade: 'unqualified', payBand: bands.unqualified });
    const add = (body: Record<string, unknown>) => w.officer.post(`/api/prevention/staff/${w.worker.userId}/qualifications`, body);
    const mid = await add({ kind: 'sw_intermediate', number: 'ZJ-2020-000123', issuedOn: '2020-06-01' });
    expect(mid.statusCode, mid.body).toBe(201);
    expect(mid.json()).toMatchObject({ state: 'valid', daysLeft: null, expiresOn: null });
    expect((await row(w.officer, w.units.street, w.worker.userId))?.payGrade).toBe('intermediate');
    const senior = (await add({ kind: 'sw_senior', number: 'GJ-2023-000007', issuedOn: '2023-12-22', expiresOn: '2026-12-22' })).json();
    expect(senior).toMatchObject({ state: 'expiring', daysLeft: 30 });
    const expired = (await add({ kind: 'drug_control_post', number: 'JD-0042', issuedOn: '2023-11-01', expiresOn: '2026-11-01' })).json();
    expect(expired).toMatchObject({ state: 'expired', daysLeft: -21 });
    const r = await row(w.officer, w.units.street, w.worker.userId);
    expect(r).toMatchObject({ payGrade: 'senior', payBand: bands.senior });
    expect(r?.qualifications.map((x) => x.state)).toEqual(['valid', 'expired', 'expiring']);
    // Removing the senior certificate drops the pay band back to the proved grade.
    const del = await w.officer.del(`/api/prevention/staff/${w.worker.userId}/qualifications/${senior.id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect((await w.officer.del(`/api/prevention/staff/${w.worker.userId}/qualifications/${senior.id}`)).json().error.code).toBe('staff_qualification.not_found');
    expect((await row(w.officer, w.units.street, w.worker.userId))?.payGrade).toBe('intermediate');
    expect(await row(w.officer, w.units.street, sw2.userId)).toMatchObject({ grade: 'unqualified', payGrade: 'unqualified', payBand: bands.unqualified });
    const trail = await w.t.services.db.select().from(auditLog).where(like(auditLog.action, 'staff.%'));
    expect(trail.map((x) => x.action)).toEqual(expect.arrayContaining(['staff.grade', 'staff.qualification_add', 'staff.qualification_remove']));
    expect(trail.find((x) => x.action === 'staff.grade')?.details).toEqual({ from: 'unqualified', to: 'senior' });
    expect(JSON.stringify(trail)).not.toContain('GJ-2023');
  });

  it('scope: another unit’s worker, a non-social worker or a missing one is a 404; a read-only role cannot write', async () => {
    expect((await w.officer.patch(`/api/prevention/staff/${theirs.userId}/grade`, { grade: 'assistant' })).json().error.code).toBe('staff.not_found');
    expect((await w.outsider.patch(`/api/prevention/staff/${w.worker.userId}/grade`, { grade: 'assistant' })).statusCode).toBe(404);
    expect((await w.officer.patch(`/api/prevention/staff/${w.police.userId}/grade`, { grade: 'assistant' })).statusCode).toBe(404);
    expect(
      (await w.officer.post(`/api/prevention/staff/00000000-0000-4000-8000-000000000000/qualifications`, { kind: 'other', number: 'x', issuedOn: '2026-01-01' })).statusCode,
    ).toBe(404);
    expect((await w.outsider.del(`/api/prevention/staff/${w.worker.userId}/qualifications/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    expect((await w.worker.get(`/api/prevention/staff?orgUnitId=${w.units.otherDistrict}`)).statusCode).toBe(404);
    expect((await staffOf(w.outsider, w.units.otherStreet)).workers).toEqual([]);
    expect((await leader.get(`/api/prevention/staff?orgUnitId=${w.units.district}`)).statusCode).toBe(200);
    expect((await leader.patch(`/api/prevention/staff/${w.worker.userId}/grade`, { grade: 'assistant' })).statusCode).toBe(403);
  });

  it.each<[string, string, Record<string, unknown>, string, string]>([
    ['an unknown grade', 'grade', { grade: 'master' }, 'body.grade', 'validation.invalid_value'],
    ['an unknown certificate kind', 'qualifications', { kind: 'driving', number: 'A1', issuedOn: '2026-01-01' }, 'body.kind', 'validation.invalid_value'],
    ['an empty number', 'qualifications', { kind: 'other', number: ' ', issuedOn: '2026-01-01' }, 'body.number', 'validation.too_small'],
    ['an issue date in the future', 'qualifications', { kind: 'other', number: 'A1', issuedOn: '2026-12-01' }, 'issuedOn', 'prevention.date_future'],
    ['an expiry before the issue', 'qualifications', { kind: 'other', number: 'A1', issuedOn: '2026-01-01', expiresOn: '2025-12-31' }, 'expiresOn', 'staff.expiry_before_issue'],
    ['an unknown field', 'qualifications', { kind: 'other', number: 'A1', issuedOn: '2026-01-01', photo: 'x' }, 'body', 'validation.unrecognized_keys'],
  ])('refuses %s with a 400 naming the field in zh-CN and en-US', async (_l, route, body, path, code) => {
    const url = `/api/prevention/staff/${w.worker.userId}/${route}`;
    const res = route === 'grade' ? await w.officer.patch(url, body) : await w.officer.post(url, body);
    expect(res.statusCode, res.body).toBe(400);
    const field = res.json().error.fields.find((f: { path: string }) => f.path === path);
    expect(field).toMatchObject({ code, message: { 'zh-CN': expect.any(String), 'en-US': expect.any(String) } });
  });
});
