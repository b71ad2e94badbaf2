// Supervision figures: the time to recompute the schedules of N persons (default 30,000) and
// the latency of the worker's day (GET /api/today) for a caseload of 30 and a street of 1,000.
//
//   npx tsx bench/supervision.ts [--persons 30000] [--months 12] [--data-dir DIR]   (PGlite)
//   DATABASE_URL=postgres://… npx tsx bench/supervision.ts               (PostgreSQL)
//
// Seeds directly with bulk inserts: org units (streets of 1,000 persons, communities of 30),
// one worker per community, persons under an active community measure begun in the last
// `months` months, and a record for most of their past tasks (some missed, a few positive).
// Then: the first recompute (every task written), the daily one (nothing changed but the
// day), and 50 calls of GET /api/today per audience through the whole HTTP pipeline
// (app.inject: auth, scope, audit). Prints JSON.
import crypto from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { openPglite, openPostgres, rows, type Database } from '../server/db/client';
import * as q from '../server/modules/supervision/queries';
import { loadConfig } from '../server/config';
import { fixedClock } from '../server/clock';
import { createCipher } from '../server/lib/data-key';
import { buildApp } from '../server/app';
import { bootstrap } from '../server/bootstrap';
import { ADMIN_PASSWORD, adminClient, idNumber, userWith, type TestApp } from '../server/test/harness';
import { orgUnits } from '../server/modules/org/schema';
import { users } from '../server/modules/users/schema';
import { persons } from '../server/modules/persons/schema';
import { idLast4Index } from '../server/modules/persons/record';
import { measures } from '../server/modules/measures/schema';
import { supervisionRecords, supervisionTasks } from '../server/modules/supervision/schema';
import { addDays } from '../core/rules/dates';
import { createMeasure } from '../core/rules/measures';
import { applyMeasureEvent } from '../core/rules/measure-events';
import { computeEndDate } from '../core/rules/measures';
import { computeTasks } from '../core/rules/schedule';
import { defaultPolicy } from '../core/rules/policy';

const { values: args } = parseArgs({
  options: {
    persons: { type: 'string', default: '30000' },
    months: { type: 'string', default: '12' },
    calls: { type: 'string', default: '50' },
    /** PGlite on disk in this (new) directory instead of in memory. */
    'data-dir': { type: 'string' },
    /** Also print the plans of the worker's-day queries for the street (EXPLAIN ANALYZE). */
    explain: { type: 'boolean', default: false },
  },
});
const N = Number(args.persons);
const MONTHS = Number(args.months);
const CALLS = Number(args.calls);
const PER_STREET = 1000;
const PER_COMMUNITY = 30;

let seed = 20261122;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

async function chunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

function percentile(sorted: number[], p: number) {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

async function main() {
  const url = process.env.DATABASE_URL;
  const database: Database = url ? await openPostgres(url, 10) : await openPglite(args['data-dir'] ?? null);
  const config = loadConfig({ SUNFLOWER_LOG_LEVEL: 'silent', SUNFLOWER_LOGIN_RATE_PER_MINUTE: '10000' });
  const clock = fixedClock(new Date(), config.timeZone);
  const cipher = createCipher(crypto.randomBytes(32));
  const { app, services } = await buildApp({ database, config, clock, cipher, logger: false });
  const rssStart = process.memoryUsage().rss;
  try {
    await bootstrap(services, { adminPassword: ADMIN_PASSWORD });
    await app.ready();
    const t = { app, services, clock } as unknown as TestApp;
    const db = services.db;
    const today = clock.today();
    const admin = await adminClient(t);
    const root = (await admin.get('/api/org-units')).json().items[0];
    const district = (await admin.post('/api/org-units', { parentId: root.id, level: 'district', name: '基准区' })).json();

    // ---- org units: streets of 1,000 persons, communities of 30 ----
    const t0 = performance.now();
    const streets = Math.ceil(N / PER_STREET);
    const units: (typeof orgUnits.$inferInsert)[] = [];
    const communities: { id: string; path: string; street: number }[] = [];
    const streetIds: string[] = [];
    for (let s = 0; s < streets; s++) {
      const id = crypto.randomUUID();
      const path = `${district.path}${id}/`;
      streetIds.push(id);
      units.push({ id, parentId: district.id, level: 'street', name: `街道${s + 1}`, path, depth: district.depth + 1 });
      const inStreet = Math.min(PER_STREET, N - s * PER_STREET);
      for (let c = 0; c < Math.ceil(inStreet / PER_COMMUNITY); c++) {
        const cid = crypto.randomUUID();
        units.push({ id: cid, parentId: id, level: 'community', name: `社区${s + 1}-${c + 1}`, path: `${path}${cid}/`, depth: district.depth + 2 });
        communities.push({ id: cid, path: `${path}${cid}/`, street: s });
      }
    }
    await chunks(units, 1000, (c) => db.insert(orgUnits).values(c));

    // ---- the two users measured, then one synthetic worker per other community ----
    const worker = await userWith(t, admin, 'bench.worker', 'social_worker', communities[0]!.id);
    const supervisor = await userWith(t, admin, 'bench.street', 'drug_control_office', streetIds[0]!);
    const hash = (await db.select({ h: users.passwordHash }).from(users).where(eq(users.id, worker.userId)))[0]!.h;
    const workerOf: string[] = [worker.userId];
    const synthetic: (typeof users.$inferInsert)[] = [];
    for (let c = 1; c < communities.length; c++) {
      const id = crypto.randomUUID();
      workerOf.push(id);
      synthetic.push({ id, orgUnitId: communities[c]!.id, username: `bench.w${c}`, displayName: `社工${c}`, passwordHash: hash, mustChangePassword: false });
    }
    await chunks(synthetic, 1000, (c) => db.insert(users).values(c));

    // ---- persons, measures, records ----
    let recordCount = 0;
    const BATCH = 1000;
    for (let from = 0; from < N; from += BATCH) {
      const personRows: (typeof persons.$inferInsert)[] = [];
      const measureRows: (typeof measures.$inferInsert)[] = [];
      const recordRows: (typeof supervisionRecords.$inferInsert)[] = [];
      for (let i = from; i < Math.min(N, from + BATCH); i++) {
        const c = Math.floor(i / PER_COMMUNITY);
        const community = communities[c]!;
        const id = crypto.randomUUID();
        const birth = addDays('1970-01-01', i % 9000).replace(/-/g, '');
        const idNo = idNumber('110101', birth, Math.floor(i / 9000) + 1);
        const kind = random() < 0.8 ? 'community_detox' : 'community_rehab';
        personRows.push({
          id,
          orgUnitId: community.id,
          name: `人员${i}`,
          namePinyin: `renyuan${i}`,
          nameInitials: 'ry',
          sex: i % 5 ? 'male' : 'female',
          birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
          idType: 'resident_id',
          idNumberEnc: cipher.encrypt(idNo),
          idNumberHash: cipher.blindIndex(`resident_id:${idNo}`, 'person.id_number'),
          idLast4Index: idLast4Index(cipher, idNo),
          contentHash: crypto.randomUUID(),
          status: kind === 'community_detox' ? 'under_community_detox' : 'under_community_rehab',
          currentMeasureKind: kind,
          responsibleWorkerId: workerOf[c]!,
        });
        const start = addDays(today, -Math.floor(random() * MONTHS * 30.4));
        const mid = crypto.randomUUID();
        const created = createMeasure({
          id: mid,
          kind,
          decisionDate: addDays(start, -5),
          decisionReceivedDate: addDays(start, -3),
          decisionTermMonths: kind === 'community_rehab' ? 36 : null,
        });
        const reported = applyMeasureEvent(created, { type: 'report', date: start }, defaultPolicy);
        if (!reported.ok) throw new Error(reported.code);
        const m = reported.measure;
        measureRows.push({
          id: mid,
          personId: id,
          kind,
          status: 'active',
          decisionDate: m.decisionDate,
          decisionReceivedDate: m.decisionReceivedDate,
          reportDate: start,
          startDate: start,
          endDate: computeEndDate(m, defaultPolicy),
          termMonths: m.decisionTermMonths,
          state: m,
          policyVersion: defaultPolicy.version,
        });
        for (const task of computeTasks({ measure: m, suspensions: [], leaves: [], records: [], policy: defaultPolicy, today })) {
          if (task.dueDate > today || random() > 0.92) continue;
          const drug = task.kind === 'drug_test';
          recordRows.push({
            personId: id,
            measureId: mid,
            kind: task.kind,
            date: task.dueDate,
            place: '工作站',
            recordedAt: clock.now(),
            recordedBy: workerOf[c]!,
            ...(drug ? { sample: 'urine' as const, method: 'on_site' as const, result: random() < 0.003 ? ('positive' as const) : ('negative' as const), tester: 'bench' } : {}),
            ...(task.kind === 'follow_up' ? { contactMode: 'in_person' as const } : {}),
          });
        }
      }
      await chunks(personRows, 1000, (c) => db.insert(persons).values(c));
      await chunks(measureRows, 1000, (c) => db.insert(measures).values(c));
      await chunks(recordRows, 2000, (c) => db.insert(supervisionRecords).values(c));
      recordCount += recordRows.length;
    }
    const seedMs = Math.round(performance.now() - t0);

    // ---- recompute: everyone from nothing, everyone again (nothing changed) ----
    const first = await services.supervision.recomputeAll();
    const again = await services.supervision.recomputeAll();
    const [{ n: taskRows }] = (await db.select({ n: sql<number>`count(*)::int` }).from(supervisionTasks)) as [{ n: number }];
    // What autovacuum (PostgreSQL) or the daily run (both) does after such bulk changes.
    await db.execute(sql`analyze`);

    // ---- the worker's day ----
    const time = async (c: typeof worker, path: string) => {
      for (let i = 0; i < 3; i++) await c.get(path);
      const ms: number[] = [];
      let body: { tasks?: unknown[]; total?: unknown } = {};
      for (let i = 0; i < CALLS; i++) {
        const s = performance.now();
        const res = await c.get(path);
        ms.push(performance.now() - s);
        if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
        if (i === 0) body = res.json();
      }
      ms.sort((a, b) => a - b);
      return { path, calls: CALLS, p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95), maxMs: percentile(ms, 100), tasksReturned: body.tasks?.length };
    };
    if (args.explain) {
      const aud = { scope: [root.path as string], under: `${district.path}${streetIds[0]}/` };
      const since = addDays(today, -30);
      const plans: [string, { toSQL(): { sql: string; params: unknown[] } }][] = [
        ['todayTasks', q.todayTasksQuery(db, aud, today, since, 500)],
        ['calendar', q.calendarTasksQuery(db, aud, today, addDays(today, 6), 5000)],
      ];
      for (const [name, query] of plans) {
        const { sql: text, params } = query.toSQL();
        const inlined = text.replace(/\$(\d+)/g, (_, i: string) => {
          const v = params[Number(i) - 1];
          return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
        });
        const res = await rows<{ 'QUERY PLAN': string }>(db, sql.raw(`explain analyze ${inlined}`));
        console.error(`---- ${name}\n${res.map((r) => r['QUERY PLAN']).join('\n')}`);
      }
    }
    const caseload = await time(worker, '/api/today?scope=mine');
    const street = await time(supervisor, `/api/today?scope=unit&orgUnitId=${streetIds[0]}`);
    const streetCounts = await time(supervisor, `/api/today/counts?orgUnitId=${streetIds[0]}&from=${addDays(today, -30)}&to=${today}`);
    const streetCalendar = await time(supervisor, `/api/calendar?scope=unit&orgUnitId=${streetIds[0]}&from=${today}&to=${addDays(today, 6)}`);

    // ---- the next morning: the daily run recomputes only the persons the calendar changes something for ----
    clock.set(new Date(clock.now().getTime() + 86_400_000));
    const nextDay = await db.transaction((tx) => services.supervision.runDaily(tx));

    console.log(
      JSON.stringify(
        {
          db: database.kind,
          machine: { cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
          today,
          seeded: { persons: N, streets, communities: communities.length, records: recordCount, measureAgeMonthsMax: MONTHS, ms: seedMs },
          recompute: {
            persons: first.persons,
            taskRows,
            fullCold: { ...first, note: 'every person, every task written, notices/education of the backlog raised' },
            fullWarm: { ...again, note: 'every person read and recomputed again; nothing changed, nothing written' },
            dailyNextDay: { ...nextDay, note: 'the daily job the next morning: only persons due for review' },
            personsPerSecondFull: Math.round(again.persons / (again.ms / 1000)),
          },
          today_latency: { caseload30: caseload, street1000: street, street1000Counts30Days: streetCounts, street1000Calendar7Days: streetCalendar },
          rssMiB: { start: Math.round(rssStart / 2 ** 20), end: Math.round(process.memoryUsage().rss / 2 ** 20) },
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
