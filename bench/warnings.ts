// Early-warning figures (issue 13 item 6): "reclassify every person" and "the alert list of a
// district", each beside its bare SQL, on a generated city (the demo generator, three years of
// history, the supervision recompute and the reclassification it runs).
//
//   reclassify_all   warnings.reclassifyAll in-process: cold (every stored class deleted first, so
//                    every person gets a new row) and warm (nothing changed: nothing is written).
//                    Bare SQL: one statement reading the same sources (tests, overdue tasks, the
//                    current class) for everyone under a measure and summing a score; writes nothing.
//   district_alerts  GET /api/alerts?scope=unit&state=open as the district office (app.inject: session,
//                    permission, scope, audit row), 50 sequential, beside the list query in-process.
//
//   npx tsx bench/warnings.ts [--persons 3000]                 (PGlite in memory)
//   TEST_DATABASE_URL=postgres://… npx tsx bench/warnings.ts   (a throwaway database on that server)
//
// Prints JSON.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { rows } from '../server/db/client';
import { Client, startTestApp } from '../server/test/harness';
import { seedCity } from '../server/seed/write';
import { listAlerts } from '../server/modules/warnings/queries';

const { values: args } = parseArgs({ options: { persons: { type: 'string', default: '3000' }, reads: { type: 'string', default: '50' } } });
const PERSONS = Number(args.persons);
const READS = Number(args.reads);
const PASSWORD = 'Staff#Generated2026';
const round = (n: number) => Math.round(n * 10) / 10;
const percentile = (sorted: number[], p: number) => round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const s = performance.now();
  const value = await f();
  return { ms: round(performance.now() - s), value };
}

async function sequential(n: number, f: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < n + 5; i++) {
    const s = performance.now();
    await f();
    if (i >= 5) ms.push(performance.now() - s); // five warm-up reads
  }
  ms.sort((a, b) => a - b);
  return { p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95), maxMs: percentile(ms, 100) };
}

async function main() {
  const kind = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
  const t = await startTestApp(kind);
  const db = t.database.db;
  const generation = await timed(() =>
    seedCity(t.database, t.cipher, {
      persons: PERSONS,
      years: 3,
      seed: 13,
      today: t.clock.today(),
      staffPassword: PASSWORD,
      demo: true,
      recompute: () => t.services.supervision.recomputeAll(),
      reclassify: () => t.services.warnings.reclassifyAll(db),
    }),
  );
  const classes = await rows<{ risk_class: string; n: number }>(
    db,
    sql`select risk_class, count(*)::int as n from risk_classifications where superseded_at is null group by 1 order by 1`,
  );
  const alertKinds = await rows<{ kind: string; n: number }>(db, sql`select kind, count(*)::int as n from alerts where status = 'open' group by 1 order by 2 desc`);

  // ---- reclassify every person ----
  await db.execute(sql`delete from risk_classifications`);
  const cold = await timed(() => t.services.warnings.reclassifyAll(db));
  const warm = await timed(() => t.services.warnings.reclassifyAll(db));
  const bare = await timed(() =>
    rows<{ n: number }>(
      db,
      sql`
      with tests as (
        select person_id, count(*) filter (where result in ('refused', 'evaded')) as missed, count(*) filter (where result = 'positive') as positive
        from supervision_records where kind = 'drug_test' and voided_at is null group by person_id),
      overdue as (select person_id, count(*) as n from supervision_tasks where state = 'overdue' group by person_id),
      scored as (
        select p.id, 10 * coalesce(t.missed, 0) + 25 * coalesce(t.positive, 0) + 5 * coalesce(o.n, 0) as score, c.risk_class
        from persons p left join tests t on t.person_id = p.id left join overdue o on o.person_id = p.id
        left join risk_classifications c on c.person_id = p.id and c.superseded_at is null
        where p.status in ('under_community_detox', 'under_community_rehab'))
      select count(*)::int as n from scored where score >= 0`,
    ),
  );

  // ---- the alert list of a district ----
  const [district] = await rows<{ path: string }>(
    db,
    sql`select o.path from users u join grants g on g.user_id = u.id join org_units o on o.id = g.org_unit_id where u.username = 'd1.office' limit 1`,
  );
  const office = new Client(t);
  const signed = await office.signIn('d1.office', PASSWORD);
  if (signed.statusCode !== 200) throw new Error(signed.body);
  const first = (await office.get('/api/alerts?scope=unit&state=open&limit=50')).json() as { total: number };
  const api = await sequential(READS, async () => {
    const r = await office.get('/api/alerts?scope=unit&state=open&limit=50');
    if (r.statusCode !== 200) throw new Error(r.body);
  });
  const inProcess = await sequential(READS, () => listAlerts(db, { scope: [district!.path], state: 'open', now: t.clock.now(), limit: 50, offset: 0 }));

  console.log(
    JSON.stringify(
      {
        database: kind,
        persons: PERSONS,
        generationSeconds: round(generation.ms / 1000),
        generated: generation.value.warnings,
        classes: Object.fromEntries(classes.map((c) => [c.risk_class, c.n])),
        openAlerts: Object.fromEntries(alertKinds.map((a) => [a.kind, a.n])),
        reclassify_all: {
          persons: cold.value.persons,
          coldMs: cold.ms,
          coldWritten: cold.value.reclassified,
          warmMs: warm.ms,
          warmWritten: warm.value.reclassified,
          bareSqlMs: bare.ms,
          coldVsBare: round(cold.ms / bare.ms),
        },
        district_alerts: { openInDistrict: first.total, reads: READS, api, bareSql: inProcess, p95VsBare: round(api.p95Ms / inProcess.p95Ms) },
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
      },
      null,
      2,
    ),
  );
  await t.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
