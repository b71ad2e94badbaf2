import postgres from 'postgres';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { sql } from 'drizzle-orm';
import * as schema from './schema';
import type { Db } from './client';

/**
 * Where reads that may be served by a read replica go (DATABASE_READ_URL, a streaming standby).
 *
 * A module passes such a read as a function of an executor; the reader runs it on the standby
 * when that is safe and on the primary otherwise:
 * - the user wrote something the standby has not replayed yet (read-your-own-write);
 * - the standby's staleness exceeds `maxLagMs` (report reads then go to the primary: they never
 *   wait and are never served staler than the bound);
 * - the standby is down, not yet checked, or not a standby at all.
 * A read that fails on the standby because the connection broke, the standby shut down or a
 * recovery conflict cancelled it runs again on the primary. Writes, transactions and reads that
 * must see the latest commit of anyone use `db` (the primary), never the reader.
 */
export interface Reader {
  read<T>(who: ReadFor, work: (exec: Db) => Promise<T>): Promise<T>;
  /** Where `read(who, …)` would go now (health, tests). */
  route(who: ReadFor): 'replica' | 'primary';
  /** Notes that `userId` committed a write now: their reads stay on the primary until the standby has it. */
  wrote(userId: string): void;
  /** What /api/health shows; null without a replica. */
  status(): ReplicaStatus | null;
  /** Measures the standby's position now (the timer does this every `probeMs`). */
  probe(): Promise<ReplicaStatus | null>;
  close(): Promise<void>;
}

/** The user a read is for (their own writes must be visible), or null for a read for nobody in particular. */
export type ReadFor = { userId: string } | null | undefined;

export type ReplicaState = 'unknown' | 'streaming' | 'lagging' | 'down' | 'not_standby';

export interface ReplicaStatus {
  state: ReplicaState;
  servedBy: 'replica' | 'primary';
  /** The standby holds every commit made before now − lagMs (an upper bound); null when unknown. */
  lagMs: number | null;
  maxLagMs: number;
  replayPaused: boolean | null;
  /** pg_last_xact_replay_timestamp(): when the last replayed transaction committed on the primary. */
  lastReplayedCommitAt: string | null;
  checkedAt: string | null;
}

export interface ReplicaOptions {
  url: string;
  /** Staleness above which report reads go to the primary. */
  maxLagMs: number;
  /** How often the standby's position is measured; 0: only on `probe()` (tests). */
  probeMs: number;
  maxConnections?: number;
  /** application_name of the reader's connections on the standby (pg_stat_activity). */
  applicationName?: string;
  now?: () => number;
  log?: (message: string, detail: Record<string, unknown>) => void;
}

/** With no replica (PGlite, or no DATABASE_READ_URL) every read is a primary read. */
export function primaryReader(primary: Db): Reader {
  return {
    read: (_who, work) => work(primary),
    route: () => 'primary',
    wrote: () => {},
    status: () => null,
    probe: async () => null,
    close: async () => {},
  };
}

interface Sample {
  /** Position in the order of samples and noted writes: a sample covers writes noted before it. */
  seq: number;
  at: number;
  lsn: bigint;
}

/** PostgreSQL's LSN text 'X/Y' (two hex halves) as one number, to compare positions. */
export function parseLsn(text: string): bigint {
  const [hi, lo] = text.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

const SAMPLES_KEPT = 600;

export function replicaReader(primary: Db, opts: ReplicaOptions): Reader {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? ((message, detail) => console.warn(message, detail));
  const name = opts.applicationName ?? 'sunflower-reader';
  // Short connect timeout: a standby that does not answer must not hold a report for 30 s.
  const connect = (max: number, app: string) => postgres(opts.url, { max, onnotice: () => {}, connect_timeout: 3, idle_timeout: 60, connection: { application_name: app } });
  const readClient = connect(opts.maxConnections ?? 10, name);
  const probeClient = connect(1, `${name}-probe`);
  const replica = drizzlePostgres({ client: readClient, schema }) as unknown as Db;

  let seq = 0;
  const samples: Sample[] = [];
  // The newest primary position the standby has replayed, and when it was the primary's position.
  let caughtUp: Sample | null = null;
  const pendingWrites = new Map<string, number>();
  let state: ReplicaState = 'unknown';
  let replayPaused: boolean | null = null;
  let lastReplayedCommitAt: string | null = null;
  let checkedAt: number | null = null;

  const lagMs = () => (caughtUp ? Math.max(0, now() - caughtUp.at) : null);
  const healthy = () => (state === 'streaming' || state === 'lagging') && caughtUp !== null && lagMs()! <= opts.maxLagMs;

  function setState(next: ReplicaState, detail: Record<string, unknown> = {}) {
    if (next !== state && (next === 'down' || next === 'not_standby' || state === 'down' || state === 'not_standby')) {
      log(`read replica: ${state} → ${next}`, detail);
    }
    state = next;
  }

  function route(who: ReadFor): 'replica' | 'primary' {
    if (!healthy()) return 'primary';
    const wroteAt = who ? pendingWrites.get(who.userId) : undefined;
    return wroteAt !== undefined && wroteAt >= caughtUp!.seq ? 'primary' : 'replica';
  }

  let probing: Promise<ReplicaStatus> | null = null;
  /** One probe at a time: samples must enter in the order of their sequence numbers. */
  function probe(): Promise<ReplicaStatus> {
    probing ??= measure().finally(() => (probing = null));
    return probing;
  }

  async function measure(): Promise<ReplicaStatus> {
    const sample: Sample = { seq: ++seq, at: now(), lsn: 0n };
    try {
      // replicaReader is for PostgreSQL only, whose driver returns the rows as an array.
      const [p] = (await primary.execute(sql`select pg_current_wal_lsn()::text as lsn`)) as unknown as { lsn: string }[];
      sample.lsn = parseLsn(p!.lsn);
    } catch {
      return status(); // the primary is not answering: nothing to learn about the standby
    }
    samples.push(sample);
    if (samples.length > SAMPLES_KEPT) samples.shift();
    try {
      const [r] = await probeClient`select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as replayed,
        case when pg_is_in_recovery() then pg_is_wal_replay_paused() end as paused, pg_last_xact_replay_timestamp() as last_commit`;
      checkedAt = now();
      if (!r!.standby || !r!.replayed) {
        setState('not_standby');
        return status();
      }
      const replayed = parseLsn(r!.replayed as string);
      replayPaused = r!.paused as boolean;
      lastReplayedCommitAt = r!.last_commit ? new Date(r!.last_commit as string).toISOString() : null;
      while (samples.length && samples[0]!.lsn <= replayed) caughtUp = samples.shift()!;
      for (const [userId, wroteAt] of pendingWrites) if (caughtUp && wroteAt < caughtUp.seq) pendingWrites.delete(userId);
      setState(lagMs() !== null && lagMs()! <= opts.maxLagMs ? 'streaming' : 'lagging');
    } catch (err) {
      checkedAt = now();
      setState('down', { code: errorCode(err) });
    }
    return status();
  }

  function status(): ReplicaStatus {
    const lag = lagMs();
    const shown = state === 'streaming' && lag !== null && lag > opts.maxLagMs ? 'lagging' : state;
    return {
      state: shown,
      servedBy: healthy() ? 'replica' : 'primary',
      lagMs: state === 'down' || state === 'not_standby' ? null : lag,
      maxLagMs: opts.maxLagMs,
      replayPaused,
      lastReplayedCommitAt,
      checkedAt: checkedAt === null ? null : new Date(checkedAt).toISOString(),
    };
  }

  const timer = opts.probeMs > 0 ? setInterval(() => void probe(), opts.probeMs) : null;
  timer?.unref();
  if (timer) void probe();

  return {
    route,
    status,
    probe,
    wrote(userId) {
      pendingWrites.set(userId, ++seq);
    },
    async read(who, work) {
      if (route(who) === 'primary') return work(primary);
      try {
        return await work(replica);
      } catch (err) {
        const kind = standbyFailure(err);
        if (!kind) throw err;
        // Marked down until the next probe finds the standby again; this read is served by the primary.
        if (kind === 'down') setState('down', { code: errorCode(err) });
        return work(primary);
      }
    },
    async close() {
      if (timer) clearInterval(timer);
      await Promise.all([readClient.end({ timeout: 5 }), probeClient.end({ timeout: 5 })]);
    },
  };
}

// postgres-js codes for a connection that could not be made or broke.
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

function errorCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}

/**
 * Whether a failed read is the standby's fault: 'down' (no connection, shut down, starting, the
 * database not there yet), 'conflict' (cancelled by replay: SQLSTATE 40001/40P01), else null —
 * a bug in the read, which must not be hidden by a retry.
 */
export function standbyFailure(err: unknown): 'down' | 'conflict' | null {
  const code = errorCode(err);
  if (!code) return null;
  if (CONNECTION_CODES.has(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '3D000') return 'down';
  if (code === '40001' || code === '40P01') return 'conflict';
  return null;
}
