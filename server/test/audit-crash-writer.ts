// The child of server/modules/audit/crash.test.ts: opens a trail, seals and verifies what the last (killed) run left,
// prints `verified <json>` and `ready`, then writes audit rows in transactions (some rolled back)
// while sealing runs, printing `committed <round> <i>` after each commit, until it is killed.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres } from '../db/client';
import { systemClock } from '../clock';
import { registerAuditActions } from '../modules/audit/actions';
import { createAuditService } from '../modules/audit/service';
import { createHeadSigner } from '../modules/audit/signing';
import { HEAD_FILE_NAME, SEAL_LOCK } from '../modules/audit/sequencer';
import { readLines } from '../modules/audit/head-file';

registerAuditActions({ 'test.write': { person: false, details: { i: 'count', round: 'count' } } });
const env = process.env;
const dir = env.CRASH_DIR!;
const round = Number(env.CRASH_ROUND);
const say = (line: string) => fs.writeSync(1, line + '\n');
const database = env.CRASH_URL ? await openPostgres(env.CRASH_URL, 4) : await openPglite(dir);
const db = database.db;
const headFile = path.join(dir, HEAD_FILE_NAME);
const audit = createAuditService({
  clock: systemClock('Asia/Shanghai'),
  signer: createHeadSigner(Buffer.from(env.CRASH_SEED!, 'hex')),
  headFile,
  log: { error: (o) => say(`error ${JSON.stringify(o)}`) },
});

// The restart: whatever the kill left is sealed, then the whole trail verified against the head file.
await audit.seal(db);
const result = await audit.verify(db, fs.existsSync(headFile) ? { heads: readLines(headFile) } : {});
say(`verified ${JSON.stringify(result)}`);
say('ready');

const ctx = { actor: null, ip: '127.0.0.1', userAgent: 'crash-writer' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function sealer() {
  for (;;) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SEAL_LOCK})`);
      await audit.sealTick(tx);
    });
    await sleep(2);
  }
}
async function writer(lane: number, lanes: number) {
  for (let i = lane; ; i += lanes) {
    const committed = await db
      .transaction(async (tx) => {
        await audit.record(tx, ctx, { action: 'test.write', details: { round, i } });
        if (database.kind === 'postgres') await tx.execute(sql`select pg_sleep(${(i % 4) * 0.002})`);
        await audit.recordMany(tx, ctx, [
          { action: 'test.write', details: { round, i } },
          { action: 'test.write', details: { round, i } },
        ]);
        if (i % 4 === 3) tx.rollback();
        return true;
      })
      .catch(() => false);
    if (committed) say(`committed ${round} ${i}`);
  }
}
const lanes = database.kind === 'postgres' ? 3 : 1;
await Promise.all([sealer(), ...Array.from({ length: lanes }, (_, k) => writer(k, lanes))]);
