import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { ADMIN_PASSWORD, artifactsDir, launchBrowser, saveFailure, startServer, freshTotp, type RunningServer } from './harness';

// One scenario through the foundation, in the zh-CN UI, as a person would click it.
// Elements are found by role and visible label; data-testid only where the text is the data
// (the TOTP secret, the one-time password, tree nodes, audit action codes).

const ADMIN_NEW = 'Sunflower#Root2026';
const WORKER = { username: 'wang.fang', name: '王芳', password: 'Xiangyang#2026' };
const UNITS = { district: '东湖区', street: '桂花街道', community: '向阳社区' };

let server: RunningServer;
let browser: Browser;
let page: Page;

/** With E2E_SCREENSHOTS=1, a picture of each step for a person to look at. */
async function snap(name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  fs.mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
}

const dialog = () => page.getByRole('dialog').filter({ visible: true }).last();
const openDropdown = () => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();

async function signIn(username: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

async function changePassword(current: string, next: string) {
  await page.getByText('请修改密码').waitFor();
  await page.getByLabel('当前密码').fill(current);
  await page.getByLabel('新密码', { exact: true }).fill(next);
  await page.getByLabel('确认新密码').fill(next);
  await page.getByRole('button', { name: '修改密码' }).click();
}

async function signOut() {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('button', { name: '登录', exact: true }).waitFor();
}

async function goTo(menu: string) {
  await page.getByRole('menuitem', { name: menu }).click();
}

/** Picks a unit in an org TreeSelect by typing part of its name. */
async function pickUnit(field: Locator, name: string) {
  await field.click();
  await field.fill(name);
  await openDropdown()
    .getByTitle(new RegExp(`^${name}`))
    .click();
}

async function pickOption(field: Locator, label: string) {
  // A click that lands while the drop-down is still opening can be lost: again until the field shows the choice.
  for (let attempt = 1; ; attempt++) {
    await field.click();
    await openDropdown().getByTitle(label, { exact: true }).click();
    const shown = field.locator('xpath=..');
    if ((await shown.getAttribute('title')) === label || attempt === 3) break;
    await page.waitForTimeout(300);
  }
}

async function addChildUnit(parent: string, name: string, code: string) {
  await page.getByTestId('org-node').filter({ hasText: parent }).click();
  await page.getByTestId('org-detail').getByRole('button', { name: '新增下级' }).click();
  const d = dialog();
  await d.getByLabel('名称').fill(name);
  await d.getByLabel('代码').fill(code);
  await d.getByRole('button', { name: '新建' }).click();
  await d.waitFor({ state: 'hidden' });
  await page.getByTestId('org-node').filter({ hasText: name }).waitFor();
}

describe('foundation', () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('admin sets up the org tree and a social worker; the worker sees only their street; the audit trail shows it all', async () => {
    try {
      // First sign-in of the administrator: forced password change, then two-factor enrolment.
      await signIn('admin', ADMIN_PASSWORD);
      await changePassword(ADMIN_PASSWORD, ADMIN_NEW);
      const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      await page.getByRole('img', { name: '两步验证二维码' }).waitFor();
      await snap('01-mfa-setup');
      await page.getByLabel('动态验证码').fill(await freshTotp(secret));
      await page.getByRole('button', { name: '启用两步验证' }).click();
      await page.getByRole('heading', { name: '你好，初始管理员' }).waitFor();

      // District, street and community, each under the one before.
      await goTo('组织机构');
      await page.getByTestId('org-node').filter({ hasText: '本市' }).waitFor();
      await addChildUnit('本市', UNITS.district, 'DH');
      await addChildUnit(UNITS.district, UNITS.street, 'GH');
      await addChildUnit(UNITS.street, UNITS.community, 'XY');
      await page.getByTestId('org-detail').getByText('社区', { exact: true }).waitFor();
      await snap('02-org');

      // A user in the street; the one-time password is shown once.
      await goTo('用户与角色');
      await page.getByRole('button', { name: '新建用户' }).click();
      let d = dialog();
      await d.getByLabel('用户名').fill(WORKER.username);
      await d.getByLabel('姓名').fill(WORKER.name);
      await pickUnit(d.getByLabel('所属单位'), UNITS.street);
      await d.getByRole('button', { name: '新建' }).click();
      const oneTime = (await page.getByTestId('one-time-password').textContent())?.trim() ?? '';
      expect(oneTime.length).toBeGreaterThanOrEqual(8);
      await snap('03-one-time-password');
      await page.getByRole('button', { name: '我已记下' }).click();

      // Grant the built-in social worker role on the street.
      await page.getByRole('row').filter({ hasText: WORKER.username }).click();
      d = page.getByRole('dialog').filter({ hasText: `用户：${WORKER.name}` });
      await pickOption(d.getByLabel('角色', { exact: true }), '禁毒社工');
      await pickUnit(d.getByLabel('授权范围（该单位及其下级）'), UNITS.street);
      await d.getByRole('button', { name: '添加授权' }).click();
      await d.getByRole('row').filter({ hasText: '禁毒社工' }).filter({ hasText: UNITS.street }).waitFor();
      await snap('04-user-drawer');
      await d
        .getByRole('button', { name: /close|关闭/i })
        .first()
        .click();
      await signOut();

      // The social worker: forced password change, no two-factor (not an administrator).
      await signIn(WORKER.username, oneTime);
      await changePassword(oneTime, WORKER.password);
      await page.getByRole('heading', { name: `你好，${WORKER.name}` }).waitFor();
      expect(await page.getByRole('menuitem', { name: '用户与角色' }).count()).toBe(0);
      await goTo('组织机构');
      const nodes = page.getByTestId('org-node');
      await nodes.filter({ hasText: UNITS.community }).waitFor();
      const seen = await nodes.allTextContents();
      expect(seen.some((s) => s.includes(UNITS.street))).toBe(true);
      expect(seen.some((s) => s.includes(UNITS.community))).toBe(true);
      expect(seen.some((s) => s.includes(UNITS.district))).toBe(false);
      expect(seen.some((s) => s.includes('本市'))).toBe(false);
      await snap('05-worker-org');
      await signOut();

      // The administrator again: now the two-factor step.
      await signIn('admin', ADMIN_NEW);
      await page.getByText('两步验证').first().waitFor();
      await page.getByLabel('动态验证码').fill(await freshTotp(secret));
      await page.getByRole('button', { name: '验证' }).click();
      await page.getByRole('heading', { name: '你好，初始管理员' }).waitFor();

      // The audit trail holds every step above.
      await goTo('审计日志');
      await page.getByRole('heading', { name: '审计日志' }).waitFor();
      const rows = page.locator('.ant-table-tbody tr.ant-table-row');
      await page.getByTestId('audit-action').filter({ hasText: 'grant.create' }).waitFor();
      const texts = await rows.allInnerTexts();
      const count = (action: string, who?: string) => texts.filter((t) => t.split(/\s+/).includes(action) && (!who || t.includes(who))).length;
      expect(count('org.create', 'admin')).toBe(3);
      expect(count('user.create', 'admin')).toBe(1);
      expect(count('grant.create', 'admin')).toBe(1);
      // A successful sign-in names its actor (a failed one would show the name tried, 登录名：…).
      expect(count('auth.login', WORKER.username)).toBe(1);
      expect(count('auth.password_change', WORKER.username)).toBe(1);
      await snap('06-audit');

      // Filtered by actor, the list and the CSV link carry the same filter.
      await page.getByLabel('操作人').fill(WORKER.username);
      await page.getByRole('button', { name: '查询' }).click();
      await expect.poll(async () => (await rows.allInnerTexts()).every((t) => t.includes(WORKER.username))).toBe(true);
      // Polled: the filtered page may still be rendering the rows it replaces.
      await expect.poll(async () => await page.getByTestId('audit-action').allTextContents()).toContain('auth.password_change');
      expect(await page.getByRole('link', { name: /导出 CSV/ }).getAttribute('href')).toContain(`actor=${WORKER.username}`);

      // Phone width: the menu lives in a drawer.
      await page.setViewportSize({ width: 375, height: 740 });
      await page.getByRole('menuitem', { name: '组织机构' }).waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: '打开菜单' }).click();
      await page.getByRole('menuitem', { name: '组织机构' }).click();
      await page.getByTestId('org-node').filter({ hasText: UNITS.community }).waitFor();
      await page.getByRole('menuitem', { name: '组织机构' }).waitFor({ state: 'hidden' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await snap('07-phone-org');
    } catch (err) {
      await saveFailure(page, server, 'foundation');
      throw err;
    }
  });
});
