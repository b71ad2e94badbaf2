import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { ledgerHeaders, type LedgerHeader } from '../core/contracts/ledger';
import { adminSession, artifactsDir, createUnit, createUserWithRole, launchBrowser, saveFailure, startServer, type RunningServer, residentId } from './harness';

// An officer's day with person files, in the zh-CN UI: a ledger of 200 rows (5 of them bad)
// through the import wizard, then one person's measure, its decision, the checklist, the
// timeline, and the pinyin search. The org tree and the account are set up over the API.

const OFFICER = { username: 'zhao.li', name: '赵丽', password: 'Guihua#Street2026' };
const UNITS = { district: '东湖区', street: '桂花街道', community: '向阳社区' };
const TARGET = { name: '诸葛晓峰', initials: 'zgxf' };
const DECISION = { number: '东公（禁）决字〔2026〕18号', authority: '东湖区公安局' };

let server: RunningServer;
let browser: Browser;
let page: Page;

async function snap(name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  fs.mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `person-${name}.png`), fullPage: true });
}

const dialog = () => page.getByRole('dialog').filter({ visible: true }).last();
const openDropdown = () => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();

/** Local calendar date `days` ago, as the pickers show it. */
function daysAgo(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const SURNAMES = ['王', '李', '刘', '陈', '杨', '黄', '吴', '周', '徐', '孙', '马', '林'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '霞'];

/**
 * 200 rows: row 2 of the sheet is the person followed below; five rows are bad, each in its own
 * way. Returns the workbook and the names of the bad rows with their sheet row numbers.
 */
async function ledger(): Promise<{ data: Buffer; bad: { row: number; name: string }[]; target: { idNumber: string } }> {
  const rows: Partial<Record<LedgerHeader, string>>[] = [];
  for (let i = 0; i < 200; i++) {
    const birth = `${1970 + (i % 30)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
    rows.push({
      姓名: i === 0 ? TARGET.name : `${SURNAMES[i % 12]}${GIVEN[i % 16]}${GIVEN[(i * 7 + 3) % 16]}`,
      证件类型: '居民身份证',
      证件号码: residentId(birth, 100 + i),
      民族: '汉族',
      联系电话: `139${String(20_000_000 + i)}`,
      户籍地址: `东湖区桂花路 ${i + 1} 号`,
      文化程度: '初中',
      滥用毒品种类: i % 2 ? '海洛因' : '冰毒',
      吸毒方式: '烫吸',
      风险等级: ['高', '中', '低'][i % 3]!,
    });
  }
  const bad = [
    { i: 20, change: { 证件号码: `${rows[20]!.证件号码!.slice(0, 17)}${rows[20]!.证件号码!.endsWith('0') ? '1' : '0'}` } }, // check digit
    { i: 50, change: { 性别: '未知' } },
    { i: 90, change: { 出生日期: '1990-13-45' } },
    { i: 130, change: { 滥用毒品种类: '不存在的药' } },
    { i: 170, change: { 风险等级: '极高' } },
  ];
  for (const b of bad) Object.assign(rows[b.i]!, b.change);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员台账');
  ws.addRow([...ledgerHeaders]);
  for (const r of rows) ws.addRow(ledgerHeaders.map((h) => r[h] ?? null));
  return {
    data: Buffer.from(await wb.xlsx.writeBuffer()),
    bad: bad.map((b) => ({ row: b.i + 2, name: rows[b.i]!.姓名! })),
    target: { idNumber: rows[0]!.证件号码! },
  };
}

/** The smallest file the server takes for a PDF (it judges by the bytes). */
const tinyPdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

async function pickDate(field: Locator, iso: string) {
  await field.click();
  await field.fill(iso);
  await field.press('Enter');
}

describe('person file', () => {
  let oneTime = '';

  beforeAll(async () => {
    server = await startServer();
    const { api } = await adminSession(server, 'Sunflower#Root2026');
    const root = (await api.get<{ items: { id: string }[] }>('/api/org-units')).items[0]!.id;
    const district = await createUnit(api, root, 'district', UNITS.district);
    const street = await createUnit(api, district, 'street', UNITS.street);
    await createUnit(api, street, 'community', UNITS.community);
    oneTime = (await createUserWithRole(api, { username: OFFICER.username, displayName: OFFICER.name, orgUnitId: street }, 'officer')).oneTimePassword;
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an officer imports a ledger, records a measure with its decision, and finds the person by pinyin initials', async () => {
    try {
      const file = await ledger();

      // First sign-in: the forced password change.
      await page.goto(`${server.url}/login`);
      await page.getByLabel('用户名').fill(OFFICER.username);
      await page.getByLabel('密码', { exact: true }).fill(oneTime);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByLabel('当前密码').fill(oneTime);
      await page.getByLabel('新密码', { exact: true }).fill(OFFICER.password);
      await page.getByLabel('确认新密码').fill(OFFICER.password);
      await page.getByRole('button', { name: '修改密码' }).click();
      await page.getByRole('heading', { name: `你好，${OFFICER.name}` }).waitFor();
      // An officer's start page is his street's work (issue 17 §5), one click from its 今日待办.
      const start = page.getByTestId('role-start');
      await start.getByRole('heading', { name: '本单位今日工作' }).waitFor();
      await start.getByTestId('unit-counts').waitFor();
      await start.getByRole('button', { name: '打开本单位今日待办' }).click();
      await page.waitForURL(/\/today\?scope=unit&unit=/);

      // The import wizard: template and unit, the file, the progress, the row report.
      await page.getByRole('menuitem', { name: '人员档案' }).click();
      await page.getByRole('button', { name: '导入台账' }).click();
      expect(await page.getByRole('link', { name: /下载导入模板/ }).getAttribute('href')).toBe('/api/persons/import/template');
      const unit = page.getByLabel('导入到');
      await unit.click();
      await unit.fill(UNITS.community);
      await openDropdown()
        .getByTitle(new RegExp(`^${UNITS.community}`))
        .click();
      await page.getByRole('button', { name: '下一步' }).click();
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: '桂花街道台账.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file.data });
      await page.getByRole('button', { name: '开始导入' }).click();
      await page.getByText('导入完成').waitFor({ timeout: 60_000 });
      await snap('01-import-report');
      const count = async (key: string) => (await page.getByTestId(`import-count-${key}`).locator('.ant-statistic-content-value').innerText()).replace(/\D/g, '');
      expect(await count('imported')).toBe('195');
      expect(await count('rejected')).toBe('5');
      const rejected = page.getByTestId('rejected-rows').locator('tbody tr.ant-table-row');
      expect(await rejected.count()).toBe(5);
      const rejectedText = (await rejected.allInnerTexts()).join('\n');
      for (const b of file.bad) {
        expect(rejectedText).toContain(b.name);
        expect(rejectedText).toMatch(new RegExp(`^${b.row}\\s`, 'm'));
      }
      expect(rejectedText).toContain('校验位');
      expect(await page.getByRole('link', { name: /下载导入报告/ }).getAttribute('href')).toMatch(/\/report\.xlsx$/);

      // One person, found by the last four characters of the ID number.
      await page.getByRole('button', { name: '查看人员档案' }).click();
      const search = page.getByPlaceholder('姓名 / 拼音首字母 / 身份证后四位');
      await search.fill(file.target.idNumber.slice(-4));
      await search.press('Enter');
      const rows = page.locator('.ant-table-tbody tr.ant-table-row');
      await rows.filter({ hasText: TARGET.name }).first().click();
      await page.getByRole('heading', { name: TARGET.name }).waitFor();
      await page.getByText(`${file.target.idNumber.slice(0, 4)}**********${file.target.idNumber.slice(-4)}`).waitFor();

      // A community detox measure from its decision.
      await page.getByRole('tab', { name: '措施' }).click();
      await page.getByRole('button', { name: '新增措施' }).click();
      let d = dialog();
      await d.getByLabel('决定书文号').fill(DECISION.number);
      await pickDate(d.getByLabel('决定日期'), daysAgo(5));
      await d.getByLabel('决定机关').fill(DECISION.authority);
      await pickDate(d.getByLabel('决定书送达日期'), daysAgo(3));
      await d.getByRole('button', { name: '新建' }).click();
      await d.waitFor({ state: 'hidden' });
      const card = page.getByTestId('measure-card').filter({ hasText: '社区戒毒' });
      await card.getByText('待报到').waitFor();
      const decisionItem = card.getByTestId('checklist-item').filter({ hasText: '决定书' });
      await decisionItem.getByText('缺少').waitFor();

      // Its decision, uploaded from the checklist: number, date and authority come from the measure.
      await decisionItem.getByRole('button', { name: /上传/ }).click();
      d = dialog();
      expect(await d.getByLabel('文号').inputValue()).toBe(DECISION.number);
      await d.locator('input[type=file]').setInputFiles({ name: '决定书.pdf', mimeType: 'application/pdf', buffer: tinyPdf });
      await d.getByRole('button', { name: '上传文书' }).click();
      await d.waitFor({ state: 'hidden' });
      await decisionItem.getByText('已上传').waitFor();
      await card.getByText('必需文书齐全').waitFor();
      await snap('02-measure');

      // The timeline: the document above the measure (newest first).
      await page.getByRole('tab', { name: '时间线' }).click();
      const entries = page.getByTestId('timeline-entry');
      await entries.filter({ hasText: '上传文书 · 决定书' }).waitFor();
      const kinds = await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
      expect(kinds[0]).toBe('document');
      expect(kinds.some((k) => k === 'measure' || k === 'status')).toBe(true);
      expect((await entries.allInnerTexts()).some((t) => t.includes('社区戒毒'))).toBe(true);
      await snap('03-timeline');

      // Back on the list: the pinyin initials find the person, and only them.
      await page.getByRole('menuitem', { name: '人员档案' }).click();
      const search2 = page.getByPlaceholder('姓名 / 拼音首字母 / 身份证后四位');
      await search2.fill(TARGET.initials);
      await search2.press('Enter');
      await expect.poll(async () => (await rows.allInnerTexts()).length).toBe(1);
      expect(await rows.first().innerText()).toContain(TARGET.name);
      expect(await rows.first().innerText()).toContain('待报到');
      await snap('04-search');
    } catch (err) {
      await saveFailure(page, server, 'person-file');
      throw err;
    }
  });
});
