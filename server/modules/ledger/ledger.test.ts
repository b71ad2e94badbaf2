import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { startTestApp, testDbKinds, adminClient, idNumber, cityWithCommunity, userWith, type TestApp, type Client } from '../../test/harness';
import { rows } from '../../db/client';
import { ledgerHeaders, ledgerMaxRows } from '../../../core/contracts/ledger';
import { encodeGbk, ledgerCsv, ledgerRow, ledgerXlsx, multipartBody, type LedgerRow } from '../../test/ledger-files';

const count = async (t: TestApp, table: 'persons' | 'import_jobs' | 'person_assignments') =>
  Number((await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n);
const audited = async (t: TestApp, action: string) =>
  Number((await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where action = ${action}`))[0]!.n);

async function loadXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

describe.each(testDbKinds())('ledger import and export on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let officer: Client;
  let otherOfficer: Client;
  let socialWorker: Client;
  let units: Awaited<ReturnType<typeof cityWithCommunity>>;

  const bad = { checkDigit: 10, unknownDrug: 40, futureBirth: 77, noName: 120, duplicate: 199 };
  /**
   * The 200-row ledger: 195 good rows and 5 bad ones, at known rows. Each test that imports takes a
   * ledger of its own (its own ID numbers) so it stands alone in any order. A base that is a
   * multiple of 1680 (lcm of the cycles in ledgerRow) keeps every row's dictionary values alike.
   */
  function ledgerOf(base: number) {
    const good = Array.from({ length: 200 }, (_, i) => ledgerRow(base + i));
    const ledger: LedgerRow[] = good.map((r) => ({ ...r }));
    const id10 = String(ledger[bad.checkDigit]!.证件号码);
    ledger[bad.checkDigit]!.证件号码 = id10.slice(0, 17) + (id10.endsWith('0') ? '1' : '0');
    ledger[bad.unknownDrug]!.滥用毒品种类 = '海洛因、巧克力';
    ledger[bad.futureBirth]!.出生日期 = '2030-01-01';
    ledger[bad.noName]!.姓名 = null;
    // The same person written twice, alike: the first row is imported (different details: import.test.ts).
    ledger[bad.duplicate] = { ...ledger[3]! };
    return { good, ledger };
  }
  /** Rows that are never imported (refused before any row is read). */
  const { good } = ledgerOf(0);
  /** Spreadsheet row of ledger index i (the header is row 1). */
  const rowOf = (i: number) => i + 2;

  const upload = (c: Client, data: Buffer, name: string, orgUnitId = units.street) => {
    const mp = multipartBody({ orgUnitId }, { name, data });
    return c.req('POST', '/api/persons/import', mp.body, { 'content-type': mp.contentType });
  };
  /** Uploads and waits for the background job to end; returns the job as the API shows it. */
  async function importFile(c: Client, data: Buffer, name: string, query = '') {
    const res = await upload(c, data, name);
    expect(res.statusCode, res.body).toBe(202);
    await t.services.ledger.whenIdle();
    const job = await c.get(`/api/persons/import/${res.json().jobId}${query}`);
    expect(job.statusCode, job.body).toBe(200);
    return job.json();
  }

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await adminClient(t);
    units = await cityWithCommunity(admin);
    officer = await userWith(t, admin, 'officer.east', 'officer', units.street);
    otherOfficer = await userWith(t, admin, 'officer.other', 'officer', units.otherStreet);
    socialWorker = await userWith(t, admin, 'sw.east', 'social_worker', units.street);
  });
  afterAll(() => t.close());

  it('the template has the headers in order, drop-downs from a hidden sheet, and instructions', async () => {
    const res = await officer.get('/api/persons/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = await loadXlsx(res.rawPayload);
    const data = wb.getWorksheet('人员台账')!;
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual([...ledgerHeaders]);
    const lists = wb.getWorksheet('字典')!;
    expect(lists.state).toBe('veryHidden');
    const dv = (data as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    const col = (h: string) => String.fromCharCode(65 + ledgerHeaders.indexOf(h as never));
    for (const h of ['证件类型', '民族', '文化程度', '婚姻状况', '就业状况', '职业', '滥用毒品种类', '吸毒方式', '性别', '风险等级', '所属社区']) {
      const v = dv[`${col(h)}2`];
      expect(v, h).toMatchObject({ type: 'list' });
      expect(v!.formulae[0]).toMatch(/^'字典'!\$[A-Z]+\$2:\$[A-Z]+\$\d+$/);
      expect(dv[`${col(h)}${ledgerMaxRows + 1}`], h).toBeDefined();
    }
    // The drop-down of 民族 lists the dictionary's Chinese names; 所属社区 the officer's units.
    const listOf = (h: string) => {
      const letter = /\$([A-Z]+)\$2/.exec(dv[`${col(h)}2`]!.formulae[0]!)![1]!;
      const values: string[] = [];
      lists.getColumn(letter).eachCell((c, n) => void (n > 1 && c.value !== null && values.push(String(c.value))));
      return values;
    };
    expect(listOf('民族')).toContain('汉族');
    expect(listOf('所属社区').sort()).toEqual(['多福巷社区', '东华门街道'].sort());
    const guide = wb.getWorksheet('填写说明')!;
    expect(guide.getColumn(1).values).toEqual(expect.arrayContaining([...ledgerHeaders]));
  });

  it('a user without person.import gets 403 for the template and the upload', async () => {
    expect((await socialWorker.get('/api/persons/import/template')).statusCode).toBe(403);
    expect((await upload(socialWorker, await ledgerXlsx(good.slice(0, 1)), 'a.xlsx')).statusCode).toBe(403);
  });

  it('wrong headers: 400 naming the missing and unknown columns, and nothing is saved', async () => {
    const headers = ledgerHeaders.map((h) => (h === '证件号码' ? '身份证号' : h));
    const before = await count(t, 'import_jobs');
    const personsBefore = await count(t, 'persons');
    const res = await upload(officer, await ledgerXlsx(good.slice(0, 5), headers), 'wrong.xlsx');
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('ledger.headers_invalid');
    expect(err.message['zh-CN']).toContain('缺少 证件号码');
    expect(err.message['zh-CN']).toContain('无法识别 身份证号');
    expect(err.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'ledger.header_missing', message: expect.objectContaining({ 'zh-CN': '缺少列「证件号码」' }) }),
        expect.objectContaining({ code: 'ledger.header_unknown' }),
      ]),
    );
    expect(await count(t, 'import_jobs')).toBe(before);
    expect(await count(t, 'persons')).toBe(personsBefore);
  });

  it('a 200-row ledger with 5 bad rows imports 195 files and names the 5 with reasons', async () => {
    const { good, ledger } = ledgerOf(1680);
    const [persons, created, assignments] = [await count(t, 'persons'), await audited(t, 'person.create'), await count(t, 'person_assignments')];
    const job = await importFile(officer, await ledgerXlsx(ledger), '东华门街道台账.xlsx', '?outcome=rejected');
    expect(job).toMatchObject({ status: 'done', total: 200, processed: 200, progress: 1, error: null });
    expect(job.counts).toEqual({ total: 200, imported: 195, updated: 0, unchanged: 0, rejected: 5 });
    expect(await count(t, 'persons')).toBe(persons + 195);
    const rejected = job.report.rows as { row: number; name: string; idNumberMasked: string; reasons: { column: string; code: string; message: { 'zh-CN': string } }[] }[];
    expect(job.report.total).toBe(5);
    const byRow = Object.fromEntries(rejected.map((r) => [r.row, r.reasons.map((x) => [x.column, x.code])]));
    expect(byRow).toEqual({
      [rowOf(bad.checkDigit)]: [['证件号码', 'id_number.check_digit']],
      [rowOf(bad.unknownDrug)]: [['滥用毒品种类', 'dictionary.unknown_value']],
      [rowOf(bad.futureBirth)]: [['出生日期', 'person.birth_date_future']],
      [rowOf(bad.noName)]: [['姓名', 'ledger.required']],
      [rowOf(bad.duplicate)]: [['证件号码', 'ledger.duplicate_in_file']],
    });
    const msg = (row: number) => rejected.find((r) => r.row === row)!.reasons[0]!.message['zh-CN'];
    expect(msg(rowOf(bad.unknownDrug))).toContain('巧克力');
    expect(msg(rowOf(bad.duplicate))).toContain(`第 ${rowOf(3)} 行`);
    expect(msg(rowOf(bad.noName))).toBe('「姓名」为必填项');
    // The report never shows a whole ID number.
    expect(JSON.stringify(job)).not.toContain(String(ledger[bad.checkDigit]!.证件号码));
    expect(rejected.find((r) => r.row === rowOf(bad.checkDigit))!.idNumberMasked).toMatch(/^1101\*{10}\w{4}$/);

    // Every new file is audited as created, with its assignment; the import itself too.
    expect(await audited(t, 'person.create')).toBe(created + 195);
    expect(await count(t, 'person_assignments')).toBe(assignments + 195);
    const imp = await rows<{ details: { counts: { imported: number } } }>(
      t.database.db,
      sql`select details from audit_log where action = 'person.import' and entity_id = ${job.id}`,
    );
    expect(imp.map((r) => r.details.counts.imported)).toEqual([195]);
    // Dictionary names were stored as codes; the ID number decided sex and birth date.
    const p = (await officer.get(`/api/persons?q=${good[1]!.证件号码}`)).json().items[0];
    const full = (await officer.get(`/api/persons/${p.id}`)).json();
    expect(full).toMatchObject({ ethnicity: '01', education: '70', drugTypes: ['methamphetamine'], useMethods: ['inhaling'], riskLevel: 'medium', orgUnitId: units.street });
  });

  it('re-importing the same file changes nothing (idempotent by ID number)', async () => {
    const { ledger } = ledgerOf(2 * 1680);
    expect((await importFile(officer, await ledgerXlsx(ledger), '东华门街道台账.xlsx')).counts).toMatchObject({ imported: 195, rejected: 5 });
    const [before, updates] = [await count(t, 'persons'), await audited(t, 'person.update')];
    const job = await importFile(officer, await ledgerXlsx(ledger), '东华门街道台账.xlsx');
    expect(job.counts).toEqual({ total: 200, imported: 0, updated: 0, unchanged: 195, rejected: 5 });
    expect(await count(t, 'persons')).toBe(before);
    expect(await audited(t, 'person.update')).toBe(updates);
  });

  it('a changed phone updates that one file', async () => {
    const { ledger } = ledgerOf(3 * 1680);
    expect((await importFile(officer, await ledgerXlsx(ledger), '东华门街道台账.xlsx')).counts).toMatchObject({ imported: 195, rejected: 5 });
    const changed = ledger.map((r, i) => (i === 5 ? { ...r, 联系电话: '13700000000' } : r));
    const job = await importFile(officer, await ledgerXlsx(changed), '东华门街道台账-改.xlsx', '?outcome=updated');
    expect(job.counts).toMatchObject({ imported: 0, updated: 1, unchanged: 194, rejected: 5 });
    expect(job.report.rows.map((r: { row: number }) => r.row)).toEqual([rowOf(5)]);
  });

  it('imports a CSV in GBK and a CSV in UTF-8 with BOM (quoted fields with commas and line breaks)', async () => {
    const gbkRows = [200, 201, 202].map((i) => ({ ...ledgerRow(i), 户籍地址: '北京市东城区,多福巷 "8" 号', 所属社区: '多福巷社区' }));
    const gbk = await importFile(officer, encodeGbk(ledgerCsv(gbkRows)), 'gbk.csv');
    expect(gbk.counts).toMatchObject({ total: 3, imported: 3, rejected: 0 });
    const p = (await officer.get(`/api/persons?q=${gbkRows[0]!.证件号码}`)).json().items[0];
    expect(p).toMatchObject({ name: gbkRows[0]!.姓名, orgUnitId: units.community });
    const unmasked = (await officer.post(`/api/persons/${p.id}/unmask`, { purpose: '核对导入' })).json();
    expect(unmasked.registeredAddress).toBe('北京市东城区,多福巷 "8" 号');

    const utfRows = [203, 204].map((i) => ({ ...ledgerRow(i), 现居住地址: '北京市\n朝阳区' }));
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ledgerCsv(utfRows))]);
    const utf = await importFile(officer, bom, 'utf8.csv');
    expect(utf.counts).toMatchObject({ total: 2, imported: 2, rejected: 0 });
  });

  it("a community outside the importer's scope is refused for that row", async () => {
    const job = await importFile(officer, await ledgerXlsx([{ ...ledgerRow(205), 所属社区: '景山街道' }]), 'scope.xlsx');
    expect(job.counts).toMatchObject({ imported: 0, rejected: 1 });
    expect(job.report.rows[0].reasons[0]).toMatchObject({ column: '所属社区', code: 'ledger.unit_not_found' });
  });

  it(`more than ${ledgerMaxRows.toLocaleString('en-US')} rows: the job fails with a precise error and nothing is saved`, async () => {
    const before = await count(t, 'persons');
    const line = good
      .slice(0, 1)
      .map((r) => ledgerCsv([r]).split('\r\n')[1])
      .join('');
    const text = `${ledgerHeaders.join(',')}\r\n${`${line}\r\n`.repeat(ledgerMaxRows + 1)}`;
    const job = await importFile(officer, Buffer.from(text), 'huge.csv');
    expect(job.status).toBe('failed');
    expect(job.error.code).toBe('ledger.too_many_rows');
    expect(job.error.message['zh-CN']).toContain('50,001');
    expect(job.counts).toMatchObject({ total: ledgerMaxRows + 1, imported: 0, updated: 0, unchanged: 0 });
    expect(await count(t, 'persons')).toBe(before);
  }, 60_000);

  it('a file over 20 MB is refused with 413', async () => {
    const res = await upload(officer, Buffer.alloc(21 * 1024 * 1024, 0x41), 'big.csv');
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('ledger.file_too_large');
  }, 30_000);

  it('import jobs of other units are 404; the row report downloads as .xlsx', async () => {
    const small = ledgerOf(4 * 1680).ledger.slice(0, 12);
    expect((await importFile(officer, await ledgerXlsx(small), 'small.xlsx')).counts).toMatchObject({ imported: 11, rejected: 1 });
    // The second time row 2 is unchanged: the report names every outcome.
    const job = await importFile(officer, await ledgerXlsx(small), 'small.xlsx');
    expect((await otherOfficer.get(`/api/persons/import/${job.id}`)).statusCode).toBe(404);
    expect((await otherOfficer.get(`/api/persons/import/${job.id}/report.xlsx`)).statusCode).toBe(404);
    expect((await officer.get('/api/persons/import/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    // Someone else holding person.import over the unit may follow the job.
    const colleague = await userWith(t, admin, 'officer.east2', 'officer', units.street);
    expect((await colleague.get(`/api/persons/import/${job.id}`)).statusCode).toBe(200);
    const res = await officer.get(`/api/persons/import/${job.id}/report.xlsx`);
    expect(res.statusCode).toBe(200);
    const ws = (await loadXlsx(res.rawPayload)).worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toContain('导出人：officer.east');
    const outcomes = [];
    for (let r = 4; r <= ws.rowCount; r++) outcomes.push([ws.getCell(r, 1).value, ws.getCell(r, 4).value]);
    expect(outcomes).toContainEqual([rowOf(bad.checkDigit), '未导入']);
    expect(outcomes).toContainEqual([rowOf(0), '无变化']);
  });

  it('exports only persons in scope, watermarked with user and time, and audits it', async () => {
    const exportsBefore = (await admin.get('/api/audit?action=person.export')).json().total;
    const other = await otherOfficer.post('/api/persons', { orgUnitId: units.otherStreet, name: '景山人', idNumber: idNumber('110101', '19800101', 501) });
    expect(other.statusCode, other.body).toBe(201);
    const res = await officer.get('/api/persons/export.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = await loadXlsx(res.rawPayload);
    expect(wb.creator).toBe('officer.east');
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toBe('导出人：officer.east　导出时间：2026-11-22 10:00　仅限工作使用，不得外传');
    expect(ws.headerFooter.oddHeader).toContain('officer.east');
    expect(ws.headerFooter.oddFooter).toContain('仅限工作使用');
    expect((ws.getRow(2).values as unknown[]).slice(1, ledgerHeaders.length + 1)).toEqual([...ledgerHeaders]);
    const names: string[] = [];
    const ids: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 2) {
        names.push(String(row.getCell(1).value));
        ids.push(String(row.getCell(4).value));
      }
    });
    const inScope = (await count(t, 'persons')) - 1;
    expect(names.length).toBe(inScope);
    expect(names).not.toContain('景山人');
    expect(ids.every((id) => /^\d{4}\*{10}[\dX]{4}$/.test(id))).toBe(true);
    const audit = (await admin.get('/api/audit?action=person.export')).json();
    expect(audit.total).toBe(exportsBefore + 1);
    expect(audit.items[0]).toMatchObject({ actorName: 'officer.east', details: { rows: inScope, unmasked: false } });
  });

  it('exports clear identifiers only with person.pii.read and a purpose, audited as such', async () => {
    const { good } = ledgerOf(5 * 1680);
    expect((await importFile(officer, await ledgerXlsx(good.slice(0, 3)), 'pii.xlsx')).counts).toMatchObject({ imported: 3 });
    const sw = await userWith(t, admin, 'sw.export', 'social_worker', units.street);
    expect((await sw.get('/api/persons/export.xlsx')).statusCode).toBe(403);
    expect((await officer.get('/api/persons/export.xlsx?unmasked=true')).statusCode).toBe(400);
    const res = await officer.get(`/api/persons/export.xlsx?unmasked=true&purpose=${encodeURIComponent('报送禁毒办')}&riskLevel=high`);
    expect(res.statusCode).toBe(200);
    const ws = (await loadXlsx(res.rawPayload)).worksheets[0]!;
    const ids: string[] = [];
    ws.eachRow((row, n) => void (n > 2 && ids.push(String(row.getCell(4).value))));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toContain(String(good[0]!.证件号码));
    expect(ids.every((id) => /^\d{17}[\dX]$/.test(id))).toBe(true);
    const audit = (await admin.get('/api/audit?action=person.export')).json();
    expect(audit.items[0]).toMatchObject({ purpose: '报送禁毒办', details: { unmasked: true, rows: ids.length, filter: { riskLevel: 'high' } } });
  });

  it('the OpenAPI document describes the upload as multipart/form-data', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const op = spec.paths['/api/persons/import'].post;
    const schema = op.requestBody.content['multipart/form-data'].schema;
    expect(Object.keys(schema.properties)).toEqual(['file', 'orgUnitId']);
    expect(op.responses['202']).toBeDefined();
    expect(spec.paths['/api/persons/import/{jobId}'].get).toBeDefined();
    expect(spec.paths['/api/persons/export.xlsx'].get).toBeDefined();
  });

  it('a large import refreshes the planner statistics of the person tables (PGlite has no autovacuum)', async () => {
    const big = Array.from({ length: 1000 }, (_, i) => ledgerRow(20_000 + i));
    const job = await importFile(officer, await ledgerXlsx(big), '大台账.xlsx');
    expect(job.counts).toMatchObject({ imported: 1000, rejected: 0 });
    const [stats] = await rows<{ n: number }>(t.database.db, sql`select reltuples::int as n from pg_class where relname = 'persons'`);
    expect(stats!.n).toBeGreaterThanOrEqual(1000);
  });
});
