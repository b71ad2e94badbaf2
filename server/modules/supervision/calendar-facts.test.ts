import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDbKinds } from '../../test/harness';
import { rows } from '../../db/client';
import { personUnderMeasure, world, type World } from '../../test/supervision-world';
import { TIME_FACT_GRACE_MINUTES } from './service';

// Issue 9.16 (RULES T7, C1, C11): facts that become true by the calendar are raised within the
// hour — the recompute job runs every quarter of an hour, dates are judged in SUNFLOWER_TZ
// (Asia/Shanghai here, UTC+8) and a day begins at local midnight; a person written today with
// such a fact pending is raised once the write is a few minutes old, not the next day.

describe.each(testDbKinds())('calendar facts within the hour (issue 9.16) on %s', (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await world(kind, {}, 'k');
  });
  afterAll(() => w.t.close());

  const tick = () => w.t.services.db.transaction((tx) => w.t.services.supervision.runDaily(tx));
  const taskState = async (personId: string, key: string) =>
    (await rows<{ state: string }>(w.t.database.db, sql`select state from supervision_tasks where person_id = ${personId} and key = ${key}`))[0]?.state;
  const education = (personId: string) =>
    rows<{ reason: string; fact_date: string }>(w.t.database.db, sql`select reason, fact_date::text from education_records where person_id = ${personId} and withdrawn_at is null`);
  const at = (iso: string) => w.t.clock.set(new Date(iso));

  it('T7 (issue 9.16): a test window closing is raised in the first minutes after local midnight, whatever the UTC date', async () => {
    await w.setToday('2026-11-22');
    // Term from 2026-11-22: test 1 due 2026-12-22, window 2026-12-15 .. 2026-12-29.
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-11-22' });
    at('2026-12-29T15:58:00Z'); // 23:58 on the 29th in Shanghai: the window is still open
    await tick();
    expect(await taskState(personId, 'drug_test:1')).toBe('due');
    expect(await education(personId)).toEqual([]);
    at('2026-12-29T16:10:00Z'); // 00:10 on the 30th in Shanghai (still the 29th in UTC)
    const r = await tick();
    expect(r.persons).toBeGreaterThan(0);
    expect(await taskState(personId, 'drug_test:1')).toBe('overdue');
    expect(await education(personId)).toEqual([{ reason: 'evaded', fact_date: '2026-12-30' }]);
  });

  it('T7/C5 (issue 9.16): a person written today with past windows unrecorded is raised within the hour, after a grace for the back entry', async () => {
    await w.setToday('2026-11-22');
    // A measure that began months ago, entered today: its scheduled tests are past their windows.
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-08-01' });
    expect(await education(personId)).toEqual([]);
    const notices = () => rows<{ reason: string }>(w.t.database.db, sql`select reason from police_notices where person_id = ${personId} and withdrawn_at is null`);
    expect(await notices()).toEqual([]);
    const written = w.t.clock.now().getTime();
    at(new Date(written + (TIME_FACT_GRACE_MINUTES - 5) * 60_000).toISOString());
    await tick();
    expect(await education(personId)).toEqual([]); // the worker is still entering the records
    at(new Date(written + (TIME_FACT_GRACE_MINUTES + 1) * 60_000).toISOString());
    await tick();
    // Evasions past their windows (T7): education below the C5 limit, a serious-breach notice at it; no contact since (C11).
    const raised = [...(await education(personId)).map((e) => e.reason), ...(await notices()).map((n) => n.reason)];
    expect(raised.length).toBeGreaterThan(0);
    expect(raised.filter((r) => !['evaded', 'serious_breach', 'lost_contact'].includes(r))).toEqual([]);
    // Raised once: the next tick recomputes nobody.
    expect((await tick()).persons).toBe(0);
  });
});
