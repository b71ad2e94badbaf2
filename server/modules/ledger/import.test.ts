// The ledger import as people fill ledgers (9.19, 9.18) and at scale (11.4). Each test builds
// its own rows (its own range of generated persons), so any one passes alone and in any order.
import crypto from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, testDbKinds, adminClient, cityWithCommunity, userWith, type TestApp, type Client } from '../../test/harness';
import { rows } from '../../db/client';
import { ledgerHeaders } from '../../../core/contracts/ledger';
import { ledgerRow, ledgerXlsx, multipartBody, type LedgerRow } from '../../test/ledger-files';
import { createWorkerPool, inlinePool } from './pool';
import { dictionarySeed } from '../dictionaries/seed';
import type { RawRow } from './cells';

type Reason = { column: string | null; code: string; message: { 'zh-CN': string; 'en-US': string } };
type ReportRow = { row: number; outcome: string; reasons: Reason[]; notes?: Reason[] };

/** The sex a resident ID number says (odd 17th digit: male). */
const sexOf = (id: string) => (Number(id.charAt(16)) % 2 ? '男' : '女');

describe.each(testDbKinds())('ledger import on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let officer: Client;
  let units: Awaited<ReturnType<typeof cityWithCommunity>>;

  async function importRows(data: LedgerRow[], query = '') {
    const mp = multipartBody({ orgUnitId: units.street }, { name: 'ledger.xlsx', data: await ledgerXlsx(data) });
    const res = await officer.req('POST', '/api/persons/import', mp.body, { 'content-type': mp.contentType });
    expect(res.statusCode, res.body).toBe(202);
    await t.services.ledger.whenIdle();
    const job = await officer.get(`/api/persons/import/${res.json().jobId}${query}`);
    expect(job.statusCode, job.body).toBe(200);
    // A failed job says why (its error code) instead of showing up as counts of zero.
    expect(job.json().status, job.body.slice(0, 2000)).toBe('done');
    return job.json() as { id: string; status: string; counts: Record<string, number>; report: { rows: ReportRow[] } };
  }
  const personOf = async (id: string) => (await officer.get(`/api/persons?q=${id}`)).json().items[0] as { id: string } | undefined;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await adminClient(t);
    units = await cityWithCommunity(admin);
    officer = await userWith(t, admin, 'import.officer', 'officer', units.street);
  });
  afterAll(() => t.close());

  it("9.19: 中专, 高中, ASCII brackets and full-width letters are read as the dictionary's values, and the report says what each cell was read as", async () => {
    const a = { ...ledgerRow(41_000), 文化程度: '中专', 滥用毒品种类: '摇头丸(MDMA)', 民族: '汉' };
    const b = { ...ledgerRow(41_001), 文化程度: '高中', 滥用毒品种类: '氯胺酮（Ｋ粉）、冰毒' };
    const job = await importRows([a, b], '?outcome=imported');
    expect(job.counts).toMatchObject({ imported: 2, rejected: 0 });
    const notes = Object.fromEntries(job.report.rows.map((r) => [r.row, (r.notes ?? []).map((n) => [n.column, n.message['zh-CN']])]));
    expect(notes[2]).toEqual(
      expect.arrayContaining([
        ['文化程度', '「中专」按「中等职业教育」导入'],
        ['滥用毒品种类', '「摇头丸(MDMA)」按「摇头丸（MDMA）」导入'],
        ['民族', '「汉」按「汉族」导入'],
      ]),
    );
    expect(notes[3]).toEqual(
      expect.arrayContaining([
        ['文化程度', '「高中」按「普通高中」导入'],
        ['滥用毒品种类', '「冰毒」按「甲基苯丙胺（冰毒）」导入'],
      ]),
    );
    const file = (await officer.get(`/api/persons/${(await personOf(String(a.证件号码)))!.id}`)).json();
    expect(file).toMatchObject({ education: '40', drugTypes: ['mdma'], ethnicity: '01' });
    const second = (await officer.get(`/api/persons/${(await personOf(String(b.证件号码)))!.id}`)).json();
    expect(second).toMatchObject({ education: '60', drugTypes: ['ketamine', 'methamphetamine'] });
  });

  it('9.19: a repeated ID number with different details is a duplicate on every such row (also one that is a sex mismatch too), and none of them is imported', async () => {
    const a = ledgerRow(41_100);
    const c = ledgerRow(41_101);
    const e = ledgerRow(41_102);
    const cId = String(c.证件号码);
    const wrongSex = sexOf(cId) === '男' ? '女' : '男';
    // Rows 2…6 of the sheet: a, e, a with another name, c, c with the wrong sex.
    const job = await importRows([a, e, { ...a, 姓名: '另一人' }, c, { ...c, 性别: wrongSex }], '?outcome=rejected');
    expect(job.counts).toMatchObject({ total: 5, imported: 1, rejected: 4 });
    const byRow = Object.fromEntries(job.report.rows.map((r) => [r.row, r.reasons]));
    const codes = (row: number) => byRow[row]!.map((x) => x.code).sort();
    expect(codes(2)).toEqual(['ledger.duplicate_conflict']);
    expect(codes(4)).toEqual(['ledger.duplicate_conflict']);
    expect(codes(5)).toEqual(['ledger.duplicate_conflict']);
    expect(codes(6)).toEqual(['ledger.duplicate_conflict', 'person.sex_mismatch']);
    const conflict = (row: number) => byRow[row]!.find((x) => x.code === 'ledger.duplicate_conflict')!.message;
    expect(conflict(2)['zh-CN']).toContain('第 4 行');
    expect(conflict(4)['zh-CN']).toContain('第 2 行');
    expect(conflict(6)['en-US']).toContain('row 5');
    expect(await personOf(String(a.证件号码))).toBeUndefined();
    expect(await personOf(cId)).toBeUndefined();
    expect(await personOf(String(e.证件号码))).toBeDefined();
  });

  it('9.19: aliases are edited through the dictionaries API (audited) and read by the next import; an alias another entry answers to is refused', async () => {
    const entries = (await admin.get('/api/dictionaries?kind=education')).json().items as { id: string; code: string; aliases: string[] }[];
    const juniorHigh = entries.find((x) => x.code === '70')!;
    const primary = entries.find((x) => x.code === '80')!;
    const edited = await admin.patch(`/api/dictionaries/${juniorHigh.id}`, { aliases: ['初级中学', ' 初级中学 ', '初二'] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().aliases).toEqual(['初级中学', '初二']);
    const [audited] = await rows<{ after: { aliases: string[] } }>(
      t.database.db,
      sql`select after from audit_log where action = 'dictionary.update' and entity_id = ${juniorHigh.id} order by id desc limit 1`,
    );
    expect(audited!.after.aliases).toEqual(['初级中学', '初二']);
    const taken = await admin.patch(`/api/dictionaries/${primary.id}`, { aliases: ['初中'] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'dictionary.alias_taken', message: { 'zh-CN': expect.stringContaining('初中') } });

    const row = { ...ledgerRow(41_200), 文化程度: '初级中学' };
    const job = await importRows([row], '?outcome=imported');
    expect(job.counts).toMatchObject({ imported: 1 });
    expect(job.report.rows[0]!.notes!.map((n) => n.message['zh-CN'])).toContain('「初级中学」按「初中」导入');
    expect((await officer.get(`/api/persons/${(await personOf(String(row.证件号码)))!.id}`)).json().education).toBe('70');
  });

  it('9.18: a ledger row with the 15-digit form under 其他证件 is the file of its 18-digit form: unchanged, no second file', async () => {
    const row = ledgerRow(41_300);
    const id18 = String(row.证件号码);
    expect((await importRows([row])).counts).toMatchObject({ imported: 1 });
    const id15 = id18.slice(0, 6) + id18.slice(8, 17);
    const again = await importRows([{ ...row, 证件类型: '其他证件', 证件号码: id15 }]);
    expect(again.counts).toMatchObject({ imported: 0, unchanged: 1, rejected: 0 });
    expect((await officer.get(`/api/persons?q=${id15}`)).json().total).toBe(1);
  });

  it('11.4: a 4,000-row workbook (prepared in worker threads) is written whole — one assignment and one audit row per file — and a re-import changes nothing', async () => {
    const data = Array.from({ length: 4000 }, (_, i) => ledgerRow(50_000 + i));
    const job = await importRows(data);
    expect(job.counts).toEqual({ total: 4000, imported: 4000, updated: 0, unchanged: 0, rejected: 0 });
    const [created] = await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where action = 'person.create' and details->>'jobId' = ${job.id}`);
    expect(Number(created!.n)).toBe(4000);
    const [orphans] = await rows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log a where a.action = 'person.create' and a.details->>'jobId' = ${job.id} and not exists (select 1 from person_assignments pa where pa.person_id = a.person_id)`,
    );
    expect(Number(orphans!.n)).toBe(0);
    const again = await importRows(data);
    expect(again.counts).toEqual({ total: 4000, imported: 0, updated: 0, unchanged: 4000, rejected: 0 });
  }, 180_000);
});

describe('import worker threads (11.4)', () => {
  it('prepare rows exactly as this thread does: same reasons, notes, hashes and clear values', async () => {
    const dictionaries: Record<string, ReturnType<typeof dictionarySeed>> = {};
    for (const e of dictionarySeed()) (dictionaries[e.kind] ??= []).push(e);
    const context = {
      today: '2026-11-22',
      defaultOrgUnitId: crypto.randomUUID(),
      dictionaries: Object.fromEntries(Object.entries(dictionaries).map(([k, v]) => [k, v.map((e) => ({ ...e, active: true }))])),
      units: [],
    };
    const { createCipher } = await import('../../lib/data-key');
    const cipher = createCipher(crypto.randomBytes(32));
    const raws: RawRow[] = Array.from({ length: 60 }, (_, i) => {
      const r: LedgerRow = i % 10 === 3 ? { ...ledgerRow(i), 文化程度: '中专' } : i % 10 === 7 ? { ...ledgerRow(i), 证件号码: '110101199003071234' } : ledgerRow(i);
      return { row: i + 2, cells: ledgerHeaders.map((h) => r[h] ?? null) };
    });
    const pool = createWorkerPool(2, cipher);
    const threads = pool.session(context);
    const here = inlinePool(context, cipher);
    try {
      const [a, b] = await Promise.all([Promise.all([threads.prepare(raws.slice(0, 30)), threads.prepare(raws.slice(30))]).then((x) => x.flat()), here.prepare(raws)]);
      const comparable = (rs: typeof a) =>
        rs.map((r) => ({
          ...r,
          file: r.file && {
            ...r.file,
            columns: {
              ...r.file.columns,
              idNumberEnc: cipher.decrypt(r.file.columns.idNumberEnc),
              phoneEnc: r.file.columns.phoneEnc && cipher.decrypt(r.file.columns.phoneEnc),
              registeredAddressEnc: null,
              residenceAddressEnc: null,
            },
          },
        }));
      expect(comparable(a)).toEqual(comparable(b));
      expect(a.filter((r) => !r.file).map((r) => r.reasons[0]!.code)).toEqual(Array(6).fill('id_number.check_digit'));
    } finally {
      await threads.close();
      await pool.stop();
    }
  });
});
