// `npm run bench:web`: the first load of the web app on a weak signal (issue 17 §6). Starts the
// demo server on a fresh data dir (BENCH_WEB_PERSONS persons, default 300), then in Chromium,
// under the slow profile — 1.6 Mbps down, 750 kbps up, 150 ms round trip, CPU 4× slower — and
// with an empty cache: bytes on the wire for the sign-in page (all, and JavaScript alone), the
// time until the sign-in form can be used, and the time from pressing 登录 until a social
// worker's 今日待办 shows its first person. The same again on a fast profile for the ratio.
// Prints one JSON object.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/harness';
import { freePort } from '../server/test/ports';
import { DEMO_PASSWORD } from '../server/seed/demo';

const SLOW = { downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0, latency: 150, cpu: 4 };
const persons = process.env.BENCH_WEB_PERSONS ?? '300';
const runs = Number(process.env.BENCH_WEB_RUNS ?? 3);

async function startDemo(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-web-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/demo.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SUNFLOWER_DEMO_PERSONS: persons, SUNFLOWER_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error('the demo server exited');
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    async stop() {
      // The server checkpoints and closes PGlite on SIGTERM; its data dir goes only after that.
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Counts the bytes that came over the wire (compressed), in all and for scripts. */
function countBytes(cdp: CDPSession) {
  const types = new Map<string, string>();
  const totals = { all: 0, js: 0, requests: 0 };
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e) => {
    totals.all += e.encodedDataLength;
    totals.requests += 1;
    if (types.get(e.requestId) === 'Script') totals.js += e.encodedDataLength;
  });
  return totals;
}

async function throttle(page: Page, slow: boolean): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (slow) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: SLOW.latency,
      downloadThroughput: SLOW.downloadThroughput,
      uploadThroughput: SLOW.uploadThroughput,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW.cpu });
  }
  return cdp;
}

async function oneRun(url: string, slow: boolean) {
  const browser = await launchBrowser();
  try {
    // A fresh context each run: no service worker, no cache, a first visit.
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN', serviceWorkers: 'block' });
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    const cdp = await throttle(page, slow);
    const bytes = countBytes(cdp);
    const t0 = performance.now();
    await page.goto(`${url}/login`);
    await page.getByRole('button', { name: '登录', exact: true }).waitFor();
    const signInFormMs = performance.now() - t0;
    const signInBytes = { ...bytes };
    await page.getByLabel('用户名').fill('c1.sw1');
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    const t1 = performance.now();
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByTestId('today-person').first().waitFor();
    const todayMs = performance.now() - t1;
    return { signInFormMs, todayMs, signInBytes, todayBytes: { all: bytes.all - signInBytes.all, js: bytes.js - signInBytes.js, requests: bytes.requests - signInBytes.requests } };
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const server = await startDemo();
try {
  const result: Record<string, unknown> = {
    persons: Number(persons),
    runs,
    profile: { ...SLOW, note: 'Mbps down 1.6, up 0.75, RTT 150 ms, CPU 4x' },
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model },
  };
  for (const slow of [true, false]) {
    const all = [];
    for (let i = 0; i < runs; i++) all.push(await oneRun(server.url, slow));
    result[slow ? 'slow' : 'fast'] = {
      signInFormMs: Math.round(median(all.map((r) => r.signInFormMs))),
      todayAfterSignInMs: Math.round(median(all.map((r) => r.todayMs))),
      signInPageKB: Math.round(median(all.map((r) => r.signInBytes.all)) / 1024),
      signInPageJsKB: Math.round(median(all.map((r) => r.signInBytes.js)) / 1024),
      signInPageRequests: median(all.map((r) => r.signInBytes.requests)),
      todayExtraKB: Math.round(median(all.map((r) => r.todayBytes.all)) / 1024),
      todayExtraJsKB: Math.round(median(all.map((r) => r.todayBytes.js)) / 1024),
    };
  }
  const s = result.slow as { signInFormMs: number };
  const f = result.fast as { signInFormMs: number };
  result.slowOverFast = Math.round((s.signInFormMs / Math.max(1, f.signInFormMs)) * 10) / 10;
  console.log(JSON.stringify(result, null, 2));
} finally {
  await server.stop();
}
