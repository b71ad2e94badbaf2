// Issue 10 item 6: recording a drug test locks the person once, reads his measures once, and
// answers with the notices as inserted instead of reading each back. Counted as properties of the
// statements the use case sends (Drizzle's logger), on each database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, cityWithCommunity, idNumber, startTestApp, userWith, type TestApp } from '../../test/harness';
import { testDbKinds } from '../../test/harness';
import type { Principal } from '../../http/context';

describe.each(testDbKinds())('the record write path (%s)', (kind) => {
  let t: TestApp;
  let ctx: { actor: Principal; ip: null; userAgent: string };
  let officer: Awaited<ReturnType<typeof userWith>>;
  let community: string;
  let seq = 300;
  let log: string[] | null = null;
  const logger = { logQuery: (query: string) => void log?.push(query.toLowerCase()) };

  beforeAll(async () => {
    t = await startTestApp(kind, {}, { logger });
    const admin = await adminClient(t);
    const units = await cityWithCommunity(admin);
    community = units.community;
    officer = await userWith(t, admin, 'wp.officer', 'officer', units.district);
    ctx = { actor: (await t.services.auth.principal(officer.cookie.replace('sf_session=', '')))!, ip: null, userAgent: 'test' };
  });
  afterAll(() => t.close());

  /** A person under a community detox he reported for on 2026-06-01 (M2). */
  async function person() {
    const p = (await officer.post('/api/persons', { orgUnitId: community, name: '李四', idNumber: idNumber('110101', '19850505', seq++) })).json();
    const m = (await officer.post(`/api/persons/${p.id}/measures`, { kind: 'community_detox', decisionDate: '2026-05-25', decisionReceivedDate: '2026-05-25' })).json();
    const r = await officer.post(`/api/measures/${m.id}/events`, { type: 'report', date: '2026-06-01' });
    expect(r.statusCode, r.body).toBe(200);
    return p.id as string;
  }

  /** The statements of one createRecord. */
  async function recorded(personId: string, result: string) {
    log = [];
    const out = await t.services.supervision.createRecord(ctx as never, personId, {
      kind: 'drug_test',
      date: '2026-11-20',
      place: '社区戒毒康复工作站',
      sample: 'urine',
      method: 'on_site',
      result,
      random: false,
    } as never);
    const statements = log;
    log = null;
    return { out, statements };
  }

  const count = (statements: string[], re: RegExp) => statements.filter((s) => re.test(s)).length;

  it('locks the person once and reads his measures once', async () => {
    const { statements } = await recorded(await person(), 'negative');
    console.log('STMTS\n' + statements.map((s) => s.slice(0, 140)).join('\n'));
    expect(count(statements, /for update/)).toBe(1);
    expect(count(statements, /from "measures" where [^]*"kind" in/)).toBe(1);
    // Issue 13: then the warnings module classifies from the rows the recompute read, reading
    // only what it does not hold: the measures of other kinds (D4 releases, D6), the drugs on
    // file, the latest visit form, the assistance needs and plan, its own classification,
    // override and alerts (8), and writing only what changed.
    const own = statements.findIndex((s) => /from "measures" where [^]*"kind" not in/.test(s));
    expect(statements.slice(own, own + 8).every((s) => s.startsWith('select'))).toBe(true);
    const supervision = [...statements.slice(0, own), ...statements.filter((s) => /insert into audit_log/.test(s)).slice(0, 1)];
    // The whole, for a test that raises nothing: scope check, lock with the person's context,
    // measures, the record, the policy, records, leave, absences, status, sync, the status row,
    // the audit row. 15 before item 6 (a second lock, the context and the measures read again);
    // 12 after it, and 14 since issue 9.13: the person's standing notices and education are read
    // to withdraw those whose fact no longer holds.
    expect(supervision.length).toBe(14);
  });

  it('answers with the C6 notice as inserted, without reading it back', async () => {
    const { out, statements } = await recorded(await person(), 'positive');
    expect(out.noticesCreated).toEqual([expect.objectContaining({ reason: 'relapse', personName: '李四', state: 'pending', deliveredByName: null })]);
    expect(out.noticesCreated[0]!.orgUnitName).toBeTruthy();
    // One read of the standing notices before the insert (issue 9.13), none after it.
    expect(count(statements, /^select[^]*from "police_notices"/)).toBe(1);
    expect(statements.findIndex((x) => /^select[^]*from "police_notices"/.test(x))).toBeLessThan(statements.findIndex((x) => /^insert into "police_notices"/.test(x)));
    expect(count(statements, /for update/)).toBe(1);
  });
});
