import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { adminSession, createUnit, createUserWithRole, freshTotp, launchBrowser, saveFailure, startServer, type RunningServer, residentId, firstSignIn, daysAgo } from './harness';

// Issue 17 §7: axe-core finds no critical and no serious violation on the main pages — sign-in,
// 今日待办, the person page, the visit form, the persons list, the audit viewer — in zh-CN and
// en-US, at desktop and at phone width. The rule set is WCAG 2.1 A and AA, as axe runs it.

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;
const TZ = 'Asia/Shanghai';
const WORKER = { username: 'zhou.min', name: '周敏', password: 'Access#Worker2026' };
const AUDITOR = { username: 'wu.shen', name: '吴审', password: 'Access#Audit2026x' };
const PERSON = { name: '郑海涛', birth: '19850615' };
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 375, height: 812 } } as const;
type Lang = 'zh-CN' | 'en-US';
type Viewport = keyof typeof VIEWPORTS;

interface Finding {
  where: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

let server: RunningServer;
let browser: Browser;
let personId = '';
let auditorOneTime = '';

/** The critical and serious violations axe finds on the page as it is now. */
async function violations(page: Page, where: string): Promise<Finding[]> {
  // A dialog still fading in has text at part opacity, which axe reads as low contrast: wait
  // until no finite animation or transition runs (the CI run found the visit form mid-fade once;
  // a spinner's endless one is not waited for).
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
  // Through the debugger protocol, not a script tag: the app's CSP (script-src 'self') stays on.
  await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }
    ).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  return found.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => ({ where, ...v }));
}

async function newPage(lang: Lang, viewport: Viewport): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport], isMobile: viewport === 'phone', hasTouch: viewport === 'phone', locale: lang, timezoneId: TZ });
  await context.addInitScript((l) => localStorage.setItem('sunflower.lang', l), lang);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

async function signIn(page: Page, lang: Lang, username: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel(lang === 'zh-CN' ? '用户名' : 'Username').fill(username);
  await page.getByLabel(lang === 'zh-CN' ? '密码' : 'Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: lang === 'zh-CN' ? '登录' : 'Sign in', exact: true }).click();
}

/** The social worker's pages, in one language at one width. */
async function workerPages(lang: Lang, viewport: Viewport): Promise<Finding[]> {
  const { context, page } = await newPage(lang, viewport);
  const at = (name: string) => `${name} ${lang} ${viewport}`;
  try {
    await page.goto(`${server.url}/login`);
    await page.getByRole('button', { name: lang === 'zh-CN' ? '登录' : 'Sign in', exact: true }).waitFor();
    const found = await violations(page, at('sign-in'));
    await signIn(page, lang, WORKER.username, WORKER.password);
    await page.getByTestId('today-person').first().waitFor();
    found.push(...(await violations(page, at('today'))));
    await page.getByTestId('today-task').first().getByRole('button').first().click();
    await page.getByRole('dialog').filter({ visible: true }).last().waitFor();
    found.push(...(await violations(page, at('visit form'))));
    await page.keyboard.press('Escape');
    await page.goto(`${server.url}/persons`);
    await page.getByText(PERSON.name).first().waitFor();
    found.push(...(await violations(page, at('persons list'))));
    await page.goto(`${server.url}/persons/${personId}`);
    await page
      .getByRole('heading', { name: new RegExp(PERSON.name) })
      .first()
      .waitFor();
    found.push(...(await violations(page, at('person page'))));
    return found;
  } catch (err) {
    await saveFailure(page, server, `a11y-${lang}-${viewport}`);
    throw err;
  } finally {
    await context.close();
  }
}

describe('accessibility of the main pages', () => {
  beforeAll(async () => {
    server = await startServer();
    const { api } = await adminSession(server, 'Sunflower#Root2026');
    const root = (await api.get<{ items: { id: string }[] }>('/api/org-units')).items[0]!.id;
    const district = await createUnit(api, root, 'district', '南湖区');
    const street = await createUnit(api, district, 'street', '荷花街道');
    const community = await createUnit(api, street, 'community', '清风社区');
    const officer = await createUserWithRole(api, { username: 'he.li', displayName: '何立', orgUnitId: street }, 'officer');
    const worker = await createUserWithRole(api, { username: WORKER.username, displayName: WORKER.name, orgUnitId: community }, 'social_worker');
    auditorOneTime = (await createUserWithRole(api, { username: AUDITOR.username, displayName: AUDITOR.name, orgUnitId: root }, 'audit_admin')).oneTimePassword;
    const officerApi = await firstSignIn(server.url, 'he.li', officer.oneTimePassword, 'Access#Officer2026');
    await firstSignIn(server.url, WORKER.username, worker.oneTimePassword, WORKER.password);
    personId = (await officerApi.post<{ id: string }>('/api/persons', { orgUnitId: community, name: PERSON.name, idNumber: residentId(PERSON.birth, 517) })).id;
    const measure = await officerApi.post<{ id: string }>(`/api/persons/${personId}/measures`, {
      kind: 'community_detox',
      decisionDate: daysAgo(40),
      decisionReceivedDate: daysAgo(36),
    });
    await officerApi.post(`/api/measures/${measure.id}/events`, { type: 'report', date: daysAgo(28) });
    await officerApi.post(`/api/persons/${personId}/assignment`, { orgUnitId: community, workerId: worker.id, reason: '分配责任社工' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('finds no critical or serious violation on the worker pages, in both languages, at desktop and phone width', async () => {
    const found: Finding[] = [];
    for (const lang of ['zh-CN', 'en-US'] as const) for (const viewport of ['desktop', 'phone'] as const) found.push(...(await workerPages(lang, viewport)));
    expect(found).toEqual([]);
  });

  it('finds none on the audit viewer, and the header fits a 320 px screen', async () => {
    const { context, page } = await newPage('zh-CN', 'desktop');
    try {
      await signIn(page, 'zh-CN', AUDITOR.username, auditorOneTime);
      await page.getByLabel('当前密码').fill(auditorOneTime);
      await page.getByLabel('新密码', { exact: true }).fill(AUDITOR.password);
      await page.getByLabel('确认新密码').fill(AUDITOR.password);
      await page.getByRole('button', { name: '修改密码' }).click();
      const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
      await page.getByLabel('动态验证码').fill(await freshTotp(secret));
      await page.getByRole('button', { name: '启用两步验证' }).click();
      await page.getByRole('heading', { name: `你好，${AUDITOR.name}` }).waitFor();
      await page.goto(`${server.url}/audit`);
      await page.getByTestId('audit-action').first().waitFor();
      const found = await violations(page, 'audit zh-CN desktop');
      await page.setViewportSize({ width: 320, height: 700 });
      found.push(...(await violations(page, 'audit zh-CN 320')));
      const overflow = await page.evaluate(() => {
        const header = document.querySelector('header');
        return header ? header.scrollWidth - header.clientWidth : 0;
      });
      expect(overflow).toBeLessThanOrEqual(0);
      expect(found).toEqual([]);
    } catch (err) {
      await saveFailure(page, server, 'a11y-audit');
      throw err;
    } finally {
      await context.close();
    }
  });
});
