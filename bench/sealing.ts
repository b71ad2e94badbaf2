// Delisting figures (issue 14 item 8): the daily eligibility run (D2, D3) over every open file
// of a generated city, beside the bare SQL that reads the same inputs and decides in the
// database. The city comes from the demo generator without supervision history (measures
// only); the run reads the notices and positive tests all the same.
//
//   npx tsx bench/sealing.ts [--persons 30000] [--runs 3]         (PGlite in memory)
//   DATABASE_URL=postgres://… npx tsx bench/sealing.ts             (PostgreSQL, an empty database)
import crypto from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, rows, type Database } from '../server/db/client';
import { loadConfig } from '../server/config';
import { fixedClock } from '../server/clock';
import { createCipher } from '../server/lib/data-key';
import { createServices } from '../server/app';
import { bootstrap } from '../server/bootstrap';
import { seedCity } from '../server/seed/write';

const { values: args } = parseArgs({ options: { persons: { type: 'string', default: '30000' }, runs: { type: 'string', default: '3' } } });
const RUNS = Number(args.runs);

/** D2, D3 decided in one statement: the newest control measure, its start or release, breaches and refusals, the last relapse. */
const bareSql = (today: string) => sql`
  with latest as (
    select distinct on (m.person_id) m.person_id, m.kind, m.status, m.decision_date, m.start_date, (m.state ->> 'endedOn')::date as ended_on, m.state ->> 'terminationReason' as why
    from measures m join persons p on p.id = m.person_id and not p.sealed
    where m.kind in ('community_detox', 'community_rehab', 'compulsory_isolation')
    order by m.person_id, m.decision_date desc
  ), started as (
    select l.*, case when l.kind = 'compulsory_isolation' then (case when l.status in ('completed', 'terminated', 'converted') then l.ended_on end) else l.start_date end as start_on from latest l
  ), facts as (
    select s.person_id, s.start_on,
      exists (select 1 from police_notices n where n.person_id = s.person_id and n.withdrawn_at is null and n.reason in ('serious_breach', 'refused') and n.fact_date >= s.decision_date) as excluded,
      (select max(r.date) from supervision_records r where r.person_id = s.person_id and r.kind = 'drug_test' and r.result = 'positive' and r.voided_at is null and r.date >= s.start_on) as relapse
    from started s where s.start_on is not null
  )
  select person_id, case when excluded then 'excluded' when greatest(start_on, coalesce(relapse, start_on)) + interval '3 years' <= ${today}::date then 'eligible' else 'counting' end as state
  from facts`;

async function main() {
  const url = process.env.DATABASE_URL;
  const database: Database = url ? await openPostgres(url, 10) : await openPglite(null);
  const config = loadConfig({ SUNFLOWER_LOG_LEVEL: 'silent' });
  const clock = fixedClock(new Date(), config.timeZone);
  const cipher = createCipher(crypto.randomBytes(32));
  const services = createServices({ database, config, clock, cipher, logger: false });
  try {
    await bootstrap(services, { adminPassword: 'Bench#Sealing2026' });
    const t0 = performance.now();
    await seedCity(database, cipher, { persons: Number(args.persons), years: 3, seed: 14, today: clock.today(), staffPassword: 'Bench#Sealing2026', history: false });
    await database.db.execute(sql`analyze`);
    const seedMs = Math.round(performance.now() - t0);
    const time = async (fn: () => Promise<unknown>) => {
      const s = performance.now();
      const out = await fn();
      return { ms: Math.round(performance.now() - s), out };
    };
    const first = await time(() => database.db.transaction((tx) => services.sealing.runDaily(tx, { force: true })));
    // The rerun with nothing changed: it compares the inputs' figure and judges nothing (skipped);
    // the full rerun judges every file all the same (`full`), the figure before the skip existed.
    const reruns: number[] = [];
    let rerunCounts: unknown = null;
    for (let i = 0; i < RUNS; i++) {
      const r = await time(() => database.db.transaction((tx) => services.sealing.runDaily(tx, { force: true })));
      reruns.push(r.ms);
      rerunCounts = r.out;
    }
    const fullReruns: number[] = [];
    for (let i = 0; i < RUNS; i++) fullReruns.push((await time(() => database.db.transaction((tx) => services.sealing.runDaily(tx, { force: true, full: true })))).ms);
    const bare: number[] = [];
    let bareRows = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = await time(() => rows(database.db, bareSql(clock.today())));
      bare.push(r.ms);
      bareRows = (r.out as unknown[]).length;
    }
    const states = await rows<{ state: string; n: number }>(database.db, sql`select state, count(*)::int as n from delisting_status group by state order by state`);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      JSON.stringify(
        {
          db: database.kind,
          persons: Number(args.persons),
          seedMs,
          firstRun: { ms: first.ms, counts: first.out },
          rerunMedianMs: median(reruns),
          rerunCounts,
          fullRerunMedianMs: median(fullReruns),
          bareSqlMedianMs: median(bare),
          bareSqlRows: bareRows,
          ratioRerunToBare: Math.round((median(reruns) / Math.max(1, median(bare))) * 10) / 10,
          ratioFullRerunToBare: Math.round((median(fullReruns) / Math.max(1, median(bare))) * 10) / 10,
          states,
          machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version },
        },
        null,
        2,
      ),
    );
  } finally {
    await database.close();
  }
}

await main();
