import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client';
import { startTestApp, testDbKinds, adminClient, userWith, type TestApp, type Client } from '../../test/harness';
import { actorOf, buildMeasure, buildPerson, buildRecord } from '../../test/factories';

// Issue 14 (closing note, item 1): after an accepted transfer the person reports to the new street
// within C7's days; if not, the daily job raises what C11 calls for: a lost-contact notice to the
// police (C6's notice mechanism) and a lost-contact alert in the new street's inbox, once each.
describe.each(testDbKinds())('C7/C11 report overdue after a transfer on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let officerA: Client & { userId: string };
  let officerB: Client & { userId: string };
  let policeB: Client & { userId: string };
  const u = {} as Record<'root' | 'streetA' | 'communityA' | 'streetB' | 'communityB', string>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await adminClient(t);
    u.root = (await admin.get('/api/org-units')).json().items[0].id;
    const mk = async (parentId: string, level: string, name: string) => (await admin.post('/api/org-units', { parentId, level, name })).json().id as string;
    const dA = await mk(u.root, 'district', '东城区');
    u.streetA = await mk(dA, 'street', '东华门街道');
    u.communityA = await mk(u.streetA, 'community', '多福巷社区');
    const dB = await mk(u.root, 'district', '西城区');
    u.streetB = await mk(dB, 'street', '什刹海街道');
    u.communityB = await mk(u.streetB, 'community', '柳荫街社区');
    officerA = await userWith(t, admin, 'ro.officer.a', 'officer', u.streetA);
    officerB = await userWith(t, admin, 'ro.officer.b', 'officer', u.streetB);
    policeB = await userWith(t, admin, 'ro.police.b', 'police_officer', u.streetB);
  });
  afterAll(() => t.close());

  /** A person of street A under community detox, offered to and accepted by street B today (2026-11-22: report by 2026-12-07). */
  async function accepted(name: string) {
    const personId = await buildPerson(t, officerA, { orgUnitId: u.communityA, name });
    await buildMeasure(t, officerA, personId, { reportDate: '2026-09-10' });
    await buildRecord(t, officerA, personId, { kind: 'check_in', date: '2026-11-20' });
    const offered = await officerA.post('/api/transfers', { personId, toOrgUnitId: u.streetB, reason: '居住地变更' });
    expect(offered.statusCode, offered.body).toBe(201);
    const acc = await officerB.post(`/api/transfers/${offered.json().id}/accept`);
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json()).toMatchObject({ reportBy: '2026-12-07' });
    return { personId, transferId: offered.json().id as string };
  }

  const runJob = () => t.services.db.transaction((tx) => t.services.transfers.raiseOverdue(tx));
  const noticesOf = (personId: string) =>
    rows<{ id: string; reason: string; fact_key: string; kind: string; withdrawn_at: Date | null; details: { rule: string; transferId: string } }>(
      t.database.db,
      sql`select id, reason, fact_key, kind, withdrawn_at, details from police_notices where person_id = ${personId} order by created_at`,
    );
  const alertsOf = (personId: string) =>
    rows<{ id: string; kind: string; fact_key: string; status: string; org_unit_id: string; withdrawal_reason: string | null }>(
      t.database.db,
      sql`select id, kind, fact_key, status, org_unit_id, withdrawal_reason from alerts where person_id = ${personId} and fact_key like 'transfer:%'`,
    );

  /** Runs `fn` on a later day (the contexts are taken before: sessions do not outlive a jump of days). */
  async function on<T>(instant: string, fn: () => Promise<T>): Promise<T> {
    const saved = t.clock.now();
    t.clock.set(new Date(instant));
    try {
      return await fn();
    } finally {
      t.clock.set(saved);
    }
  }

  it('C11: the daily job run twice raises one lost-contact notice and one alert in the new street; a recompute keeps them; a late report withdraws the alert and marks the transfer late', async () => {
    const { personId, transferId } = await accepted('孙甲');
    expect((await runJob()).transfers).toBe(0);
    const ctxB = await actorOf(t, officerB);
    const ctxPolice = await actorOf(t, policeB);
    await on('2026-12-09T02:00:00Z', async () => {
      await runJob();
      await runJob();
      const notices = await noticesOf(personId);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ reason: 'lost_contact', fact_key: `transfer:${transferId}`, kind: 'notice', withdrawn_at: null, details: { rule: 'C11', transferId } });
      const alerts = await alertsOf(personId);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ kind: 'lost_contact', status: 'open', org_unit_id: u.streetB });
      // The new street's inbox has it; the police of the new street see the notice.
      const inbox = await t.services.warnings.listAlerts(ctxB, { scope: 'unit', state: 'open', personId, limit: 50, offset: 0 });
      expect(inbox.items.map((a) => a.id)).toContain(alerts[0]!.id);
      const police = await t.services.supervision.notices(ctxPolice, { state: 'open', personId, limit: 50, offset: 0 });
      expect(police.items.map((n) => n.id)).toContain(notices[0]!.id);
      // A recompute of the person (a record entered) judges its own facts only: the transfer's alert and notice stay.
      await t.services.db.transaction((tx) => t.services.warnings.reclassify(tx, [personId]));
      expect((await alertsOf(personId))[0]).toMatchObject({ status: 'open' });
      expect((await noticesOf(personId))[0]).toMatchObject({ withdrawn_at: null });

      // C7: the person turns up on 12-08, after the deadline: the alert is withdrawn, the C11 notice stands, the transfer is marked late.
      const reported = await t.services.transfers.report(ctxB, transferId, '2026-12-08');
      expect(reported).toMatchObject({ reportState: 'reported_late', reportedOn: '2026-12-08' });
      expect((await alertsOf(personId))[0]).toMatchObject({ status: 'withdrawn', withdrawal_reason: 'facts_changed' });
      expect((await noticesOf(personId)).filter((n) => !n.withdrawn_at)).toHaveLength(1);
      await runJob();
      expect(await noticesOf(personId)).toHaveLength(1);
      expect(await alertsOf(personId)).toHaveLength(1);
    });
  });

  it('C11: a report dated within the deadline but entered after the job withdraws the notice and the alert', async () => {
    const { personId, transferId } = await accepted('孙乙');
    const ctxB = await actorOf(t, officerB);
    await on('2026-12-09T02:00:00Z', async () => {
      await runJob();
      expect(await noticesOf(personId)).toHaveLength(1);
      const reported = await t.services.transfers.report(ctxB, transferId, '2026-12-05');
      expect(reported).toMatchObject({ reportState: 'reported' });
      const notices = await noticesOf(personId);
      expect(notices).toHaveLength(1);
      expect(notices[0]!.withdrawn_at).not.toBeNull();
      expect((await alertsOf(personId))[0]).toMatchObject({ status: 'withdrawn' });
      // Nothing is raised again.
      await runJob();
      expect((await noticesOf(personId)).filter((n) => !n.withdrawn_at)).toHaveLength(0);
    });
  });

  it('C11: a late report entered before the job raises nothing and is marked late', async () => {
    const { personId, transferId } = await accepted('孙丙');
    const ctxB = await actorOf(t, officerB);
    await on('2026-12-10T02:00:00Z', async () => {
      const reported = await t.services.transfers.report(ctxB, transferId, '2026-12-09');
      expect(reported).toMatchObject({ reportState: 'reported_late' });
      await runJob();
      expect(await noticesOf(personId)).toHaveLength(0);
      expect(await alertsOf(personId)).toHaveLength(0);
    });
  });

  it('P4: a sealed file raises neither a notice nor an alert', async () => {
    const { personId } = await accepted('孙丁');
    await t.services.db.transaction((tx) => t.services.persons.setSealed(tx, personId, true));
    await on('2026-12-09T02:00:00Z', async () => {
      await runJob();
      expect(await noticesOf(personId)).toHaveLength(0);
      expect(await alertsOf(personId)).toHaveLength(0);
    });
  });

  it("C11: the alert is in the new street's inbox only, not the old street's", async () => {
    const { personId } = await accepted('孙戊');
    const ctxA = await actorOf(t, officerA);
    const ctxB = await actorOf(t, officerB);
    await on('2026-12-09T02:00:00Z', async () => {
      await runJob();
      const [alert] = await alertsOf(personId);
      expect(alert).toBeDefined();
      const oldStreet = await t.services.warnings.listAlerts(ctxA, { scope: 'unit', state: 'all', personId, limit: 50, offset: 0 }).catch(() => ({ items: [] }));
      expect(oldStreet.items.map((a) => a.id)).not.toContain(alert!.id);
      const newStreet = await t.services.warnings.listAlerts(ctxB, { scope: 'unit', state: 'open', personId, limit: 50, offset: 0 });
      expect(newStreet.items.map((a) => a.id)).toContain(alert!.id);
    });
  });
});
