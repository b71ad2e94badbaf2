import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { startTestApp, testDbKinds, adminClient, cityWithCommunity, userWith, Client, type TestApp } from '../../test/harness';
import { buildMeasure, buildPerson, buildRecord } from '../../test/factories';
import { persons } from '../persons/schema';
import { supervisionTasks } from '../supervision/schema';
import { alerts } from '../warnings/schema';
import { governanceDirtyUnits } from './schema';

// Issue 15 items 1–3: a small known city — a district with two streets — whose November 2026
// (the test clock stands at 2026-11-22) gives each indicator a numerator and denominator one can
// count by hand; then the drill-down, scope, sealing, bad periods and targets, and the rollups.
describe.each(testDbKinds())('governance on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let office: Client;
  let officer: Client;
  let otherOfficer: Client;
  let units: Awaited<ReturnType<typeof cityWithCommunity>>;
  const p: Record<string, string> = {};
  const nov = 'from=2026-11-01&to=2026-11-30';
  const form = { livingSituation: 'with_family', employment: 'unemployed', family: 'supportive', health: 'good', mood: 'stable', nextStep: 'continue' };

  const overview = async (unit: string, period = nov, c: Client = office) => {
    const res = await c.get(`/api/governance/overview?orgUnitId=${unit}&${period}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      source: string;
      items: { code: string; value: number | null; numerator: number | null; denominator: number | null; noData: string | null; target: number | null; rag: string }[];
    };
  };
  const k = (o: Awaited<ReturnType<typeof overview>>, code: string) => o.items.find((x) => x.code === code)!;
  const drill = async (code: string, side: string, unit: string, c: Client = office) => c.get(`/api/governance/drill?code=${code}&orgUnitId=${unit}&${nov}&side=${side}`);
  const drillIds = async (code: string, side: string, unit: string) => ((await drill(code, side, unit)).json().items as { id: string }[]).map((x) => x.id).sort();
  const ids = (...names: string[]) => names.map((n) => p[n]!).sort();

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await adminClient(t);
    units = await cityWithCommunity(admin);
    office = await userWith(t, admin, 'gov.office', 'drug_control_office', units.district);
    officer = await userWith(t, admin, 'gov.officer', 'officer', units.street);
    otherOfficer = await userWith(t, admin, 'gov.other', 'officer', units.otherStreet);
    const sw = await userWith(t, admin, 'gov.sw', 'social_worker', units.community);
    // A: ordered 11-02, reported 11-05 (within C1), checked in, tested negative, visited in person.
    p.A = await buildPerson(t, officer, { orgUnitId: units.community, name: '甲' });
    await buildMeasure(t, officer, p.A, { decisionDate: '2026-11-01', decisionReceivedDate: '2026-11-02', reportDate: '2026-11-05' });
    await buildRecord(t, officer, p.A, { kind: 'check_in', date: '2026-11-06' });
    await buildRecord(t, officer, p.A, { kind: 'drug_test', date: '2026-11-10', sample: 'urine', method: 'on_site', result: 'negative' });
    await buildRecord(t, officer, p.A, { kind: 'visit', date: '2026-11-12', contactMode: 'in_person', form });
    // B: ordered 11-03, has not reported: in K1's denominator only (and K3's, as registered).
    p.B = await buildPerson(t, officer, { orgUnitId: units.community, name: '乙' });
    await buildMeasure(t, officer, p.B, { decisionDate: '2026-11-03', decisionReceivedDate: '2026-11-03' });
    // C: under measure since October, tested positive in November (K6).
    p.C = await buildPerson(t, officer, { orgUnitId: units.community, name: '丙' });
    await buildMeasure(t, officer, p.C, { decisionDate: '2026-10-01', decisionReceivedDate: '2026-10-01', reportDate: '2026-10-05' });
    await buildRecord(t, officer, p.C, { kind: 'drug_test', date: '2026-11-15', sample: 'urine', method: 'on_site', result: 'positive' });
    // D: under measure in the other street, not met in November.
    p.D = await buildPerson(t, otherOfficer, { orgUnitId: units.otherStreet, name: '丁' });
    await buildMeasure(t, otherOfficer, p.D, { decisionDate: '2026-09-01', decisionReceivedDate: '2026-09-01', reportDate: '2026-09-03' });
    // S: like A, but his file is sealed (P4): in no figure and no drill-down.
    p.S = await buildPerson(t, officer, { orgUnitId: units.community, name: '封' });
    await buildMeasure(t, officer, p.S, { decisionDate: '2026-11-01', decisionReceivedDate: '2026-11-02', reportDate: '2026-11-05' });
    await buildRecord(t, officer, p.S, { kind: 'visit', date: '2026-11-12', contactMode: 'in_person', form });
    await t.database.db.update(persons).set({ sealed: true }).where(eq(persons.id, p.S));
    // K12: the social worker is responsible for A and C (the real assignments, RULES §6 K12).
    for (const id of [p.A, p.C]) {
      const a = await officer.post(`/api/persons/${id}/assignment`, { orgUnitId: units.community, workerId: sw.userId, reason: '分配责任社工' });
      expect(a.statusCode, a.body).toBe(200);
    }
  });
  afterAll(() => t.close());

  it('K1: reported within C1 / ordered in the period (A of A and B)', async () => {
    expect(k(await overview(units.community), 'K1')).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(await drillIds('K1', 'numerator', units.community)).toEqual(ids('A'));
    expect(await drillIds('K1', 'denominator', units.community)).toEqual(ids('A', 'B'));
  });

  it('K2: met in person and not lost / under measure — the district counts D of the other street', async () => {
    expect(k(await overview(units.community), 'K2')).toMatchObject({ numerator: 2, denominator: 2, value: 100, target: 95, rag: 'green' });
    expect(k(await overview(units.district), 'K2')).toMatchObject({ numerator: 2, denominator: 3, value: 66.7, rag: 'red' });
    expect(await drillIds('K2', 'denominator', units.district)).toEqual(ids('A', 'C', 'D'));
  });

  it('K3: met in person / registered (B is registered, not met)', async () => {
    expect(k(await overview(units.community), 'K3')).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('K4 and K5: check-ins and tests due in the period up to today, against the stored schedule', async () => {
    const due = async (taskKind: 'check_in' | 'drug_test') =>
      t.database.db
        .select({ state: supervisionTasks.state, personId: supervisionTasks.personId })
        .from(supervisionTasks)
        .where(
          sql`${supervisionTasks.kind} = ${taskKind} and ${supervisionTasks.dueDate} between '2026-11-01' and '2026-11-22' and ${supervisionTasks.state} not in ('excused', 'upcoming') and ${supervisionTasks.personId} in (${sql.join(
            [p.A!, p.C!].map((x) => sql`${x}`),
            sql`, `,
          )})`,
        );
    const tests = await due('drug_test');
    expect(tests.length).toBeGreaterThan(0);
    const o = await overview(units.community);
    expect(k(o, 'K5')).toMatchObject({ numerator: tests.filter((x) => x.state === 'done').length, denominator: tests.length });
    expect(k(o, 'K4').denominator).toBe((await due('check_in')).length);
  });

  it('K6: a positive test / under measure (C of A and C)', async () => {
    expect(k(await overview(units.community), 'K6')).toMatchObject({ numerator: 1, denominator: 2, value: 50, rag: 'red' });
    expect(await drillIds('K6', 'numerator', units.community)).toEqual(ids('C'));
  });

  it('K7 and K11: nobody lost; visited per F3 (A)', async () => {
    const o = await overview(units.community);
    expect(k(o, 'K7')).toMatchObject({ numerator: 0, denominator: 2 });
    expect(k(o, 'K11')).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('K12: the social workers responsible for persons under measure / persons under measure (1 for 2)', async () => {
    expect(k(await overview(units.community), 'K12')).toMatchObject({ numerator: 1, denominator: 2, value: 50, detail: { perThirty: 15, workersNeeded: 1, unassigned: 0 } });
  });

  it('K8, K9, K10: the assistance figures; K9 counts a counselling session in the period', async () => {
    const res = await officer.post(`/api/persons/${p.A}/assistance/services`, {
      date: '2026-11-18',
      outcome: '情绪稳定',
      details: { kind: 'counselling', provider: '区心理中心', minutes: 50, topic: '压力', mode: 'individual' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const o = await overview(units.community);
    expect(k(o, 'K9')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(k(o, 'K8')).toMatchObject({ numerator: 0, denominator: 2 });
    expect(k(o, 'K10')).toMatchObject({ numerator: 0, denominator: 0, value: null, noData: 'nothing_due' });
    expect(await drillIds('K9', 'numerator', units.community)).toEqual(ids('A'));
  });

  it('K13 and K16: the prevention figures, drilling into the records', async () => {
    const act = await officer.post('/api/prevention/activities', {
      orgUnitId: units.community,
      kind: 'talk',
      title: '禁毒讲座',
      audiences: ['residents'],
      heldOn: '2026-11-08',
      organiser: '社区',
      attendees: 40,
    });
    expect(act.statusCode, act.body).toBe(201);
    const o = await overview(units.community);
    expect(k(o, 'K13')).toMatchObject({ value: 1, numerator: 1, denominator: null, target: 1 });
    expect(k(o, 'K16')).toMatchObject({ numerator: 0, denominator: 0, value: null });
    const d = (await drill('K13', 'numerator', units.community)).json();
    expect(d).toMatchObject({ kind: 'records', total: 1, items: [{ name: '禁毒讲座', date: '2026-11-08' }] });
  });

  /** A district of its own with one street and its office, so a test's data moves no other test's figures. */
  const isolatedDistrict = async (name: string, tag: string) => {
    const d = (await admin.post('/api/org-units', { parentId: units.root, level: 'district', name })).json().id as string;
    const s = (await admin.post('/api/org-units', { parentId: d, level: 'street', name: `${name}街道` })).json().id as string;
    return { d, s, office: await userWith(t, admin, `gov.office.${tag}`, 'drug_control_office', d), officer: await userWith(t, admin, `gov.officer.${tag}`, 'officer', s) };
  };

  it('K14, K15, K17, K18: no data yet, with the reason, never 0, where no survey, alert or police figure exists', async () => {
    const x = await isolatedDistrict('空白区', 'empty');
    const o = await overview(x.d, nov, x.office);
    for (const [code, reason] of [
      ['K14', 'no_survey_data'],
      ['K15', 'no_survey_data'],
      ['K17', 'no_alert_data'],
      ['K18', 'no_police_figures'],
    ]) {
      expect(k(o, code!)).toMatchObject({ value: null, numerator: null, denominator: null, noData: reason, rag: 'none' });
    }
    expect((await drill('K18', 'numerator', x.d, x.office)).statusCode).toBe(400);
  });

  it('K14 and K15: right answers and satisfied ratings of the resident surveys answered in the period; no persons to drill into', async () => {
    const created = await officer.post('/api/prevention/surveys', {
      orgUnitId: units.community,
      title: '新型毒品认知与满意度调查',
      audiences: ['residents'],
      questions: [
        { kind: 'single', text: '“奶茶”包装的饮品可能是新型毒品吗？', options: ['可能', '不可能'], correct: [0] },
        { kind: 'multiple', text: '以下哪些是新型毒品？', options: ['冰毒', '咖啡', '摇头丸'], correct: [0, 2] },
        { kind: 'satisfaction', text: '您对社区禁毒工作满意吗？' },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const token = (created.json() as { links: { token: string; orgUnitId: string }[] }).links.find((l) => l.orgUnitId === units.community)!.token;
    // Two residents: one answers both knowledge items right and rates 5; the other gets both wrong and rates 3.
    for (const [i, answers] of [
      [[0], [2, 0], [5]],
      [[1], [0], [3]],
    ].entries()) {
      const visitor = new Client(t);
      visitor.address = `198.51.100.${150 + i}`;
      const res = await visitor.post(`/api/public/surveys/${token}/answers`, { answers });
      expect(res.statusCode, res.body).toBe(201);
    }
    const o = await overview(units.community);
    expect(k(o, 'K14')).toMatchObject({ numerator: 2, denominator: 4, value: 50, noData: null, target: 85, rag: 'red', detail: { responses: 2 } });
    expect(k(o, 'K15')).toMatchObject({ numerator: 1, denominator: 2, value: 50, noData: null, target: 90, detail: { responses: 2 } });
    // The district holds its community's answers; October had none (no data, not 0).
    expect(k(await overview(units.district), 'K14')).toMatchObject({ numerator: 2, denominator: 4 });
    expect(k(await overview(units.community, 'from=2026-10-01&to=2026-10-31'), 'K14')).toMatchObject({ value: null, noData: 'no_survey_data' });
    expect((await drill('K14', 'numerator', units.community)).json().error.fields[0]).toMatchObject({ path: 'code', code: 'governance.no_drill' });
    expect((await drill('K15', 'denominator', units.community)).statusCode).toBe(400);
  });

  it('K17: alerts handled within their deadline / alerts owed, drilling to the persons behind them', async () => {
    const x = await isolatedDistrict('预警区', 'k17');
    const e = await buildPerson(t, x.officer, { orgUnitId: x.s, name: '戊' });
    const f = await buildPerson(t, x.officer, { orgUnitId: x.s, name: '己' });
    const at = (iso: string) => new Date(iso);
    const row = (n: number, personId: string, raisedAt: string, deadline: string, more: Partial<typeof alerts.$inferInsert> = {}) => ({
      personId,
      orgUnitId: x.s,
      kind: 'refusal',
      factKey: `k17-${n}`,
      factDate: raisedAt.slice(0, 10),
      severity: 'high',
      deadline: at(deadline),
      links: [],
      details: {},
      policyVersion: 'test',
      raisedAt: at(raisedAt),
      ...more,
    });
    // The test clock stands at 2026-11-22T02:00Z.
    await t.database.db.insert(alerts).values([
      row(1, e, '2026-11-10T02:00:00Z', '2026-11-11T02:00:00Z', { status: 'acknowledged', handledAt: at('2026-11-10T08:00:00Z') }), // in time
      row(2, e, '2026-11-12T02:00:00Z', '2026-11-13T02:00:00Z', {
        status: 'closed',
        handledAt: at('2026-11-14T02:00:00Z'),
        closedAt: at('2026-11-14T03:00:00Z'),
        outcome: 'resolved',
      }), // late
      row(3, f, '2026-11-15T02:00:00Z', '2026-11-16T02:00:00Z'), // untouched past its deadline: owed, late
      row(4, f, '2026-11-21T02:00:00Z', '2026-12-31T02:00:00Z'), // untouched, not yet due: on neither side
      row(5, e, '2026-11-18T02:00:00Z', '2026-11-19T02:00:00Z', { status: 'withdrawn', withdrawnAt: at('2026-11-18T05:00:00Z'), withdrawalReason: 'facts_changed' }),
      row(6, f, '2026-10-20T02:00:00Z', '2026-10-21T02:00:00Z'), // raised in October
    ]);
    const o = await overview(x.d, nov, x.office);
    expect(k(o, 'K17')).toMatchObject({ numerator: 1, denominator: 3, value: 33.3, noData: null, detail: { raised: 4 } });
    expect(k(await overview(x.d, 'from=2026-10-01&to=2026-10-31', x.office), 'K17')).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
    expect(k(await overview(x.d, 'from=2026-09-01&to=2026-09-30', x.office), 'K17')).toMatchObject({ value: null, noData: 'no_alert_data' });
    const persons = async (side: string) => ((await drill('K17', side, x.d, x.office)).json().items as { id: string }[]).map((i) => i.id).sort();
    expect(await persons('numerator')).toEqual([e]);
    expect(await persons('denominator')).toEqual([e, f].sort());
  });

  it('K18: the district’s approved drug cases of the year against its base year; a figure not approved does not count', async () => {
    const police = await userWith(t, admin, 'gov.police', 'police_officer', units.district);
    const figure = async (year: number, month: number, cases: number, approve: boolean) => {
      const res = await police.post('/api/governance-ops/police-figures', { orgUnitId: units.district, year, month, cases });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id as string;
      expect((await police.post(`/api/governance-ops/police-figures/${id}/submit`)).statusCode).toBe(200);
      if (approve) expect((await office.post(`/api/governance-ops/police-figures/${id}/approve`)).json().status).toBe('approved');
    };
    await figure(2024, 0, 20, true);
    await figure(2026, 9, 6, true);
    await figure(2026, 10, 2, true);
    await figure(2026, 8, 5, false); // submitted, not approved
    expect(k(await overview(units.district), 'K18')).toMatchObject({ value: 8, numerator: 8, denominator: null, noData: null, detail: { year: 2026 } });
    expect((await office.req('PUT', `/api/governance-ops/units/${units.district}/base-year`, { baseYear: 2024 })).statusCode).toBe(200);
    expect(k(await overview(units.district), 'K18')).toMatchObject({ value: 8, numerator: 8, denominator: 20, detail: { year: 2026, baseYear: 2024, changePercent: -60 } });
    // The figures are the district's own: its street has none (no data, not 0).
    expect(k(await overview(units.street), 'K18')).toMatchObject({ value: null, noData: 'no_police_figures' });
  });

  it('P4: the sealed person is in no figure and no drill-down', async () => {
    const o = await overview(units.community);
    expect(k(o, 'K3').denominator).toBe(3);
    expect(await drillIds('K3', 'denominator', units.community)).not.toContain(p.S);
  });

  it('scope: a drill-down into a unit outside the actor’s scope is 404, like a missing one', async () => {
    const out = await drill('K5', 'denominator', units.street, otherOfficer);
    expect(out.statusCode).toBe(404);
    const missing = await drill('K5', 'denominator', '00000000-0000-4000-8000-000000000000', otherOfficer);
    expect(missing.statusCode).toBe(404);
    expect(out.json().error.code).toBe(missing.json().error.code);
    expect((await otherOfficer.get(`/api/governance/overview?orgUnitId=${units.street}&${nov}`)).statusCode).toBe(404);
  });

  it('bad periods: ending before the start, or starting in the future, are 400 with the field', async () => {
    const before = await office.get(`/api/governance/overview?orgUnitId=${units.district}&from=2026-11-10&to=2026-11-01`);
    expect(before.statusCode).toBe(400);
    expect(before.json().error.fields[0]).toMatchObject({ path: 'to', code: 'governance.period_order' });
    const future = await office.get(`/api/governance/overview?orgUnitId=${units.district}&from=2026-12-01&to=2026-12-31`);
    expect(future.json().error.fields[0]).toMatchObject({ path: 'from', code: 'governance.period_future' });
  });

  it('the indicator page ranks the child units and carries the definition and a twelve-month trend', async () => {
    const res = await office.get(`/api/governance/indicator?code=K2&orgUnitId=${units.district}&${nov}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.definition).toMatchObject({ code: 'K2', direction: 'higher', seedTarget: 95 });
    expect(page.children.map((c: { orgUnit: { id: string }; value: { value: number } }) => [c.orgUnit.id, c.value.value])).toEqual([
      [units.street, 100],
      [units.otherStreet, 0],
    ]);
    expect(page.trend).toHaveLength(12);
    expect(page.trend.at(-1)).toMatchObject({ from: '2026-11-01', numerator: 2, denominator: 3 });
  });

  it('targets: the seed defaults, a district override inherited below, a rate outside 0–100 % refused', async () => {
    const seed = (await office.get(`/api/governance/targets?orgUnitId=${units.community}&year=2026`)).json();
    expect(seed.items.find((x: { code: string }) => x.code === 'K2')).toMatchObject({ baseline: 68.2, target: 95, origin: 'seed' });
    expect(seed.items.find((x: { code: string }) => x.code === 'K2').milestones.map((m: { month: number; goal: number }) => [m.month, m.goal])).toEqual([
      [6, 72.7],
      [12, 77.1],
      [24, 90],
      [36, 95],
      [60, 95],
    ]);
    const bad = await office.req('PUT', '/api/governance/targets', { orgUnitId: units.district, year: 2026, items: [{ code: 'K2', baseline: 60, target: 120 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toMatchObject({ path: 'items.0.target', code: 'governance.target_rate_range' });
    const ok = await office.req('PUT', '/api/governance/targets', { orgUnitId: units.district, year: 2026, items: [{ code: 'K2', baseline: 60, target: 90 }] });
    expect(ok.statusCode, ok.body).toBe(200);
    const below = (await office.get(`/api/governance/targets?orgUnitId=${units.community}&year=2026`)).json();
    expect(below.items.find((x: { code: string }) => x.code === 'K2')).toMatchObject({ baseline: 60, target: 90, origin: 'inherited', value: expect.any(Number) });
    expect((await officer.req('PUT', '/api/governance/targets', { orgUnitId: units.street, year: 2026, items: [{ code: 'K2', baseline: 60, target: 90 }] })).statusCode).toBe(403);
    // Put back the seed's figure for the other tests' RAG.
    await office.req('PUT', '/api/governance/targets', { orgUnitId: units.district, year: 2026, items: [{ code: 'K2', baseline: 68.2, target: 95 }] });
  });

  it('rollups: a standard period is read from them, equal to the live figures, and a write shows after one refresh', async () => {
    // A district of its own: this test's write must not move the figures the other tests assert.
    const d2 = (await admin.post('/api/org-units', { parentId: units.root, level: 'district', name: '西城区' })).json().id as string;
    const s2 = (await admin.post('/api/org-units', { parentId: d2, level: 'street', name: '月坛街道' })).json().id as string;
    const office2 = await userWith(t, admin, 'gov.office2', 'drug_control_office', d2);
    const officer2 = await userWith(t, admin, 'gov.officer2', 'officer', s2);
    const e = await buildPerson(t, officer2, { orgUnitId: s2, name: '戊' });
    await buildMeasure(t, officer2, e, { decisionDate: '2026-09-01', decisionReceivedDate: '2026-09-01', reportDate: '2026-09-03' });
    await t.services.governance.refresh(t.database.db);
    const rolled = await overview(d2, nov, office2);
    const live = await overview(d2, 'from=2026-11-01&to=2026-11-29', office2); // not a standard period: computed live
    expect(rolled.source).toBe('rollup');
    expect(live.source).toBe('live');
    for (const c of ['K1', 'K2', 'K3', 'K5', 'K6', 'K7', 'K11', 'K12'])
      expect([c, k(rolled, c).numerator, k(rolled, c).denominator]).toEqual([c, k(live, c).numerator, k(live, c).denominator]);
    expect(k(rolled, 'K2')).toMatchObject({ numerator: 0, denominator: 1 });
    await buildRecord(t, officer2, e, { kind: 'visit', date: '2026-11-20', contactMode: 'in_person', form });
    expect((await t.database.db.select().from(governanceDirtyUnits)).map((x) => x.orgUnitId)).toContain(s2);
    expect(k(await overview(d2, nov, office2), 'K2').numerator).toBe(0); // not refreshed yet
    const run = await t.services.governance.refresh(t.database.db);
    expect(run).toMatchObject({ full: false });
    expect(run.units).toBeGreaterThan(0);
    expect(k(await overview(d2, nov, office2), 'K2')).toMatchObject({ numerator: 1, denominator: 1 });
    expect((await t.services.governance.refresh(t.database.db)).units).toBe(0); // idempotent: nothing left
  });
});
