// The monthly bulletin (月通报, issue 15 item 5): the time to generate last month's bulletin of
// each district and of the city on the demo city (its generator, three years of history), through
// the API as the office does it (POST, then GET …/:id polled to done) and the file's size.
//
//   npx tsx bench/reports.ts [--persons 3000] [--runs 3]      (PGlite in memory)
//   DATABASE_URL=postgres://… npx tsx bench/reports.ts       (PostgreSQL, an empty database)
//
// Prints JSON.
import crypto from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, rows, type Database } from '../server/db/client';
import { loadConfig } from '../server/config';
import { fixedClock } from '../server/clock';
import { createCipher } from '../server/lib/data-key';
import { buildApp } from '../server/app';
import { bootstrap } from '../server/bootstrap';
import { seedCity } from '../server/seed/write';
import { Client, ADMIN_PASSWORD, type TestApp } from '../server/test/harness';
import { previousMonth } from '../core/rules/bulletin';

const { values: args } = parseArgs({ options: { persons: { type: 'string', default: '3000' }, runs: { type: 'string', default: '3' } } });
const RUNS = Number(args.runs);
const PASSWORD = 'Bench#Report2026';

async function main() {
  const url = process.env.DATABASE_URL;
  const database: Database = url ? await openPostgres(url, 10) : await openPglite(null);
  const config = loadConfig({ SUNFLOWER_LOG_LEVEL: 'silent', SUNFLOWER_LOGIN_RATE_PER_MINUTE: '10000' });
  const clock = fixedClock(new Date(), config.timeZone);
  const cipher = createCipher(crypto.randomBytes(32));
  const { app, services } = await buildApp({ database, config, clock, cipher, logger: false });
  try {
    await bootstrap(services, { adminPassword: ADMIN_PASSWORD });
    await app.ready();
    const db = services.db;
    const t0 = performance.now();
    const city = await seedCity(database, cipher, {
      persons: Number(args.persons),
      years: 3,
      seed: 20261122,
      today: clock.today(),
      staffPassword: PASSWORD,
      demo: true,
      recompute: () => services.supervision.recomputeAll(),
      reclassify: () => services.warnings.reclassifyAll(db),
    });
    await db.execute(sql`analyze`);
    const seedMs = Math.round(performance.now() - t0);
    // The rollups as the running server keeps them (the bulletin reads the dashboards' figures).
    await db.transaction((tx) => services.governance.refresh(tx));

    const t = { app, services, clock } as unknown as TestApp;
    const office = new Client(t);
    const res = await office.signIn('city.office', PASSWORD);
    if (res.statusCode !== 200) throw new Error(res.body);
    const month = previousMonth(clock.today());
    const units = await rows<{ id: string; name: string; level: string; children: number }>(
      db,
      sql`select u.id, u.name, u.level, (select count(*)::int from org_units c where c.parent_id = u.id and c.active) as children
          from org_units u where u.level in ('city', 'district') and u.active order by u.level, u.name`,
    );
    const results = [];
    for (const unit of units) {
      const ms: number[] = [];
      let size = 0;
      for (let i = 0; i < RUNS; i++) {
        const s = performance.now();
        const post = await office.post('/api/reports/monthly-bulletin', { orgUnitId: unit.id, month });
        if (post.statusCode !== 202) throw new Error(post.body);
        const id = post.json().id as string;
        for (;;) {
          const r = (await office.get(`/api/reports/${id}`)).json() as { state: string; sizeBytes: number | null; error: string | null };
          if (r.state === 'failed') throw new Error(`generation failed: ${r.error}`);
          if (r.state === 'done') {
            size = r.sizeBytes ?? 0;
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        ms.push(Math.round(performance.now() - s));
      }
      ms.sort((a, b) => a - b);
      results.push({ level: unit.level, childUnits: Number(unit.children), runs: RUNS, medianMs: ms[Math.floor(ms.length / 2)], maxMs: ms.at(-1), sizeBytes: size });
    }
    console.log(
      JSON.stringify({ db: database.kind, persons: city.persons, month, seedMs, machine: { cpus: os.cpus().length, load1: os.loadavg()[0] }, bulletins: results }, null, 2),
    );
  } finally {
    await services.reports.settle();
    await app.close();
    await database.close();
  }
}

await main();
