// Transfer figures (issue 14 item 9): the acceptance of a transfer (C7) of a person with three
// years of history — 34 months of tests and check-ins entered through the service, his stored
// schedule, an open plan and referral — through the whole HTTP pipeline (app.inject: session,
// permission, scope, the one transaction that moves the file, measures, tasks, plans and
// referrals, audit). The person is sent back and forth between two streets of two districts.
//
//   npx tsx bench/transfers.ts [--moves 20]            (PGlite in memory)
//   TEST_DATABASE_URL=postgres://… npx tsx bench/transfers.ts   (a throwaway database on that server)
//
// Prints JSON.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { startTestApp, adminClient, userWith } from '../server/test/harness';
import { buildMeasure, buildPerson, buildRecord } from '../server/test/factories';
import { addMonths } from '../core/rules/dates';

const { values: args } = parseArgs({ options: { moves: { type: 'string', default: '20' } } });
const MOVES = Number(args.moves);
const percentile = (sorted: number[], p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;

async function main() {
  const kind = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
  const t = await startTestApp(kind);
  const admin = await adminClient(t);
  const root = (await admin.get('/api/org-units')).json().items[0].id as string;
  const mk = async (parentId: string, level: string, name: string) => (await admin.post('/api/org-units', { parentId, level, name })).json().id as string;
  const streetA = await mk(await mk(root, 'district', '东城区'), 'street', '东华门街道');
  const streetB = await mk(await mk(root, 'district', '西城区'), 'street', '什刹海街道');
  const officers = { [streetA]: await userWith(t, admin, 'bench.a', 'officer', streetA), [streetB]: await userWith(t, admin, 'bench.b', 'officer', streetB) };
  const a = officers[streetA]!;
  const personId = await buildPerson(t, a, { orgUnitId: streetA, name: '李四' });
  await buildMeasure(t, a, personId, { reportDate: '2024-01-10' });
  for (let m = 0; m < 34; m++) {
    const date = addMonths('2024-01-10', m);
    await buildRecord(t, a, personId, { kind: 'drug_test', date, result: 'negative' });
    await buildRecord(t, a, personId, { kind: 'check_in', date });
  }
  await a.post(`/api/persons/${personId}/assistance/plans`, {
    reviewDate: '2027-05-20',
    actions: [{ need: 'employment', goal: '就业', action: '推荐', owner: 'worker', dueDate: '2027-01-31' }],
  });
  const ms: number[] = [];
  let holder = streetA;
  let moved: Record<string, number> = {};
  for (let i = 0; i < MOVES + 2; i++) {
    const to = holder === streetA ? streetB : streetA;
    const offer = await officers[holder]!.post('/api/transfers', { personId, toOrgUnitId: to, reason: '居住地变更' });
    if (offer.statusCode !== 201) throw new Error(offer.body);
    t.clock.advanceMinutes(1);
    const s = performance.now();
    const res = await officers[to]!.post(`/api/transfers/${offer.json().id}/accept`);
    const took = performance.now() - s;
    if (res.statusCode !== 200) throw new Error(res.body);
    moved = res.json().moved;
    if (i >= 2) ms.push(took); // two warm-up moves
    holder = to;
  }
  ms.sort((x, y) => x - y);
  console.log(
    JSON.stringify(
      {
        scenario: 'transfer.accept (C7), a person with 3 years of history',
        database: kind,
        moves: MOVES,
        moved,
        p50Ms: percentile(ms, 50),
        p95Ms: percentile(ms, 95),
        maxMs: percentile(ms, 100),
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
