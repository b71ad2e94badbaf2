import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { idNumberCheckChar } from '../core/rules/id-number';
import { freePort } from '../server/test/ports';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const artifactsDir = path.join(repoRoot, 'e2e', 'artifacts');
export const ADMIN_PASSWORD = 'Initial#Rooted2026';

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export interface RunningServer {
  url: string;
  dataDir: string;
  /** What the server printed, for failure reports. */
  logs: () => string;
  stop: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The real server as a child process on a free port, with a fresh PGlite data directory. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'web', 'index.html'))) {
    throw new Error('dist/web is missing: run `npx vite build` first (npm run test:e2e does)');
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sunflower-e2e-'));
  // The server serves a copy of the build taken now: a `vite build` run meanwhile (it empties
  // dist/web first) cannot pull the app away from under a running test.
  const webDir = path.join(dataDir, 'web');
  fs.cpSync(path.join(repoRoot, 'dist', 'web'), webDir, { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SUNFLOWER_WEB_DIR: webDir,
      // PGlite in the temp dir, even where a PostgreSQL URL is set for the integration tests.
      DATABASE_URL: '',
      SUNFLOWER_ADMIN_PASSWORD: ADMIN_PASSWORD,
      SUNFLOWER_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((c) => {
    exitCode = c;
  });

  const stop = async () => {
    if (exitCode === undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exitCode !== undefined) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`server exited with ${exitCode} before it was ready:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server not healthy within 90 s:\n${output}`);
    }
    await sleep(250);
  }
  return { url, dataDir, logs: () => output, stop };
}

/** CHROMIUM_PATH, else the distribution's Chromium, else the one @sparticuz/chromium ships. */
export async function chromiumPath(): Promise<string> {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (fs.existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  // Typed loosely on purpose: the package is an optional devDependency, absent on machines with a system Chromium.
  const name = '@sparticuz/chromium';
  const mod = (await import(/* @vite-ignore */ name)) as { default: { executablePath: () => Promise<string> } };
  return mod.default.executablePath();
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), args: chromiumArgs });
}

const usedSteps = new Map<string, number>();

/**
 * The code an authenticator app shows for this secret, as a person would type it: the server
 * takes each code once and accepts one step either side of its clock (auth/totp.ts), so when
 * this test has used the current step it sends the next one, as an app running a little fast
 * would, and waits only when that one is used too (up to 30 s per wait saved).
 */
export async function freshTotp(secret: string): Promise<string> {
  const clean = secret.replace(/\s/g, '');
  const next = () => Math.max(TOTP.counter({ timestamp: Date.now() }), (usedSteps.get(clean) ?? -1) + 1);
  let step = next();
  // The next step's code stays inside the server's window for 30 to 60 s: time enough to type it.
  while (step > TOTP.counter({ timestamp: Date.now() }) + 1) {
    await sleep(TOTP.remaining({ timestamp: Date.now() }) + 50);
    step = next();
  }
  usedSteps.set(clean, step);
  return TOTP.generate({ secret: Secret.fromBase32(clean), timestamp: step * 30_000 });
}

/** A screenshot and the server's output into e2e/artifacts/, for a failed run. */
export async function saveFailure(page: Page | undefined, server: RunningServer | undefined, name: string): Promise<void> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  if (page && !page.isClosed()) {
    await page.screenshot({ path: path.join(artifactsDir, `${name}-${stamp}.png`), fullPage: true }).catch(() => undefined);
  }
  if (server) fs.writeFileSync(path.join(artifactsDir, `${name}-${stamp}.server.log`), server.logs());
}

/**
 * A signed-in API session for setting up a scenario faster than clicking: keeps the session
 * cookie and sends the CSRF token, like the web app. Only for set-up; what a test is about
 * happens in the browser.
 */
export class ApiSession {
  private cookie = '';
  private csrf = '';
  constructor(readonly baseUrl: string) {}

  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('sf_session='));
    if (set) this.cookie = set.split(';')[0]!;
    const data = (await res.json().catch(() => null)) as (T & { csrfToken?: string }) | null;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(data)}`);
    if (data?.csrfToken) this.csrf = data.csrfToken;
    return data as T;
  }
  get = <T = unknown>(path: string) => this.call<T>('GET', path);
  post = <T = unknown>(path: string, body: unknown = {}) => this.call<T>('POST', path, body);
}

/**
 * The bootstrap administrator through every first sign-in step (password change, two-factor
 * enrolment) over the API. Returns the session and the TOTP secret.
 */
export async function adminSession(server: RunningServer, newPassword: string): Promise<{ api: ApiSession; totpSecret: string }> {
  const api = new ApiSession(server.url);
  let { stage } = await api.post<{ stage: string }>('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  let totpSecret = '';
  for (let guard = 0; stage !== 'active' && guard < 4; guard++) {
    if (stage === 'password_change') ({ stage } = await api.post<{ stage: string }>('/api/auth/password', { currentPassword: ADMIN_PASSWORD, newPassword }));
    else if (stage === 'mfa_setup') {
      totpSecret = (await api.post<{ secret: string }>('/api/auth/mfa/setup')).secret;
      ({ stage } = await api.post<{ stage: string }>('/api/auth/mfa/confirm', { code: await freshTotp(totpSecret) }));
    } else throw new Error(`unexpected sign-in stage ${stage}`);
  }
  return { api, totpSecret };
}

/** A unit under `parentId`; returns its id. */
export async function createUnit(api: ApiSession, parentId: string, level: string, name: string): Promise<string> {
  return (await api.post<{ id: string }>('/api/org-units', { parentId, level, name })).id;
}

/** A user in `orgUnitId` holding the built-in role `roleCode` there; returns the id and one-time password. */
export async function createUserWithRole(api: ApiSession, user: { username: string; displayName: string; orgUnitId: string }, roleCode: string) {
  const roles = (await api.get<{ items: { id: string; code: string }[] }>('/api/roles')).items;
  const role = roles.find((r) => r.code === roleCode);
  if (!role) throw new Error(`no role ${roleCode}`);
  const created = await api.post<{ user: { id: string }; oneTimePassword: string }>('/api/users', user);
  await api.post(`/api/users/${created.user.id}/grants`, { roleId: role.id, orgUnitId: user.orgUnitId });
  return { id: created.user.id, oneTimePassword: created.oneTimePassword };
}

/** A valid resident ID number: a Beijing region code, the birth date (YYYYMMDD), a sequence. */
export function residentId(birth: string, seq: number): string {
  const first17 = `110101${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** A created account's first sign-in over the API (the forced password change), so later sign-ins use `password`. */
export async function firstSignIn(baseUrl: string, username: string, oneTime: string, password: string): Promise<ApiSession> {
  const api = new ApiSession(baseUrl);
  await api.post('/api/auth/login', { username, password: oneTime });
  await api.post('/api/auth/password', { currentPassword: oneTime, newPassword: password });
  return api;
}

/**
 * A calendar date `days` before today where the server keeps its calendar (SUNFLOWER_TZ, the
 * e2e servers' Asia/Shanghai), as the API takes it: YYYY-MM-DD.
 */
export function daysAgo(days: number, timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() - days * 86_400_000));
}
