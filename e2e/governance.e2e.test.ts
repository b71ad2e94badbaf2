import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { adminSession, createUnit, createUserWithRole, firstSignIn, launchBrowser, residentId, saveFailure, startServer, type RunningServer, daysAgo } from './harness';

// Issue 15: the district office opens the indicator dashboard, reads K5 (test cooperation)
// against its 90 % target, opens the indicator page and drills down to the persons behind the
// denominator — the person whose tests were due this year is listed by name. On the way, the
// quarterly assessment tab ranks the street (issue 15 item 5).

const UNITS = { district: '东湖区', street: '桂花街道', community: '向阳社区' };
const OFFICE = { username: 'd.office', name: '区禁毒办', password: 'Donghu#Office2026' };
const TZ = 'Asia/Shanghai';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;

describe('governance dashboard', () => {
  beforeAll(async () => {
    server = await startServer();
    const { api } = await adminSession(server, 'Sunflower#Root2026');
    const root = (await api.get<{ items: { id: string }[] }>('/api/org-units')).items[0]!.id;
    const district = await createUnit(api, root, 'district', UNITS.district);
    const street = await createUnit(api, district, 'street', UNITS.street);
    const community = await createUnit(api, street, 'community', UNITS.community);
    const office = await createUserWithRole(api, { username: OFFICE.username, displayName: OFFICE.name, orgUnitId: district }, 'drug_control_office');
    const o = await firstSignIn(server.url, OFFICE.username, office.oneTimePassword, OFFICE.password);
    // Under community detox for 100 days (T4: a test a month), one test done.
    const person = await o.post<{ id: string }>('/api/persons', { orgUnitId: community, name: '李四', idNumber: residentId('19900101', 41) });
    const measure = await o.post<{ id: string }>(`/api/persons/${person.id}/measures`, { kind: 'community_detox', decisionDate: daysAgo(105), decisionReceivedDate: daysAgo(104) });
    await o.post(`/api/measures/${measure.id}/events`, { type: 'report', date: daysAgo(100) });
    await o.post(`/api/persons/${person.id}/records`, { kind: 'drug_test', date: daysAgo(99), place: '向阳社区工作站', sample: 'urine', method: 'on_site', result: 'negative' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the district office opens the dashboard and drills from K5 to the persons behind it', async () => {
    try {
      context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: TZ });
      page = await context.newPage();
      page.setDefaultTimeout(20_000);
      await page.goto(`${server.url}/login`);
      await page.getByLabel('用户名').fill(OFFICE.username);
      await page.getByLabel('密码', { exact: true }).fill(OFFICE.password);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      // Issue 17 §5: a district office lands on the indicator overview, no menu needed.
      await page.getByRole('heading', { name: '考核指标看板' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/governance');
      await page.getByTestId('gv-period-kind').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '年' }).first().click();
      const k5 = page.getByTestId('gv-card-K5');
      await k5.getByText('目标 ≥ 90%').waitFor();
      await expect.poll(() => page.getByTestId('gv-value-K5').innerText()).toMatch(/%$/);
      // K14 has no data yet: a reason, never 0.
      await page.getByTestId('gv-card-K14').getByText('暂无数据：尚未登记居民问卷').waitFor();
      await page.getByTestId('gv-chart-overview').locator('svg').waitFor();

      // Item 5 (季考核): the quarterly tab ranks the district's street for the last complete quarter.
      await page.getByRole('tab', { name: '季度考核' }).click();
      const street = page.getByTestId('as-ranking').getByRole('row', { name: new RegExp(UNITS.street) });
      await street.waitFor();
      expect(await street.locator('td').first().innerText()).toBe('1');
      await page.getByRole('tab', { name: '指标总览' }).click();

      await k5.click();
      await page.getByRole('heading', { name: 'K5 尿检配合率' }).waitFor();
      await page.getByTestId('gv-chart-trend').locator('svg').waitFor();
      const drill = page.getByTestId('gv-drill');
      await drill.getByRole('tab', { name: '分母' }).click();
      await drill.getByRole('link', { name: '李四' }).waitFor();
      await drill.getByRole('link', { name: '李四' }).click();
      await page.waitForURL(/\/persons\//);
    } catch (err) {
      await saveFailure(page, server, 'governance');
      throw err;
    }
  });
});
