import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  ApiSession,
  adminSession,
  artifactsDir,
  createUnit,
  createUserWithRole,
  launchBrowser,
  saveFailure,
  startServer,
  type RunningServer,
  residentId,
  firstSignIn,
  daysAgo,
} from './harness';

// A social worker's morning (JOURNEYS 1) and the police on the other end (C5, C6), in the zh-CN
// UI: 今日待办 lists the person's tasks; a negative test and a visit are recorded from it; three
// refused tests make a serious breach, the page says "one more" before the third; the police
// officer of the street acknowledges the notice. The org tree, the accounts and a person under
// community detox who reported 28 days ago are set up over the API.

const UNITS = { district: '东湖区', street: '桂花街道', community: '向阳社区' };
const OFFICER = { username: 'zhao.li', name: '赵丽', password: 'Guihua#Officer2026' };
const WORKER = { username: 'li.juan', name: '李娟', password: 'Xiangyang#Worker2026' };
const POLICE = { username: 'chen.gang', name: '陈刚', password: 'Guihua#Police2026' };
const PERSON = { name: '周晓明', birth: '19880312' };
/** Reported in the summer and not seen since: his old tasks are long overdue (issue 17 §5). */
const LONG_OVERDUE = { name: '周五', birth: '19850404' };
const TZ = 'Asia/Shanghai';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;

async function snap(name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  fs.mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `supervision-${name}.png`), fullPage: true });
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

describe('supervision', () => {
  let personId = '';
  let workerApi: ApiSession;

  beforeAll(async () => {
    server = await startServer();
    const { api } = await adminSession(server, 'Sunflower#Root2026');
    const root = (await api.get<{ items: { id: string }[] }>('/api/org-units')).items[0]!.id;
    const district = await createUnit(api, root, 'district', UNITS.district);
    const street = await createUnit(api, district, 'street', UNITS.street);
    const community = await createUnit(api, street, 'community', UNITS.community);
    const officer = await createUserWithRole(api, { username: OFFICER.username, displayName: OFFICER.name, orgUnitId: street }, 'officer');
    const worker = await createUserWithRole(api, { username: WORKER.username, displayName: WORKER.name, orgUnitId: community }, 'social_worker');
    const police = await createUserWithRole(api, { username: POLICE.username, displayName: POLICE.name, orgUnitId: street }, 'police_officer');
    const [officerApi, wApi] = await Promise.all([
      firstSignIn(server.url, OFFICER.username, officer.oneTimePassword, OFFICER.password),
      firstSignIn(server.url, WORKER.username, worker.oneTimePassword, WORKER.password),
      firstSignIn(server.url, POLICE.username, police.oneTimePassword, POLICE.password),
    ]);
    workerApi = wApi;

    // The person: community detox decided 40 days ago, reported 28 days ago; Ms Li is his social worker.
    personId = (await officerApi.post<{ id: string }>('/api/persons', { orgUnitId: community, name: PERSON.name, idNumber: residentId(PERSON.birth, 321) })).id;
    const measure = await officerApi.post<{ id: string }>(`/api/persons/${personId}/measures`, {
      kind: 'community_detox',
      decisionNumber: '东公（禁）决字〔2026〕31号',
      decisionDate: daysAgo(40),
      decisionReceivedDate: daysAgo(36),
    });
    await officerApi.post(`/api/measures/${measure.id}/events`, { type: 'report', date: daysAgo(28) });
    await officerApi.post(`/api/persons/${personId}/assignment`, { orgUnitId: community, workerId: worker.id, reason: '分配责任社工' });
    const oldId = (await officerApi.post<{ id: string }>('/api/persons', { orgUnitId: community, name: LONG_OVERDUE.name, idNumber: residentId(LONG_OVERDUE.birth, 517) })).id;
    const oldMeasure = await officerApi.post<{ id: string }>(`/api/persons/${oldId}/measures`, {
      kind: 'community_detox',
      decisionNumber: '东公（禁）决字〔2026〕12号',
      decisionDate: daysAgo(130),
      decisionReceivedDate: daysAgo(126),
    });
    await officerApi.post(`/api/measures/${oldMeasure.id}/events`, { type: 'report', date: daysAgo(120) });
    await officerApi.post(`/api/persons/${oldId}/assignment`, { orgUnitId: community, workerId: worker.id, reason: '分配责任社工' });

    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a social worker records from 今日待办, three refused tests make a serious breach, the police acknowledge the notice', async () => {
    try {
      // 今日待办 is where a social worker lands.
      await signIn(WORKER.username, WORKER.password);
      await page.getByRole('heading', { name: '今日待办' }).waitFor();
      await page.getByRole('heading', { name: `你好，${WORKER.name}` }).waitFor();
      const card = page.getByTestId('today-person').filter({ hasText: PERSON.name });
      const taskRow = (kind: string) => card.locator(`[data-testid=today-task][data-kind=${kind}]`);
      await taskRow('drug_test').waitFor();
      expect(await taskRow('follow_up').count()).toBeGreaterThan(0);
      expect(await taskRow('check_in').count()).toBe(1);
      await snap('01-today');

      // Issue 17 §5: tasks more than 30 days overdue are one line at the end, opened on demand.
      const folded = page.getByTestId('today-long-overdue');
      await folded.getByText(/项逾期超过 30 天的任务（1 人）/).waitFor();
      const oldCards = page.getByTestId('today-long-overdue-list').getByTestId('today-person').filter({ hasText: LONG_OVERDUE.name });
      expect(await oldCards.count()).toBe(0);
      await folded.getByRole('button', { name: '展开' }).click();
      await oldCards.first().waitFor();
      await folded.getByRole('button', { name: '收起' }).click();
      // A counter narrows the list to what it counted; pressed again (or 显示全部), the whole list is back.
      await page.getByTestId('today-stat-overdue').click();
      await page
        .getByTestId('today-filter')
        .getByText(/^只看“逾期”/)
        .waitFor();
      const listed = page.getByTestId('today-tasks').getByTestId('today-task');
      expect(await listed.count()).toBeGreaterThan(0);
      for (const text of await listed.allInnerTexts()) expect(text).toContain('逾期');
      await page.getByTestId('today-filter').getByRole('button', { name: '显示全部' }).click();
      await taskRow('check_in').waitFor();

      // A negative urine test in three taps: record, negative, save.
      await taskRow('drug_test').getByRole('button', { name: /登记/ }).click();
      let d = dialog();
      await d.getByText('对应任务：吸毒检测').waitFor();
      expect(await d.getByLabel('检测人').inputValue()).toBe(WORKER.name);
      await choose('阴性');
      await d.getByRole('button', { name: '保存' }).click();
      await d.waitFor({ state: 'hidden' });
      await page.getByText('已登记：吸毒检测').waitFor();
      await expect.poll(async () => (await taskRow('drug_test').count()) === 0 || (await taskRow('drug_test').innerText()).includes('已完成')).toBe(true);

      // A visit for the follow-up due today: the short lists, a need, a line of text.
      await taskRow('follow_up').filter({ hasNotText: '逾期' }).first().getByRole('button', { name: /登记/ }).click();
      d = dialog();
      await choose('走访');
      for (const option of ['与家人同住', '失业', '家庭支持', '良好', '稳定', '转介帮扶']) await choose(option);
      await d.getByText('就业安置', { exact: true }).click();
      await d.getByLabel('备注').fill('上月失去工作，希望参加技能培训后再就业。');
      await snap('02-visit-form');
      await d.getByRole('button', { name: '保存' }).click();
      await d.waitFor({ state: 'hidden' });
      await page.getByText('已登记：走访').waitFor();
      await expect
        .poll(
          async () =>
            (await taskRow('follow_up').filter({ hasNotText: '逾期' }).count()) === 0 ||
            (await taskRow('follow_up').filter({ hasNotText: '逾期' }).first().innerText()).includes('已完成'),
        )
        .toBe(true);

      // The first refused test over the API; the second and third on the person's page.
      await workerApi.post(`/api/persons/${personId}/records`, { kind: 'drug_test', place: '向阳社区工作站', result: 'refused', random: true });
      await card.getByRole('link', { name: PERSON.name }).click();
      await page.getByRole('tab', { name: '管控记录', selected: true }).waitFor();
      const refuse = async () => {
        await page.getByRole('button', { name: /登记管控记录/ }).click();
        d = dialog();
        await choose('拒检');
        await d.getByText('随机检测').click();
        await d.getByRole('button', { name: '保存' }).click();
        // The form closes and what the record led to opens in its place.
        return page.getByTestId('record-outcome-title');
      };
      // On a loaded machine the click can land while the dialog is still zooming in; what the
      // test is about is that the outcome is shown and then gone, so the click is retried.
      const acknowledge = (title: Locator) =>
        vi.waitFor(
          async () => {
            if (await title.isVisible()) await page.getByRole('button', { name: '知道了' }).click({ timeout: 5_000 });
            await title.waitFor({ state: 'detached', timeout: 3_000 });
          },
          { timeout: 30_000, interval: 200 },
        );
      let outcome = await refuse();
      await outcome.filter({ hasText: '再有一次即构成严重违反协议' }).waitFor();
      expect(await page.getByTestId('record-outcome-warning').innerText()).toContain('再有 1 次即构成严重违反协议');
      await snap('03-one-more');
      await acknowledge(outcome);
      await page.getByTestId('breach-warning').filter({ hasText: '再有 1 次' }).waitFor();

      outcome = await refuse();
      await outcome.filter({ hasText: '已构成严重违反协议' }).waitFor();
      await page.getByTestId('record-outcome').getByText('已生成通报公安：严重违反协议').waitFor();
      await acknowledge(outcome);
      const breach = page.getByTestId('breach-card');
      await breach.getByText('严重违反协议', { exact: true }).waitFor();
      expect(await breach.innerText()).toContain('3 / 3 次');
      await page.getByTestId('person-notices').getByText('待送达').waitFor();
      await snap('04-serious-breach');

      // The bell tells the worker about the notice.
      await page.getByTestId('message-bell').click();
      await page.getByTestId('message-item').filter({ hasText: '通报公安 · 严重违反协议' }).waitFor();
      await page.keyboard.press('Escape');

      // The visit record printed for the file cabinet: the paper form with the ID masked.
      const visitRow = page.getByTestId('record-row').and(page.locator('[data-kind=visit]'));
      const href = await visitRow.getByRole('link', { name: /打印/ }).getAttribute('href');
      await page.goto(`${server.url}${href}`);
      const sheet = page.getByTestId('print-sheet');
      await sheet.getByRole('heading', { name: '社区戒毒（康复）人员走访记录表' }).waitFor();
      const printed = await sheet.innerText();
      expect(printed).toContain(PERSON.name);
      expect(printed).toMatch(/1101\*+\d{3}[\dX]/);
      expect(printed).toContain('☑ 与家人同住');
      expect(printed).toContain('☑ 就业安置');
      expect(printed).toContain(WORKER.name);
      await snap('05-print');

      // The police officer of the street sees the notice and acknowledges it.
      await signIn(POLICE.username, POLICE.password);
      await page.getByRole('menuitem', { name: '通报公安' }).click();
      const row = page.getByTestId('notice-row').filter({ hasText: PERSON.name });
      await row.getByText('严重违反协议').waitFor();
      expect(await row.innerText()).toContain('待送达');
      await snap('06-notices');
      await row.getByRole('button', { name: /签收/ }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: '签收' }).click();
      await page.getByText('通报已签收').waitFor();
      await page.locator('.ant-segmented').getByText('已签收', { exact: true }).click();
      const done = page.getByTestId('notice-row').filter({ hasText: PERSON.name });
      await done.getByText(new RegExp(`${POLICE.name} 于 .+ 签收`)).waitFor();
      expect(await done.innerText()).toContain('已签收');
      await snap('07-acknowledged');
    } catch (err) {
      await saveFailure(page, server, 'supervision');
      throw err;
    }
  });
});
