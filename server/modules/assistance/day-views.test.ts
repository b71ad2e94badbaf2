import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { addDays } from '../../../core/rules/dates';
import { startTestApp, testDbKinds, adminClient, idNumber, cityWithCommunity, userWith, type TestApp, type Client } from '../../test/harness';

// Issue 12 item 7: the assistance tasks appear in supervision's day views (今日待办, the calendar,
// the counts) through the hook assistance registers; scope as for the supervision tasks.
describe.each(testDbKinds())('assistance tasks in the day views on %s', (kind) => {
  let t: TestApp;
  let officer: Client;
  let worker: Client & { userId: string };
  let colleague: Client & { userId: string };
  let otherWorker: Client & { userId: string };
  let gridWorker: Client;
  let units: Awaited<ReturnType<typeof cityWithCommunity>> & { otherCommunity: string };
  let dueToday: string;
  let overdue: string;
  let colleagues: string;
  let elsewhere: string;
  let seq = 700;

  /** A person under community detox reported on `reported`, with a responsible worker; assessed on `assessedOn` if given. */
  async function person(name: string, orgUnitId: string, workerId: string, reported: string, assessedOn?: string) {
    const res = await officer.post('/api/persons', { orgUnitId, name, idNumber: idNumber('110101', '19870707', seq++), phone: '13812345678', drugTypes: ['methamphetamine'] });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    expect((await officer.post(`/api/persons/${id}/assignment`, { orgUnitId, workerId, reason: '分配责任社工' })).statusCode).toBe(200);
    const m = await officer.post(`/api/persons/${id}/measures`, { kind: 'community_detox', decisionDate: addDays(reported, -9), decisionReceivedDate: addDays(reported, -8) });
    expect((await officer.post(`/api/measures/${m.json().id}/events`, { type: 'report', date: reported })).statusCode).toBe(200);
    if (assessedOn) {
      const a = await officer.post(`/api/persons/${id}/assistance/assessments`, { assessedOn, needs: [{ need: 'counselling', level: 'some' }] });
      expect(a.statusCode, a.body).toBe(201);
    }
    return id;
  }
  type Item = { kind: string; personId: string; personName: string; workerId: string | null; workerName: string | null; dueDate: string; overdue: boolean; link: string };
  const todayOf = async (c: Client, query = '') => {
    const res = await c.get(`/api/today${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().assistance as Item[];
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    const admin = await adminClient(t);
    const city = await cityWithCommunity(admin);
    const otherCommunity = (await admin.post('/api/org-units', { parentId: city.otherStreet, level: 'community', name: '景山东社区' })).json().id as string;
    units = { ...city, otherCommunity };
    officer = await userWith(t, admin, 'dv.officer', 'officer', units.district);
    worker = await userWith(t, admin, 'dv.worker', 'social_worker', units.community);
    colleague = await userWith(t, admin, 'dv.colleague', 'social_worker', units.community);
    otherWorker = await userWith(t, admin, 'dv.other', 'social_worker', otherCommunity);
    gridWorker = await userWith(t, admin, 'dv.grid', 'grid_worker', units.community);
    // Today is 22 November 2026 (the test clock). Assessed six months ago: due today (the cadence).
    dueToday = await person('钱一', units.community, worker.userId, '2026-05-10', '2026-05-22');
    // Reported on 10 October and never assessed: due that day (the measure start), overdue.
    overdue = await person('钱二', units.community, worker.userId, '2026-10-10');
    colleagues = await person('钱三', units.community, colleague.userId, '2026-10-10');
    elsewhere = await person('钱四', otherCommunity, otherWorker.userId, '2026-10-10');
  });
  afterAll(() => t.close());

  it("a worker's 今日待办 lists the re-assessments due of his own persons, overdue by the server's today, each linking to the assistance tab", async () => {
    const mine = await todayOf(worker);
    expect(mine.map((x) => [x.personId, x.kind, x.dueDate, x.overdue])).toEqual([
      [overdue, 'reassessment', '2026-10-10', true],
      [dueToday, 'reassessment', '2026-11-22', false],
    ]);
    expect(mine[1]).toMatchObject({
      personName: '钱一',
      workerId: worker.userId,
      workerName: 'dv.worker',
      orgUnitId: units.community,
      link: `/persons/${dueToday}?tab=assistance`,
    });
    // The unit view of his community shows his colleague's person too; another unit's worker sees none of them.
    expect((await todayOf(worker, `?scope=unit&orgUnitId=${units.community}`)).map((x) => x.personId).sort()).toEqual([dueToday, overdue, colleagues].sort());
    expect((await todayOf(otherWorker)).map((x) => x.personId)).toEqual([elsewhere]);
    expect((await todayOf(otherWorker, `?scope=unit&orgUnitId=${units.otherCommunity}`)).map((x) => x.personId)).toEqual([elsewhere]);
    expect((await otherWorker.get(`/api/today?scope=unit&orgUnitId=${units.community}`)).statusCode).toBe(404);
  });

  it('a re-assessment done leaves the list; a role without assistance.read sees no assistance task', async () => {
    const id = await person('钱五', units.community, colleague.userId, '2026-11-01');
    expect((await todayOf(colleague)).map((x) => x.personId)).toContain(id);
    expect((await officer.post(`/api/persons/${id}/assistance/assessments`, { assessedOn: '2026-11-21', needs: [{ need: 'employment', level: 'some' }] })).statusCode).toBe(201);
    expect((await todayOf(colleague)).map((x) => x.personId)).not.toContain(id);
    expect(await todayOf(gridWorker, `?scope=unit&orgUnitId=${units.community}`)).toEqual([]);
  });

  it('the calendar carries the assistance tasks due on each day of the period', async () => {
    const res = await worker.get('/api/calendar?from=2026-11-20&to=2026-11-30');
    expect(res.statusCode, res.body).toBe(200);
    const days = res.json().days as { date: string; assistance: Item[] }[];
    expect(days.flatMap((d) => d.assistance.map((x) => [d.date, x.personId, x.kind]))).toEqual([['2026-11-22', dueToday, 'reassessment']]);
    const october = (await worker.get('/api/calendar?from=2026-10-01&to=2026-10-31')).json().days as { date: string; assistance: Item[] }[];
    expect(october.find((d) => d.date === '2026-10-10')?.assistance.map((x) => x.personId)).toEqual([overdue]);
  });

  it('the counts give the open and overdue assistance tasks per worker and per community, within scope', async () => {
    const res = await officer.get(`/api/today/counts?orgUnitId=${units.district}`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as {
      byWorker: { workerId: string | null; assistance: { open: number; overdue: number } }[];
      byCommunity: { orgUnitId: string; assistance: { open: number; overdue: number } }[];
    };
    expect(c.byWorker.find((w) => w.workerId === worker.userId)?.assistance).toEqual({ open: 2, overdue: 1 });
    expect(c.byWorker.find((w) => w.workerId === otherWorker.userId)?.assistance).toEqual({ open: 1, overdue: 1 });
    expect(c.byCommunity.find((u) => u.orgUnitId === units.otherCommunity)?.assistance).toEqual({ open: 1, overdue: 1 });
    // A worker's counts cover his community only.
    const own = (await worker.get(`/api/today/counts?orgUnitId=${units.community}`)).json() as typeof c;
    expect(own.byCommunity.map((u) => u.orgUnitId)).toEqual([units.community]);
    expect((await worker.get(`/api/today/counts?orgUnitId=${units.otherCommunity}`)).statusCode).toBe(404);
  });
});
