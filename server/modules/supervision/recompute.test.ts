// Issue 11.5: the full recompute trusts a stored outcome only while nothing it was computed from
// has moved (inputs-key.ts), and the rules give the same outcome in a worker thread.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDbKinds } from '../../test/harness';
import { rows } from '../../db/client';
import { createMeasure } from '../../../core/rules/measures';
import { defaultPolicy } from '../../../core/rules/policy';
import { personUnderMeasure, test, world, type World } from '../../test/supervision-world';
import { createAssessPool } from './assess-pool';
import { assessBatch, type AssessBatch } from './assess-batch';

describe('the rules in a worker thread', () => {
  it('give exactly the outcome they give in this thread (T4–T7, C5)', async () => {
    const measure = { ...createMeasure({ id: 'm1', kind: 'community_detox', decisionDate: '2026-01-01' }), status: 'active' as const, startDate: '2026-01-10' };
    const records = [
      { id: 'r1', measureId: 'm1', kind: 'drug_test', date: '2026-02-03', result: 'negative', random: false, retestOfId: null, contactMode: null },
      { id: 'r2', measureId: 'm1', kind: 'drug_test', date: '2026-05-03', result: 'refused', random: true, retestOfId: null, contactMode: null },
      { id: 'r3', measureId: 'm1', kind: 'check_in', date: '2026-03-01', result: null, random: false, retestOfId: null, contactMode: null },
    ];
    const batch: AssessBatch = {
      persons: [
        { id: 'p1', policy: 0 },
        { id: 'p2', policy: 0 },
      ],
      policies: [defaultPolicy],
      measures: new Map([
        ['p1', [{ measure }]],
        ['p2', [{ measure: { ...measure, id: 'm2', startDate: '2026-09-01' } }]],
      ]),
      records: new Map([['p1', records]]),
      leaves: new Map([['p1', [{ id: 'l1', fromDate: '2026-06-01', toDate: '2026-06-10', status: 'returned', returnedOn: '2026-06-12' }]]]),
      absences: new Map(),
      today: '2026-11-22',
      timeDriven: true,
    };
    const here = assessBatch(batch);
    expect(here.get('p1')!.tasks.length).toBeGreaterThan(0);
    const there = await createAssessPool(1, 1).assess(batch);
    expect(there).toEqual(here);
  });
});

/** The harness clock's calendar date (server/test/harness.ts). */
const TODAY = '2026-11-22';

describe.each(testDbKinds())('the full recompute on %s (issue 11.5)', (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await world(kind, {}, 'rc');
  });
  afterAll(() => w.t.close());

  const recompute = () => w.t.services.supervision.recomputeAll();
  /** Runs until nothing is left to compute, so each test starts from a settled city whatever ran before. */
  const settle = async () => {
    await recompute();
    const again = await recompute();
    expect(again.persons).toBe(0);
    return again.skipped;
  };
  const version = async (personId: string) =>
    Number((await rows<{ v: string }>(w.t.services.db, sql`select version::text as v from supervision_inputs where person_id = ${personId}`))[0]?.v ?? 0);

  it('nothing moved: nobody is read or written; a record about one person: the next run computes him alone', async () => {
    const a = await personUnderMeasure(w, { reportDate: '2026-09-01', name: '甲' });
    await personUnderMeasure(w, { reportDate: '2026-09-15', name: '乙' });
    const all = await settle();
    expect(all).toBeGreaterThanOrEqual(2);
    const res = await w.worker.post(`/api/persons/${a.personId}/records`, test('2026-11-20', 'negative'));
    expect(res.statusCode, res.body).toBe(201);
    const next = await recompute();
    expect(next).toMatchObject({ persons: 1, skipped: all - 1 });
    expect((await recompute()).persons).toBe(0);
  });

  it('a row written outside the service (a correction by SQL) is seen: the triggers raise the version once per statement', async () => {
    const b = await personUnderMeasure(w, { reportDate: '2026-08-01', name: '丙' });
    for (const d of ['2026-11-02', '2026-11-09']) {
      const res = await w.worker.post(`/api/persons/${b.personId}/records`, test(d, 'negative'));
      expect(res.statusCode, res.body).toBe(201);
    }
    await settle();
    const v0 = await version(b.personId);
    expect(v0).toBeGreaterThan(0);
    await w.t.services.db.execute(sql`update supervision_records set place = place || '' where person_id = ${b.personId}`);
    expect(await version(b.personId)).toBe(v0 + 1);
    expect((await recompute()).persons).toBe(1);
    await w.t.services.db.execute(sql`update supervision_absences set kind = kind where person_id = ${b.personId}`);
    expect(await version(b.personId)).toBe(v0 + 1);
  });

  it('a person whose review day came is computed again, and what the skipped ones keep is what a full computation gives', async () => {
    // Two of its own, reporting weeks apart, so that one is due before the other whatever ran before.
    await personUnderMeasure(w, { reportDate: '2026-10-10', name: '丁' });
    await personUnderMeasure(w, { reportDate: '2026-11-18', name: '戊' });
    await settle();
    const due = await rows<{ d: string; n: number }>(
      w.t.services.db,
      sql`
      select min(review_on)::text as d from supervision_sync`,
    );
    const day = due[0]!.d;
    // The shared clock moves to that day and back: the other tests run on the harness's today.
    await w.setToday(day);
    try {
      const n = Number((await rows<{ n: number }>(w.t.services.db, sql`select count(*)::int as n from supervision_sync where review_on <= ${day}`))[0]!.n);
      const r = await recompute();
      expect(r.persons).toBe(n);
      expect(r.skipped).toBeGreaterThan(0);
      // Everyone computed afresh in one go writes nothing: the skipped outcomes were current.
      const ids = (await rows<{ id: string }>(w.t.services.db, sql`select person_id as id from supervision_sync`)).map((x) => x.id);
      const fresh = await w.t.services.db.transaction((tx) => w.t.services.supervision.refresh(tx, ids, undefined, true));
      expect(fresh.counts).toMatchObject({ persons: ids.length, tasksWritten: 0, tasksDeleted: 0, statusWritten: 0, notices: 0, education: 0 });
    } finally {
      await w.setToday(TODAY);
    }
  });
});
