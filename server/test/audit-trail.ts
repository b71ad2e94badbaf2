import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database, DbKind } from '../db/client';
import { freshDatabase } from './harness';
import { fixedClock } from '../clock';
import { registerAuditActions } from '../modules/audit/actions';
import { createAuditService } from '../modules/audit/service';
import { createHeadSigner } from '../modules/audit/signing';
import { HEAD_FILE_NAME } from '../modules/audit/sequencer';
import { readLines } from '../modules/audit/head-file';

// Test helpers of the audit trail: a trail of its own (own database, key and head file), so a
// test may tamper with it without touching anyone else's data.
registerAuditActions({ 'test.write': { person: false, details: { i: 'count', round: 'count' } } });

export const SYSTEM_CTX = { actor: null, ip: '127.0.0.1', userAgent: 'test' };

export async function standaloneTrail(kind: DbKind, opts: { database?: Database; seed?: Buffer; dir?: string } = {}) {
  const database = opts.database ?? (await freshDatabase(kind));
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sf-audit-'));
  const seed = opts.seed ?? crypto.randomBytes(32);
  const headFile = path.join(dir, HEAD_FILE_NAME);
  const errors: unknown[] = [];
  const audit = createAuditService({ clock: fixedClock(new Date('2026-11-22T02:00:00Z')), signer: createHeadSigner(seed), headFile, log: { error: (o) => errors.push(o) } });
  const db = database.db;
  return {
    database,
    db,
    audit,
    dir,
    seed,
    headFile,
    errors,
    /** `n` rows, one transaction each. */
    async write(n: number, from = 0) {
      for (let i = from; i < from + n; i++) await audit.record(db, SYSTEM_CTX, { action: 'test.write', details: { i } });
    },
    verify: () => audit.verify(db),
    verifyWithHeads: () => audit.verify(db, { heads: readLines(headFile) }),
    /** What a database administrator can do: switch the append-only triggers off, run SQL, switch them on. */
    async asDba(statements: ReturnType<typeof sql>[]) {
      await db.execute(sql`alter table audit_log disable trigger user`);
      await db.execute(sql`alter table audit_batches disable trigger user`);
      for (const s of statements) await db.execute(s);
      await db.execute(sql`alter table audit_log enable trigger user`);
      await db.execute(sql`alter table audit_batches enable trigger user`);
    },
    /** Empties the trail and the head file, as a new deployment would start. */
    async reset() {
      await db.execute(sql`alter table audit_log disable trigger user`);
      await db.execute(sql`alter table audit_batches disable trigger user`);
      await db.execute(sql`truncate audit_log, audit_batches restart identity`);
      await db.execute(sql`alter table audit_log enable trigger user`);
      await db.execute(sql`alter table audit_batches enable trigger user`);
      fs.rmSync(headFile, { force: true });
      errors.length = 0;
    },
    async close() {
      if (!opts.database) await database.close();
      if (!opts.dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
