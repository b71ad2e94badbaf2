import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { idNumberCheckChar } from '../core/rules/id-number';
import { ApiSession, adminSession, createUnit, createUserWithRole, launchBrowser, saveFailure, startServer, type RunningServer, firstSignIn } from './harness';

// Issue 14's journey (C7) in the zh-CN UI: a street of one district offers a file to a street of
// another; the receiving officer sees the essentials only, accepts, the pending tasks move and the
// person reports; the old street no longer opens the file and reads only the records it entered.

const OLD = { username: 'zhou.old', name: '周旧', password: 'Laojie#Street2026' };
const NEW = { username: 'wu.new', name: '吴新', password: 'Xinjie#Street2026' };
const PERSON = { name: '上官移交', phone: '13700004321' };

let server: RunningServer;
let browser: Browser;
const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

async function signIn(page: Page, username: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

describe('transfers', () => {
  let oldStreet: ApiSession;
  let newStreet: ApiSession;
  let personId = '';
  const first17 = '11010119860606123';
  const id = first17 + idNumberCheckChar(first17);

  beforeAll(async () => {
    server = await startServer();
    const { api } = await adminSession(server, 'Sunflower#Root2026');
    const root = (await api.get<{ items: { id: string }[] }>('/api/org-units')).items[0]!.id;
    const d1 = await createUnit(api, root, 'district', '东湖区');
    const s1 = await createUnit(api, d1, 'street', '桂花街道');
    const c1 = await createUnit(api, s1, 'community', '向阳社区');
    const d2 = await createUnit(api, root, 'district', '西山区');
    const s2 = await createUnit(api, d2, 'street', '松柏街道');
    const o = await createUserWithRole(api, { username: OLD.username, displayName: OLD.name, orgUnitId: s1 }, 'officer');
    const n = await createUserWithRole(api, { username: NEW.username, displayName: NEW.name, orgUnitId: s2 }, 'officer');
    oldStreet = await firstSignIn(server.url, OLD.username, o.oneTimePassword, OLD.password);
    newStreet = await firstSignIn(server.url, NEW.username, n.oneTimePassword, NEW.password);
    personId = (await oldStreet.post<{ id: string }>('/api/persons', { orgUnitId: c1, name: PERSON.name, idNumber: id, phone: PERSON.phone, drugTypes: ['methamphetamine'] })).id;
    const today = shanghaiToday();
    const m = await oldStreet.post<{ id: string }>(`/api/persons/${personId}/measures`, { kind: 'community_detox', decisionDate: today, decisionReceivedDate: today });
    await oldStreet.post(`/api/measures/${m.id}/events`, { type: 'report', date: today });
    await oldStreet.post(`/api/persons/${personId}/records`, { kind: 'check_in', date: today, place: '桂花街道工作站' });
    await oldStreet.post('/api/transfers', { personId, toOrgUnitId: s2, reason: '迁居西山区松柏街道' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the receiver sees the essentials, accepts, the tasks move, the person reports; the old street keeps only its own records', async () => {
    let page: Page | undefined;
    try {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      page = await ctx.newPage();
      page.setDefaultTimeout(20_000);
      await signIn(page, NEW.username, NEW.password);
      await page.getByRole('heading', { name: `你好，${NEW.name}` }).waitFor();
      await page.goto(`${server.url}/transfers`);
      const inbox = page.getByTestId('transfers-in');
      await inbox.getByText(PERSON.name).waitFor();
      const text = await inbox.innerText();
      expect(text).toContain(id.slice(-4));
      expect(text).toContain('社区戒毒');
      for (const hidden of [PERSON.phone, id.slice(0, 14), '冰毒']) expect(text).not.toContain(hidden);
      expect(await inbox.getByRole('link', { name: PERSON.name }).count()).toBe(0);
      await inbox.getByRole('button', { name: '接收' }).click();
      await inbox.getByRole('link', { name: PERSON.name }).waitFor();
      const tasks = await newStreet.get<{ items: { state: string }[] }>(`/api/persons/${personId}/tasks`);
      expect(tasks.items.filter((x) => ['due', 'overdue', 'upcoming'].includes(x.state)).length).toBeGreaterThan(0);
      await inbox.getByRole('button', { name: '登记报到' }).click();
      await inbox.getByText('已报到').waitFor();
      await newStreet.post(`/api/persons/${personId}/records`, { kind: 'check_in', date: shanghaiToday(), place: '松柏街道工作站' });

      // The old street: the file is gone from it, the transfer and its own record remain.
      const oldCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      const old = await oldCtx.newPage();
      page = old;
      old.setDefaultTimeout(20_000);
      await signIn(old, OLD.username, OLD.password);
      await old.getByRole('heading', { name: `你好，${OLD.name}` }).waitFor();
      await expect(oldStreet.get(`/api/persons/${personId}`)).rejects.toThrow();
      await old.goto(`${server.url}/transfers`);
      await old.getByRole('tab', { name: '转出' }).click();
      const outbox = old.getByTestId('transfers-out');
      await outbox.getByText('已接收').waitFor();
      await outbox.getByRole('button', { name: '本街道所记记录' }).click();
      const records = old.getByTestId('former-records');
      await records.getByText('报到').first().waitFor();
      expect(await records.locator('tbody tr.ant-table-row').count()).toBe(1);
    } catch (e) {
      await saveFailure(page, server, 'transfers');
      throw e;
    }
  });
});
