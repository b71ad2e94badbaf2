import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openPglite, openPostgres, type Database, type DbKind, type ReplicaOptions, type StatementLogger } from '../db/client';
import { loadConfig, type Config } from '../config';
import { fixedClock } from '../clock';
import { createCipher, type DataCipher } from '../lib/data-key';
import { buildApp, type Services } from '../app';
import { bootstrap } from '../bootstrap';
import { Secret, TOTP } from 'otpauth';
import type { DeclaredRoute } from '../http/auth-hook';
import { idNumberCheckChar } from '../../core/rules/id-number';

/** The databases the integration tests run on: always PGlite, plus PostgreSQL when a URL is set. */
export function testDbKinds(): DbKind[] {
  return serverUrl() ? ['pglite', 'postgres'] : ['pglite'];
}

function serverUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

/** How a test opens its database: another server, a read replica for the new database's URL. */
export interface DatabaseOptions {
  serverUrl?: string;
  replica?: (databaseUrl: string) => ReplicaOptions;
  /** Sees every statement (a test counting what a use case sends). */
  logger?: StatementLogger;
}

/** A fresh, migrated database: in-memory PGlite, or a new throwaway database on the server. */
export async function freshDatabase(kind: DbKind, opts: DatabaseOptions = {}): Promise<Database> {
  if (kind === 'pglite') return openPglite(null, opts.logger, pgliteTemplate());
  const base = opts.serverUrl ?? serverUrl()!;
  const name = `sf_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await createDatabase(admin, name, base === serverUrl() ? provided('postgresTemplate') : '');
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  // The migrations still run: on a copy of the template they find nothing to do.
  const database = await openPostgres(url.toString(), 5, opts.replica?.(url.toString()), opts.logger);
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = postgres(base, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

// Copies of one migrated database (server/test/global-setup.ts) instead of initdb and the
// migrations per test app: figures in bench/README.md ("Test suite runtime").
// Outside Vitest (the benchmarks import this file) there is no template: databases migrate.
const provided = (key: 'pgliteTemplate' | 'postgresTemplate'): string => (process.env.VITEST ? (inject(key) ?? '') : '');
let pgliteArchive: Blob | undefined;
function pgliteTemplate(): Blob | undefined {
  const file = provided('pgliteTemplate');
  if (!file) return undefined;
  pgliteArchive ??= new Blob([fs.readFileSync(file)]);
  return pgliteArchive;
}

async function createDatabase(admin: postgres.Sql, name: string, template: string): Promise<void> {
  if (!template) {
    await admin.unsafe(`create database ${name}`);
    return;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.unsafe(`create database ${name} template ${template}`);
      return;
    } catch (e) {
      // 55006: a session on the template has not quite ended yet (the set-up's own, just closed).
      if ((e as { code?: string }).code !== '55006' || attempt === 5) throw e;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

export const ADMIN_PASSWORD = 'Initial#Rooted2026';
export const STRONG = 'Sunflower#2026a';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  routes: DeclaredRoute[];
  database: Database;
  config: Config;
  clock: ReturnType<typeof fixedClock>;
  cipher: DataCipher;
  close(): Promise<void>;
}

export async function startTestApp(
  kind: DbKind,
  env: Record<string, string> = {},
  opts: {
    serverUrl?: string;
    replica?: (databaseUrl: string, clock: ReturnType<typeof fixedClock>) => ReplicaOptions;
    logger?: StatementLogger;
    /** Where the server log goes (the log-privacy tests read it); with it the log is on at the configured level. */
    logStream?: NodeJS.WritableStream;
    /** Routes a test adds before the app is ready (e.g. one that fails on purpose). */
    beforeReady?: (app: TestApp['app'], database: TestApp['database']) => void;
  } = {},
): Promise<TestApp> {
  const clock = fixedClock(new Date('2026-11-22T02:00:00Z'));
  const replica = opts.replica;
  const database = await freshDatabase(kind, { serverUrl: opts.serverUrl, replica: replica && ((url) => replica(url, clock)), logger: opts.logger });
  // A data dir of its own (the audit head file, documents): tests never write into ./data.
  const scratch = env.DATA_DIR ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'sf-test-'));
  const config = loadConfig({ SUNFLOWER_LOG_LEVEL: 'silent', SUNFLOWER_LOGIN_RATE_PER_MINUTE: '1000', ...(scratch ? { DATA_DIR: scratch } : {}), ...env });
  const cipher = createCipher(crypto.randomBytes(32));
  const { app, services, routes } = await buildApp(
    opts.logStream
      ? { database, config, clock, cipher, logStream: opts.logStream }
      : { database, config: process.env.SF_TEST_LOG ? { ...config, logLevel: 'error' } : config, clock, cipher, logger: !!process.env.SF_TEST_LOG },
  );
  opts.beforeReady?.(app, database);
  await bootstrap(services, { adminPassword: ADMIN_PASSWORD });
  await app.ready();
  const close = async () => {
    await app.close();
    await database.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  };
  return { app, services, routes, database, config, clock, cipher, close };
}

/** An enrolled authenticator as a test holds it: the secret, and the last step whose code was sent. */
export interface Authenticator {
  value?: string;
  lastStep?: number;
}

/**
 * Plays the authenticator app: the code of the current 30-second step, or of the next one when
 * the current one was used already (a code is accepted once). Beyond one step of drift the test
 * clock moves on by whole steps, as real time would.
 */
export function nextTotpCode(t: TestApp, a: Authenticator): string {
  const current = TOTP.counter({ timestamp: t.clock.now().getTime() });
  const step = Math.max(current, (a.lastStep ?? -1) + 1);
  if (step > current + 1) t.clock.set(new Date(t.clock.now().getTime() + (step - current - 1) * 30_000));
  a.lastStep = step;
  return TOTP.generate({ secret: Secret.fromBase32(a.value!), timestamp: step * 30_000 });
}

/** A signed-in API client: keeps the session cookie and sends the CSRF token like the web app does. */
export class Client {
  cookie = '';
  csrf = '';
  /** The client address the server sees (light-my-request's socket address). */
  address?: string;
  constructor(readonly t: TestApp) {}

  async req(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.t.app.inject({
      method: method as 'GET',
      url,
      payload: body as object,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}), ...headers },
      ...(this.address ? { remoteAddress: this.address } : {}),
    });
    const set = res.cookies.find((c) => c.name === 'sf_session');
    if (set) this.cookie = set.value ? `sf_session=${set.value}` : '';
    const json = res.headers['content-type']?.toString().includes('json') ? (res.json() as { csrfToken?: string }) : null;
    if (json?.csrfToken) this.csrf = json.csrfToken;
    return res;
  }
  get = (url: string) => this.req('GET', url);
  post = (url: string, body?: unknown) => this.req('POST', url, body ?? {});
  patch = (url: string, body: unknown) => this.req('PATCH', url, body);
  del = (url: string) => this.req('DELETE', url);

  /** Signs in, going through every step the account needs (2FA, forced change, 2FA setup). */
  async signIn(username: string, password: string, opts: { newPassword?: string; totpSecret?: Authenticator } = {}) {
    let res = await this.post('/api/auth/login', { username, password });
    if (res.statusCode !== 200) return res;
    let stage = res.json().stage as string;
    for (let guard = 0; stage !== 'active' && guard < 5; guard++) {
      if (stage === 'mfa') res = await this.post('/api/auth/mfa', { code: nextTotpCode(this.t, opts.totpSecret!) });
      else if (stage === 'password_change') res = await this.post('/api/auth/password', { currentPassword: password, newPassword: opts.newPassword ?? STRONG });
      else if (stage === 'mfa_setup') {
        const setup = await this.post('/api/auth/mfa/setup');
        const enrolled: Authenticator = opts.totpSecret ?? {};
        enrolled.value = setup.json().secret as string;
        enrolled.lastStep = undefined;
        res = await this.post('/api/auth/mfa/confirm', { code: nextTotpCode(this.t, enrolled) });
      }
      if (res.statusCode !== 200) return res;
      stage = res.json().stage;
    }
    return res;
  }
}

/** The bootstrap admin, fully signed in (password changed, two-factor enrolled). */
export async function adminClient(t: TestApp, enrolled?: Authenticator): Promise<Client & { totp: Authenticator }> {
  const c = Object.assign(new Client(t), { totp: enrolled ?? ({} as Authenticator) });
  // After the first sign-in the admin has a new password and a TOTP secret (pass `enrolled` then).
  const res = await c.signIn('admin', enrolled ? STRONG : ADMIN_PASSWORD, { totpSecret: c.totp });
  if (res.statusCode !== 200) throw new Error(`admin sign-in failed: ${res.body}`);
  return c;
}

/** A valid resident ID number (GB 11643) for tests: region, birth date YYYYMMDD, sequence. */
export function idNumber(region: string, birth: string, seq: number): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** An org tree root → district → street → community, and clients for it. */
export async function cityWithCommunity(admin: Client) {
  const root = (await admin.get('/api/org-units')).json().items[0].id as string;
  const mk = async (parentId: string, level: string, name: string) => (await admin.post('/api/org-units', { parentId, level, name })).json().id as string;
  const district = await mk(root, 'district', '东城区');
  const street = await mk(district, 'street', '东华门街道');
  const community = await mk(street, 'community', '多福巷社区');
  const otherStreet = await mk(district, 'street', '景山街道');
  return { root, district, street, community, otherStreet };
}

/** A signed-in user holding `roleCode` on `orgUnitId`. */
export async function userWith(t: TestApp, admin: Client, username: string, roleCode: string, orgUnitId: string): Promise<Client & { userId: string; totp: Authenticator }> {
  const roles = (await admin.get('/api/roles')).json().items as { code: string; id: string }[];
  const created = (await admin.post('/api/users', { username, displayName: username, orgUnitId })).json();
  const g = await admin.post(`/api/users/${created.user.id}/grants`, { roleId: roles.find((r) => r.code === roleCode)!.id, orgUnitId });
  if (g.statusCode !== 201) throw new Error(`grant failed: ${g.body}`);
  const c = Object.assign(new Client(t), { userId: created.user.id as string, totp: {} as Authenticator });
  const res = await c.signIn(username, created.oneTimePassword, { totpSecret: c.totp });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
  return c;
}
