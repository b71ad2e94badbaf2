import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { startTestApp, testDbKinds, adminClient, cityWithCommunity, userWith, Client, type TestApp } from '../../test/harness';
import { buildMeasure, buildPerson, buildRecord } from '../../test/factories';
import { auditLog } from '../audit/schema';

// Issue 15 item 5 (季考核): a small known city — a district with two streets — whose 2026-Q4 (the
// test clock stands at 2026-11-22) gives K2 (管控率) and K6 (复吸率, RULES §6) figures one counts
// by hand; the district office's rules score them, rank the two streets, and change the ranking.
describe.each(testDbKinds())('quarterly assessment on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let office: Client;
  let officer: Client;
  let otherOfficer: Client;
  let west: string;
  let westOffice: Client;
  let units: Awaited<ReturnType<typeof cityWithCommunity>>;
  const form = { livingSituation: 'with_family', employment: 'unemployed', family: 'supportive', health: 'good', mood: 'stable', nextStep: 'continue' };
  const q4 = 'quarter=2026-Q4';
  const onlyK2K6 = { weights: { K2: 1, K6: 1 }, milestoneShare: 0, milestonePoints: { on_track: 100, at_risk: 50, missed: 0 } };

  type Card = {
    units: {
      orgUnit: { id: string; name: string };
      total: number | null;
      rank: number | null;
      indicators: { code: string; points: number | null; maxPoints: number; scored: boolean }[];
    }[];
  };
  const scorecard = async (c: Client = office, unit = units.district): Promise<Card> => {
    const res = await c.get(`/api/assessment/quarterly?orgUnitId=${unit}&${q4}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Card;
  };
  const of = (card: Card, id: string) => card.units.find((u) => u.orgUnit.id === id)!;
  const putRules = (body: object, c: Client = office) => c.req('PUT', '/api/assessment/rules', { orgUnitId: units.district, ...body });

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await adminClient(t);
    units = await cityWithCommunity(admin);
    office = await userWith(t, admin, 'as.office', 'drug_control_office', units.district);
    officer = await userWith(t, admin, 'as.officer', 'officer', units.street);
    otherOfficer = await userWith(t, admin, 'as.other', 'officer', units.otherStreet);
    // Another district with one street and nobody under a measure; no office sets its rules.
    const mk = async (parentId: string, level: string, name: string) => (await admin.post('/api/org-units', { parentId, level, name })).json().id as string;
    west = await mk(units.root, 'district', '西城区');
    await mk(west, 'street', '西长安街街道');
    westOffice = await userWith(t, admin, 'as.west', 'drug_control_office', west);
    // 东华门街道 (through its community): A and C under measure since October, both met in person
    // in November (K2 2 / 2 = 100 %); C tested positive (K6 1 / 2 = 50 %, against a target of 20 %).
    for (const [name, result] of [
      ['甲', 'negative'],
      ['丙', 'positive'],
    ] as const) {
      const id = await buildPerson(t, officer, { orgUnitId: units.community, name });
      await buildMeasure(t, officer, id, { decisionDate: '2026-10-01', decisionReceivedDate: '2026-10-01', reportDate: '2026-10-05' });
      await buildRecord(t, officer, id, { kind: 'drug_test', date: '2026-11-10', sample: 'urine', method: 'on_site', result });
      await buildRecord(t, officer, id, { kind: 'visit', date: '2026-11-12', contactMode: 'in_person', form });
    }
    // 景山街道: D under measure since September, met in person, tested negative (K2 100 %, K6 0 %).
    const d = await buildPerson(t, otherOfficer, { orgUnitId: units.otherStreet, name: '丁' });
    await buildMeasure(t, otherOfficer, d, { decisionDate: '2026-09-01', decisionReceivedDate: '2026-09-01', reportDate: '2026-09-03' });
    await buildRecord(t, otherOfficer, d, { kind: 'drug_test', date: '2026-11-10', sample: 'urine', method: 'on_site', result: 'negative' });
    await buildRecord(t, otherOfficer, d, { kind: 'visit', date: '2026-11-12', contactMode: 'in_person', form });
  });
  afterAll(() => t.close());

  it('a district no office has configured runs on the defaults; indicators with nothing to count are left out, not zeroed', async () => {
    const rules = await westOffice.get(`/api/assessment/rules?orgUnitId=${west}`);
    expect(rules.statusCode, rules.body).toBe(200);
    expect(rules.json()).toMatchObject({ origin: 'default', weights: { K2: 15, K6: 15 }, milestoneShare: 20 });
    const card = await scorecard(westOffice, west);
    expect(card.units).toHaveLength(1);
    // Nobody under measure: K2–K11 have nothing to count and are left out, not zeroed. K13 is data
    // (no publicity held: 0 against a pro-rata 3): it carries all 100 points, attains 0, and its
    // milestone at risk earns 50 % of the 20 % milestone part.
    expect(card.units[0]).toMatchObject({ total: 10, rank: 1 });
    expect(card.units[0]!.indicators.filter((x) => x.scored).map((x) => [x.code, x.maxPoints, x.points])).toEqual([['K13', 100, 10]]);
    expect(card.units[0]!.indicators.find((x) => x.code === 'K15')).toMatchObject({ scored: false, points: null });
    expect((await westOffice.get(`/api/assessment/quarterly?orgUnitId=${units.district}&${q4}`)).statusCode).toBe(404);
  });

  it('K2 and K6 weighted 1 : 1: 东华门 50 (K2 met, K6 past its ceiling), 景山 100 — then K2 alone ties them at rank 1', async () => {
    const set = await putRules(onlyK2K6);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ origin: 'unit', weights: { K2: 1, K6: 1 } });
    // The street inherits the district's rules.
    expect((await office.get(`/api/assessment/rules?orgUnitId=${units.street}`)).json()).toMatchObject({ origin: 'inherited', weights: { K2: 1, K6: 1 } });
    let card = await scorecard();
    expect(of(card, units.street)).toMatchObject({ total: 50, rank: 2 });
    expect(of(card, units.otherStreet)).toMatchObject({ total: 100, rank: 1 });
    expect(
      of(card, units.street)
        .indicators.filter((x) => x.scored)
        .map((x) => [x.code, x.points]),
    ).toEqual([
      ['K2', 50],
      ['K6', 0],
    ]);
    expect(card.units[0]!.orgUnit.id).toBe(units.otherStreet);

    expect((await putRules({ ...onlyK2K6, weights: { K2: 1 } })).statusCode).toBe(200);
    card = await scorecard();
    expect(card.units.map((u) => [u.orgUnit.name, u.total, u.rank])).toEqual([
      ['东华门街道', 100, 1],
      ['景山街道', 100, 1],
    ]);
    const [row] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'assessment.rules.set'));
    expect(row).toBeDefined();
    await putRules(onlyK2K6);
  });

  it('the .xlsx parses back with the ranking; the .docx unzips and names the units; both downloads are audited', async () => {
    await putRules(onlyK2K6);
    const x = await office.get(`/api/assessment/quarterly.xlsx?orgUnitId=${units.district}&${q4}`);
    expect(x.statusCode, x.body).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('考核排名')!;
    const rows = [2, 3].map((i) => [ws.getRow(i).getCell(1).value, ws.getRow(i).getCell(2).value, ws.getRow(i).getCell(3).value]);
    expect(rows).toEqual([
      [1, '景山街道', 100],
      [2, '东华门街道', 50],
    ]);

    const d = await office.get(`/api/assessment/quarterly.docx?orgUnitId=${units.district}&${q4}`);
    expect(d.statusCode).toBe(200);
    expect(d.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(d.rawPayload);
    const body = await zip.file('word/document.xml')!.async('string');
    expect(body).toContain('景山街道');
    expect(body).toContain('东华门街道');
    expect(await zip.file('word/styles.xml')!.async('string')).toContain('w:eastAsia="SimSun"');

    const rowsAudited = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'assessment.scorecard.export'));
    expect(rowsAudited.map((r) => (r.details as { format: string }).format).sort()).toEqual(expect.arrayContaining(['docx', 'xlsx']));
  });

  it('bad input is a 400 with zh-CN and en-US messages', async () => {
    for (const quarter of ['2026-Q5', '2026-3', '2027-Q1']) {
      const res = await office.get(`/api/assessment/quarterly?orgUnitId=${units.district}&quarter=${quarter}`);
      expect(res.statusCode, quarter).toBe(400);
      expect(res.json().error.fields[0].message['zh-CN']).toBeTruthy();
    }
    expect((await office.get(`/api/assessment/quarterly?orgUnitId=${units.district}&quarter=2027-Q1`)).json().error.fields[0].code).toBe('assessment.quarter_future');
    const cases: [object, string][] = [
      [{ ...onlyK2K6, weights: { K2: 1, K99: 2 } }, 'assessment.unknown_indicator'],
      [{ ...onlyK2K6, weights: { K2: 0, K6: 0 } }, 'assessment.no_weight'],
      [{ ...onlyK2K6, weights: { K2: -1, K6: 2 } }, 'assessment.weight_negative'],
      [{ ...onlyK2K6, milestonePoints: { on_track: 10, at_risk: 50, missed: 0 } }, 'assessment.milestone_order'],
    ];
    for (const [body, code] of cases) {
      const res = await putRules(body);
      expect(res.statusCode, code).toBe(400);
      const field = res.json().error.fields.find((f: { code: string }) => f.code === code);
      expect(field, res.body).toBeDefined();
      expect(field.message['zh-CN']).not.toBe(field.message['en-US']);
    }
  });

  it('out of scope answers as missing (404)', async () => {
    expect((await otherOfficer.get(`/api/assessment/quarterly?orgUnitId=${units.street}&${q4}`)).statusCode).toBe(404);
    expect((await officer.get(`/api/assessment/quarterly?orgUnitId=${units.district}&${q4}`)).statusCode).toBe(404);
    expect((await officer.get(`/api/assessment/quarterly.xlsx?orgUnitId=${units.district}&${q4}`)).statusCode).toBe(404);
    expect((await otherOfficer.get(`/api/assessment/rules?orgUnitId=${units.street}`)).statusCode).toBe(404);
    // Rules: another district's office cannot reach this one's (404); an officer holds no target.manage (403).
    expect((await putRules(onlyK2K6, westOffice)).statusCode).toBe(404);
    expect((await putRules(onlyK2K6, officer)).statusCode).toBe(403);
    // The street officer reads the scorecard of his own street's communities.
    expect((await scorecard(officer, units.street)).units.map((u) => u.orgUnit.id)).toEqual([units.community]);
  });
});
