import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../db/client';
import { addDays } from '../../core/rules/dates';
import { Client, adminClient, startTestApp, testDbKinds, userWith, type TestApp } from '../test/harness';
import { seedCity, type SeedSummary } from './write';
import { demoDatabaseState } from './demo';
import { isDemoDatabase } from '../modules/system/service';

const PASSWORD = 'Staff#Generated2026';

describe.each(testDbKinds())('the demo city generator on %s (issue 5)', (kind) => {
  let t: TestApp;
  let summary: SeedSummary;
  const count = async (q: ReturnType<typeof sql>) => Number((await rows<{ n: number }>(t.database.db, q))[0]!.n);

  beforeAll(async () => {
    t = await startTestApp(kind);
    expect(await demoDatabaseState(t.database.db)).toBe('empty');
    summary = await seedCity(t.database, t.cipher, {
      persons: 240,
      years: 3,
      seed: 5,
      today: t.clock.today(),
      staffPassword: PASSWORD,
      demo: true,
      recompute: () => t.services.supervision.recomputeAll(),
      reclassify: () => t.services.warnings.reclassifyAll(t.database.db),
      delisting: () => t.database.db.transaction((tx) => t.services.sealing.runDaily(tx, { force: true })),
    });
  }, 180_000);
  afterAll(() => t.close());

  it('writes the city, its staff and three years of supervision, and says so', async () => {
    expect(summary).toMatchObject({ persons: 240, units: expect.any(Number), staff: expect.any(Number) });
    expect(await count(sql`select count(*)::int as n from persons`)).toBe(240);
    expect(await count(sql`select count(*)::int as n from supervision_records`)).toBe(summary.records);
    expect(await count(sql`select count(*)::int as n from leave_requests`)).toBe(summary.leaveRequests);
    expect(summary.records).toBeGreaterThan(240 * 40);
    expect(summary.supervision!.persons).toBeGreaterThan(150);
    // Every level of the tree, grids included.
    const levels = await rows<{ level: string }>(t.database.db, sql`select distinct level from org_units`);
    expect(levels.map((l) => l.level)).toEqual(expect.arrayContaining(['district', 'street', 'community', 'grid']));
  });

  it('staffs every community with a social worker per 30 persons at most (K12) and every role of the brief', async () => {
    const worst = await count(sql`
      select max(n)::int as n from (select responsible_worker_id, count(*) as n from persons group by 1) x`);
    expect(worst).toBeLessThanOrEqual(30);
    const roles = await rows<{ code: string }>(t.database.db, sql`select distinct r.code from grants g join roles r on r.id = g.role_id`);
    expect(roles.map((r) => r.code)).toEqual(
      expect.arrayContaining([
        'social_worker',
        'grid_worker',
        'officer',
        'police_officer',
        'drug_control_office',
        'partner',
        'leader',
        'system_admin',
        'security_admin',
        'audit_admin',
      ]),
    );
  });

  it('gives the city assistance in plausible proportions; the district partner account has an inbox (issue 12 item 9)', async () => {
    expect(summary.assistance.partners).toBeGreaterThan(0);
    const under = await count(sql`select count(*)::int as n from persons where status in ('under_community_detox', 'under_community_rehab')`);
    const placed = await count(sql`select count(distinct person_id)::int as n from assistance_services where kind = 'job_placement'`);
    const counselled = await count(sql`select count(distinct person_id)::int as n from assistance_services where kind = 'counselling'`);
    expect(placed / under).toBeGreaterThan(0.2);
    expect(placed / under).toBeLessThan(0.6);
    expect(counselled / under).toBeGreaterThan(0.5);
    // No base or employer holds more than its places (item 6).
    expect(await count(sql`select count(*)::int as n from partners where capacity is not null and places_taken > capacity`)).toBe(0);
    const partner = new Client(t);
    expect((await partner.signIn('d1.partner', PASSWORD)).statusCode).toBe(200);
    const inbox = (await partner.get('/api/partner/referrals')).json().items as { person: { name: string } }[];
    expect(inbox.length).toBeGreaterThan(0);
    expect(Object.keys(inbox[0]!).sort()).toEqual(['id', 'need', 'partnerName', 'person', 'purpose', 'respondBy', 'sentOn', 'status']);
    // Items 3 and 7: placements past three months had their first check; a street's 今日待办 has assistance tasks.
    expect(await count(sql`select count(*)::int as n from assistance_placement_checks where month = 3 and employed`)).toBeGreaterThan(0);
    const officer = new Client(t);
    expect((await officer.signIn('s1.officer', PASSWORD)).statusCode).toBe(200);
    const tasks = (await officer.get('/api/assistance/tasks?scope=unit')).json().items as { kind: string }[];
    expect(new Set(tasks.map((x) => x.kind)).size).toBeGreaterThan(1);
  });

  it('leaves the past handled: notices older than three days acknowledged, education older than a week held', async () => {
    const cut = addDays(t.clock.today(), -3);
    expect(await count(sql`select count(*)::int as n from police_notices where acknowledged_at is null and fact_date < ${cut}`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from police_notices`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from education_records where conducted_on is null and fact_date < ${addDays(t.clock.today(), -7)}`)).toBe(0);
    // Their messages were read back then; the open ones are still unread in somebody's inbox.
    expect(
      await count(
        sql`select count(*)::int as n from reminder_messages m join police_notices n on m.details->>'noticeId' = n.id::text where n.acknowledged_at is not null and m.read_at is null`,
      ),
    ).toBe(0);
    const open = await count(sql`select count(*)::int as n from police_notices where acknowledged_at is null`);
    if (open > 0) expect(await count(sql`select count(*)::int as n from reminder_messages where read_at is null and details->>'kind' = 'notice'`)).toBeGreaterThan(0);
  });

  it('lets a generated social worker sign in with the printed password and see a day of work; the database is marked a demo', async () => {
    const worker = new Client(t);
    expect((await worker.signIn('c1.sw1', PASSWORD)).statusCode).toBe(200);
    // The server reads this flag at start and tells the UI (/api/auth/me → demo).
    expect(await isDemoDatabase(t.database.db)).toBe(true);
    const day = await worker.get('/api/today?scope=mine');
    expect(day.statusCode).toBe(200);
    const body = day.json();
    expect(body.summary.persons).toBeGreaterThan(0);
    expect(body.summary.persons).toBeLessThanOrEqual(30);
    // His persons' files carry their history: the API shows the records the generator wrote.
    const [busiest] = await rows<{ id: string; n: number }>(
      t.database.db,
      sql`
      select p.id, count(*)::int as n from persons p join users u on u.id = p.responsible_worker_id
      join supervision_records r on r.person_id = p.id where u.username = 'c1.sw1' group by p.id order by n desc limit 1`,
    );
    expect(busiest!.n).toBeGreaterThan(20);
    const records = (await worker.get(`/api/persons/${busiest!.id}/records?limit=1`)).json();
    expect(records.total).toBe(busiest!.n);
  });

  it('files persons in grids, so a grid worker sees his grid (JOURNEYS 2) and the community its grids', async () => {
    const [gw] = await rows<{ username: string; org_unit_id: string }>(
      t.database.db,
      sql`
      select u.username, g.org_unit_id from users u join grants g on g.user_id = u.id join roles r on r.id = g.role_id
      where r.code = 'grid_worker' order by u.username limit 1`,
    );
    const inGrid = await count(sql`select count(*)::int as n from persons where org_unit_id = ${gw!.org_unit_id}`);
    expect(inGrid).toBeGreaterThan(0);
    const grid = new Client(t);
    expect((await grid.signIn(gw!.username, PASSWORD)).statusCode).toBe(200);
    const listed = (await grid.get('/api/persons?limit=100')).json();
    expect(listed.total).toBe(inGrid);
    const day = await grid.get(`/api/today?scope=unit&orgUnitId=${gw!.org_unit_id}`);
    expect(day.statusCode).toBe(200);
    expect(day.json().summary.persons).toBeLessThanOrEqual(inGrid);
    // His grid visits are his: recorded by him, about persons of his grid.
    expect(
      await count(sql`
      select count(*)::int as n from supervision_records r join persons p on p.id = r.person_id join users u on u.id = r.recorded_by
      where r.kind = 'grid_visit' and u.username = ${gw!.username} and p.org_unit_id <> ${gw!.org_unit_id}`),
    ).toBe(0);
  });

  it('writes a year of prevention: K13 and K16 per district from the activities and trainings, volunteers in street teams (issue 16)', async () => {
    expect(summary.prevention).toMatchObject({ activities: expect.any(Number), teams: expect.any(Number), trainings: expect.any(Number) });
    expect(summary.prevention.activities).toBeGreaterThanOrEqual(12 * 4);
    expect(await count(sql`select count(*)::int as n from publicity_activities`)).toBe(summary.prevention.activities);
    const office = new Client(t);
    expect((await office.signIn('city.office', PASSWORD)).statusCode).toBe(200);
    const period = `from=${addDays(t.clock.today(), -365)}&to=${t.clock.today()}`;
    const city = (await office.get(`/api/prevention/indicators?${period}`)).json();
    expect(city.k13).toMatchObject({ activities: summary.prevention.activities, reach: summary.prevention.reach });
    expect(city.k16.trainings).toBe(summary.prevention.trainings);
    expect(city.k16.passRate.rate).toBeGreaterThan(0.8);
    expect(city.volunteers.volunteers).toBe(summary.prevention.volunteers);
    const byDistrict = (await office.get(`/api/prevention/publicity-summary?${period}`)).json();
    expect(byDistrict.byUnit.reduce((n: number, u: { reach: number }) => n + u.reach, 0)).toBe(summary.prevention.reach);
    // K14 and K15 from the survey answers of every community; K12 from the real assignments.
    const sv = summary.prevention.survey;
    expect(summary.prevention.responses).toBeGreaterThan(0);
    expect(city.k14.responses).toBe(summary.prevention.responses);
    expect(city.k14.recognition).toMatchObject({ numerator: sv.correct, denominator: sv.knowledge });
    expect(city.k15.satisfaction).toMatchObject({ numerator: sv.satisfied, denominator: sv.rated });
    expect(city.k15.satisfaction.rate).toBeGreaterThan(0.8);
    expect(city.k12.persons).toBeGreaterThan(0);
    expect(city.k12.workers).toBeGreaterThanOrEqual(city.k12.workersNeeded);
    expect(await count(sql`select count(*)::int as n from tips`)).toBe(summary.prevention.tips);
    // #16 item 3 (K12): every social worker graded, some certificates expiring or expired; the staff page's K12 agrees with the indicator's.
    const staff = (await office.get('/api/prevention/staff')).json();
    expect(staff.workers).toHaveLength(summary.prevention.staff.graded);
    const states = staff.workers.flatMap((w: { qualifications: { state: string }[] }) => w.qualifications.map((q) => q.state));
    expect(states.filter((x: string) => x === 'expiring')).toHaveLength(summary.prevention.staff.expiring);
    expect(states.filter((x: string) => x === 'expired')).toHaveLength(summary.prevention.staff.expired);
    expect(summary.prevention.staff.expiring).toBeGreaterThan(0);
    expect(staff.k12).toMatchObject({ persons: city.k12.persons, workers: city.k12.workers, workersNeeded: city.k12.workersNeeded, met: city.k12.met });
  });

  it('gives each district joint meetings with an overdue item, the seed risk register, budgets with expenses and K18 figures (issue 15)', async () => {
    expect(summary.govOps.meetings).toBeGreaterThan(0);
    const office = new Client(t);
    expect((await office.signIn('d1.office', PASSWORD)).statusCode).toBe(200);
    expect((await office.get('/api/governance-ops/action-items/overdue')).json().items.length).toBeGreaterThan(0);
    const matrix = (await office.get('/api/governance-ops/risks/matrix')).json();
    expect(matrix.risks.map((r: { category: string }) => r.category).sort()).toEqual(['awareness', 'resources', 'rules', 'staff']);
    const station = (await office.get('/api/governance-ops/stations')).json().items[0];
    const budget = (await office.get(`/api/governance-ops/budgets?orgUnitId=${station.orgUnitId}&year=${t.clock.today().slice(0, 4)}`)).json();
    expect(budget.spentFen).toBeGreaterThan(0);
    expect(budget.executionRate).toBeLessThan(1);
    const k18 = (await office.get(`/api/governance-ops/units/${station.orgUnitId}/k18?year=${t.clock.today().slice(0, 4)}`)).json();
    expect(k18.baseCases).toBeGreaterThan(0);
  });

  it('classifies everyone under a measure, most low and a few high, with open alerts for their workers (issue 13 item 6)', async () => {
    expect(summary.warnings).toMatchObject({ persons: summary.supervision!.persons });
    const classes = await rows<{ risk_class: string; n: number }>(
      t.database.db,
      sql`select risk_class, count(*)::int as n from risk_classifications where superseded_at is null group by 1`,
    );
    const share = (c: string) => (classes.find((x) => x.risk_class === c)?.n ?? 0) / classes.reduce((n, x) => n + x.n, 0);
    expect(share('low')).toBeGreaterThan(0.5);
    expect(share('high')).toBeGreaterThan(0);
    expect(share('high')).toBeLessThan(0.2);
    expect(share('high')).toBeLessThan(share('medium') + share('low'));
    // The file's class is the one computed (no override in a generated city).
    expect(
      await count(
        sql`select count(*)::int as n from persons p join risk_classifications c on c.person_id = p.id and c.superseded_at is null where p.risk_level is distinct from c.risk_class`,
      ),
    ).toBe(0);
    const open = await count(sql`select count(*)::int as n from alerts where status = 'open'`);
    expect(open).toBeGreaterThan(0);
    expect(open).toBeLessThan(summary.warnings!.persons);
    const worker = new Client(t);
    expect((await worker.signIn('c1.sw1', PASSWORD)).statusCode).toBe(200);
    const mine = (await worker.get('/api/alerts?scope=mine&state=open')).json();
    expect(mine.total).toBeGreaterThan(0);
  });

  it('gives the city persons eligible for delisting with their tests, and sealed files (delisted, voluntary treatment) (issue 14 item 9)', async () => {
    expect(summary.sealing).toMatchObject({ eligible: 3, upcoming: 2, delisted: 2, voluntary: 2 });
    const office = new Client(t);
    expect((await office.signIn('city.office', PASSWORD)).statusCode).toBe(200);
    // D2, D3: the review list holds the eligible, each with its date, and those coming up.
    const eligible = (await office.get('/api/delisting?state=eligible&limit=100')).json();
    expect(eligible.total).toBeGreaterThanOrEqual(3);
    const upcoming = (await office.get('/api/delisting?state=upcoming&limit=100')).json();
    expect(upcoming.total).toBeGreaterThanOrEqual(2);
    const one = eligible.items[0] as { personId: string; eligibleOn: string };
    expect(one.eligibleOn <= t.clock.today()).toBe(true);
    // The three years' tests are there as the notice's evidence: negative, one a quarter.
    const tests = await count(sql`select count(*)::int as n from supervision_records where person_id = ${one.personId} and kind = 'drug_test' and result = 'negative'`);
    expect(tests).toBeGreaterThanOrEqual(12);
    // P4: sealed files, found only by the whole ID number, with their reason; the delisted ones approved.
    expect(
      await count(sql`select count(*)::int as n from seals s join persons p on p.id = s.person_id and p.sealed where s.reason in ('delisted', 'voluntary')`),
    ).toBeGreaterThanOrEqual(4);
    expect(await count(sql`select count(*)::int as n from delistings d join seals s on s.person_id = d.person_id and s.reason = 'delisted' where d.state = 'approved'`)).toBe(2);
    const lookup = (await office.get(`/api/sealed-files/lookup?idNumber=${summary.sealing.sealedIdNumber}`)).json();
    expect(lookup).toMatchObject({ found: true });
    expect(['delisted', 'voluntary']).toContain(lookup.reason);
  });

  it('refuses to generate into a database that already holds person files', async () => {
    await expect(seedCity(t.database, t.cipher, { persons: 10, years: 1, seed: 1, today: t.clock.today(), staffPassword: PASSWORD })).rejects.toThrow(/already holds person files/);
    expect(await demoDatabaseState(t.database.db)).toBe('demo');
  });
});

describe.each(testDbKinds())('npm run demo on %s refuses a database with real work in it', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  }, 60_000);
  afterAll(() => t.close());

  it('accepts a freshly bootstrapped one and refuses once a real account exists', async () => {
    expect(await demoDatabaseState(t.database.db)).toBe('empty');
    const admin = await adminClient(t);
    const root = (await admin.get('/api/org-units')).json().items[0].id as string;
    await userWith(t, admin, 'real.worker', 'social_worker', root);
    await expect(demoDatabaseState(t.database.db, './data')).rejects.toThrow(/\.\/data holds data that is not a demo city/);
  });
});
