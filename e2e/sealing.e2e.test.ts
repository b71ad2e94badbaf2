import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { adminSession, createUnit, createUserWithRole, firstSignIn, freshTotp, launchBrowser, residentId, saveFailure, startServer, type RunningServer } from './harness';

// Issue 14's journey in the zh-CN UI (D2, D3, P4): a person released from isolation three years
// ago shows as eligible with the date; one street officer reviews, another approves; the file is
// sealed and gone from search; the district office opens it with a purpose; the audit
// administrator sees the sealed-file opening. Accounts, units and the file are set up over the API.

const A = { username: 'zhou.a', name: '周审', password: 'Guihua#Review2026' };
const B = { username: 'wu.b', name: '吴批', password: 'Guihua#Approve2026' };
const OFFICE = { username: 'zheng.o', name: '郑办', password: 'Donghu#Office2026' };
const AUDITOR = { username: 'wang.au', name: '王审计', password: 'Audit#Sealed2026x' };
const PERSON = { name: '慕容清远', id: residentId('19800312', 417) };

let server: RunningServer;
let browser: Browser;
const dialog = (page: Page) => page.getByRole('dialog').filter({ visible: true }).last();

async function signIn(page: Page, username: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

describe('delisting and sealed files', () => {
  let auditorOneTime = '';

  beforeAll(async () => {
    server = await startServer();
    const { api } = await adminSession(server, 'Sunflower#Root2026');
    const root = (await api.get<{ items: { id: string }[] }>('/api/org-units')).items[0]!.id;
    const district = await createUnit(api, root, 'district', '东湖区');
    const street = await createUnit(api, district, 'street', '桂花街道');
    const community = await createUnit(api, street, 'community', '向阳社区');
    const users = [
      [A, street, 'officer'],
      [B, street, 'officer'],
      [OFFICE, district, 'drug_control_office'],
    ] as const;
    let officer: Awaited<ReturnType<typeof firstSignIn>> | undefined;
    for (const [u, unit, role] of users) {
      const c = await createUserWithRole(api, { username: u.username, displayName: u.name, orgUnitId: unit }, role);
      const s = await firstSignIn(server.url, u.username, c.oneTimePassword, u.password);
      officer ??= s;
    }
    auditorOneTime = (await createUserWithRole(api, { username: AUDITOR.username, displayName: AUDITOR.name, orgUnitId: root }, 'audit_admin')).oneTimePassword;
    // D3: released from compulsory isolation on 2023-01-05 — eligible on 2026-01-05.
    const p = await officer!.post<{ id: string }>('/api/persons', { orgUnitId: community, name: PERSON.name, idNumber: PERSON.id });
    const m = await officer!.post<{ id: string }>(`/api/persons/${p.id}/measures`, { kind: 'compulsory_isolation', decisionDate: '2021-01-05' });
    await officer!.post(`/api/measures/${m.id}/events`, { type: 'complete', date: '2023-01-05' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('D2, P4: eligible with the date → reviewed → approved by the street → gone from search → opened with a purpose → in the auditor’s view', async () => {
    let page: Page | undefined;
    try {
      // The reviewer sees the person eligible, with the date and its basis.
      page = await newPage();
      await signIn(page, A.username, A.password);
      await page.getByRole('menuitem', { name: '撤销管控' }).click();
      await page.getByRole('button', { name: '立即重新计算' }).click();
      const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: PERSON.name });
      await row.getByText('2026-01-05起可撤销管控（自解除强制隔离戒毒之日起算）').waitFor();
      await row.getByRole('button', { name: '审核' }).click();
      await page.getByText('已审核，待街道批准').waitFor();
      await row.getByText('待另一人批准').waitFor();
      await page.context().close();

      // Another officer of the street approves: the file is sealed.
      page = await newPage();
      await signIn(page, B.username, B.password);
      await page.getByRole('menuitem', { name: '撤销管控' }).click();
      await page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: PERSON.name }).getByRole('button', { name: '批准', exact: true }).click();
      await dialog(page).getByRole('button', { name: '确定' }).click();
      await page.getByText('已撤销管控，档案已封存').waitFor();
      // Gone from search.
      await page.getByRole('menuitem', { name: '人员档案' }).click();
      await page.getByPlaceholder('姓名 / 拼音首字母 / 身份证后四位').fill(PERSON.name);
      const searched = page.waitForResponse((r) => r.url().includes('/api/persons?') && r.url().includes('q='));
      await page.getByPlaceholder('姓名 / 拼音首字母 / 身份证后四位').press('Enter');
      expect(((await (await searched).json()) as { total: number }).total).toBe(0);
      expect(await page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: PERSON.name }).count()).toBe(0);
      await page.context().close();

      // The district office finds it by the whole ID number and opens it with a purpose.
      page = await newPage();
      await signIn(page, OFFICE.username, OFFICE.password);
      await page.getByRole('menuitem', { name: '封存档案' }).click();
      await page.getByLabel('完整证件号码').first().fill(PERSON.id);
      await page.getByRole('button', { name: '查找' }).click();
      await page.getByRole('button', { name: '说明理由并查阅' }).click();
      await dialog(page).getByRole('button', { name: '确定' }).click();
      await dialog(page).getByText('必填').first().waitFor();
      await dialog(page).getByLabel('查阅理由').fill('法院调查函核实');
      await dialog(page).getByRole('button', { name: '确定' }).click();
      await page.getByRole('heading', { name: PERSON.name }).waitFor();
      await page.context().close();

      // The audit administrator (first sign-in: password, then the second factor) sees the opening.
      page = await newPage();
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
      await page.getByRole('menuitem', { name: '审计日志' }).click();
      await page.getByTestId('audit-action').first().waitFor();
      await page.getByTestId('audit-action').filter({ hasText: 'sealing.open' }).first().waitFor();
      await page.getByText('查阅封存档案').first().waitFor();
      expect(await page.getByText(PERSON.id).count()).toBe(0);
    } catch (err) {
      await saveFailure(page, server, 'sealing');
      throw err;
    }
  });
});
