// Vitest's global set-up: migrates one database of each kind once per run, so that every test
// file's fresh database starts as a copy of it (harness.ts) instead of running initdb and the
// migrations again. Figures in bench/README.md ("Test suite runtime").
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migrationsFolder, openPglite, openPostgres } from '../db/client';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A `dumpDataDir` archive of a migrated PGlite database. */
    pgliteTemplate: string;
    /** A migrated PostgreSQL database on TEST_DATABASE_URL's server, for `create database … template`. */
    postgresTemplate: string;
  }
}

/** The migrations' own text names the archive: a changed migration makes a new one. */
function migrationsDigest(): string {
  const hash = crypto.createHash('sha256');
  for (const file of fs.readdirSync(migrationsFolder, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(migrationsFolder, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  return hash.digest('hex').slice(0, 16);
}

async function pgliteTemplate(): Promise<string> {
  const file = path.join(os.tmpdir(), `sf-pglite-template-${migrationsDigest()}.tar.gz`);
  if (fs.existsSync(file)) return file;
  const database = await openPglite(null);
  const pg = (database.db as unknown as { $client: { dumpDataDir(c: 'gzip'): Promise<Blob> } }).$client;
  const archive = Buffer.from(await (await pg.dumpDataDir('gzip')).arrayBuffer());
  await database.close();
  // Written under another name, then renamed: a concurrent run never reads half a file.
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, archive);
  fs.renameSync(partial, file);
  return file;
}

export default async function setup(project: TestProject) {
  project.provide('pgliteTemplate', await pgliteTemplate());
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!url) {
    project.provide('postgresTemplate', '');
    return;
  }
  // One template per run (other runs may share the server): dropped again at teardown.
  const name = `sf_template_${crypto.randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  await (await openPostgres(target.toString(), 1)).close();
  project.provide('postgresTemplate', name);
  return async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}
