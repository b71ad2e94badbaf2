// The quarterly assessment (季考核, issue 15 item 5) on the demo city: the scorecard of a district's
// streets (and of the city's districts) for the quarter under way and the one before, through the
// whole HTTP pipeline, beside the bare service call; the .xlsx and .docx downloads.
//
//   npx tsx bench/assessment.ts [--persons 1000] [--calls 10]      (PGlite in memory)
//   DATABASE_URL=postgres://… npx tsx bench/assessment.ts          (PostgreSQL, an empty database)
//
// The city comes from the demo generator with three years of supervision history. Prints JSON.
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
import { previousQuarter, quarterOf } from '../core/rules/quarterly-assessment';

const { values: args } = parseArgs({ options: { persons: { type: 'string', default: '1000' }, calls: { type: 'string', default: '10' } } });
const CALLS = Number(args.calls);
const PASSWORD = 'Bench#Assess2026';

const percentile = (sorted: number[], p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;

async function timed(fn: () => Promise<unknown>, calls = CALLS) {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < calls; i++) {
    const s = performance.now();
    await fn();
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  return { calls, p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95), maxMs: percentile(ms, 100) };
}

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
    const today = clock.today();
    const t0 = performance.now();
    const city = await seedCity(database, cipher, {
      persons: Number(args.persons),
      years: 3,
      seed: 15,
      today,
      staffPassword: PASSWORD,
      demo: true,
      recompute: () => services.supervision.recomputeAll(),
    });
    await db.execute(sql`analyze`);
    const seedMs = Math.round(performance.now() - t0);
    await db.transaction((tx) => services.governance.refresh(tx));

    const t = { app, services, clock } as unknown as TestApp;
    const office = new Client(t);
    const res = await office.signIn('city.office', PASSWORD);
    if (res.statusCode !== 200) throw new Error(res.body);
    const root = (await rows<{ id: string }>(db, sql`select id from org_units where parent_id is null`))[0]!;
    const district = (await rows<{ id: string; name: string }>(db, sql`select id, name from org_units where level = 'district' order by name limit 1`))[0]!;
    const current = quarterOf(today);
    const last = previousQuarter(current);
    const get = async (u: string) => {
      const x = await office.get(u);
      if (x.statusCode !== 200) throw new Error(x.body);
      return x;
    };
    const scenario = async (unitId: string, quarter: string) => {
      const path = `/api/assessment/quarterly?orgUnitId=${unitId}&quarter=${quarter}`;
      const card = (await get(path)).json() as { units: { orgUnit: { name: string }; total: number | null; rank: number | null }[] };
      return {
        quarter,
        units: card.units.length,
        ranked: card.units.filter((u) => u.rank !== null).length,
        top: card.units.slice(0, 3).map((u) => ({ name: u.orgUnit.name, total: u.total, rank: u.rank })),
        api: await timed(() => get(path)),
        xlsx: await timed(() => get(path.replace('quarterly?', 'quarterly.xlsx?')), Math.max(3, Math.round(CALLS / 3))),
        docx: await timed(() => get(path.replace('quarterly?', 'quarterly.docx?')), Math.max(3, Math.round(CALLS / 3))),
      };
    };
    console.log(
      JSON.stringify(
        {
          db: database.kind,
          persons: city.persons,
          seedMs,
          machine: { cpus: os.cpus().length, load1: os.loadavg()[0] },
          district: { name: district.name, current: await scenario(district.id, current), last: await scenario(district.id, last) },
          city: { current: await scenario(root.id, current) },
        },
        null,
        2,
      ),
    );
  } finally {
    await app.close();
    await database.close();
  }
}

await main();
