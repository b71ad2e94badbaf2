import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import JSZip from 'jszip';
import {
  adminSession,
  createUnit,
  createUserWithRole,
  daysAgo,
  firstSignIn,
  launchBrowser,
  residentId,
  saveFailure,
  startServer,
  type ApiSession,
  type RunningServer,
} from './harness';
import { bulletinFigure, bulletinRatio, monthRange, previousMonth } from '../core/rules/bulletin';

// Issue 15 "Done when": the district office opens Reports from the indicator dashboard,
// generates last month's bulletin (月通报), waits for the progress bar to finish, downloads the
// .docx, and LibreOffice (headless) turns it into a PDF whose text holds the same K5 (test
// cooperation) figure the governance overview computes — and the Chinese of the title, which
// only renders when the East Asian font is set.

const UNITS = { district: '西湖区', street: '北山街道', community: '宝石社区' };
const OFFICE = { username: 'w.office', name: '西湖区禁毒办', password: 'Xihu#Office2026' };
const TZ = 'Asia/Shanghai';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;
let office: ApiSession;
let district: string;
const month = previousMonth(daysAgo(0));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sunflower-bulletin-'));

const soffice = () => {
  const r = spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
};

describe('monthly bulletin', () => {
  beforeAll(async () => {
    server = await startServer();
    const { api } = await adminSession(server, 'Sunflower#Root2026');
    const root = (await api.get<{ items: { id: string }[] }>('/api/org-units')).items[0]!.id;
    district = await createUnit(api, root, 'district', UNITS.district);
    const street = await createUnit(api, district, 'street', UNITS.street);
    const community = await createUnit(api, street, 'community', UNITS.community);
    await createUnit(api, district, 'street', '西溪街道');
    const created = await createUserWithRole(api, { username: OFFICE.username, displayName: OFFICE.name, orgUnitId: district }, 'drug_control_office');
    office = await firstSignIn(server.url, OFFICE.username, created.oneTimePassword, OFFICE.password);
    // Two persons under community detox for 100 days (T4: a test a month); one tested last month.
    for (const [i, name] of ['王五', '赵六'].entries()) {
      const person = await office.post<{ id: string }>('/api/persons', { orgUnitId: community, name, idNumber: residentId('19880101', 51 + i) });
      const measure = await office.post<{ id: string }>(`/api/persons/${person.id}/measures`, {
        kind: 'community_detox',
        decisionDate: daysAgo(105),
        decisionReceivedDate: daysAgo(104),
      });
      await office.post(`/api/measures/${measure.id}/events`, { type: 'report', date: daysAgo(100) });
      if (i === 0) {
        // On the due date of last month's test (T7: a test counts inside its window around the due date).
        const tasks = await office.get<{ items: { kind: string; dueDate: string }[] }>(`/api/persons/${person.id}/tasks`);
        for (const due of tasks.items.filter((x) => x.kind === 'drug_test' && x.dueDate.startsWith(month)).map((x) => x.dueDate))
          await office.post(`/api/persons/${person.id}/records`, { kind: 'drug_test', date: due, place: '宝石社区工作站', sample: 'urine', method: 'on_site', result: 'negative' });
      }
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('the district office generates last month’s bulletin, downloads it, and the PDF shows the K5 figure', async () => {
    try {
      context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: TZ, acceptDownloads: true });
      page = await context.newPage();
      page.setDefaultTimeout(30_000);
      await page.goto(`${server.url}/login`);
      await page.getByLabel('用户名').fill(OFFICE.username);
      await page.getByLabel('密码', { exact: true }).fill(OFFICE.password);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByRole('heading', { name: '考核指标看板' }).waitFor();
      // From the governance area to Reports.
      await page.getByTestId('gv-reports').click();
      await page.getByRole('heading', { name: '报告' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/reports');
      // The month picker starts at last month: generate.
      await expect.poll(() => page.getByLabel('月份').inputValue()).toBe(month);
      await page.getByTestId('rp-generate').click();
      // The row appears (progress bar while it runs), then its download link.
      const download = page.getByTestId(`rp-download-${month}`);
      await download.waitFor({ timeout: 120_000 });
      const row = page.getByTestId('rp-list').locator('tr', { has: download });
      await row.getByText(OFFICE.name).waitFor();
      await row.getByText('已完成').waitFor();
      const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
      const docx = path.join(scratch, 'bulletin.docx');
      await file.saveAs(docx);

      // The figure the dashboards compute for the district and month.
      const { from, to } = monthRange(month);
      const overview = await office.get<{ items: { code: string; value: number | null; numerator: number | null; denominator: number | null }[] }>(
        `/api/governance/overview?orgUnitId=${district}&from=${from}&to=${to}`,
      );
      const k5 = overview.items.find((x) => x.code === 'K5')!;
      // One of the two persons tested when due: a figure strictly between 0 and 100 (here 50 %, 1/2).
      expect(k5.numerator).toBeGreaterThan(0);
      expect(k5.numerator).toBeLessThan(k5.denominator!);
      const figure = bulletinFigure('K5', k5.value)!;
      const ratio = bulletinRatio('K5', k5.numerator, k5.denominator);
      const bytes = fs.readFileSync(docx);
      const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
      expect(xml).toContain(figure);
      expect(xml).toContain(ratio);
      expect(xml).not.toContain('王五');

      const office_ = soffice();
      if (!office_) {
        // CI installs LibreOffice (.ci/run); on a workstation without it only the conversion is left out.
        if (process.env.CI) throw new Error('soffice (LibreOffice) is not installed: CI must convert the bulletin to PDF');
        console.warn('reports.e2e: soffice not installed — the PDF conversion step is not run (apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk)');
        return;
      }
      // A profile of its own: a LibreOffice already running for the user cannot take the conversion.
      const profile = `file://${path.join(scratch, 'lo-profile')}`;
      execFileSync(office_, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', scratch, docx], { timeout: 180_000, stdio: 'pipe' });
      const text = execFileSync('pdftotext', ['-layout', path.join(scratch, 'bulletin.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain(figure);
      expect(text).toContain(ratio);
      // pdftotext sets spaces between Chinese and Latin text: compare without them.
      const flat = text.replace(/\s+/g, '');
      expect(flat).toContain(`${UNITS.district}${month.slice(0, 4)}年${Number(month.slice(5, 7))}月社区戒毒（康复）工作通报`);
      expect(flat).toContain(`K5尿检配合率${figure}${ratio}`);
    } catch (err) {
      await saveFailure(page, server, 'reports');
      throw err;
    }
  });
});
