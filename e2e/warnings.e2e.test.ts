import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ApiSession,
  adminSession,
  artifactsDir,
  createUnit,
  createUserWithRole,
  firstSignIn,
  launchBrowser,
  residentId,
  saveFailure,
  startServer,
  type RunningServer,
  daysAgo,
} from './harness';

// Early warning (issue 13, T7, K17) in the zh-CN UI: a drug test missed past its window raises an
// alert for the responsible worker, in her inbox (/alerts) and first in 今日待办; the street
// officer records a visit from the alert and closes it with an outcome. The escalation of an alert
// left untouched needs its deadline (at least an hour, policy) to pass: the server here runs on the
// real clock, so that step is asserted with a moved clock in server/modules/warnings/warnings.test.ts.

const UNITS = { district: '西湖区', street: '荷花街道', community: '莲塘社区' };
const OFFICER = { username: 'sun.ping', name: '孙萍', password: 'Hehua#Officer2026' };
const WORKER = { username: 'wu.min', name: '吴敏', password: 'Liantang#Worker2026' };
const PERSON = { name: '郑海涛', birth: '19900718' };
const TZ = 'Asia/Shanghai';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;

async function snap(name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  fs.mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `warnings-${name}.png`), fullPage: true });
}

const dialog = () => page.getByRole('dialog').filter({ visible: true }).last();

async function signIn(username: string, password: string) {
  await context?.close();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: TZ });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** Chooses an option of a button row (radio buttons) in the open dialog by its exact text. */
const choose = (text: string) =>
  dialog()
    .locator('label')
    .filter({ hasText: new RegExp(`^${text}$`) })
    .first()
    .click();

type Alert = { id: string; kind: string; status: string; outcome: string | null; links: { type: string; id: string }[] };

describe('early warning', () => {
  let personId = '';
  let officerApi: ApiSession;

  beforeAll(async () => {
    server = await startServer();
    const { api } = await adminSession(server, 'Sunflower#Root2026');
    const root = (await api.get<{ items: { id: string }[] }>('/api/org-units')).items[0]!.id;
    const district = await createUnit(api, root, 'district', UNITS.district);
    const street = await createUnit(api, district, 'street', UNITS.street);
    const community = await createUnit(api, street, 'community', UNITS.community);
    const officer = await createUserWithRole(api, { username: OFFICER.username, displayName: OFFICER.name, orgUnitId: street }, 'officer');
    const worker = await createUserWithRole(api, { username: WORKER.username, displayName: WORKER.name, orgUnitId: community }, 'social_worker');
    [officerApi] = await Promise.all([
      firstSignIn(server.url, OFFICER.username, officer.oneTimePassword, OFFICER.password),
      firstSignIn(server.url, WORKER.username, worker.oneTimePassword, WORKER.password),
    ]);

    // Ms Wu is his worker before the measure's facts come in, so the alerts they raise are hers.
    // Community detox reported 45 days ago: the first monthly test (T7) has passed its window untested.
    personId = (await officerApi.post<{ id: string }>('/api/persons', { orgUnitId: community, name: PERSON.name, idNumber: residentId(PERSON.birth, 517) })).id;
    await officerApi.post(`/api/persons/${personId}/assignment`, { orgUnitId: community, workerId: worker.id, reason: '分配责任社工' });
    const measure = await officerApi.post<{ id: string }>(`/api/persons/${personId}/measures`, {
      kind: 'community_detox',
      decisionNumber: '西公（禁）决字〔2026〕58号',
      decisionDate: daysAgo(55),
      decisionReceivedDate: daysAgo(50),
    });
    await officerApi.post(`/api/measures/${measure.id}/events`, { type: 'report', date: daysAgo(45) });

    browser = await launchBrowser();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('a missed test raises an alert for the worker, first in 今日待办; the street officer records a visit from it and closes it with an outcome', async () => {
    try {
      const testAlert = async () =>
        (await officerApi.get<{ items: Alert[] }>(`/api/alerts?scope=unit&state=all&personId=${personId}`)).items.find((a) => a.kind === 'test_overdue');
      expect(await testAlert()).toMatchObject({ status: 'open' });

      // 今日待办 leads with the worker's open alerts, above the day's tasks.
      await signIn(WORKER.username, WORKER.password);
      await page.getByRole('heading', { name: '今日待办' }).waitFor();
      const today = page.getByTestId('today-alerts');
      await today.getByRole('row').filter({ hasText: PERSON.name }).filter({ hasText: '检测逾期' }).waitFor();
      const first = await page.locator('[data-testid=today-alerts], [data-testid=today-person]').first().getAttribute('data-testid');
      expect(first).toBe('today-alerts');
      await snap('01-today');

      // Her inbox (/alerts, 我的预警) holds it too.
      await today.getByRole('link', { name: '查看全部' }).click();
      await page.waitForURL(/\/alerts$/);
      await page.getByRole('heading', { name: '预警处置' }).waitFor();
      const mine = page.getByRole('row').filter({ hasText: PERSON.name }).filter({ hasText: '检测逾期' });
      await mine.waitFor();
      expect(await mine.getByTestId('alert-status').innerText()).toBe('待处置');
      await snap('02-inbox');

      // The street officer, in the unit view: a visit recorded from the alert links to it.
      await signIn(OFFICER.username, OFFICER.password);
      await page.getByRole('menuitem', { name: '预警处置' }).click();
      await page.locator('.ant-segmented').getByText('本单位', { exact: true }).click();
      const row = page.getByRole('row').filter({ hasText: PERSON.name }).filter({ hasText: '检测逾期' });
      await row.getByRole('button', { name: '记录走访' }).click();
      let d = dialog();
      await choose('走访');
      for (const option of ['与家人同住', '失业', '家庭支持', '良好', '稳定', '近期再次回访']) await choose(option);
      await d.getByLabel('备注').fill('本人称外出务工错过检测，已约定本周到站补检。');
      await snap('03-visit');
      await d.getByRole('button', { name: '保存' }).click();
      await d.waitFor({ state: 'hidden' });
      await expect.poll(async () => (await row.getByTestId('alert-status').innerText()).trim()).toBe('处置中');
      const acted = (await testAlert())!;
      expect(acted.links.filter((l) => l.type === 'record')).toHaveLength(1);

      // Closed with an outcome (required: the dialog will not close without one).
      await row.getByRole('button', { name: '办结' }).click();
      d = dialog();
      await d.getByRole('button', { name: /确\s*定|OK/ }).click();
      await d.locator('.ant-form-item-explain-error').first().waitFor();
      await d.getByTestId('alert-outcome').click();
      await page.locator('.ant-select-dropdown:visible').getByText('已化解', { exact: true }).click();
      await d.getByLabel('备注').fill('已约定补检');
      await d.getByRole('button', { name: /确\s*定|OK/ }).click();
      await d.waitFor({ state: 'hidden' });
      await expect.poll(async () => (await testAlert())?.status).toBe('closed');
      expect((await testAlert())!.outcome).toBe('resolved');
      await page.locator('.ant-segmented').getByText('已办结', { exact: true }).click();
      await page.getByRole('row').filter({ hasText: PERSON.name }).filter({ hasText: '已化解' }).waitFor();
      await snap('04-closed');
    } catch (err) {
      await saveFailure(page, server, 'warnings');
      throw err;
    }
  });
});
