import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { and, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { startTestApp, testDbKinds, adminClient, cityWithCommunity, userWith, Client, type TestApp } from '../../test/harness';
import { buildMeasure, buildPerson, buildRecord } from '../../test/factories';
import { auditLog } from '../audit/schema';
import { reports } from './schema';
import { bulletinFigure, bulletinRatio } from '../../../core/rules/bulletin';
import { barChartPng, crc32 } from './chart';

// Issue 15 item 5: the monthly bulletin (月通报). A district with two streets and persons under
// measure in November 2026 (the test clock stands at 2026-11-22); the bulletin of November holds
// the K5 the governance service computes for the district, in a .docx whose styles put Chinese in
// SimSun; two asks at once are one job; bad months 400, a unit out of scope 404; downloads audited.
describe.each(testDbKinds())('reports on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let office: Awaited<ReturnType<typeof userWith>>;
  let officer: Client;
  let otherOffice: Client;
  let units: Awaited<ReturnType<typeof cityWithCommunity>>;

  const generate = (c: Client, orgUnitId: string, month: string) => c.post('/api/reports/monthly-bulletin', { orgUnitId, month });
  const done = async (id: string, c: Client = office) => {
    await t.services.reports.settle();
    const res = await c.get(`/api/reports/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { state: string; progress: number; sizeBytes: number | null; generatedBy: { name: string } | null; period: string };
  };
  const documentXml = async (bytes: Buffer) => (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await adminClient(t);
    units = await cityWithCommunity(admin);
    office = await userWith(t, admin, 'rep.office', 'drug_control_office', units.district);
    officer = await userWith(t, admin, 'rep.officer', 'officer', units.street);
    otherOffice = await userWith(t, admin, 'rep.other', 'drug_control_office', units.otherStreet);
    for (const [i, name] of ['甲', '乙'].entries()) {
      const id = await buildPerson(t, officer, { orgUnitId: units.community, name });
      await buildMeasure(t, officer, id, { decisionDate: '2026-10-01', decisionReceivedDate: '2026-10-01', reportDate: '2026-10-05' });
      if (i === 0) await buildRecord(t, officer, id, { kind: 'drug_test', date: '2026-11-10', sample: 'urine', method: 'on_site', result: 'negative' });
    }
  });
  afterAll(async () => {
    await t.services.reports.settle();
    await t.close();
  });

  it('the bulletin holds the K5 the governance service computes, in tables, a PNG chart and the East Asian font', async () => {
    const res = await generate(office, units.district, '2026-11');
    expect(res.statusCode, res.body).toBe(202);
    const queued = res.json();
    expect(queued).toMatchObject({ kind: 'monthly_bulletin', period: '2026-11', orgUnit: { id: units.district }, generatedBy: { name: 'rep.office' } });
    expect(['queued', 'running', 'done']).toContain(queued.state);
    const r = await done(queued.id);
    expect(r).toMatchObject({ state: 'done', progress: 100 });
    expect(r.sizeBytes).toBeGreaterThan(1000);

    const o = (await office.get(`/api/governance/overview?orgUnitId=${units.district}&from=2026-11-01&to=2026-11-30`)).json();
    const k5 = o.items.find((x: { code: string }) => x.code === 'K5');
    expect(k5.denominator).toBeGreaterThan(0);
    const file = await office.get(`/api/reports/${queued.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(file.rawPayload);
    const xml = await documentXml(file.rawPayload);
    expect(xml).toContain(bulletinFigure('K5', k5.value)!);
    expect(xml).toContain(bulletinRatio('K5', k5.numerator, k5.denominator));
    expect(xml).toContain('东城区2026年11月社区戒毒（康复）工作通报');
    // Both streets have their table; K14 (no surveys) says so, never 0.
    expect(xml).toContain('东华门街道');
    expect(xml).toContain('景山街道');
    expect(xml).toContain('暂无数据：尚未登记居民问卷');
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toMatch(/w:eastAsia="SimSun"/);
    expect(xml).toMatch(/w:eastAsia="SimSun"/);
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media.length).toBe(1);
    const png = await zip.file(media[0]!)!.async('nodebuffer');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    // No person is named in the bulletin.
    expect(xml).not.toContain('甲');
    expect(xml).not.toContain('乙');
  });

  it('two asks for the same month at once are one job that both see', async () => {
    const [a, b] = await Promise.all([generate(office, units.street, '2026-10'), generate(office, units.street, '2026-10')]);
    expect([a.statusCode, b.statusCode], a.body + b.body).toEqual([202, 202]);
    expect(a.json().id).toBe(b.json().id);
    const rows = await t.database.db
      .select()
      .from(reports)
      .where(and(eq(reports.orgUnitId, units.street), eq(reports.period, '2026-10')));
    expect(rows).toHaveLength(1);
    expect((await done(a.json().id)).state).toBe('done');
    const list = (await office.get(`/api/reports?orgUnitId=${units.street}`)).json().items as { id: string; period: string }[];
    expect(list.filter((x) => x.period === '2026-10').map((x) => x.id)).toEqual([a.json().id]);
  });

  it('a bad month is a 400 in both languages; a unit out of scope or missing is a 404', async () => {
    for (const month of ['2026-13', '2026/11', '26-11', '']) {
      const res = await generate(office, units.district, month);
      expect(res.statusCode, month).toBe(400);
      const field = res.json().error.fields[0];
      expect(field.code).toBe('report.month_format');
      expect(field.message['zh-CN']).toMatch(/YYYY-MM/);
      expect(field.message['en-US']).toMatch(/YYYY-MM/);
    }
    const future = await generate(office, units.district, '2026-12');
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0]).toMatchObject({ path: 'month', code: 'report.month_future' });
    expect(future.json().error.fields[0].message['zh-CN']).toContain('尚未开始');
    // The other street's office cannot generate the district's (404, like a missing unit); the officer lacks the permission (403).
    expect((await generate(otherOffice, units.district, '2026-11')).statusCode).toBe(404);
    expect((await generate(office, '00000000-0000-4000-8000-000000000000', '2026-11')).statusCode).toBe(404);
    expect((await generate(officer, units.street, '2026-11')).statusCode).toBe(403);
    // … nor read the district's reports.
    const mine = (await generate(office, units.district, '2026-09')).json();
    await done(mine.id);
    expect((await otherOffice.get(`/api/reports/${mine.id}`)).statusCode).toBe(404);
    expect((await otherOffice.get(`/api/reports/${mine.id}/file`)).statusCode).toBe(404);
    expect((await otherOffice.get(`/api/reports?orgUnitId=${units.district}`)).statusCode).toBe(404);
    expect(((await otherOffice.get('/api/reports')).json().items as { id: string }[]).map((x) => x.id)).not.toContain(mine.id);
  });

  it('every download is audited with the month and the size, naming no one', async () => {
    const r = (await generate(office, units.otherStreet, '2026-08')).json();
    const d = await done(r.id);
    const before = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'report.file.read'), eq(auditLog.entityId, r.id)));
    expect((await office.get(`/api/reports/${r.id}/file`)).statusCode).toBe(200);
    const after = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'report.file.read'), eq(auditLog.entityId, r.id)));
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ actorId: office.userId, personId: null, details: { kind: 'monthly_bulletin', period: '2026-08', size: d.sizeBytes } });
  });

  it('the schedule makes the month before’s bulletin of each district and the city once, from the 3rd', async () => {
    const asked = await generate(office, units.district, '2026-11');
    expect(asked.statusCode).toBe(202);
    await t.services.reports.settle();
    t.clock.set(new Date('2026-12-02T02:00:00Z'));
    try {
      // The 2nd: not yet.
      expect(await t.services.scheduler.runNow('reports.monthly')).toBe(true);
      expect(
        await t.database.db
          .select()
          .from(reports)
          .where(and(eq(reports.period, '2026-11'), eq(reports.orgUnitId, units.root))),
      ).toHaveLength(0);
      t.clock.set(new Date('2026-12-03T02:00:00Z'));
      expect(await t.services.scheduler.runNow('reports.monthly')).toBe(true);
      expect(await t.services.scheduler.runNow('reports.monthly')).toBe(true);
      await t.services.reports.settle();
      const rows = await t.database.db.select().from(reports).where(eq(reports.period, '2026-11'));
      const byUnit = rows.filter((x) => x.orgUnitId === units.root || x.orgUnitId === units.district);
      expect(byUnit).toHaveLength(2);
      // The district's November was asked for by the office: the schedule left it as it was.
      expect(byUnit.find((x) => x.orgUnitId === units.district)!.generatedBy).toBe(office.userId);
      expect(byUnit.find((x) => x.orgUnitId === units.root)).toMatchObject({ generatedBy: null, state: 'done' });
    } finally {
      t.clock.set(new Date('2026-11-22T02:00:00Z'));
    }
  });
});

describe('the bulletin chart', () => {
  it('is a valid PNG: signature, IHDR of the size asked for, chunk CRCs', () => {
    const { png } = barChartPng(
      [
        { value: 50, colour: [255, 0, 0] },
        { value: null, colour: [0, 0, 0] },
      ],
      { target: 90, width: 200, height: 120 },
    );
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(png.readUInt32BE(16)).toBe(200);
    expect(png.readUInt32BE(20)).toBe(120);
    let o = 8;
    while (o < png.length) {
      const len = png.readUInt32BE(o);
      expect(png.readUInt32BE(o + 8 + len)).toBe(crc32(png.subarray(o + 4, o + 8 + len)));
      o += 12 + len;
    }
    expect(o).toBe(png.length);
  });
});
