import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { adminSession, createUserWithRole, freshTotp, launchBrowser, saveFailure, startServer, type RunningServer, firstSignIn } from './harness';

// Issue 9 item 4, in the browser: an administrator with a new phone replaces the authenticator
// from a signed-in session. The old code (or the password) is asked first and a wrong one is
// refused; the new authenticator works at the next sign-in, the old one no longer does.

const SECURITY = { username: 'zhou.an', name: '周安', password: 'Security#Admin2026' };

let server: RunningServer;
let browser: Browser;
let page: Page;
let oldSecret = '';

/** A created administrator through the first sign-in over the API: password change, then enrolment. */
async function enrolled(oneTime: string): Promise<string> {
  const api = await firstSignIn(server.url, SECURITY.username, oneTime, SECURITY.password);
  const secret = (await api.post<{ secret: string }>('/api/auth/mfa/setup')).secret;
  await api.post('/api/auth/mfa/confirm', { code: await freshTotp(secret) });
  return secret;
}

/** `fresh`: a code the server has not seen yet (waits for the next step if this test used it). */
async function signIn(secret: string, fresh = true) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(SECURITY.username);
  await page.getByLabel('密码', { exact: true }).fill(SECURITY.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  const code = fresh ? await freshTotp(secret) : TOTP.generate({ secret: Secret.fromBase32(secret) });
  await page.getByLabel('动态验证码').fill(code);
  await page.getByRole('button', { name: '验证' }).click();
}

describe('account security', () => {
  beforeAll(async () => {
    server = await startServer();
    const { api } = await adminSession(server, 'Sunflower#Root2026');
    const root = (await api.get<{ items: { id: string }[] }>('/api/org-units')).items[0]!.id;
    const created = await createUserWithRole(api, { username: SECURITY.username, displayName: SECURITY.name, orgUnitId: root }, 'security_admin');
    oldSecret = await enrolled(created.oneTimePassword);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('P7 (9.4): replacing the authenticator asks for the current code or the password first; the new one signs in, the old one is refused', async () => {
    try {
      await signIn(oldSecret);
      await page.getByRole('heading', { name: `你好，${SECURITY.name}` }).waitFor();
      await page.getByRole('menuitem', { name: '修改密码' }).click();
      const card = page.locator('.ant-card').filter({ hasText: '身份验证器（两步验证）' });
      await card.waitFor();

      // A wrong current code: refused, nothing new shown.
      await card.getByLabel('动态验证码').fill('000000');
      await card.getByRole('button', { name: '绑定新的身份验证器' }).click();
      await card.locator('.ant-form-item-explain-error').first().waitFor();
      expect(await card.getByTestId('totp-secret').count()).toBe(0);

      // The password instead (the code just used at sign-in cannot be used twice): a new secret
      // to scan, confirmed with a code from it.
      await card.getByText('用密码', { exact: true }).click();
      await card.getByLabel('当前密码').fill(SECURITY.password);
      await card.getByRole('button', { name: '绑定新的身份验证器' }).click();
      const newSecret = (await card.getByTestId('totp-secret').textContent())?.trim() ?? '';
      expect(newSecret).toMatch(/^[A-Z2-7]{16,}$/);
      expect(newSecret).not.toBe(oldSecret);
      await card.getByLabel('动态验证码').fill(await freshTotp(newSecret));
      await card.getByRole('button', { name: '确认更换' }).click();
      await page.getByText('身份验证器已更换，其他会话已退出。').waitFor();

      // Next sign-in: the old authenticator's code is refused, the new one's accepted.
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.getByRole('button', { name: '登录', exact: true }).waitFor();
      await signIn(oldSecret, false);
      await page.locator('.ant-form-item-explain-error, .ant-alert-error, .ant-message-error').first().waitFor();
      expect(await page.getByRole('heading', { name: `你好，${SECURITY.name}` }).count()).toBe(0);
      await page.getByLabel('动态验证码').fill(await freshTotp(newSecret));
      await page.getByRole('button', { name: '验证' }).click();
      await page.getByRole('heading', { name: `你好，${SECURITY.name}` }).waitFor();
    } catch (err) {
      await saveFailure(page, server, 'account-security');
      throw err;
    }
  });
});
