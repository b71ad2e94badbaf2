import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { idNumberCheckChar } from '../core/rules/id-number';
import { ApiSession, adminSession, createUnit, createUserWithRole, launchBrowser, saveFailure, startServer, type RunningServer, firstSignIn } from './harness';

// Issue 12's journey in the zh-CN UI: an officer assesses a person, writes the plan and has it
// approved, refers him to a caring employer with his consent; the employer's partner account
// sees only name, phone and need, accepts and records a placement; the plan action closes and
// K8's numerator for the community moves by one. Around it: the re-assessment due on 今日待办,
// the plan printed on A4, the placement's 3-month check and a relief application's decision. Accounts, units and the file are set up over the API.

const OFFICER = { username: 'qian.hong', name: '钱红', password: 'Guihua#Street2026' };
const PARTNER = { username: 'sun.jl', name: '孙经理', password: 'Yangguang#Work2026' };
const PERSON = { name: '欧阳建国', phone: '13700001234' };

let server: RunningServer;
let browser: Browser;
const dialog = (page: Page) => page.getByRole('dialog').filter({ visible: true }).last();
const openDropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

async function signIn(page: Page, username: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

describe('assistance', () => {
  let officer: ApiSession;
  let personId = '';
  let community = '';

  beforeAll(async () => {
    server = await startServer();
    const { api } = await adminSession(server, 'Sunflower#Root2026');
    const root = (await api.get<{ items: { id: string }[] }>('/api/org-units')).items[0]!.id;
    const district = await createUnit(api, root, 'district', '东湖区');
    const street = await createUnit(api, district, 'street', '桂花街道');
    community = await createUnit(api, street, 'community', '向阳社区');
    const o = await createUserWithRole(api, { username: OFFICER.username, displayName: OFFICER.name, orgUnitId: street }, 'officer');
    const p = await createUserWithRole(api, { username: PARTNER.username, displayName: PARTNER.name, orgUnitId: street }, 'partner');
    officer = await firstSignIn(server.url, OFFICER.username, o.oneTimePassword, OFFICER.password);
    await firstSignIn(server.url, PARTNER.username, p.oneTimePassword, PARTNER.password);
    const first17 = '11010119850505123';
    personId = (
      await officer.post<{ id: string }>('/api/persons', {
        orgUnitId: community,
        name: PERSON.name,
        idNumber: first17 + idNumberCheckChar(first17),
        phone: PERSON.phone,
        drugTypes: ['methamphetamine'],
      })
    ).id;
    const today = shanghaiToday();
    const m = await officer.post<{ id: string }>(`/api/persons/${personId}/measures`, { kind: 'community_detox', decisionDate: today, decisionReceivedDate: today });
    await officer.post(`/api/measures/${m.id}/events`, { type: 'report', date: today });
    const employer = await officer.post<{ id: string }>('/api/partners', {
      name: '阳光物流',
      kind: 'caring_employer',
      orgUnitId: street,
      servedOrgUnitIds: [street],
      services: ['employment'],
      contactName: '孙经理',
      contactPhone: '010-88886666',
      capacity: 5,
    });
    await officer.post(`/api/partners/${employer.id}/staff`, { userId: p.id });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('assess → plan → refer with consent → the employer accepts and places → the action closes → K8 +1', async () => {
    const k8 = async () =>
      (await officer.get<{ K8: { numerator: number } }>(`/api/assistance/indicators?orgUnitId=${community}&from=2026-01-01&to=${shanghaiToday()}`)).K8.numerator;
    let page: Page | undefined;
    try {
      const worker = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      page = await worker.newPage();
      page.setDefaultTimeout(20_000);
      await signIn(page, OFFICER.username, OFFICER.password);
      await page.getByRole('heading', { name: `你好，${OFFICER.name}` }).waitFor();
      // 今日待办: never assessed, the person's needs assessment is due from the measure start (item 1, 7).
      await page.goto(`${server.url}/today?scope=unit`);
      const task = page.getByTestId('assistance-task').filter({ hasText: PERSON.name });
      await task.getByText('需求复评').waitFor();
      await task.getByText('措施开始').waitFor();
      expect((await task.getByRole('link').boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await task.getByRole('link', { name: PERSON.name }).click();
      await page.waitForURL(/tab=assistance/);
      const tab = page.getByTestId('assistance-tab');

      // Needs: employment is severe.
      await tab.getByRole('button', { name: /需求评估/ }).click();
      await dialog(page).getByTestId('need-employment').getByText('迫切').click();
      await dialog(page).getByRole('button', { name: '保存' }).click();
      await page.getByTestId('assistance-needs').getByText('就业安置 · 迫切').waitFor();

      // The plan starts from the assessed need; the action goes to the caring employer.
      await tab.getByRole('button', { name: /新建计划版本/ }).click();
      const plan = dialog(page);
      await plan.getByLabel('目标').fill('三个月内稳定就业');
      await plan.getByLabel('措施', { exact: true }).fill('推荐至阳光物流仓储岗');
      await plan.getByText('合作单位', { exact: true }).click();
      await plan.getByRole('combobox', { name: '合作单位' }).click();
      await openDropdown(page).getByText('阳光物流（爱心企业）').click();
      await plan.getByRole('button', { name: '保存' }).click();
      const planCard = page.getByTestId('assistance-plan');
      await planCard.getByText('待审批').waitFor();
      await planCard.getByRole('button', { name: /街道审批/ }).click();
      await planCard.getByText('街道已审批').waitFor();
      // The plan on A4 paper (item 2): the approved version with its action and signature lines.
      await page.goto(`${server.url}/print/plan/${personId}`);
      const sheet = page.getByTestId('plan-sheet');
      await sheet.getByText('三个月内稳定就业').waitFor();
      await sheet.getByText(/街道已审批/).waitFor();
      await sheet.getByText('就业安置（迫切）', { exact: false }).waitFor();
      await page.getByRole('button', { name: '返回' }).click();
      await page.waitForURL(/tab=assistance/);

      // The referral: an employer needs the person's consent (P2).
      await tab.getByRole('button', { name: /转介合作单位/ }).click();
      const refer = dialog(page);
      await refer.getByRole('combobox', { name: '合作单位' }).click();
      await openDropdown(page).getByText('阳光物流（爱心企业）').click();
      await refer.getByText('转介该单位须记录本人同意').waitFor();
      await refer.getByLabel('转介目的').fill('仓储岗位推荐');
      await refer.getByText('本人同意', { exact: true }).click();
      await refer.getByLabel('同意范围').fill('企业可知悉其正在社区戒毒');
      await refer.getByRole('button', { name: '转介合作单位' }).click();
      await page.getByTestId('assistance-referrals').getByText('待接收').waitFor();
      const before = await k8();

      // The employer's account: only name, phone, need and purpose.
      const partnerContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
      const phone = await partnerContext.newPage();
      phone.setDefaultTimeout(20_000);
      await signIn(phone, PARTNER.username, PARTNER.password);
      const item = phone.getByTestId('inbox-item');
      await item.getByText(PERSON.name).waitFor();
      const text = await phone.locator('main, body').first().innerText();
      expect(text).toContain(PERSON.phone);
      expect(text).toContain('仓储岗位推荐');
      for (const hidden of ['冰毒', 'methamphetamine', '社区戒毒 ·', '110101', '检测']) expect(text).not.toContain(hidden);
      await item.getByRole('button', { name: '接收' }).click();
      await item.getByRole('button', { name: '登记完成' }).click();
      const done = dialog(phone);
      await done.getByLabel('岗位').fill('仓储员');
      await done.getByRole('combobox', { name: '工资区间' }).click();
      await openDropdown(phone).getByText('3000–5000 元').click();
      await done.getByLabel('服务结果').fill('已入职仓储岗');
      await done.getByRole('button', { name: '保存' }).click();
      await phone.getByText('暂无待处理的转介').waitFor();

      // Back on the person's page: the action is done, the placement listed, K8 moved by one.
      await page.reload();
      await page
        .getByTestId('assistance-plan')
        .getByText(/^已完成/)
        .waitFor();
      await page.getByTestId('assistance-services').getByText('已入职仓储岗').waitFor();
      await page.getByTestId('assistance-referrals').getByText('已完成').waitFor();
      expect(await k8()).toBe(before + 1);

      // Item 3: the placement's checks at 3, 6 and 12 months are due; the 3-month one is recorded.
      const services = page.getByTestId('assistance-services');
      await services.getByText(/待回访：第 3 个月/).waitFor();
      await services.getByRole('button', { name: '在岗回访' }).click();
      await dialog(page).getByRole('button', { name: '保存' }).click();
      await services.getByText(/已回访：第 3 个月 .* 在岗/).waitFor();
      await services.getByText(/待回访：第 6 个月/).waitFor();

      // Item 3: a relief application recorded as pending gets its decision in the tab.
      const day = shanghaiToday();
      const relief = { kind: 'relief', scheme: 'temporary', submittedOn: day, decision: 'pending' };
      await officer.post(`/api/persons/${personId}/assistance/services`, { date: day, outcome: '已递交临时救助申请', details: relief });
      await page.reload();
      await services.getByTestId('relief-decision').getByText('审核中').waitFor();
      await services.getByRole('button', { name: '登记审批结果' }).click();
      await dialog(page).getByLabel('金额（元）').fill('800');
      await dialog(page).getByRole('button', { name: '保存' }).click();
      await services.getByTestId('relief-decision').getByText(`已批准 ${day} · ¥800`).waitFor();
      expect(await services.getByRole('button', { name: '登记审批结果' }).count()).toBe(0);
    } catch (e) {
      await saveFailure(page, server, 'assistance');
      throw e;
    }
  });
});
