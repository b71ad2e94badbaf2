import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { freshDatabase, testDbKinds } from '../../test/harness';
import { openPglite, rows, type Database } from '../../db/client';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../test/audit-crash-writer.ts');
// Each round spawns a process (about 2 s of start-up on a loaded 2-core machine): 10 random
// kill points per database in the suite; SUNFLOWER_CRASH_ROUNDS raises it for a longer soak.
const ROUNDS = Number(process.env.SUNFLOWER_CRASH_ROUNDS ?? 10);

interface Run {
  verified: { ok: boolean; unsealed?: number } | null;
  committed: string[];
}

/** One life of the writer: started, given a random time (ms) after its first commit, then killed with SIGKILL. */
function runAndKill(env: Record<string, string>, lifeMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: Run = { verified: null, committed: [] };
    let buffer = '';
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    p.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('verified ')) run.verified = JSON.parse(line.slice(9));
        // The life is counted from the first commit, not from "ready": on a loaded machine a
        // writer may commit nothing for the first few hundred ms, and a kill then tests nothing.
        // A writer that never commits (the last round: life 0 from ready) is killed at ready.
        else if (line === 'ready' && lifeMs === 0) p.kill('SIGKILL');
        else if (line.startsWith('committed ')) {
          if (run.committed.length === 0) setTimeout(() => p.kill('SIGKILL'), lifeMs);
          run.committed.push(line.slice(10));
        }
      }
    });
    p.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(run) : reject(new Error(`writer exited ${code}: ${stderr}`))));
  });
}

describe.each(testDbKinds())('kill -9 while writing and sealing, on %s', (kind) => {
  let dir: string;
  let database: Database | null = null;
  let url = '';
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-crash-'));
    if (kind === 'postgres') {
      database = await freshDatabase('postgres');
      url = String((await rows<{ u: string }>(database.db, sql`select current_database() as u`))[0]!.u);
      const base = new URL(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL!);
      base.pathname = `/${url}`;
      url = base.toString();
    }
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`P7 (issue 11): ${ROUNDS} kills at random points leave a trail that verifies after each restart, and no committed row lost`, { timeout: 400_000 }, async () => {
    const seed = crypto.randomBytes(32).toString('hex');
    const env = { CRASH_DIR: dir, CRASH_SEED: seed, ...(url ? { CRASH_URL: url } : {}) };
    const committed: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const run = await runAndKill({ ...env, CRASH_ROUND: String(round) }, 20 + Math.floor(Math.random() * 200));
      expect(run.verified, `restart ${round}`).toMatchObject({ ok: true, unsealed: 0 });
      committed.push(...run.committed);
    }
    // The last restart: verified, and every transaction the writer saw commit has its three rows.
    const last = await runAndKill({ ...env, CRASH_ROUND: String(ROUNDS + 1) }, 0);
    expect(last.verified).toMatchObject({ ok: true, unsealed: 0 });
    const db = database ?? (await openPglite(dir));
    try {
      const stored = await rows<{ k: string; n: number }>(
        db.db,
        sql`select (details->>'round') || ' ' || (details->>'i') as k, count(*)::int as n from audit_log where (details->>'round')::int <= ${ROUNDS} group by 1`,
      );
      const found = new Map(stored.map((r) => [r.k, Number(r.n)]));
      // At least one commit per round by construction; the kills land among further commits and seals.
      expect(committed.length).toBeGreaterThanOrEqual(ROUNDS);
      expect(committed.filter((k) => found.get(k) !== 3)).toEqual([]);
    } finally {
      if (!database) await db.close();
    }
  });
});
