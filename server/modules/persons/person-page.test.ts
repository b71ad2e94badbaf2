// The person page in one request and the paged, ordered, filtered timeline (issue 11 item 2,
// issue 9 item 20). Built on the supervision world: records, leaves and notices are the lines a
// real history is made of.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDbKinds } from '../../test/harness';
import { rows } from '../../db/client';
import { personUnderMeasure, test, world, type World } from '../../test/supervision-world';

interface Line {
  at: string;
  date: string;
  kind: string;
  refId: string | null;
  title: Record<string, string>;
}

async function auditRows(w: World, personId: string) {
  const r = await rows<{ action: string; n: number }>(w.t.database.db, sql`select action, count(*)::int as n from audit_log where entity_id = ${personId} group by action`);
  return Object.fromEntries(r.map((x) => [x.action, Number(x.n)]));
}

/** Every page of the timeline with these query parameters, following `nextCursor` to the end. */
async function allPages(w: World, personId: string, params: string) {
  const pages: Line[][] = [];
  let cursor: string | null = null;
  do {
    const res = await w.officer.get(`/api/persons/${personId}/timeline?${params}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    pages.push(res.json().items);
    cursor = res.json().nextCursor;
  } while (cursor && pages.length < 100);
  return pages;
}

/** Timeline order (9.20): fact date newest first, then entry instant newest first. */
function inOrder(items: Line[]) {
  return items.every((e, i) => i === 0 || items[i - 1]!.date > e.date || (items[i - 1]!.date === e.date && items[i - 1]!.at >= e.at));
}

describe.each(testDbKinds())('person page and timeline on %s', (kind) => {
  let w: World;
  let personId: string;
  beforeAll(async () => {
    w = await world(kind, {}, 'pp');
    ({ personId } = await personUnderMeasure(w, { reportDate: '2026-11-01' }));
    // Records entered out of date order, several on one day and in one instant (the fixed clock):
    // paper slips typed in later, as a worker does.
    const dates = ['2026-11-20', '2026-11-03', '2026-11-12', '2026-11-12', '2026-11-05', '2026-11-12', '2026-11-18', '2026-11-03', '2026-11-09', '2026-11-15'];
    for (const [i, date] of dates.entries()) {
      w.t.clock.set(new Date(`2026-11-22T02:${String(i < 5 ? 0 : 10 + i).padStart(2, '0')}:00Z`));
      const res = await w.worker.post(`/api/persons/${personId}/records`, test(date, 'negative'));
      expect(res.statusCode, res.body).toBe(201);
    }
    w.t.clock.set(new Date('2026-11-22T02:20:00Z'));
    const l = await w.worker.post(`/api/persons/${personId}/leaves`, { from: '2026-11-25', to: '2026-11-28', destination: '上海', reason: '探亲' });
    expect(l.statusCode, l.body).toBe(201);
  });
  afterAll(() => w.t.close());

  it('11.2: the person page is one request with the file, its measures and the first timeline page, and one audit row', async () => {
    const before = await auditRows(w, personId);
    const res = await w.officer.get(`/api/persons/${personId}/page?limit=5`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.person.id).toBe(personId);
    expect(page.person.idNumber).toContain('*');
    expect(page.measures).toHaveLength(1);
    expect(page.measures[0].kind).toBe('community_detox');
    expect(page.timeline.items).toHaveLength(5);
    expect(page.timeline.nextCursor).toEqual(expect.any(String));
    const after = await auditRows(w, personId);
    const added = Object.fromEntries(
      Object.entries(after)
        .map(([a, n]) => [a, n - (before[a] ?? 0)])
        .filter(([, n]) => n !== 0),
    );
    expect(added).toEqual({ 'person.page.read': 1 });
  });

  it('11.2: the page and the timeline answer out of scope exactly like missing (404), and write no read row', async () => {
    const before = await auditRows(w, personId);
    for (const path of ['page', 'timeline']) {
      const outside = await w.outsider.get(`/api/persons/${personId}/${path}`);
      const missing = await w.outsider.get(`/api/persons/${crypto.randomUUID()}/${path}`);
      expect(outside.statusCode).toBe(404);
      expect(outside.json()).toEqual(missing.json());
    }
    expect(await auditRows(w, personId)).toEqual(before);
  });

  it('11.2: paging returns every line exactly once, in the order of the whole timeline', async () => {
    const whole = (await w.officer.get(`/api/persons/${personId}/timeline?limit=200`)).json();
    expect(whole.nextCursor).toBeNull();
    const full = whole.items as Line[];
    expect(full.length).toBeGreaterThan(12);
    for (const limit of [1, 3, 7]) {
      const pages = await allPages(w, personId, `limit=${limit}`);
      expect(pages.every((p) => p.length <= limit && p.length > 0)).toBe(true);
      expect(pages.flat()).toEqual(full);
    }
    // The first page of the person page continues with the timeline's pages.
    const first = (await w.officer.get(`/api/persons/${personId}/page?limit=4`)).json().timeline;
    const rest = (await w.officer.get(`/api/persons/${personId}/timeline?limit=200&cursor=${first.nextCursor}`)).json().items;
    expect([...first.items, ...rest]).toEqual(full);
  });

  it('9.20: the timeline is in fact-date order, a record typed in later for an earlier day below later days', async () => {
    const full = (await w.officer.get(`/api/persons/${personId}/timeline?limit=200`)).json().items as Line[];
    expect(inOrder(full)).toBe(true);
    const records = full.filter((e) => e.kind === 'record').map((e) => e.date);
    expect(records.slice(0, 4)).toEqual(['2026-11-20', '2026-11-18', '2026-11-15', '2026-11-12']);
    // Lines of one day and one instant keep one order from read to read (ties are stable).
    const again = (await w.officer.get(`/api/persons/${personId}/timeline?limit=200`)).json().items;
    expect(again).toEqual(full);
  });

  it('9.20: the timeline filters by kind, paged like the whole', async () => {
    const full = (await w.officer.get(`/api/persons/${personId}/timeline?limit=200`)).json().items as Line[];
    const wanted = new Set(['record', 'leave']);
    const pages = await allPages(w, personId, 'limit=4&kinds=record,leave');
    expect(pages.flat()).toEqual(full.filter((e) => wanted.has(e.kind)));
    expect(pages.flat().map((e) => e.kind)).toEqual(expect.arrayContaining(['record', 'leave']));
    const measures = (await w.officer.get(`/api/persons/${personId}/timeline?kinds=measure,status`)).json().items as Line[];
    expect(measures.length).toBeGreaterThan(0);
    expect(measures.every((e) => e.kind === 'measure' || e.kind === 'status')).toBe(true);
  });

  it('9.20: an unknown kind or a forged cursor is a 400 naming the field', async () => {
    const badKind = await w.officer.get(`/api/persons/${personId}/timeline?kinds=record,gossip`);
    expect(badKind.statusCode).toBe(400);
    const forged = await w.officer.get(`/api/persons/${personId}/timeline?cursor=${Buffer.from('["x"]').toString('base64url')}`);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.fields[0].path).toBe('cursor');
    const notAnId = Buffer.from(JSON.stringify(['2026-11-12', '2026-11-22T02:00:00.000Z', 4, 'x'])).toString('base64url');
    expect((await w.officer.get(`/api/persons/${personId}/timeline?cursor=${notAnId}`)).statusCode).toBe(400);
    const garbage = await w.officer.get(`/api/persons/${personId}/page?cursor=%%%`);
    expect(garbage.statusCode).toBe(400);
  });
});
