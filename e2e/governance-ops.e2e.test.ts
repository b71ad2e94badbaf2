import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiSession, adminSession, createUnit, createUserWithRole, launchBrowser, saveFailure, startServer, type RunningServer } from './harness';

// Issue 15 items 7 and 9: the district office records a joint meeting whose action item is past
// its due date — the item is listed as overdue for the office and in the dispatch; then it sets
// the year's budget (default split) and an expense moves the publicity execution rate.

const UNITS = { district: '东湖区', street: '桂花街道' };
const OFFICE = { username: 'zhang.office', name: '张主任', password: 'Donghu#Office2026' };
const TZ = 'Asia/Shanghai';
const dayIn = (offset: number) => {
  const d = new Date(Date.now() + offset * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
};

let server: RunningServer;
let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;

const dialog = () => page.getByRole('dialog').filter({ visible: true }).last();
const pickOption = async (text: string) => page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();

describe('governance operations', () => {
  beforeAll(async () => {
    server = await startServer();
    const { api } = await adminSession(server, 'Sunflower#Root2026');
    const root = (await api.get<{ items: { id: string }[] }>('/api/org-units')).items[0]!.id;
    const district = await createUnit(api, root, 'district', UNITS.district);
    await createUnit(api, district, 'street', UNITS.street);
    const office = await createUserWithRole(api, { username: OFFICE.username, displayName: OFFICE.name, orgUnitId: district }, 'drug_control_office');
    const s = new ApiSession(server.url);
    await s.post('/api/auth/login', { username: OFFICE.username, password: office.oneTimePassword });
    await s.post('/api/auth/password', { currentPassword: office.oneTimePassword, newPassword: OFFICE.password });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a joint meeting’s action item past its due date is listed overdue; a budget expense changes the execution rate', async () => {
    try {
      context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: TZ });
      page = await context.newPage();
      page.setDefaultTimeout(20_000);
      await page.goto(`${server.url}/login`);
      await page.getByLabel('用户名').fill(OFFICE.username);
      await page.getByLabel('密码', { exact: true }).fill(OFFICE.password);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByRole('menuitem', { name: '考核与调度' }).click();
      await page.getByRole('heading', { name: '联席会议、风险、经费与周调度' }).waitFor();

      // A meeting held three days ago; its item was due yesterday.
      await page.getByRole('tab', { name: '联席会议' }).click();
      await page.getByRole('button', { name: '登记联席会议' }).click();
      const d = dialog();
      await d.locator('#orgUnitId').click();
      await page.locator('.ant-select-tree-title').filter({ hasText: UNITS.district }).click();
      await d.locator('#heldOn').fill(dayIn(-3));
      await d.locator('#heldOn').press('Enter');
      await d.locator('#title').fill('十一月禁毒联席会议');
      await d.locator('#departments').click();
      await pickOption('公安');
      await pickOption('司法');
      await d.locator('.ant-modal-title').click();
      await d.locator('#topics').fill('脱管人员排查');
      await d.getByRole('button', { name: '添加事项' }).click();
      await d.locator('#actionItems_0_title').fill('排查出租屋');
      await d.locator('#actionItems_0_ownerUserId').click();
      await pickOption(OFFICE.name);
      await d.locator('#actionItems_0_dueOn').fill(dayIn(-1));
      await d.locator('#actionItems_0_dueOn').press('Enter');
      await d.getByRole('button', { name: '保存' }).click();
      await d.waitFor({ state: 'hidden' });
      const overdue = page.getByTestId('overdue-items');
      await overdue.getByText('排查出租屋').waitFor();
      await overdue.getByText('逾期 1 天').waitFor();
      await page.getByTestId('meetings').getByText('十一月禁毒联席会议').waitFor();

      await page.getByRole('tab', { name: '周调度' }).click();
      await page.getByTestId('dispatch-items').getByText('排查出租屋').waitFor();

      // The budget: 10,000 yuan split 40/30/20/10, then 1,000 yuan of publicity: 25 % of its 4,000.
      await page.getByRole('tab', { name: '经费预算' }).click();
      await page.locator('.ant-select').first().click();
      await page.locator('.ant-select-tree-title').filter({ hasText: UNITS.street }).click();
      await page.getByLabel('预算总额（元）').fill('10000');
      await page.getByRole('button', { name: '设置年度预算（按 40/30/20/10 分配）' }).click();
      await expect.poll(() => page.getByTestId('rate-publicity').innerText()).toBe('0.0%');
      await page.getByRole('button', { name: '登记支出' }).click();
      const e = dialog();
      await e.locator('#category').click();
      await pickOption('宣传经费');
      await e.locator('#amount').fill('1000');
      await e.locator('#description').fill('6·26 宣传展板');
      await e.getByRole('button', { name: '保存' }).click();
      await e.waitFor({ state: 'hidden' });
      await expect.poll(() => page.getByTestId('rate-publicity').innerText()).toBe('25.0%');
      await expect.poll(() => page.getByTestId('rate-supervision').innerText()).toBe('0.0%');
    } catch (err) {
      await saveFailure(page, server, 'governance-ops');
      throw err;
    } finally {
      await context?.close();
    }
  });
});
