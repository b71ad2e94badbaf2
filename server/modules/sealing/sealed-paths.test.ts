import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { testDbKinds, type Client } from '../../test/harness';
import { world, personUnderMeasure, test as drugTest, type World } from '../../test/supervision-world';

// P4, P5 (issue 14 item 1): a sealed file vanishes from every list, search, 今日待办, export,
// ledger read and drill-down at once, because each applies the one predicate
// (`openFile` in persons/relations.ts). One test per path: before the seal the person is there,
// after it he is gone and his open neighbour is still there.
type Path = [name: string, read: (w: World) => Promise<string[]>];

const names = (items: { personName?: string; name?: string }[]) => items.map((i) => i.personName ?? i.name ?? '');
const json = async (c: Client, url: string) => {
  const res = await c.get(url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json();
};

const paths: Path[] = [
  ['person search by name', async (w) => names((await json(w.officer, `/api/persons?q=${encodeURIComponent('封存')}`)).items)],
  ['person list of a unit', async (w) => names((await json(w.officer, `/api/persons?orgUnitId=${w.units.community}&limit=200`)).items)],
  ['今日待办: the caseload', async (w) => names((await json(w.worker, '/api/today?scope=mine')).tasks)],
  ['今日待办: a unit', async (w) => names((await json(w.officer, `/api/today?scope=unit&orgUnitId=${w.units.community}`)).tasks)],
  ['今日待办: notices pending', async (w) => names((await json(w.officer, `/api/today?scope=unit&orgUnitId=${w.units.community}`)).noticesPending)],
  [
    'the calendar',
    async (w) =>
      (await json(w.worker, '/api/calendar?scope=mine&from=2026-11-01&to=2026-12-31')).days.flatMap((d: { tasks: { personName: string }[] }) => d.tasks.map((x) => x.personName)),
  ],
  ['police notices list', async (w) => names((await json(w.police, '/api/notices?state=all')).items)],
  [
    'ledger export',
    async (w) => {
      const res = await w.officer.get(`/api/persons/export.xlsx?orgUnitId=${w.units.community}`);
      expect(res.statusCode, res.body).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const out: string[] = [];
      wb.worksheets[0]!.eachRow((row) => out.push(String(row.getCell(1).value ?? ''), String(row.getCell(2).value ?? '')));
      return out;
    },
  ],
  ['delisting list (every state)', async (w) => names((await json(w.officer, '/api/delisting?state=counting')).items)],
  [
    'indicator drill-down: K8 persons under a measure',
    async (w) => {
      const ids: string[] = await w.t.services.persons.idsUnderMeasureIn(w.t.database.db, '/');
      const ctx = await w.t.services.persons.contextOf(w.t.database.db, ids);
      return ctx.map((c) => c.name);
    },
  ],
];

describe.each(testDbKinds())('sealed files leave every list on %s', (kind) => {
  let w: World;
  const before = new Map<string, string[]>();
  const OPEN = '开放甲';
  const SEALED = '封存乙';

  beforeAll(async () => {
    w = await world(kind, {}, 'sp');
    const open = await personUnderMeasure(w, { reportDate: '2026-10-10', name: OPEN });
    const sealed = await personUnderMeasure(w, { reportDate: '2026-10-10', name: SEALED });
    // A relapse gives each a police notice (C6), so the notice lists hold both.
    for (const p of [open, sealed]) expect((await w.officer.post(`/api/persons/${p.personId}/records`, drugTest('2026-11-20', 'positive'))).statusCode).toBe(201);
    expect(await w.t.services.scheduler.runNow('sealing.daily')).toBe(true);
    for (const [name, read] of paths) before.set(name, await read(w));
    await w.t.database.db.transaction((tx) => w.t.services.persons.setSealed(tx, sealed.personId, true));
  });
  afterAll(() => w.t.close());

  it.each(paths)('%s', async (name, read) => {
    const was = before.get(name)!;
    expect(
      was.some((n) => n.includes(SEALED)),
      `${name} listed the person before the seal`,
    ).toBe(true);
    const now = await read(w);
    expect(
      now.some((n) => n.includes(SEALED)),
      `${name} still lists the sealed person`,
    ).toBe(false);
    if (was.some((n) => n.includes(OPEN))) expect(now.some((n) => n.includes(OPEN))).toBe(true);
  });
});
