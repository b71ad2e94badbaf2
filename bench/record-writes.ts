// The supervision write path: statements and wall time of recording drug tests through the
// service (supervision.createRecord: the person locked, the record written, the schedule,
// breaches and notices recomputed in the same transaction).
//
//   npx tsx bench/record-writes.ts [--persons 50] [--tests 4]                  (PGlite, in memory)
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/record-writes.ts             (PostgreSQL: a new
//                                                        throwaway database is created and dropped)
//
// Persons under a community detox begun 2026-06-01, each given `tests` tests on dates spread
// over the months since (one in five refused, so ordinary breaches and notices are raised too).
// Statements are counted with Drizzle's logger: every query the code sends, not BEGIN/COMMIT.
// Prints JSON.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { inProcessApp, openBenchDatabase } from './lib/in-process';
import { adminClient, cityWithCommunity, idNumber, userWith } from '../server/test/harness';
import { addDays } from '../core/rules/dates';

const { values: args } = parseArgs({ options: { persons: { type: 'string', default: '50' }, tests: { type: 'string', default: '4' } } });
const PERSONS = Number(args.persons);
const TESTS = Number(args.tests);

let statements = 0;
const logger = { logQuery: () => void statements++ };

async function main() {
  const database = await openBenchDatabase(logger);
  const t = await inProcessApp(database, new Date('2026-11-22T02:00:00Z'));
  const { app, services } = t;
  const admin = await adminClient(t);
  const units = await cityWithCommunity(admin);
  const officer = await userWith(t, admin, 'bench.officer', 'officer', units.district);
  const actor = (await services.auth.principal(officer.cookie.replace('sf_session=', '')))!;
  const ctx = { actor, ip: null, userAgent: 'bench' };

  const personIds: string[] = [];
  for (let i = 0; i < PERSONS; i++) {
    const p = (await officer.post('/api/persons', { orgUnitId: units.community, name: `测试${i}`, idNumber: idNumber('110101', '19850505', 100 + i) })).json();
    const m = (await officer.post(`/api/persons/${p.id}/measures`, { kind: 'community_detox', decisionDate: '2026-05-25', decisionReceivedDate: '2026-05-25' })).json();
    const r = await officer.post(`/api/measures/${m.id}/events`, { type: 'report', date: '2026-06-01' });
    if (r.statusCode !== 200) throw new Error(r.body);
    personIds.push(p.id);
  }

  const perTest: number[] = [];
  const started = performance.now();
  let n = 0;
  for (let k = 0; k < TESTS; k++) {
    for (const personId of personIds) {
      const date = addDays('2026-06-03', Math.floor(((k + 0.5) * 170) / TESTS));
      const before = statements;
      await services.supervision.createRecord(ctx, personId, {
        kind: 'drug_test',
        date,
        place: '工作站',
        sample: 'urine',
        method: 'on_site',
        result: n++ % 5 === 4 ? 'refused' : 'negative',
        random: false,
      } as never);
      perTest.push(statements - before);
    }
  }
  const ms = performance.now() - started;
  const sorted = [...perTest].sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        database: database.label,
        machine: { cpus: os.cpus().length, node: process.version },
        persons: PERSONS,
        testsPerPerson: TESTS,
        tests: perTest.length,
        wallMs: Math.round(ms),
        msPerTest: Math.round((ms / perTest.length) * 10) / 10,
        statementsPerTest: {
          mean: Math.round((perTest.reduce((a, b) => a + b, 0) / perTest.length) * 10) / 10,
          min: sorted[0],
          median: sorted[sorted.length >> 1],
          max: sorted[sorted.length - 1],
        },
      },
      null,
      2,
    ),
  );
  await app.close();
  await database.close();
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
