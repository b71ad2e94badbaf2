// `npm run bench`: the benchmark suite against the current database (DATABASE_URL, else a PGlite
// data dir: BENCH_DATA_DIR, default ./data-bench), generated with BENCH_PERSONS persons (default
// 30,000) if empty. Prints one JSON object: per scenario p50/p95/p99 and throughput of the API,
// the bare SQL behind it, and their ratio; the data size, database kind and machine.
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/config';
import { systemClock } from '../server/clock';
import { openDatabase, rows, type Database } from '../server/db/client';
import { createCipher, loadDataKey, type DataCipher } from '../server/lib/data-key';
import { createServices } from '../server/app';
import { bootstrap } from '../server/bootstrap';
import { seedCity } from '../server/seed/write';
import { startServer } from './lib/server';
import { runLoad, timeSerial, type LoadResult } from './lib/load';
import { HttpSession } from './lib/session';
import { scenarios, type Scenario, type BenchContext } from './scenarios';

const STAFF_PASSWORD = 'Staff#Sunflower2026';
const ADMIN_PASSWORD = 'Bench#Rooted2026';
const persons = Number(process.env.BENCH_PERSONS ?? 30_000);
const sessions = new Map<string, HttpSession>();
const only = process.env.BENCH_ONLY?.split(',');
const dataDir = path.resolve(process.env.BENCH_DATA_DIR ?? './data-bench');
const baseConfig = loadConfig({ ...process.env, DATA_DIR: dataDir, SUNFLOWER_ADMIN_PASSWORD: ADMIN_PASSWORD });

async function prepare(database: Database) {
  const cipher = createCipher(loadDataKey({ dataKey: baseConfig.dataKey, dataDir }));
  const clock = systemClock(baseConfig.timeZone);
  const services = createServices({ database, config: baseConfig, clock, cipher });
  await bootstrap(services, { adminPassword: ADMIN_PASSWORD });
  const n = Number((await rows<{ n: number }>(database.db, sql`select count(*)::int as n from persons`))[0]?.n ?? 0);
  let seeded = null;
  if (n === 0) {
    console.error(`generating ${persons} persons…`);
    seeded = await seedCity(database, cipher, {
      persons,
      years: 3,
      seed: 1,
      today: clock.today(),
      staffPassword: STAFF_PASSWORD,
      recompute: () => services.supervision.recomputeAll(),
      log: (m) => console.error(`  ${m}`),
    });
  }
  return { services, seeded, cipher, clock };
}

const result: Record<string, unknown> = {
  db: baseConfig.databaseUrl ? 'postgres' : 'pglite',
  machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  startedAt: new Date().toISOString(),
};
// BENCH_ONLY=name,name or a group (BENCH_ONLY=load: the load scenarios and their baseline).
const wanted = scenarios.filter((s) => !only || only.includes(s.name) || (s.group !== undefined && only.includes(s.group)));
if (wanted.length === 0) throw new Error(`BENCH_ONLY matches no scenario; there are: ${scenarios.map((s) => s.name).join(', ')}`);

// Phase 1: this process owns the database (PGlite is single-process): generate, then time bare SQL.
const database = await openDatabase({ databaseUrl: baseConfig.databaseUrl, dataDir });
const sqlTimes: Record<string, LoadResult> = {};
let ctxBase: Omit<BenchContext, 'http' | 'baseUrl'>;
try {
  const prep = await prepare(database);
  if (prep.seeded) {
    const g = prep.seeded;
    result.generation = { seconds: g.seconds, persons: g.persons, records: g.records, leaveRequests: g.leaveRequests, absences: g.absences, supervision: g.supervision };
  }
  const size = (
    await rows<Record<string, number>>(
      database.db,
      sql`select (select count(*) from persons)::int as persons, (select count(*) from measures)::int as measures, (select count(*) from users)::int as users, (select count(*) from org_units)::int as org_units, (select count(*) from audit_log)::int as audit_rows, (select count(*) from supervision_records)::int as supervision_records, (select count(*) from supervision_tasks)::int as supervision_tasks, (select count(*) from leave_requests)::int as leave_requests, (select count(*) from police_notices)::int as police_notices`,
    )
  )[0];
  result.dataSize = size;
  ctxBase = await loadContext(database, prep.cipher);
  for (const s of wanted) {
    if (s.sql) sqlTimes[s.name] = await s.sql({ ...ctxBase, database, services: prep.services });
  }
} finally {
  await database.close();
}

// Phase 2: the real server as `npm start` runs it, driven over HTTP on loopback.
const server = await startServer(
  { SUNFLOWER_LOGIN_RATE_PER_MINUTE: '100000', SUNFLOWER_ADMIN_PASSWORD: ADMIN_PASSWORD, ...(baseConfig.databaseUrl ? { DATABASE_URL: baseConfig.databaseUrl } : {}) },
  { dataDir, keepData: true },
);
result.server = { coldStartMs: server.coldStartMs, rssAfterStartMiB: server.rssMiB() };
const out: Record<string, unknown> = {};
try {
  const ctx: BenchContext = { ...ctxBase!, baseUrl: server.baseUrl, http: async (username: string) => signedIn(server.baseUrl, username) };
  for (const s of wanted) {
    console.error(`scenario ${s.name}…`);
    const api = s.api ? await s.api(ctx) : null;
    const bare = sqlTimes[s.name];
    out[s.name] = {
      description: s.description,
      api,
      sql: bare ?? null,
      apiToSqlRatioP50: api && bare && bare.p50 > 0 ? Math.round((api.p50 / bare.p50) * 10) / 10 : null,
      ...(s.extra && Object.keys(s.extra).length ? { extra: s.extra } : {}),
    };
  }
  Object.assign(result.server as Record<string, unknown>, { rssAfterRunMiB: server.rssMiB(), rssPeakMiB: server.peakRssMiB() });
  result.load = loadSummary(out);
} finally {
  await server.stop();
}
result.scenarios = out;
console.log(JSON.stringify(result, null, 2));

/** The load scenarios side by side with the unaudited read of this run (also printed as a table on stderr). */
function loadSummary(out: Record<string, unknown>) {
  type Row = { description: string; api: LoadResult | null; extra?: { rpsVsBaseline?: number | null; p99VsBaseline?: number | null } };
  const rows = wanted
    .filter((s) => s.group === 'load' && out[s.name])
    .map((s) => {
      const r = out[s.name] as Row;
      return {
        scenario: s.name,
        rps: r.api?.rps,
        p50: r.api?.p50,
        p95: r.api?.p95,
        p99: r.api?.p99,
        errors: r.api?.errors,
        rpsVsBaseline: r.extra?.rpsVsBaseline ?? null,
        p99VsBaseline: r.extra?.p99VsBaseline ?? null,
      };
    });
  // Picked without the baseline scenario: its figures come from the first load scenario that ran it.
  const first = rows[0] && (out[rows[0].scenario] as { extra?: { baseline?: LoadResult } }).extra?.baseline;
  if (first && !rows.some((r) => r.scenario === 'authenticated_read_under_load')) {
    rows.unshift({
      scenario: 'authenticated_read_under_load',
      rps: first.rps,
      p50: first.p50,
      p95: first.p95,
      p99: first.p99,
      errors: first.errors,
      rpsVsBaseline: null,
      p99VsBaseline: null,
    });
  }
  if (rows.length) {
    console.error('\nscenario                          req/s     p50     p95     p99  errors  req/s vs baseline');
    for (const r of rows)
      console.error(
        `${r.scenario.padEnd(32)}${String(r.rps).padStart(7)}${String(r.p50).padStart(8)}${String(r.p95).padStart(8)}${String(r.p99).padStart(8)}${String(r.errors).padStart(8)}  ${r.rpsVsBaseline ?? '(baseline)'}`,
      );
  }
  return rows;
}

/** Usernames and ids the scenarios need, read from the generated city. */
async function loadContext(database: Database, cipher: DataCipher) {
  const one = async <T>(q: ReturnType<typeof sql>) => (await rows<T>(database.db, q))[0]!;
  const officer = await one<{ username: string; org_unit_id: string }>(
    sql`select u.username, u.org_unit_id from users u join grants g on g.user_id = u.id join roles r on r.id = g.role_id where r.code = 'officer' order by u.username limit 1`,
  );
  const worker = await one<{ username: string; id: string }>(
    sql`select u.username, u.id from users u join grants g on g.user_id = u.id join roles r on r.id = g.role_id where r.code = 'social_worker' order by u.username limit 1`,
  );
  const district = await one<{ username: string }>(
    sql`select u.username from users u join grants g on g.user_id = u.id join roles r on r.id = g.role_id join org_units o on o.id = g.org_unit_id where r.code = 'drug_control_office' and o.level = 'district' order by u.username limit 1`,
  );
  const sampled = await rows<{ id: string; name: string; name_initials: string; id_number_enc: string; id_last4_index: string }>(
    database.db,
    sql`select p.id, p.name, p.name_initials, p.id_number_enc, p.id_last4_index from persons p join org_units o on o.id = p.org_unit_id where o.path like (select path from org_units where id = ${officer.org_unit_id}) || '%' order by p.id limit 50`,
  );
  // The API is searched with the clear last four (as a user types them), the bare SQL with their blind index.
  const samplePersons = sampled.map(({ id_number_enc, ...p }) => ({ ...p, id_last4: cipher.decrypt(id_number_enc).slice(-4) }));
  return {
    officer: officer.username,
    officerUnit: officer.org_unit_id,
    worker: worker.username,
    workerId: worker.id,
    district: district.username,
    samplePersons,
    staffPassword: STAFF_PASSWORD,
  };
}

async function signedIn(baseUrl: string, username: string): Promise<HttpSession> {
  const known = sessions.get(username);
  if (known) return known;
  const s = new HttpSession(baseUrl);
  await s.signIn(username, STAFF_PASSWORD, STAFF_PASSWORD.replace('2026', '2027'), {}).catch(async () => {
    // Second run on the same data: the password was already changed.
    await s.signIn(username, STAFF_PASSWORD.replace('2026', '2027'), STAFF_PASSWORD, {});
  });
  sessions.set(username, s);
  return s;
}

export type { Scenario };
export { runLoad, timeSerial };
