// `npm run demo` as a newcomer runs it (issue 5): a fresh data dir is filled on the first start,
// the banner names the accounts, they sign in with the printed password and see a day of work;
// the second start reuses the city; a database with real work in it is refused.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../seed/demo';
import { freePort } from '../test/ports';

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(dataDir: string, port: number, env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/demo.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', SUNFLOWER_DEMO_PERSONS: '90', SUNFLOWER_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function until(run: Run, text: string, ms = 120_000) {
  const t0 = Date.now();
  while (!run.output().includes(text)) {
    if (run.child.exitCode !== null) throw new Error(`exited ${run.child.exitCode}: ${run.output()}`);
    if (Date.now() - t0 > ms) throw new Error(`no "${text}" after ${ms} ms: ${run.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stop(run: Run) {
  run.child.kill('SIGTERM');
  return run.exited;
}

/** Signs in like the web app: session cookie and CSRF token. */
async function signIn(base: string, username: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return { status: res.status, body: await res.json(), get: (p: string) => fetch(`${base}${p}`, { headers: { cookie } }) };
}

describe('npm run demo (PGlite, a fresh data dir)', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sunflower-demo-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('fills the city on the first start, prints the accounts, and a social worker sees a day of work; the second start reuses it', async () => {
    const dir = tmp();
    const port = await freePort();
    const first = start(dir, port);
    await until(first, 'Sunflower DEMO');
    expect(first.output()).toMatch(/Demo city ready in [\d.]+ s: \d+ units, \d+ staff accounts, 90 persons, \d+ measures, \d+ supervision records/);
    expect(first.output()).toContain(DEMO_PASSWORD);
    const base = `http://127.0.0.1:${port}`;
    // Before anyone signs in, the sign-in page learns it is a demo (its banner names the accounts).
    expect(await (await fetch(`${base}/api/health`)).json()).toMatchObject({ status: 'ok', demo: true });
    const worker = await signIn(base, 'c1.sw1');
    expect(worker.status).toBe(200);
    expect(worker.body.stage).toBe('active'); // no forced change, no second factor in a demo
    const me = await (await worker.get('/api/auth/me')).json();
    expect(me.demo).toBe(true);
    const day = await (await worker.get('/api/today?scope=mine')).json();
    expect(day.summary.persons).toBeGreaterThan(0);
    // Issue 12 item 7: the generated assistance (assessments, plans, referrals) leaves some tasks due on the day.
    expect(day.assistance.length).toBeGreaterThan(0);
    // Issue 15 item 5: last month's bulletin (月通报) of the district is there to download.
    const office = await signIn(base, 'd1.office');
    const reports = (await (await office.get('/api/reports')).json()).items as { kind: string; state: string; orgUnit: { level: string }; sizeBytes: number }[];
    expect(reports.some((r) => r.kind === 'monthly_bulletin' && r.state === 'done' && r.orgUnit.level === 'district' && r.sizeBytes > 0)).toBe(true);
    expect(await stop(first)).toBe(0);

    const second = start(dir, port);
    await until(second, 'Sunflower DEMO');
    expect(second.output()).not.toContain('Generating the demo city');
    expect(await stop(second)).toBe(0);
  }, 240_000);

  it('refuses a data dir that holds real work', async () => {
    const dir = tmp();
    // A real first start: the bootstrap administrator and one more account make it non-demo.
    const real = start(dir, await freePort(), { SUNFLOWER_DEMO_PERSONS: '0' });
    await until(real, 'Sunflower DEMO');
    expect(await stop(real)).toBe(0);
    const { openPglite } = await import('../db/client');
    const { sql } = await import('drizzle-orm');
    const db = await openPglite(dir);
    await db.db.execute(sql`delete from system_settings where key = 'demo'`);
    await db.close();
    const refused = start(dir, await freePort());
    expect(await refused.exited).not.toBe(0);
    expect(refused.output()).toContain('holds data that is not a demo city');
  }, 240_000);
});
