// The public endpoints under a burst (issue 16, security of the public endpoints): 1,000 survey
// answers sent at once from one address against the deployment's limit (default 20 a minute),
// and the throughput of answers when the limit is out of the way (200 concurrent senders, each
// from its own address as the server sees it). Over a real socket on loopback.
//
//   npx tsx bench/public-burst.ts [--answers 1000]                  (PGlite in memory)
//   DATABASE_URL=postgres://… npx tsx bench/public-burst.ts         (PostgreSQL, an empty database)
//
// Prints JSON: per run the statuses, the seconds, answers per second, and whether every 201 was stored.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { openPglite, openPostgres, rows, type Database } from '../server/db/client';
import { loadConfig } from '../server/config';
import { fixedClock } from '../server/clock';
import { createCipher } from '../server/lib/data-key';
import { buildApp } from '../server/app';
import { bootstrap } from '../server/bootstrap';
import { ADMIN_PASSWORD } from '../server/test/harness';
import * as q from '../server/modules/prevention/queries';
import { surveyResponses } from '../server/modules/prevention/schema';

const { values: args } = parseArgs({ options: { answers: { type: 'string', default: '1000' } } });
const N = Number(args.answers);
const questions = [
  { kind: 'single', text: '“奶茶”包装的饮品可能是毒品吗？', options: ['可能', '不可能'], correct: [0] },
  { kind: 'multiple', text: '以下哪些是新型毒品？', options: ['冰毒', '咖啡', '摇头丸'], correct: [0, 2] },
  { kind: 'satisfaction', text: '您满意吗？', options: [] },
];
const cipher = createCipher(crypto.randomBytes(32));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-burst-'));
const body = JSON.stringify({ audience: 'residents', answers: [[0], [0, 2], [5]] });

async function run(database: Database, env: Record<string, string>, send: (url: string) => Promise<number[]>) {
  const clock = fixedClock(new Date());
  const config = loadConfig({ SUNFLOWER_LOG_LEVEL: 'silent', DATA_DIR: scratch, ...env });
  const { app, services } = await buildApp({ database, config, clock, cipher, logger: false });
  await bootstrap(services, { adminPassword: ADMIN_PASSWORD });
  const root = (await rows<{ id: string }>(database.db, sql`select id from org_units where parent_id is null limit 1`))[0]!.id;
  const survey = await q.insertSurvey(database.db, { orgUnitId: root, title: 'bench', audiences: ['residents'], questions });
  const token = crypto.randomBytes(16).toString('base64url');
  await q.insertLink(database.db, { token, surveyId: survey.id, orgUnitId: root });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const started = performance.now();
  const codes = await send(`http://127.0.0.1:${port}/api/public/surveys/${token}/answers`);
  const seconds = (performance.now() - started) / 1000;
  const stored = (await database.db.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id))).length;
  await app.close();
  const byStatus: Record<string, number> = {};
  for (const c of codes) byStatus[c] = (byStatus[c] ?? 0) + 1;
  return {
    requests: codes.length,
    byStatus,
    seconds: Math.round(seconds * 100) / 100,
    rps: Math.round(codes.length / seconds),
    stored,
    everySuccessStored: stored === (byStatus['201'] ?? 0),
  };
}

// A connection the loopback reset under the burst counts as status 0 ("network"): no answer, so nothing claimed stored.
const post = (url: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    .then((r) => r.status)
    .catch(() => 0);

const database = process.env.DATABASE_URL ? await openPostgres(process.env.DATABASE_URL) : await openPglite(null);
// One address, all at once, under the default limit: what a script flooding the form meets.
const burst = await run(database, {}, (url) => Promise.all(Array.from({ length: N }, () => post(url))));
// The limit lifted (per address and per link): how fast answers are stored, 200 senders at once.
const throughput = await run(database, { SUNFLOWER_PUBLIC_RATE_PER_MINUTE: '100000', SUNFLOWER_SURVEY_LINK_RATE_PER_MINUTE: '1000000' }, async (url) => {
  const codes: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 200 }, async () => {
      while (next < N) {
        next++;
        codes.push(await post(url));
      }
    }),
  );
  return codes;
});
await database.close();
fs.rmSync(scratch, { recursive: true, force: true });
console.log(
  JSON.stringify(
    { db: process.env.DATABASE_URL ? 'postgres' : 'pglite', machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version }, burst, throughput },
    null,
    2,
  ),
);
