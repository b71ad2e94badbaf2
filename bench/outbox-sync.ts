// Issue 17: the sync of an offline outbox. N grid visits queued on a phone (each with its client
// key) are sent through the HTTP route one after another, oldest first, as web/offline/sync.ts
// sends them; then all N are sent again, as after answers lost on a weak signal (every one is a
// replay: nothing is written). Reports wall time and per-record latency of both passes and
// checks that the server holds exactly N records.
//
//   npx tsx bench/outbox-sync.ts [--persons 50] [--visits 4]                   (PGlite, in memory)
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/outbox-sync.ts               (PostgreSQL: a new
//                                                        throwaway database is created and dropped)
// Prints JSON.
import crypto from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { inProcessApp, openBenchDatabase } from './lib/in-process';
import { adminClient, cityWithCommunity, idNumber, userWith } from '../server/test/harness';
import { addDays } from '../core/rules/dates';

const { values: args } = parseArgs({ options: { persons: { type: 'string', default: '50' }, visits: { type: 'string', default: '4' } } });
const PERSONS = Number(args.persons);
const VISITS = Number(args.visits);

const form = { livingSituation: 'stable_home', employment: 'employed', family: 'supportive', health: 'good', mood: 'stable', needs: [], nextStep: 'continue' };

const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]! * 10) / 10;
  return { wallMs: Math.round(ms.reduce((a, b) => a + b, 0)), p50: at(0.5), p95: at(0.95), max: at(1) };
};

async function main() {
  const database = await openBenchDatabase();
  const t = await inProcessApp(database, new Date('2026-11-22T02:00:00Z'));
  const { app } = t;
  const admin = await adminClient(t);
  const units = await cityWithCommunity(admin);
  const officer = await userWith(t, admin, 'bench.officer', 'officer', units.district);
  const worker = await userWith(t, admin, 'bench.grid', 'grid_worker', units.community);

  const personIds: string[] = [];
  for (let i = 0; i < PERSONS; i++) {
    const p = (await officer.post('/api/persons', { orgUnitId: units.community, name: `测试${i}`, idNumber: idNumber('110101', '19850505', 100 + i) })).json();
    const m = (await officer.post(`/api/persons/${p.id}/measures`, { kind: 'community_detox', decisionDate: '2026-05-25', decisionReceivedDate: '2026-05-25' })).json();
    const r = await officer.post(`/api/measures/${m.id}/events`, { type: 'report', date: '2026-06-01' });
    if (r.statusCode !== 200) throw new Error(r.body);
    personIds.push(p.id);
  }
  // The queue as the phone holds it: a visit per person per week, the oldest first.
  const queue: { personId: string; body: Record<string, unknown> }[] = [];
  for (let k = 0; k < VISITS; k++) {
    for (const personId of personIds)
      queue.push({ personId, body: { kind: 'grid_visit', date: addDays('2026-10-26', 7 * k), place: '家中', contactMode: 'in_person', form, clientKey: crypto.randomUUID() } });
  }
  const pass = async (expect: number) => {
    const ms: number[] = [];
    for (const item of queue) {
      const t0 = performance.now();
      const res = await worker.post(`/api/persons/${item.personId}/records`, item.body);
      ms.push(performance.now() - t0);
      if (res.statusCode !== expect) throw new Error(`${res.statusCode} ${res.body}`);
    }
    return summary(ms);
  };
  const first = await pass(201);
  const replay = await pass(200);
  let held = 0;
  for (const personId of personIds) held += (await officer.get(`/api/persons/${personId}/records?kind=grid_visit&limit=100`)).json().total;
  console.log(
    JSON.stringify(
      {
        database: database.label,
        machine: { cpus: os.cpus().length, node: process.version, load: os.loadavg().map((x) => Math.round(x * 10) / 10) },
        persons: PERSONS,
        queued: queue.length,
        firstSync: { ...first, perRecordMs: Math.round((first.wallMs / queue.length) * 10) / 10 },
        replaySync: { ...replay, perRecordMs: Math.round((replay.wallMs / queue.length) * 10) / 10 },
        recordsOnServer: held,
        exactlyOnce: held === queue.length,
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
