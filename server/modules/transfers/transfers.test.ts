import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestApp, testDbKinds, adminClient, userWith, type TestApp, type Client } from '../../test/harness';
import { actorOf, buildMeasure, buildPerson, buildRecord, freshIdNumber } from '../../test/factories';
import { addMonths } from '../../../core/rules/dates';

// Issue 14 items 1 and 2: transfers between streets (C7) and the handover from isolation (C10).
describe.each(testDbKinds())('transfers on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let officerA: Client & { userId: string };
  let workerA: Client & { userId: string };
  let officerB: Client & { userId: string };
  let officerA2: Client & { userId: string };
  let policeA: Client & { userId: string };
  const u = {} as Record<'root' | 'districtA' | 'streetA' | 'communityA' | 'streetA2' | 'districtB' | 'streetB' | 'communityB', string>;
  const paths = {} as Record<'streetA' | 'streetB', string>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await adminClient(t);
    u.root = (await admin.get('/api/org-units')).json().items[0].id;
    const mk = async (parentId: string, level: string, name: string) => {
      const res = await admin.post('/api/org-units', { parentId, level, name });
      return res.json() as { id: string; path: string };
    };
    u.districtA = (await mk(u.root, 'district', '东城区')).id;
    const sa = await mk(u.districtA, 'street', '东华门街道');
    u.streetA = sa.id;
    paths.streetA = sa.path;
    u.communityA = (await mk(u.streetA, 'community', '多福巷社区')).id;
    u.streetA2 = (await mk(u.districtA, 'street', '景山街道')).id;
    u.districtB = (await mk(u.root, 'district', '西城区')).id;
    const sb = await mk(u.districtB, 'street', '什刹海街道');
    u.streetB = sb.id;
    paths.streetB = sb.path;
    u.communityB = (await mk(u.streetB, 'community', '柳荫街社区')).id;
    officerA = await userWith(t, admin, 'tr.officer.a', 'officer', u.streetA);
    workerA = await userWith(t, admin, 'tr.worker.a', 'social_worker', u.communityA);
    officerB = await userWith(t, admin, 'tr.officer.b', 'officer', u.streetB);
    officerA2 = await userWith(t, admin, 'tr.officer.a2', 'officer', u.streetA2);
    policeA = await userWith(t, admin, 'tr.police.a', 'police_officer', u.streetA);
  });
  afterAll(() => t.close());

  /** A person of street A under community detox since `reportDate`, with monthly tests and check-ins entered by street A. */
  async function personWithHistory(reportDate: string, months: number) {
    const personId = await buildPerson(t, officerA, { orgUnitId: u.communityA, name: '李四' });
    await buildMeasure(t, officerA, personId, { reportDate });
    for (let m = 0; m < months; m++) {
      const date = addMonths(reportDate, m);
      await buildRecord(t, workerA, personId, { kind: 'drug_test', date, result: 'negative' });
      await buildRecord(t, workerA, personId, { kind: 'check_in', date });
    }
    return personId;
  }

  async function offer(personId: string, to = u.streetB) {
    const res = await officerA.post('/api/transfers', { personId, toOrgUnitId: to, reason: '居住地变更至西城区' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  it('C7: a person with 3 years of records, 30+ pending tasks, an open plan and referral moves whole; nothing points at the old street', async () => {
    // 34 months of tests and check-ins, then nothing: the follow-ups and visits left undone are overdue tasks.
    const personId = await personWithHistory('2024-01-10', 34);
    const plan = await workerA.post(`/api/persons/${personId}/assistance/plans`, {
      reviewDate: '2027-05-20',
      actions: [{ need: 'employment', goal: '稳定就业', action: '推荐至人社局', owner: 'worker', dueDate: '2027-01-31' }],
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const partner = await officerA.post('/api/partners', {
      orgUnitId: u.streetA,
      servedOrgUnitIds: [u.streetA],
      services: ['employment'],
      contactName: '周',
      contactPhone: '010-88886666',
      name: '区人社局',
      kind: 'human_resources',
    });
    expect(partner.statusCode, partner.body).toBe(201);
    const referral = await workerA.post(`/api/persons/${personId}/assistance/referrals`, { partnerId: partner.json().id, need: 'employment', purpose: '岗位推荐' });
    expect(referral.statusCode, referral.body).toBe(201);
    const tasksBefore = (await officerA.get(`/api/persons/${personId}/tasks`)).json().items as { state: string; key: string }[];
    const pendingBefore = tasksBefore.filter((x) => ['due', 'overdue', 'upcoming'].includes(x.state));
    expect(pendingBefore.length).toBeGreaterThanOrEqual(30);
    const recordsBefore = (await officerA.get(`/api/persons/${personId}/records?limit=500`)).json().total as number;
    expect(recordsBefore).toBe(68);

    const offered = await offer(personId);
    // The receiver sees the essentials only until it accepts.
    const inbox = (await officerB.get('/api/transfers?box=in')).json().items.find((x: { id: string }) => x.id === offered.id);
    expect(inbox).toMatchObject({ status: 'pending', mayAnswer: true, personId: null, person: { name: '李四', measureKind: 'community_detox', termStart: '2024-01-10' } });
    expect(inbox.person.idLast4).toMatch(/^\d{3}[\dX]$/);
    expect(Object.keys(inbox.person).sort()).toEqual(['idLast4', 'measureKind', 'measureStatus', 'name', 'termEnd', 'termStart']);
    expect((await officerB.get(`/api/persons/${personId}`)).statusCode).toBe(404);

    t.clock.advanceMinutes(5);
    const accepted = await officerB.post(`/api/transfers/${offered.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      personId,
      acceptedOn: '2026-11-22',
      reportBy: '2026-12-07',
      fileForwardBy: '2026-11-25',
      reportState: 'due',
      agreementDue: true,
    });
    const moved = accepted.json().moved;
    expect(moved).toMatchObject({ file: 1, measures: 1, plans: 1, actions: 1, referrals: 1 });
    expect(moved.tasks).toBe(pendingBefore.length);

    // Every item now the new street's: the file, the measure (term unchanged), every pending task, the plan and the referral.
    const file = (await officerB.get(`/api/persons/${personId}`)).json();
    expect(file).toMatchObject({ orgUnitId: u.streetB, responsibleWorkerId: null });
    const measures = (await officerB.get(`/api/persons/${personId}/measures`)).json().items;
    expect(measures[0]).toMatchObject({ status: 'active', startDate: '2024-01-10', executionPlace: '什刹海街道' });
    const tasksAfter = (await officerB.get(`/api/persons/${personId}/tasks`)).json().items as { state: string; key: string }[];
    expect(tasksAfter.filter((x) => ['due', 'overdue', 'upcoming'].includes(x.state)).map((x) => x.key)).toEqual(pendingBefore.map((x) => x.key));
    const assistance = (await officerB.get(`/api/persons/${personId}/assistance`)).json();
    expect(assistance.plan).toMatchObject({ version: 1 });
    expect(assistance.referrals).toHaveLength(1);
    expect(await t.services.assistance.openReferralsUnder(t.database.db, personId, paths.streetA)).toBe(0);
    expect(await t.services.assistance.openReferralsUnder(t.database.db, personId, paths.streetB)).toBe(1);
    const [sync] = await t.services.persons.contextOf(t.database.db, [personId]);
    expect(sync!.orgPath.startsWith(paths.streetB)).toBe(true);
    const bToday = (await officerB.get('/api/today?scope=unit&limit=500')).json();
    expect(JSON.stringify(bToday)).toContain(personId);
    const aToday = (await officerA.get('/api/today?scope=unit&limit=500')).json();
    expect(JSON.stringify(aToday)).not.toContain(personId);

    // The old street: no file, but the transfer and the records it entered.
    expect((await officerA.get(`/api/persons/${personId}`)).statusCode).toBe(404);
    const out = (await officerA.get('/api/transfers?box=out')).json().items.find((x: { id: string }) => x.id === offered.id);
    expect(out).toMatchObject({ status: 'accepted', personId: null, mayAnswer: false });
    t.clock.advanceMinutes(5);
    expect((await buildRecord(t, officerB, personId, { kind: 'check_in', date: '2026-11-22' })).record.id).toBeTruthy();
    const own = (await officerA.get(`/api/transfers/${offered.id}/records?limit=500`)).json();
    expect(own.total).toBe(68);
    expect((await officerB.get(`/api/transfers/${offered.id}/records`)).statusCode).toBe(404);

    // The timeline of the person carries the steps; the audit trail the move with its counts.
    const timeline = (await officerB.get(`/api/persons/${personId}/timeline?kinds=transfer,assignment&limit=20`)).json().items as { kind: string }[];
    expect(timeline.filter((x) => x.kind === 'transfer')).toHaveLength(2);
    expect(timeline.some((x) => x.kind === 'assignment')).toBe(true);

    // C7: the person reports to the new street; the old one forwards the paper file.
    const reported = await officerB.post(`/api/transfers/${offered.id}/report`, { date: '2026-11-22' });
    expect(reported.json()).toMatchObject({ reportState: 'reported', reportedOn: '2026-11-22' });
    expect((await officerB.post(`/api/transfers/${offered.id}/report`, { date: '2026-11-22' })).json().error.code).toBe('transfer.already_reported');
    expect((await officerA.post(`/api/transfers/${offered.id}/forwarded`, { date: '2026-11-22' })).json()).toMatchObject({ fileForwardedOn: '2026-11-22', fileForwardLate: false });
  });

  it('C7: bad transfers are refused with stable codes and nothing is half-moved', async () => {
    const personId = await personWithHistory('2026-09-10', 2);
    expect((await officerA.post('/api/transfers', { personId, toOrgUnitId: u.streetA, reason: 'x' })).json().error.code).toBe('transfer.same_unit');
    expect((await officerA.post('/api/transfers', { personId, toOrgUnitId: u.communityB, reason: 'x' })).json().error.fields[0].code).toBe('transfer.not_street');
    const first = await offer(personId);
    const second = await officerA.post('/api/transfers', { personId, toOrgUnitId: u.streetA2, reason: 'x' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('transfer.already_open');
    // Not the street asked: the holder cannot accept its own offer; a third street does not even see it.
    expect((await officerA.post(`/api/transfers/${first.id}/accept`)).json().error.code).toBe('transfer.not_asked');
    expect((await officerA2.post(`/api/transfers/${first.id}/accept`)).statusCode).toBe(404);
    const still = (await officerA.get(`/api/persons/${personId}`)).json();
    expect(still.orgUnitId).toBe(u.communityA);
    expect((await officerB.post(`/api/transfers/${first.id}/decline`, { reason: '人员未在本辖区居住' })).json()).toMatchObject({
      status: 'declined',
      declineReason: '人员未在本辖区居住',
    });
    expect((await officerB.post(`/api/transfers/${first.id}/accept`)).json().error.code).toBe('transfer.already_decided');
    expect((await officerA.get(`/api/persons/${personId}`)).json().orgUnitId).toBe(u.communityA);
    // After the decline a new transfer may be opened, and accepting it twice is refused the second time.
    const again = await offer(personId);
    expect((await officerB.post(`/api/transfers/${again.id}/accept`)).statusCode).toBe(200);
    expect((await officerB.post(`/api/transfers/${again.id}/accept`)).json().error.code).toBe('transfer.already_decided');
    expect((await officerB.post(`/api/transfers/${again.id}/report`, { date: '2026-11-30' })).json().error.fields[0].code).toBe('transfer.date_invalid');
  });

  it('C7: the street that finds the file held elsewhere gets a 409 that leads to a transfer request; the holder answers', async () => {
    const idNumber = freshIdNumber();
    const personId = await buildPerson(t, officerA, { orgUnitId: u.communityA, name: '王五', idNumber });
    const dup = await officerB.post('/api/persons', { orgUnitId: u.communityB, name: '王五', idNumber });
    expect(dup.statusCode).toBe(409);
    const err = dup.json().error;
    expect(err.code).toBe('person.exists');
    expect(err.details.transfer.request).toBe('/api/transfers/requests');
    expect(JSON.stringify(err)).not.toContain(personId);
    const req = await officerB.post('/api/transfers/requests', { idNumber, toOrgUnitId: u.streetB, reason: '人员现居什刹海街道' });
    expect(req.statusCode, req.body).toBe(201);
    expect(req.json()).toMatchObject({ initiatedBy: 'finder', status: 'pending', personId: null, mayAnswer: false, from: { id: u.streetA }, to: { id: u.streetB } });
    // The finder cannot answer its own request; the holder does.
    expect((await officerB.post(`/api/transfers/${req.json().id}/accept`)).json().error.code).toBe('transfer.not_asked');
    const holderView = (await officerA.get(`/api/transfers/${req.json().id}`)).json();
    expect(holderView).toMatchObject({ mayAnswer: true, personId });
    expect((await officerA.post(`/api/transfers/${req.json().id}/accept`)).statusCode).toBe(200);
    expect((await officerB.get(`/api/persons/${personId}`)).json().orgUnitId).toBe(u.streetB);
    // Asking for a file in one's own street is no transfer; a request for a street not one's own is not found.
    expect((await officerB.post('/api/transfers/requests', { idNumber, toOrgUnitId: u.streetB, reason: 'x' })).json().error.code).toBe('transfer.same_unit');
    expect((await officerA.post('/api/transfers/requests', { idNumber, toOrgUnitId: u.streetB, reason: 'x' })).statusCode).toBe(404);
  });

  it('C7/C11: an accepted transfer not reported within the days raises a message for the new street, once', async () => {
    const personId = await personWithHistory('2026-09-10', 1);
    const offered = await offer(personId);
    expect((await officerB.post(`/api/transfers/${offered.id}/accept`)).statusCode).toBe(200);
    const before = await t.services.db.transaction((tx) => t.services.transfers.raiseOverdue(tx));
    expect(before.transfers).toBe(0);
    // Sessions do not outlive a jump of days: the contexts are taken before it (as a route would build them).
    const ctxB = await actorOf(t, officerB);
    const saved = t.clock.now();
    t.clock.set(new Date('2026-12-09T02:00:00Z'));
    try {
      expect((await t.services.transfers.get(ctxB, offered.id)).reportState).toBe('overdue');
      const raised = await t.services.db.transaction((tx) => t.services.transfers.raiseOverdue(tx));
      expect(raised.transfers).toBeGreaterThanOrEqual(1);
      expect((await t.services.db.transaction((tx) => t.services.transfers.raiseOverdue(tx))).transfers).toBe(0);
      const inbox = await t.services.reminders.inbox(ctxB, { unread: false, limit: 100 });
      expect(JSON.stringify(inbox)).toContain(offered.id);
    } finally {
      t.clock.set(saved);
    }
  });

  it('C10: a release notice makes a handover for the street with its deadlines; the report starts community rehab with F1 follow-ups', async () => {
    const personId = await buildPerson(t, officerA, { orgUnitId: u.communityA, name: '赵六' });
    const iso = await buildMeasure(t, officerA, personId, { kind: 'compulsory_isolation', decisionDate: '2024-11-25' });
    // A social worker may not enter it; the police may.
    expect((await workerA.post('/api/handovers', { personId, facility: '市强制隔离戒毒所', releaseDate: '2026-11-25', noticeReceivedOn: '2026-11-20' })).statusCode).toBe(403);
    const created = await policeA.post('/api/handovers', { personId, facility: '市强制隔离戒毒所', releaseDate: '2026-11-25', noticeReceivedOn: '2026-11-20' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      orgUnit: { id: u.streetA },
      noticeDueBy: '2026-11-22',
      noticeLate: false,
      papersDueBy: null,
      reportBy: '2026-12-10',
      state: 'awaiting',
      papers: 0,
    });
    expect((await policeA.post('/api/handovers', { personId, facility: '所', releaseDate: '2026-11-25', noticeReceivedOn: '2026-11-20' })).json().error.code).toBe(
      'handover.already_open',
    );
    const list = (await officerA.get('/api/handovers?state=awaiting')).json().items.map((x: { id: string }) => x.id);
    expect(list).toContain(created.json().id);
    expect((await officerB.get('/api/handovers')).json().items.map((x: { id: string }) => x.id)).not.toContain(created.json().id);

    const ctxA = await actorOf(t, officerA);
    const saved = t.clock.now();
    t.clock.set(new Date('2026-11-26T02:00:00Z'));
    try {
      await expect(t.services.transfers.reportHandover(ctxA, created.json().id, { date: '2026-11-24', termMonths: 36 })).rejects.toMatchObject({
        fields: [{ code: 'handover.date_invalid' }],
      });
      const reported = await t.services.transfers.reportHandover(ctxA, created.json().id, { date: '2026-11-26', termMonths: 36 });
      expect(reported).toMatchObject({ state: 'reported', reportedOn: '2026-11-26' });
      const measures = await t.services.measures.list(ctxA, personId);
      expect(measures.find((m) => m.id === iso.id)).toMatchObject({ status: 'completed' });
      expect(measures.find((m) => m.kind === 'community_rehab')).toMatchObject({ status: 'active', previousMeasureId: iso.id });
      const tasks = (await t.services.supervision.tasksOfPerson(ctxA, personId)).items as { kind: string; dueDate: string }[];
      // F1: weekly follow-ups from the start.
      const followUps = tasks.filter((x) => x.kind === 'follow_up').map((x) => x.dueDate);
      expect(followUps.slice(0, 2)).toEqual(['2026-12-03', '2026-12-10']);
    } finally {
      t.clock.set(saved);
    }
  });

  it('C10: a missed handover raises a message for the street', async () => {
    const personId = await buildPerson(t, officerA, { orgUnitId: u.communityA, name: '钱七' });
    await buildMeasure(t, officerA, personId, { kind: 'compulsory_isolation', decisionDate: '2024-11-01' });
    const created = (
      await policeA.post('/api/handovers', { personId, facility: '市强制隔离戒毒所', releaseDate: '2026-11-01', noticeReceivedOn: '2026-11-01', orgUnitId: u.streetA })
    ).json();
    expect(created).toMatchObject({ state: 'missed', noticeLate: true });
    const raised = await t.services.db.transaction((tx) => t.services.transfers.raiseOverdue(tx));
    expect(raised.handovers).toBeGreaterThanOrEqual(1);
    expect((await officerA.get('/api/handovers?state=missed')).json().items.map((x: { id: string }) => x.id)).toContain(created.id);
  });
});
