import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { freePort } from './ports';

/**
 * A real streaming standby of the local PostgreSQL server for the read-replica tests:
 * `pg_basebackup -R` into a new data directory under the temp dir, started on a free port by
 * pg_ctl as the `postgres` OS user (PostgreSQL refuses to run as root). The server must accept
 * replication connections from 127.0.0.1 (.ci/run sets that up).
 */
export interface Standby {
  port: number;
  /** The same database on the standby, for a URL of the primary. */
  urlFor(primaryUrl: string): string;
  /** A query on the standby as superuser (pause replay, pg_stat_activity). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Waits until the standby has replayed everything the primary has written until now. */
  caughtUp(timeoutMs?: number): Promise<void>;
  stop(): void;
  start(): void;
  destroy(): Promise<void>;
}

const PREFIX = 'sf-standby-';

interface Tools {
  bin: (name: string) => string;
  /** Runs a PostgreSQL program as the postgres OS user (through runuser when we are root). */
  run: (args: string[], timeoutMs?: number) => { ok: boolean; output: string };
}

/** Why no standby can be made here, or null when it can (checked without making one). */
export async function standbyUnavailable(primaryUrl: string): Promise<string | null> {
  const url = new URL(primaryUrl);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname)) return `the primary ${url.hostname} is not on this machine`;
  let major: number;
  try {
    const admin = postgres(primaryUrl, { max: 1, onnotice: () => {}, connect_timeout: 3 });
    const [v] = await admin`select current_setting('server_version_num')::int as n, current_setting('wal_level') as wal`.finally(() => admin.end());
    if (v!.wal === 'minimal') return 'wal_level is minimal';
    major = Math.floor((v!.n as number) / 10000);
  } catch (err) {
    return `the primary does not answer (${(err as Error).message})`;
  }
  const tools = toolsFor(major);
  if (!tools) return 'pg_basebackup / pg_ctl not found, or not root or postgres';
  const id = tools.run([tools.bin('psql'), '-Atc', 'IDENTIFY_SYSTEM', `${connInfo(url)} replication=true`], 10_000);
  return id.ok ? null : `no replication connection: ${id.output.trim()}`;
}

export async function makeStandby(primaryUrl: string): Promise<Standby> {
  const url = new URL(primaryUrl);
  const admin = postgres(primaryUrl, { max: 1, onnotice: () => {} });
  const settings = await admin`select name, setting from pg_settings where name in
    ('server_version_num', 'max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction')`;
  await admin.end();
  const setting = (n: string) => settings.find((s) => s.name === n)!.setting as string;
  const tools = toolsFor(Math.floor(Number(setting('server_version_num')) / 10000))!;
  sweepOrphans(tools);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), PREFIX));
  fs.writeFileSync(path.join(root, 'owner'), String(process.pid));
  const data = path.join(root, 'data');
  fs.mkdirSync(data, { mode: 0o700 });
  chownToPostgres(root);
  chownToPostgres(data);
  const backup = tools.run([tools.bin('pg_basebackup'), '-d', connInfo(url), '-D', data, '-R', '-X', 'stream', '-c', 'fast'], 120_000);
  if (!backup.ok) throw new Error(`pg_basebackup failed: ${backup.output}`);
  const port = await freePort();
  // A hot standby needs these at least as high as on the primary; the rest stays small and fast.
  const conf = [
    `port = ${port}`,
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = '${data}'`,
    'hot_standby = on',
    'fsync = off',
    'shared_buffers = 32MB',
    `max_connections = ${setting('max_connections')}`,
    `max_worker_processes = ${setting('max_worker_processes')}`,
    `max_wal_senders = ${setting('max_wal_senders')}`,
    `max_prepared_transactions = ${setting('max_prepared_transactions')}`,
    `max_locks_per_transaction = ${setting('max_locks_per_transaction')}`,
    'wal_receiver_status_interval = 1s',
  ];
  // Debian keeps postgresql.conf and pg_hba.conf outside the data directory: the copy has neither.
  fs.writeFileSync(path.join(data, 'postgresql.conf'), conf.join('\n') + '\n');
  fs.writeFileSync(path.join(data, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
  chownToPostgres(path.join(data, 'postgresql.conf'));
  chownToPostgres(path.join(data, 'pg_hba.conf'));

  const pgCtl = (...args: string[]) => {
    const r = tools.run([tools.bin('pg_ctl'), '-D', data, ...args], 60_000);
    if (!r.ok) throw new Error(`pg_ctl ${args.join(' ')} failed: ${r.output}\n${readLog(root)}`);
  };
  const start = () => pgCtl('-l', path.join(root, 'log'), '-w', '-t', '60', 'start');
  const stop = () => pgCtl('-m', 'fast', '-w', 'stop');
  start();
  // If this process dies without destroy(), the standby must not outlive it.
  const onExit = () => tools.run([tools.bin('pg_ctl'), '-D', data, '-m', 'immediate', 'stop']);
  process.once('exit', onExit);

  const su = postgres({ host: '127.0.0.1', port, user: url.username || 'postgres', database: 'postgres', max: 1, onnotice: () => {}, connect_timeout: 3 });
  const standby: Standby = {
    port,
    urlFor(primary) {
      const u = new URL(primary);
      u.port = String(port);
      return u.toString();
    },
    query: async <T>(text: string, params: unknown[] = []) => (await su.unsafe(text, params as never[])) as unknown as T[],
    async caughtUp(timeoutMs = 20_000) {
      const p = postgres(primaryUrl, { max: 1, onnotice: () => {} });
      const [{ lsn }] = (await p`select pg_current_wal_lsn()::text as lsn`.finally(() => p.end())) as unknown as [{ lsn: string }];
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [r] = await standby.query<{ done: boolean }>('select pg_last_wal_replay_lsn() >= $1::pg_lsn as done', [lsn]);
        if (r?.done) return;
        if (Date.now() > deadline) throw new Error(`the standby did not replay up to ${lsn} in ${timeoutMs} ms`);
        await new Promise((res) => setTimeout(res, 20));
      }
    },
    stop,
    start,
    async destroy() {
      process.removeListener('exit', onExit);
      await su.end({ timeout: 1 }).catch(() => {});
      tools.run([tools.bin('pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  return standby;
}

function connInfo(url: URL): string {
  const parts = [`host=${url.hostname.replace(/^\[|\]$/g, '')}`, `port=${url.port || 5432}`, `user=${decodeURIComponent(url.username || 'postgres')}`];
  if (url.password) parts.push(`password=${decodeURIComponent(url.password)}`);
  return parts.join(' ');
}

function toolsFor(major: number): Tools | null {
  const dir = `/usr/lib/postgresql/${major}/bin`;
  const bin = (name: string) => (fs.existsSync(path.join(dir, name)) ? path.join(dir, name) : name);
  const root = process.getuid?.() === 0;
  if (!root && os.userInfo().username !== 'postgres') return null;
  const run = (args: string[], timeoutMs = 30_000) => {
    const [cmd, ...rest] = root ? ['runuser', '-u', 'postgres', '--', ...args] : args;
    const r = spawnSync(cmd!, rest, { encoding: 'utf8', timeout: timeoutMs, cwd: os.tmpdir() });
    return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? r.error.message : ''}` };
  };
  const probe = run([bin('pg_ctl'), '--version'], 5_000);
  return probe.ok ? { bin, run } : null;
}

function chownToPostgres(p: string): void {
  if (process.getuid?.() !== 0) return;
  const r = spawnSync('chown', ['postgres:postgres', p]);
  if (r.status !== 0) throw new Error(`chown postgres ${p} failed`);
}

function readLog(root: string): string {
  try {
    return fs.readFileSync(path.join(root, 'log'), 'utf8').slice(-2000);
  } catch {
    return '';
  }
}

/** Standbys left by a test process that died (its pid is gone): stopped by their data dir, removed. */
function sweepOrphans(tools: Tools): void {
  for (const name of fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const root = path.join(os.tmpdir(), name);
    let owner = 0;
    try {
      owner = Number(fs.readFileSync(path.join(root, 'owner'), 'utf8'));
    } catch {
      // No owner yet: another process may be creating it right now; only an old one is an orphan.
      if (Date.now() - fs.statSync(root).mtimeMs < 600_000) continue;
    }
    if (owner && alive(owner)) continue;
    tools.run([tools.bin('pg_ctl'), '-D', path.join(root, 'data'), '-m', 'immediate', '-w', 'stop']);
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
