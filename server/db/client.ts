import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgTransaction } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import postgres from 'postgres';
import * as schema from './schema';
import { acquireDataDirLock } from './lock';
import { primaryReader, replicaReader, type Reader, type ReplicaOptions } from './reader';

export type { Reader, ReplicaOptions } from './reader';

export type Schema = typeof schema;
// PGlite and postgres-js give different result HKTs; everything we use is common to both.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<any, Schema>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tx = PgTransaction<any, Schema, any>;
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Db | Tx;
export type DbKind = 'pglite' | 'postgres';

export interface Database {
  /** The primary: every write, every transaction, every read that must see the latest commit. */
  db: Db;
  /**
   * Reads that may be served by the read replica (DATABASE_READ_URL): exports, searches,
   * dashboards, reports. The primary itself when there is no replica (PGlite included).
   */
  reader: Reader;
  kind: DbKind;
  /** Flushes and closes; for PGlite also releases the data-dir lock. */
  close(): Promise<void>;
}

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

// PGlite must be given the same extensions on every open, or a migrated database fails to load.
const pgliteExtensions = { pg_trgm };

/** Sees every statement the code sends (tests and benchmarks count them); not BEGIN/COMMIT. */
export type StatementLogger = { logQuery(query: string, params: unknown[]): void };

/**
 * Opens PGlite on `dataDir`, or in memory when it is null. `template` (a `dumpDataDir` archive of
 * a migrated database) starts an in-memory database from that copy instead of running initdb:
 * about 2 s less per database, which the tests open by the hundred (bench/README.md, "Test suite runtime").
 */
export async function openPglite(dataDir: string | null, logger?: StatementLogger, template?: Blob): Promise<Database> {
  let release = () => {};
  let client: PGlite;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    release = acquireDataDirLock(dataDir);
    client = new PGlite(path.join(dataDir, 'pg'), { extensions: pgliteExtensions });
  } else {
    client = new PGlite({ extensions: pgliteExtensions, ...(template ? { loadDataDir: template } : {}) });
  }
  await client.waitReady;
  const db = drizzlePglite({ client, schema, logger }) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder });
  return {
    db,
    reader: primaryReader(db),
    kind: 'pglite',
    async close() {
      try {
        if (dataDir) await client.exec('CHECKPOINT');
        await client.close();
      } finally {
        release();
      }
    },
  };
}

export async function openPostgres(url: string, maxConnections = 20, replica?: ReplicaOptions, logger?: StatementLogger): Promise<Database> {
  await migratePostgresSafely(url);
  const client = postgres(url, { max: maxConnections, onnotice: () => {} });
  const db = drizzlePostgres({ client, schema, logger }) as unknown as Db;
  const reader = replica ? replicaReader(db, replica) : primaryReader(db);
  return {
    db,
    reader,
    kind: 'postgres',
    async close() {
      await reader.close();
      await client.end({ timeout: 5 });
    },
  };
}

/** Several instances may start together: one migrates, the others wait on an advisory lock. */
async function migratePostgresSafely(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres({ client, schema }), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

const MIGRATION_LOCK = 7_263_000;

export function openDatabase(opts: { databaseUrl?: string; dataDir: string; replica?: ReplicaOptions }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, 20, opts.replica) : openPglite(opts.dataDir);
}

/** Raw SQL rows, whatever the driver's result shape. */
export async function rows<T = Record<string, unknown>>(exec: Executor, query: SQL): Promise<T[]> {
  const result = (await exec.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** The newest applied migration, for /api/health. */
export async function currentMigration(exec: Executor): Promise<{ id: number; hash: string; createdAt: number } | null> {
  const r = await rows<{ id: number; hash: string; created_at: string }>(exec, sql`select id, hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`);
  const first = r[0];
  return first ? { id: Number(first.id), hash: first.hash, createdAt: Number(first.created_at) } : null;
}
