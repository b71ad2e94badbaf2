import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client';
import { STRONG, testDbKinds, userWith, type Client } from '../../test/harness';
import { freshIdNumber } from '../../test/factories';
import { world, personUnderMeasure, type World } from '../../test/supervision-world';
import { cleanPerson } from '../../test/sealing-world';
import { addDays, addYears } from '../../../core/rules/dates';
import { defaultPolicy } from '../../../core/rules/policy';

// Issue 14 items 3–7: delisting (D2, D3), sealing (P4, P5, M4), openings with a purpose,
// break-the-glass, the person's access report (PIPL §44–45) and the retention purge.
describe.each(testDbKinds())('delisting and sealed files on %s', (kind) => {
  let w: World;
  let streetOfficer: Client & { userId: string };
  let communityOfficer: Client & { userId: string };
  let auditor: Client & { userId: string };

  beforeAll(async () => {
    w = await world(kind, {}, 'sl');
    streetOfficer = await userWith(w.t, w.admin, 'sl.streetofficer', 'officer', w.units.street);
    communityOfficer = await userWith(w.t, w.admin, 'sl.commofficer', 'officer', w.units.community);
    auditor = await userWith(w.t, w.admin, 'sl.auditor', 'audit_admin', w.units.district);
  });
  afterAll(() => w.t.close());

  const clean = (name: string) =>
    cleanPerson(w.t, w.officer, {
      orgUnitId: w.units.community,
      name,
      startDate: '2023-11-10',
      endedOn: '2026-11-10',
      tests: ['2023-12-10', '2024-06-10', '2025-06-10', '2026-06-10'],
    });
  const sealedVoluntary = async (name: string) => {
    const idNumber = freshIdNumber();
    const p = await w.officer.post('/api/persons', { orgUnitId: w.units.community, name, idNumber });
    expect(p.statusCode, p.body).toBe(201);
    const m = await w.officer.post(`/api/persons/${p.json().id}/measures`, { kind: 'voluntary_treatment', decisionDate: '2026-11-01' });
    expect(m.statusCode, m.body).toBe(201);
    return { personId: p.json().id as string, idNumber };
  };

  it('D2: three clean years — eligible with the date, reviewed, approved by the street, sealed and gone from search; the notice carries the tests', async () => {
    const p = await clean('满三年甲');
    const standing = (await w.officer.get(`/api/persons/${p.personId}/delisting`)).json();
    expect(standing).toMatchObject({ state: 'eligible', eligibleOn: '2026-11-10', basis: 'measure_start' });
    expect(standing.reason['en-US']).toBe("eligible on 2026-11-10 (counted from the measure's start)");

    const runs = await w.t.database.db.transaction((tx) => w.t.services.sealing.runDaily(tx, { force: true }));
    expect(runs!.persons).toBeGreaterThan(0);
    const list = (await w.officer.get('/api/delisting')).json();
    expect(list.items.find((i: { personId: string }) => i.personId === p.personId)).toMatchObject({ state: 'eligible', eligibleOn: '2026-11-10' });

    const reviewed = await streetOfficer.post(`/api/persons/${p.personId}/delisting`, { note: '三年检测均为阴性' });
    expect(reviewed.statusCode, reviewed.body).toBe(201);
    expect((await w.officer.post(`/api/persons/${p.personId}/delisting`, {})).json().error.code).toBe('delisting.already_open');
    const id = reviewed.json().id as string;
    expect((await streetOfficer.post(`/api/delistings/${id}/decision`, { approve: true, date: '2026-11-22' })).json().error.code).toBe('delisting.same_reviewer');
    expect((await communityOfficer.post(`/api/delistings/${id}/decision`, { approve: true, date: '2026-11-22' })).json().error.code).toBe('delisting.not_street');
    expect((await w.outsider.post(`/api/delistings/${id}/decision`, { approve: true, date: '2026-11-22' })).statusCode).toBe(404);
    expect((await w.officer.post(`/api/delistings/${id}/notice`, {})).statusCode).toBe(404);
    expect((await w.officer.get(`/api/delistings/${id}/notice`)).json().error.code).toBe('delisting.notice_not_ready');

    const approved = await w.officer.post(`/api/delistings/${id}/decision`, { approve: true, date: '2026-11-22' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'approved', decisionDate: '2026-11-22' });
    expect((await w.officer.post(`/api/delistings/${id}/decision`, { approve: true, date: '2026-11-22' })).json().error.code).toBe('delisting.decided');

    // P4: sealed on delisting — gone from the file route and from search.
    expect((await w.officer.get(`/api/persons/${p.personId}`)).statusCode).toBe(404);
    expect((await w.officer.get(`/api/persons?q=${encodeURIComponent('满三年甲')}`)).json().total).toBe(0);
    const notice = (await w.officer.get(`/api/delistings/${id}/notice`)).json();
    expect(notice).toMatchObject({ personName: '满三年甲', cleanSince: '2023-11-10', eligibleOn: '2026-11-10', counts: { total: 4, negative: 4, other: 0 } });
    expect(notice.idNumber.endsWith(p.idNumber.slice(-4))).toBe(true);
    expect(notice.idNumber).not.toContain(p.idNumber.slice(0, 6));
  });

  it('D2: delisting a person not eligible is refused with a stable code and the reason', async () => {
    const p = await personUnderMeasure(w, { reportDate: '2026-10-10', name: '未满三年' });
    const res = await streetOfficer.post(`/api/persons/${p.personId}/delisting`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('delisting.not_eligible');
    expect(res.json().error.message['en-US']).toContain('eligible on 2029-10-10');
  });

  it('the daily run is idempotent: a second run on the same day changes nothing', async () => {
    await clean('幂等乙');
    await w.t.database.db.transaction((tx) => w.t.services.sealing.runDaily(tx, { force: true }));
    const again = await w.t.database.db.transaction((tx) => w.t.services.sealing.runDaily(tx, { force: true }));
    expect(again).toMatchObject({ changed: 0, sealed: 0 });
    expect(await w.t.database.db.transaction((tx) => w.t.services.sealing.runDaily(tx))).toBeNull();
  });

  it('D2: a rerun with nothing changed judges nothing; a new record, or a day a standing changes by date, makes it judge again', async () => {
    const run = (opts: { force?: boolean; full?: boolean } = { force: true }) => w.t.database.db.transaction((tx) => w.t.services.sealing.runDaily(tx, opts));
    const { upcomingDays } = { upcomingDays: defaultPolicy.sealing.delistingUpcomingDays };
    // Counting until the day before the window: its standing changes by date tomorrow.
    const today = w.t.clock.today();
    const start = addDays(addYears(today, -3), upcomingDays + 1);
    const p = await cleanPerson(w.t, w.officer, { orgUnitId: w.units.community, name: '跳过甲', startDate: start, endedOn: addYears(start, 3), tests: [addDays(start, 30)] });
    await w.t.database.db.execute(
      sql`update measures set status = 'active', end_date = null, state = jsonb_set(jsonb_set(state, '{status}', '"active"'), '{endedOn}', 'null') where id = ${p.measureId}`,
    );
    await run();
    const statusOf = async () => (await rows<{ state: string }>(w.t.database.db, sql`select state from delisting_status where person_id = ${p.personId}`))[0]?.state;
    expect(await statusOf()).toBe('counting');
    expect(await run()).toMatchObject({ skipped: true, persons: 0, changed: 0 });
    // A record anywhere is a new input: judged again (and marked again, so the next one skips).
    await w.worker.post(`/api/persons/${p.personId}/records`, { kind: 'check_in', date: today, place: '社区工作站' });
    expect((await run())!.skipped).toBeUndefined();
    expect(await run()).toMatchObject({ skipped: true });
    // `full` judges whatever the figure says.
    expect((await run({ force: true, full: true }))!.persons).toBeGreaterThan(0);
    // Tomorrow the count enters the coming-up window: judged again although no input changed.
    const saved = w.t.clock.now();
    w.t.clock.set(new Date(saved.getTime() + 86_400_000));
    try {
      const next = await run();
      expect(next!.skipped).toBeUndefined();
      expect(await statusOf()).toBe('upcoming');
    } finally {
      w.t.clock.set(saved);
    }
  });

  it('M4, P4: voluntary treatment is sealed from the start; opening needs a purpose, lasts the policy hours, is audited and told to the auditor', async () => {
    const v = await sealedVoluntary('自愿丙');
    expect((await w.worker.get(`/api/persons/${v.personId}`)).statusCode).toBe(404);
    expect((await w.streetOffice.get(`/api/persons/${v.personId}/page`)).statusCode).toBe(404);
    const found = (await w.streetOffice.get(`/api/sealed-files/lookup?idNumber=${v.idNumber}`)).json();
    expect(found).toMatchObject({ found: true, personId: v.personId, reason: 'voluntary' });
    expect((await w.outsider.get(`/api/sealed-files/lookup?idNumber=${v.idNumber}`)).statusCode).toBe(403);

    const noPurpose = await w.streetOffice.post(`/api/persons/${v.personId}/sealed-openings`, {});
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json().error.fields[0].path).toContain('purpose');
    const opened = await w.streetOffice.post(`/api/persons/${v.personId}/sealed-openings`, { purpose: '法院调查函核实' });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(new Date(opened.json().expiresAt).getTime() - w.t.clock.now().getTime()).toBe(3 * 3_600_000);
    expect((await w.streetOffice.get(`/api/persons/${v.personId}/page`)).statusCode).toBe(200);
    // Read only: a change through the opening is refused as if the file were not there.
    expect((await w.streetOffice.post(`/api/persons/${v.personId}/assignment`, { orgUnitId: w.units.community, reason: '测试' })).statusCode).toBe(404);

    const trail = (await auditor.get(`/api/audit?action=sealing.open&personId=${v.personId}`)).json();
    expect(trail.items).toHaveLength(1);
    expect(trail.items[0].purpose).toBe('法院调查函核实');
    const inbox = (await auditor.get('/api/messages')).json();
    expect(JSON.stringify(inbox)).toContain('sealing.open');
    expect(JSON.stringify(inbox)).not.toContain('自愿丙');

    // After the time box the opening says so (410), and a new purpose opens it again.
    w.t.clock.advanceMinutes(181);
    const office = w.streetOffice;
    office.cookie = '';
    office.csrf = '';
    expect((await office.signIn('sl.office', STRONG)).statusCode).toBe(200);
    const late = await office.get(`/api/persons/${v.personId}/page`);
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe('sealing.opening_expired');
    await w.setToday('2026-11-22');
  });

  it('an open file cannot be "opened": sealing.not_sealed', async () => {
    const p = await personUnderMeasure(w, { reportDate: '2026-10-10', name: '未封存' });
    const res = await w.streetOffice.post(`/api/persons/${p.personId}/sealed-openings`, { purpose: '核实' });
    expect(res.json().error.code).toBe('sealing.not_sealed');
  });

  it('break-the-glass: out of scope, with a reason and a time box, read only, told to the holding unit; in scope it is refused', async () => {
    const idNumber = freshIdNumber();
    const created = await w.officer.post('/api/persons', { orgUnitId: w.units.community, name: '急诊丁', idNumber });
    const personId = created.json().id as string;
    expect((await w.outsider.get(`/api/persons/${personId}`)).statusCode).toBe(404);
    expect((await w.outsider.post('/api/break-glass', { idNumber })).statusCode).toBe(400);
    const bg = await w.outsider.post('/api/break-glass', { idNumber, reason: '外区医院急诊收治' });
    expect(bg.statusCode, bg.body).toBe(201);
    expect(bg.json()).toMatchObject({ personId, kind: 'break_glass' });
    expect((await w.outsider.get(`/api/persons/${personId}/page`)).statusCode).toBe(200);
    expect((await w.outsider.patch(`/api/persons/${personId}`, { version: 1, name: '改名' })).statusCode).toBe(404);
    const inScope = await w.officer.post('/api/break-glass', { idNumber, reason: '测试' });
    expect(inScope.statusCode).toBe(409);
    expect(inScope.json().error.code).toBe('sealing.break_glass_in_scope');
    expect(JSON.stringify((await streetOfficer.get('/api/messages')).json())).toContain('sealing.break_glass');
    expect(JSON.stringify((await auditor.get('/api/messages')).json())).toContain('sealing.break_glass');
  });

  it('PIPL §44–45: the access report lists exactly the audit rows of the person, staff as role and unit; out of scope 404; the auditor never reaches it', async () => {
    const p = await personUnderMeasure(w, { reportDate: '2026-10-10', name: '报告戊' });
    await w.worker.get(`/api/persons/${p.personId}/page`);
    await w.police.get(`/api/persons/${p.personId}`);
    const expected = await rows<{ id: number }>(w.t.database.db, sql`select id from audit_log where person_id = ${p.personId} order by id`);
    const res = await streetOfficer.get(`/api/persons/${p.personId}/access-report`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.rows.map((r: { auditId: number }) => Number(r.auditId))).toEqual(expected.map((r) => Number(r.id)));
    expect(report.rows.some((r: { roles: { 'en-US': string }[] }) => r.roles.some((x) => x['en-US'] === 'Police officer'))).toBe(true);
    expect(res.body).not.toMatch(/sl\.(worker|police|officer)/);
    const own = await rows<{ n: number }>(w.t.database.db, sql`select count(*)::int as n from audit_log where person_id = ${p.personId} and action = 'person.access_report'`);
    expect(Number(own[0]!.n)).toBe(1);
    expect((await w.outsider.get(`/api/persons/${p.personId}/access-report`)).statusCode).toBe(404);
    expect((await auditor.get(`/api/persons/${p.personId}/access-report`)).statusCode).toBe(403);
    expect((await auditor.get('/api/delisting')).statusCode).toBe(403);
  });

  it('P4: the retention purge removes a sealed file past its period and leaves an audit row without its data', async () => {
    const v = await sealedVoluntary('清除己');
    await w.t.database.db.execute(sql`update seals set sealed_on = '2010-01-01' where person_id = ${v.personId}`);
    const counts = await w.t.database.db.transaction((tx) => w.t.services.sealing.runDaily(tx, { force: true }));
    expect(counts!.purged).toBeGreaterThanOrEqual(1);
    // Issue 14: the file itself is gone (purge.test.ts walks every module's tables).
    expect(await rows(w.t.database.db, sql`select 1 from persons where id = ${v.personId}`)).toHaveLength(0);
    const trail = await rows<{ details: unknown; purpose: string | null }>(
      w.t.database.db,
      sql`select details, purpose from audit_log where action = 'sealing.purge' and person_id = ${v.personId}`,
    );
    expect(trail).toHaveLength(1);
    expect(JSON.stringify(trail[0])).not.toContain('清除己');
    expect(JSON.stringify(trail[0])).not.toContain(v.idNumber);
  });
});
