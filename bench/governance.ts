// Governance figures (issue 15 items 2 and 10): the city and district overviews read from the
// rollups beside the same figures computed the naive way (every fact of the subtree loaded and
// judged per person), each through the whole HTTP pipeline and as bare code; the rollups' full
// rebuild; and the lag of a write: the incremental tick that makes it visible.
//
//   npx tsx bench/governance.ts [--persons 3000] [--calls 30]      (PGlite in memory)
//   DATABASE_URL=postgres://… npx tsx bench/governance.ts          (PostgreSQL, an empty database)
//   DATABASE_URL=postgres://… npx tsx bench/governance.ts --reuse  (measure again a database an earlier run seeded)
//
// The city comes from the demo generator with three years of supervision history. Prints JSON.
import crypto from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, rows, type Database, type Executor } from '../server/db/client';
import { loadConfig } from '../server/config';
import { fixedClock } from '../server/clock';
import { createCipher } from '../server/lib/data-key';
import { buildApp } from '../server/app';
import { bootstrap } from '../server/bootstrap';
import { seedCity } from '../server/seed/write';
import { Client, ADMIN_PASSWORD, type TestApp } from '../server/test/harness';
import * as q from '../server/modules/governance/queries';
import { liveSupervision } from '../server/modules/governance/figures';
import { periodContaining } from '../core/rules/targets';

const { values: args } = parseArgs({
  options: { persons: { type: 'string', default: '3000' }, calls: { type: 'string', default: '30' }, reuse: { type: 'boolean', default: false } },
});
const CALLS = Number(args.calls);
const PASSWORD = 'Bench#Govern2026';

const percentile = (sorted: number[], p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;

async function timed(fn: () => Promise<unknown>, calls = CALLS) {
  for (let i = 0; i < 2; i++) await fn();
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
  // A fixed key so that a seeded database can be measured again (--reuse).
  const cipher = createCipher(crypto.createHash('sha256').update('sunflower-bench-governance').digest());
  const { app, services } = await buildApp({ database, config, clock, cipher, logger: false });
  try {
    await bootstrap(services, { adminPassword: ADMIN_PASSWORD });
    await app.ready();
    const db = services.db;
    const today = clock.today();
    const t0 = performance.now();
    // --reuse: the city an earlier run seeded (same key, same staff password); no seed, no analyze.
    const city = args.reuse
      ? { persons: Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from persons`))[0]!.n) }
      : await seedCity(database, cipher, {
          persons: Number(args.persons),
          years: 3,
          seed: 15,
          today,
          staffPassword: PASSWORD,
          demo: true,
          recompute: () => services.supervision.recomputeAll(),
        });
    if (!args.reuse) await db.execute(sql`analyze`);
    const seedMs = args.reuse ? null : Math.round(performance.now() - t0);
    const records = Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from supervision_records`))[0]!.n);

    const r0 = performance.now();
    // On a reused database built for today this is an incremental tick (full: false), not a rebuild.
    const full = await db.transaction((tx) => services.governance.refresh(tx));
    const fullRebuildMs = Math.round(performance.now() - r0);
    const rollupRows = Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from governance_rollups`))[0]!.n);

    const t = { app, services, clock } as unknown as TestApp;
    const office = new Client(t);
    const res = await office.signIn('city.office', PASSWORD);
    if (res.statusCode !== 200) throw new Error(res.body);
    const root = (await rows<{ id: string; path: string }>(db, sql`select id, path from org_units where parent_id is null`))[0]!;
    const district = (await rows<{ id: string; path: string }>(db, sql`select id, path from org_units where level = 'district' order by name limit 1`))[0]!;
    const month = periodContaining('month', today);
    // The same month less its last day: not a standard period, so the API computes it live.
    const custom = { from: month.from, to: month.to === today ? month.to : today };
    const get = async (u: string) => {
      const x = await office.get(u);
      if (x.statusCode !== 200) throw new Error(x.body);
      return x.json() as { source: string };
    };
    const scenario = async (unit: { id: string; path: string }) => {
      const rollupPath = `/api/governance/overview?orgUnitId=${unit.id}&from=${month.from}&to=${month.to}`;
      const livePath = `/api/governance/overview?orgUnitId=${unit.id}&from=${custom.from}&to=${custom.to}`;
      const sources = [(await get(rollupPath)).source, (await get(livePath)).source];
      return {
        sources,
        rollupApi: await timed(() => get(rollupPath)),
        naiveApi: await timed(() => get(livePath), Math.max(5, Math.round(CALLS / 5))),
        rollupSql: await timed(() => q.rollupSums(db, unit.path, 'month', month.from)),
        naiveSql: await timed(() => liveSupervision(db, figureDeps, unit.path, month.from, month.to, today), Math.max(5, Math.round(CALLS / 5))),
      };
    };
    const figureDeps = {
      assistance: services.assistance,
      prevention: services.prevention,
      warnings: services.warnings,
      govOps: services.govOps,
      resolver: (exec: Executor) => services.policy.resolver(exec),
    };
    const cityFigures = await scenario(root);
    const districtFigures = await scenario(district);

    // Rollup lag after a write: a record marks the unit; one incremental tick makes it visible.
    const person = (
      await rows<{ id: string }>(
        db,
        sql`select p.id from persons p where p.status = 'under_community_detox' and not p.sealed
        and not exists (select 1 from supervision_records r where r.person_id = p.id and r.kind = 'check_in' and r.date = ${today})
        order by p.id limit 1`,
      )
    )[0]!;
    const worker = new Client(t);
    const w = await worker.signIn('city.office', PASSWORD);
    if (w.statusCode !== 200) throw new Error(w.body);
    const write = await worker.post(`/api/persons/${person.id}/records`, { kind: 'check_in', place: '工作站', date: today });
    if (write.statusCode !== 201) throw new Error(write.body);
    const l0 = performance.now();
    const tick = await db.transaction((tx) => services.governance.refresh(tx));
    const tickMs = Math.round(performance.now() - l0);

    const ratio = (a: { p50Ms: number }, b: { p50Ms: number }) => Math.round((b.p50Ms / Math.max(a.p50Ms, 0.1)) * 10) / 10;
    console.log(
      JSON.stringify(
        {
          db: database.kind,
          persons: city.persons,
          supervisionRecords: records,
          seedMs,
          reused: args.reuse,
          machine: { cpus: os.cpus().length, load1: os.loadavg()[0] },
          rollups: { fullRebuild: { units: full.units, full: full.full, ms: fullRebuildMs }, rows: rollupRows },
          city: { ...cityFigures, naiveOverRollupP50: ratio(cityFigures.rollupApi, cityFigures.naiveApi) },
          district: { ...districtFigures, naiveOverRollupP50: ratio(districtFigures.rollupApi, districtFigures.naiveApi) },
          lagAfterWrite: { jobEveryMs: 15_000, tick: { units: tick.units, full: tick.full, ms: tickMs }, worstCaseMs: 15_000 + tickMs },
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
