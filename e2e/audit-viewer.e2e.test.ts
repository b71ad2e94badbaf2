import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { adminSession, createUnit, createUserWithRole, freshTotp, launchBrowser, saveFailure, startServer, type RunningServer, residentId, firstSignIn } from './harness';

// Issue 9 items 1 and 21, in the browser: the audit administrator (三员分立) sees whose file was
// read by the least that identifies — a masked name and the ID number's last four — groups the
// trail by person and by user, and follows a person to the rows about them; never the name or
// the number in full. Set-up over the API; what the test is about is clicked.

const WORKER = { username: 'sun.li', name: '孙丽', password: 'Xiangyang#Worker2026' };
const AUDITOR = { username: 'qian.shen', name: '钱审', password: 'Audit#Trail2026x' };
const PERSONS = [
  { name: '欧阳明远', birth: '19850614', seq: 231 },
  { name: '司马晓岚', birth: '19910302', seq: 442 },
];

let server: RunningServer;
let browser: Browser;
let page: Page;
const ids: string[] = [];

const tableRows = () => page.locator('.ant-table-tbody tr.ant-table-row');

describe('audit viewer', () => {
  let auditorOneTime = '';

  beforeAll(async () => {
    server = await startServer();
    const { api } = await adminSession(server, 'Sunflower#Root2026');
    const root = (await api.get<{ items: { id: string }[] }>('/api/org-units')).items[0]!.id;
    const district = await createUnit(api, root, 'district', '东湖区');
    const street = await createUnit(api, district, 'street', '桂花街道');
    const worker = await createUserWithRole(api, { username: WORKER.username, displayName: WORKER.name, orgUnitId: street }, 'social_worker');
    auditorOneTime = (await createUserWithRole(api, { username: AUDITOR.username, displayName: AUDITOR.name, orgUnitId: root }, 'audit_admin')).oneTimePassword;
    const workerApi = await firstSignIn(server.url, WORKER.username, worker.oneTimePassword, WORKER.password);
    for (const p of PERSONS) {
      ids.push((await workerApi.post<{ id: string }>('/api/persons', { orgUnitId: street, name: p.name, idNumber: residentId(p.birth, p.seq) })).id);
    }
    // The first person's file is read three times, the second once.
    for (let i = 0; i < 3; i++) await workerApi.get(`/api/persons/${ids[0]}`);
    await workerApi.get(`/api/persons/${ids[1]}`);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('P6 (9.1, 9.21): the auditor sees a person as masked name and ID last four, by person and by user, never in full', async () => {
    try {
      // First sign-in: password change, then the second factor an administrator must have (P7).
      await page.goto(`${server.url}/login`);
      await page.getByLabel('用户名').fill(AUDITOR.username);
      await page.getByLabel('密码', { exact: true }).fill(auditorOneTime);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByText('请修改密码').waitFor();
      await page.getByLabel('当前密码').fill(auditorOneTime);
      await page.getByLabel('新密码', { exact: true }).fill(AUDITOR.password);
      await page.getByLabel('确认新密码').fill(AUDITOR.password);
      await page.getByRole('button', { name: '修改密码' }).click();
      const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
      await page.getByLabel('动态验证码').fill(await freshTotp(secret));
      await page.getByRole('button', { name: '启用两步验证' }).click();
      await page.getByRole('heading', { name: `你好，${AUDITOR.name}` }).waitFor();
      // No way to a person's file from this account.
      expect(await page.getByRole('menuitem', { name: '人员档案' }).count()).toBe(0);

      await page.getByRole('menuitem', { name: '审计日志' }).click();
      await page.getByRole('heading', { name: '审计日志' }).waitFor();
      await page.getByTestId('audit-action').first().waitFor();

      const [first, second] = PERSONS.map((p) => ({ last4: residentId(p.birth, p.seq).slice(-4), full: residentId(p.birth, p.seq), name: p.name }));

      // By person: one line each, with the masked label and the count of rows about them.
      await page.getByText('按人员', { exact: true }).click();
      const firstLine = tableRows().filter({ hasText: first!.last4 });
      await firstLine.waitFor();
      const secondLine = tableRows().filter({ hasText: second!.last4 });
      await secondLine.waitFor();
      const grouped = (await tableRows().allInnerTexts()).join('\n');
      for (const p of [first!, second!]) {
        expect(grouped).not.toContain(p.name);
        expect(grouped).not.toContain(p.full);
        expect(grouped).toContain(p.name[0]!);
      }
      // The first person: created once, read three times.
      const firstRows = Number((await firstLine.locator('td').nth(1).innerText()).trim());
      const secondRows = Number((await secondLine.locator('td').nth(1).innerText()).trim());
      expect(firstRows - secondRows).toBe(2);

      // Following the first person: the rows view, filtered to them, says so by the masked label.
      await firstLine.locator('td').first().locator('a').click();
      await page.locator('.ant-tag').filter({ hasText: first!.last4 }).waitFor();
      await expect
        .poll(async () => {
          const texts = await tableRows().allInnerTexts();
          return texts.length > 0 && texts.every((t) => t.includes(first!.last4));
        })
        .toBe(true);
      expect(await tableRows().count()).toBe(firstRows);
      const rowsText = (await tableRows().allInnerTexts()).join('\n');
      expect(rowsText).not.toContain(first!.name);
      expect(rowsText).not.toContain(first!.full);
      expect(rowsText).toContain(WORKER.username);

      // By user: the social worker is one line; choosing it filters the rows by that account.
      await page.locator('.ant-tag').filter({ hasText: first!.last4 }).locator('.ant-tag-close-icon').click();
      await page.getByText('按用户', { exact: true }).click();
      const workerLine = tableRows().filter({ hasText: WORKER.username });
      await workerLine.waitFor();
      await workerLine.locator('td').first().locator('a').click();
      await expect
        .poll(async () => {
          const texts = await tableRows().allInnerTexts();
          return texts.length > 0 && texts.every((t) => t.includes(WORKER.username));
        })
        .toBe(true);
      const page1 = (await tableRows().allInnerTexts()).join('\n');
      for (const p of [first!, second!]) {
        expect(page1).not.toContain(p.name);
        expect(page1).not.toContain(p.full);
      }
    } catch (err) {
      await saveFailure(page, server, 'audit-viewer');
      throw err;
    }
  });
});
