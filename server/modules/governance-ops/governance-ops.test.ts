import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDbKinds, userWith, type Client } from '../../test/harness';
import { actorOf } from '../../test/factories';
import { auditLog } from '../audit/schema';
import { world, type World } from '../../test/supervision-world';

// Issue 15 items 5–9: police figures (K18), joint meetings, the risk register, budget and 七有, the weekly dispatch.
describe.each(testDbKinds())('governance operations on %s', (kind) => {
  let w: World;
  let office: Client & { userId: string };
  let streetOfficer: Client & { userId: string };
  let farUser: Client & { userId: string };
  const put = (c: Client, url: string, body: unknown) => c.req('PUT', url, body);
  beforeAll(async () => {
    w = await world(kind, {}, 'go');
    office = await userWith(w.t, w.admin, 'go.doffice', 'drug_control_office', w.units.district);
    streetOfficer = await userWith(w.t, w.admin, 'go.sofficer', 'officer', w.units.street);
    farUser = await userWith(w.t, w.admin, 'go.far', 'officer', w.units.otherDistrictStreet);
  });
  afterAll(() => w.t.close());

  describe('police figures (K18)', () => {
    it('K18: police enter and submit, the office returns with a reason, then approves; only approved figures count against the base year', async () => {
      const base = await w.police.post('/api/governance-ops/police-figures', { orgUnitId: w.units.street, year: 2024, month: 0, cases: 20 });
      expect(base.statusCode, base.body).toBe(201);
      expect(base.json()).toMatchObject({ status: 'draft', cases: 20 });
      const oct = (await w.police.post('/api/governance-ops/police-figures', { orgUnitId: w.units.street, year: 2026, month: 10, cases: 6 })).json();
      for (const id of [base.json().id, oct.id]) expect((await w.police.post(`/api/governance-ops/police-figures/${id}/submit`)).statusCode).toBe(200);
      const k = await w.t.services.govOps.k18(w.t.services.db, w.units.street, 2026);
      expect(k).toMatchObject({ cases: null, baseYear: null, change: null });

      const returned = await office.post(`/api/governance-ops/police-figures/${oct.id}/return`, { reason: '与案件台账不符' });
      expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '与案件台账不符' });
      expect((await w.police.patch(`/api/governance-ops/police-figures/${oct.id}`, { cases: 8, note: '' })).json().cases).toBe(8);
      await w.police.post(`/api/governance-ops/police-figures/${oct.id}/submit`);
      for (const id of [base.json().id, oct.id]) expect((await office.post(`/api/governance-ops/police-figures/${id}/approve`)).json().status).toBe('approved');
      expect((await put(office, `/api/governance-ops/units/${w.units.street}/base-year`, { baseYear: 2024 })).statusCode).toBe(200);
      const k18 = await office.get(`/api/governance-ops/units/${w.units.street}/k18?year=2026`);
      expect(k18.json()).toMatchObject({ baseYear: 2024, cases: 8, baseCases: 20, change: -0.6 });
      expect((await w.police.patch(`/api/governance-ops/police-figures/${oct.id}`, { cases: 1, note: '' })).statusCode).toBe(409);
      const [row] = await w.t.services.db.select().from(auditLog).where(eq(auditLog.action, 'police_figure.return'));
      expect(row).toMatchObject({ entityId: oct.id, details: { year: 2026, month: 10, status: 'returned' } });
    });

    it.each<[string, Record<string, unknown>, number, string]>([
      ['a month 13', { month: 13 }, 400, 'body.month'],
      ['negative cases', { cases: -1 }, 400, 'body.cases'],
      ['a future month', { year: 2026, month: 12 }, 400, 'year'],
    ])('refuses %s', async (_l, patch, status, path) => {
      const res = await w.police.post('/api/governance-ops/police-figures', { orgUnitId: w.units.street, year: 2025, month: 3, cases: 1, ...patch });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
    });

    it('another street is out of scope (404), a street officer cannot approve (403), police cannot approve', async () => {
      expect((await w.outsidePolice.post('/api/governance-ops/police-figures', { orgUnitId: w.units.street, year: 2025, month: 1, cases: 1 })).statusCode).toBe(404);
      const f = (await w.police.post('/api/governance-ops/police-figures', { orgUnitId: w.units.street, year: 2025, month: 2, cases: 1 })).json();
      await w.police.post(`/api/governance-ops/police-figures/${f.id}/submit`);
      expect((await streetOfficer.post(`/api/governance-ops/police-figures/${f.id}/approve`)).statusCode).toBe(403);
      expect((await w.police.post(`/api/governance-ops/police-figures/${f.id}/approve`)).statusCode).toBe(403);
      expect((await w.outsider.get(`/api/governance-ops/police-figures?orgUnitId=${w.units.street}`)).statusCode).toBe(404);
    });
  });

  describe('joint meetings', () => {
    const meeting = (ownerUserId: string, extra: Record<string, unknown> = {}) => ({
      orgUnitId: w.units.district,
      heldOn: '2026-11-20',
      title: '十一月禁毒联席会议',
      departments: ['police', 'justice', 'civil_affairs', 'health'],
      topics: ['脱管人员排查'],
      decisions: ['公安与街道每周互通脱管线索'],
      actionItems: [{ title: '排查景山街道出租屋', ownerUserId, dueOn: '2026-11-25' }],
      ...extra,
    });

    it('records a meeting; its open item goes overdue after the due date and is listed for the office; minutes download as .docx', async () => {
      const res = await office.post('/api/governance-ops/meetings', meeting(streetOfficer.userId));
      expect(res.statusCode, res.body).toBe(201);
      const m = res.json();
      expect(m.actionItems[0]).toMatchObject({ ownerName: 'go.sofficer', overdue: false, status: 'open' });
      expect((await streetOfficer.get('/api/governance-ops/action-items/overdue')).json().items.some((i: { id: string }) => i.id === m.actionItems[0].id)).toBe(false);
      // The owner sees it in 今日待办, due within the week.
      const today = await streetOfficer.get('/api/today?scope=unit');
      expect(today.json().items).toContainEqual(expect.objectContaining({ kind: 'action_item', id: m.actionItems[0].id, overdue: false }));
      // Five days on (the service reads the shared clock; sessions would idle out over HTTP).
      const ctx = await actorOf(w.t, office);
      const before = w.t.clock.now();
      try {
        w.t.clock.set(new Date('2026-11-27T02:00:00Z'));
        const overdue = (await w.t.services.govOps.overdueActionItems(ctx)).items.find((i) => i.id === m.actionItems[0].id);
        expect(overdue).toMatchObject({ overdue: true, daysOverdue: 2 });
      } finally {
        w.t.clock.set(before);
      }
      const done = await streetOfficer.patch(`/api/governance-ops/action-items/${m.actionItems[0].id}`, { status: 'done' });
      expect(done.json()).toMatchObject({ status: 'done', overdue: false });
      const docx = await office.get(`/api/governance-ops/meetings/${m.id}/minutes.docx`);
      expect(docx.statusCode).toBe(200);
      expect(docx.headers['content-type']).toContain('wordprocessingml');
      expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    });

    it.each<[string, (w: World) => Record<string, unknown>, string]>([
      ['an unknown department', () => ({ departments: ['army'] }), 'body.departments.0'],
      ['no topic', () => ({ topics: [] }), 'body.topics'],
      ['a future date', () => ({ heldOn: '2026-12-30' }), 'heldOn'],
      ['an owner outside the scope', () => ({ actionItems: [{ title: 'x', ownerUserId: farUser.userId, dueOn: '2026-12-01' }] }), 'actionItems.0.ownerUserId'],
    ])('refuses %s with a 400', async (_l, patch, path) => {
      const res = await office.post('/api/governance-ops/meetings', meeting(streetOfficer.userId, patch(w)));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
    });

    it('a street sees its district’s meetings only when they are of its subtree; another street gets 404 on one of this street', async () => {
      const m = (await office.post('/api/governance-ops/meetings', meeting(streetOfficer.userId, { orgUnitId: w.units.street, actionItems: [] }))).json();
      expect((await streetOfficer.get(`/api/governance-ops/meetings/${m.id}`)).statusCode).toBe(200);
      expect((await w.outsider.get(`/api/governance-ops/meetings/${m.id}`)).statusCode).toBe(404);
      expect((await streetOfficer.post('/api/governance-ops/meetings', meeting(streetOfficer.userId, { orgUnitId: w.units.street }))).statusCode).toBe(403);
    });
  });

  describe('risk register', () => {
    const risk = (extra: Record<string, unknown> = {}) => ({
      orgUnitId: w.units.street,
      title: '居民认为禁毒与己无关',
      category: 'awareness',
      likelihood: 4,
      impact: 4,
      responses: ['开展禁毒工作进家庭活动'],
      ownerUserId: streetOfficer.userId,
      reviewOn: '2026-11-22',
      ...extra,
    });

    it.each([0, 6, 2.5])('a likelihood of %s is a 400', async (likelihood) => {
      const res = await office.post('/api/governance-ops/risks', risk({ likelihood }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].path).toBe('body.likelihood');
    });

    it('scores a risk on the matrix, puts its due review in the owner’s 今日待办, and a review moves it on', async () => {
      const r = (await office.post('/api/governance-ops/risks', risk())).json();
      expect(r).toMatchObject({ score: 16, level: 'high', reviewDue: true, ownerName: 'go.sofficer' });
      const matrix = (await streetOfficer.get(`/api/governance-ops/risks/matrix?orgUnitId=${w.units.street}`)).json();
      expect(matrix.cells[3][3]).toContain(r.id);
      const today = (await streetOfficer.get('/api/today?scope=mine')).json();
      expect(today.items).toContainEqual(expect.objectContaining({ kind: 'risk_review', id: r.id }));
      expect((await office.get('/api/today?scope=mine')).json().items.some((i: { id: string }) => i.id === r.id)).toBe(false);
      const reviewed = await streetOfficer.post(`/api/governance-ops/risks/${r.id}/review`, { likelihood: 3, impact: 4, nextReviewOn: '2027-02-22' });
      expect(reviewed.json()).toMatchObject({ score: 12, reviewDue: false, lastReviewedOn: '2026-11-22' });
      expect((await streetOfficer.get('/api/today?scope=mine')).json().items.some((i: { id: string }) => i.id === r.id)).toBe(false);
      expect((await w.outsider.post(`/api/governance-ops/risks/${r.id}/review`, { likelihood: 1, impact: 1, nextReviewOn: '2027-01-01' })).statusCode).toBe(404);
    });
  });

  describe('budget and 七有', () => {
    it('splits a plan 40/30/20/10; an expense moves the execution rate; over the remaining budget it warns by default', async () => {
      const plan = await put(office, '/api/governance-ops/budgets', { orgUnitId: w.units.street, year: 2026, totalFen: 100_000_00 });
      expect(plan.statusCode, plan.body).toBe(200);
      expect(plan.json().lines.map((l: { plannedFen: number }) => l.plannedFen)).toEqual([40_000_00, 30_000_00, 20_000_00, 10_000_00]);
      const url = `/api/governance-ops/budgets/expenses?orgUnitId=${w.units.street}&year=2026`;
      const e = await office.post(url, { category: 'publicity', spentOn: '2026-06-26', amountFen: 10_000_00, description: '6·26 宣传展板' });
      expect(e.statusCode, e.body).toBe(201);
      expect(e.json().budget.lines[0]).toMatchObject({ category: 'publicity', spentFen: 10_000_00, remainingFen: 30_000_00, executionRate: 0.25 });
      expect(e.json().warnings).toEqual([]);
      const over = await office.post(url, { category: 'other', spentOn: '2026-07-01', amountFen: 10_000_01, description: '应急' });
      expect(over.statusCode).toBe(201);
      expect(over.json()).toMatchObject({ expense: { overBudget: true }, warnings: [{ code: 'budget.over_remaining' }] });
    });

    it('refuses an expense over the remaining budget where the policy says refuse', async () => {
      const pol = await w.admin.post('/api/policy/versions', { orgUnitId: w.units.otherDistrict, override: { version: 'hard-budget', governance: { overBudget: 'refuse' } } });
      expect(pol.statusCode, pol.body).toBe(201);
      const other = await userWith(w.t, w.admin, 'go.woffice', 'drug_control_office', w.units.otherDistrict);
      await put(other, '/api/governance-ops/budgets', { orgUnitId: w.units.otherDistrictStreet, year: 2026, totalFen: 1000 });
      const res = await other.post(`/api/governance-ops/budgets/expenses?orgUnitId=${w.units.otherDistrictStreet}&year=2026`, {
        category: 'other',
        spentOn: '2026-05-01',
        amountFen: 101,
        description: 'x',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0]).toMatchObject({ path: 'amountFen', code: 'budget.over_remaining' });
      expect((await other.get(`/api/governance-ops/budgets?orgUnitId=${w.units.otherDistrictStreet}&year=2026`)).json().spentFen).toBe(0);
    });

    it.each<[string, Record<string, unknown>, string]>([
      [
        'lines not adding up',
        {
          lines: [
            { category: 'publicity', amountFen: 1 },
            { category: 'supervision', amountFen: 1 },
            { category: 'assistance', amountFen: 1 },
            { category: 'other', amountFen: 1 },
          ],
        },
        'lines',
      ],
      ['a zero total', { totalFen: 0 }, 'body.totalFen'],
    ])('refuses a plan with %s', async (_l, patch, path) => {
      const res = await put(office, '/api/governance-ops/budgets', { orgUnitId: w.units.street, year: 2027, totalFen: 1000, ...patch });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].path).toBe(path);
    });

    it('keeps the 七有 per station with its evidence (a unit document) and a completion state; a community is not a station', async () => {
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
      const boundary = 'xGovOps';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="meta"\r\n\r\n{"purpose":"station_evidence"}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="office.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        pdf,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const up = await office.req('POST', `/api/governance-ops/units/${w.units.street}/files`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
      expect(up.statusCode, up.body).toBe(201);
      const set = await put(office, `/api/governance-ops/stations/${w.units.street}/items/office`, { done: true, note: '街道二层 60㎡', evidenceDocumentId: up.json().id });
      expect(set.json()).toMatchObject({ done: 1, completion: 'partial' });
      const list = (await streetOfficer.get('/api/governance-ops/stations')).json().items;
      expect(list).toHaveLength(1);
      expect(list[0].items[0]).toMatchObject({ item: 'office', done: true, evidenceDocumentId: up.json().id });
      expect((await streetOfficer.get(`/api/governance-ops/files/${up.json().id}`)).statusCode).toBe(200);
      expect((await w.outsider.get(`/api/governance-ops/files/${up.json().id}`)).statusCode).toBe(404);
      expect((await put(office, `/api/governance-ops/stations/${w.units.community}/items/office`, { done: true })).json().error.fields[0].code).toBe('station.not_station');
      expect((await put(office, `/api/governance-ops/stations/${w.units.street}/items/canteen`, { done: true })).statusCode).toBe(400);
    });
  });

  describe('weekly dispatch', () => {
    it('answers the week of a unit as JSON and as .xlsx, audited; alerts are absent until that capability exists', async () => {
      const d = await office.get(`/api/governance-ops/dispatch?orgUnitId=${w.units.district}&weekOf=2026-11-18`);
      expect(d.statusCode, d.body).toBe(200);
      expect(d.json()).toMatchObject({ from: '2026-11-16', to: '2026-11-22', alerts: null });
      const x = await office.get(`/api/governance-ops/dispatch.xlsx?orgUnitId=${w.units.district}`);
      expect(x.statusCode).toBe(200);
      expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
      const ctx = await actorOf(w.t, office);
      expect((await w.t.services.govOps.dispatch(ctx, { orgUnitId: w.units.street })).orgUnitName).toBe('东华门街道');
      expect((await w.outsider.get(`/api/governance-ops/dispatch?orgUnitId=${w.units.street}`)).statusCode).toBe(404);
      expect((await office.get('/api/governance-ops/dispatch?weekOf=2026-13-01')).statusCode).toBe(400);
    });
  });
});
