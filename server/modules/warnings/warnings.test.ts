import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testDbKinds } from '../../test/harness';
import { messagesAbout, personUnderMeasure, tasksOf, test as drugTest, visitForm, world, type World } from '../../test/supervision-world';

// Issue 13 (RULES D4, D6, C5, C11, T7, K17): risk classes with their explanation, the street's
// override, alerts raised and withdrawn by the facts, their handling and escalation.
// Today is 2026-11-22 (harness clock); a test that moves the clock puts it back.

type Alert = {
  id: string;
  kind: string;
  status: string;
  severity: string;
  ownerUserId: string | null;
  escalationLevel: number;
  withdrawalReason: string | null;
  links: { type: string; id: string }[];
};

describe.each(testDbKinds())('early warning (issue 13) on %s', (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await world(kind, {}, 'w');
  });
  afterAll(() => w.t.close());

  const record = async (personId: string, body: Record<string, unknown>) => {
    const r = await w.worker.post(`/api/persons/${personId}/records`, body);
    expect(r.statusCode, r.body).toBe(201);
    return r.json().record?.id ?? r.json().id;
  };
  const alertsOf = async (personId: string, state = 'all', c = w.worker) => {
    const r = await c.get(`/api/alerts?scope=unit&state=${state}&personId=${personId}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json().items as Alert[];
  };
  const visit = (date: string, form: Record<string, unknown> = {}) => ({ kind: 'visit', date, place: '家中', form: { ...visitForm, ...form } });

  it('D4: a positive test makes the class medium, explained by the factor and its record; the file and the list show it', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-11-15', name: '阳性人' });
    const recordId = await record(personId, drugTest('2026-11-20', 'positive'));
    const risk = (await w.worker.get(`/api/persons/${personId}/risk`)).json();
    expect(risk).toMatchObject({ riskClass: 'medium', computed: { riskClass: 'medium', score: 25, policyVersion: 'default-2025.1' } });
    expect(risk.computed.factors).toEqual([
      expect.objectContaining({ factor: 'positive_test', contribution: 25, recordIds: [recordId], label: expect.objectContaining({ 'zh-CN': '检测阳性' }) }),
    ]);
    expect((await w.worker.get(`/api/persons/${personId}`)).json().riskLevel).toBe('medium');
    expect((await alertsOf(personId, 'open')).map((a) => a.kind)).toContain('positive_test');
  });

  it('D4: a reclassification that finds the same factors writes nothing (jsonb reorders the stored keys; the history grows only on a change)', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-11-15', name: '复算人' });
    await record(personId, drugTest('2026-11-20', 'positive'));
    const history = async () => (await w.worker.get(`/api/persons/${personId}/risk`)).json().history as unknown[];
    const before = (await history()).length;
    const again = await w.t.services.warnings.reclassify(w.t.database.db, [personId]);
    expect(again).toMatchObject({ persons: 1, reclassified: 0, raised: 0, withdrawn: 0 });
    expect(await history()).toHaveLength(before);
  });

  it('D4: signs of distress at a visit make the class high whatever the score; the rise raises an alert for the worker', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-11-15', name: '低落人' });
    const recordId = await record(personId, visit('2026-11-21', { mood: 'low', warningSigns: ['suicidal_talk'], family: 'conflict' }));
    const risk = (await w.worker.get(`/api/persons/${personId}/risk`)).json();
    expect(risk.riskClass).toBe('high');
    expect(risk.computed.factors.map((f: { factor: string }) => f.factor)).toEqual(['distress_signs', 'family_conflict', 'mood_concern', 'no_income']);
    expect(risk.computed.factors[0]).toMatchObject({ forcesHigh: true, recordIds: [recordId] });
    const high = (await alertsOf(personId)).find((a) => a.kind === 'risk_high');
    expect(high).toMatchObject({ severity: 'high', status: 'open', ownerUserId: w.worker.userId });
    // History: a later stable visit brings it down; both classifications are kept and the alert is withdrawn.
    await record(personId, visit('2026-11-22'));
    const after = (await w.worker.get(`/api/persons/${personId}/risk`)).json();
    expect(after.riskClass).toBe('low');
    expect(after.history.map((h: { riskClass: string }) => h.riskClass).slice(0, 2)).toEqual(['low', 'high']);
    expect((await alertsOf(personId)).find((a) => a.id === high!.id)).toMatchObject({ status: 'withdrawn', withdrawalReason: 'facts_changed' });
  });

  it('D4: the street overrides the class with a reason and an expiry; without a reason or with a past expiry it is a 400; the history is kept', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-11-15', name: '改级人' });
    const url = `/api/persons/${personId}/risk/override`;
    const noReason = await w.officer.post(url, { riskClass: 'high', expiresOn: '2026-12-31' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].path).toBe('body.reason');
    const past = await w.officer.post(url, { riskClass: 'high', reason: '家属反映近期情绪波动', expiresOn: '2026-11-21' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields[0]).toMatchObject({ path: 'expiresOn', code: 'risk.expiry_past' });
    expect((await w.officer.post(url, { riskClass: 'high', reason: '家属反映近期情绪波动', expiresOn: '2026-12-31' })).statusCode).toBe(201);
    const second = await w.officer.post(url, { riskClass: 'medium', reason: '经走访情绪平稳', expiresOn: '2027-01-31' });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ riskClass: 'medium', override: { riskClass: 'medium', inForce: true } });
    expect(second.json().overrides.map((o: { riskClass: string; inForce: boolean }) => [o.riskClass, o.inForce])).toEqual([
      ['medium', true],
      ['high', false],
    ]);
    expect((await w.worker.get(`/api/persons/${personId}`)).json().riskLevel).toBe('medium');
    // The worker cannot override (leave.approve is the street's); another street does not see the person.
    expect((await w.worker.post(url, { riskClass: 'low', reason: '测试', expiresOn: '2026-12-31' })).statusCode).toBe(403);
    expect((await w.outsider.post(url, { riskClass: 'low', reason: '测试', expiresOn: '2026-12-31' })).statusCode).toBe(404);
    expect((await w.outsider.get(`/api/persons/${personId}/risk`)).statusCode).toBe(404);
  });

  it('C5, issue 9.14: an evasion raises an alert with the C5 count; voiding the record withdraws it with the reason', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-11-15', name: '逃检人' });
    const recordId = await record(personId, drugTest('2026-11-18', 'evaded'));
    const alert = (await alertsOf(personId)).find((a) => a.kind === 'evasion')!;
    expect(alert).toMatchObject({ severity: 'medium', links: [{ type: 'record', id: recordId }] });
    expect((await w.worker.get(`/api/alerts/${alert.id}`)).json().details).toMatchObject({ count: 1 });
    const voided = await w.worker.post(`/api/persons/${personId}/records/${recordId}/void`, { reason: '误录，实为下次预约' });
    expect(voided.statusCode, voided.body).toBe(200);
    expect((await alertsOf(personId)).find((a) => a.id === alert.id)).toMatchObject({ status: 'withdrawn', withdrawalReason: 'record_voided' });
  });

  it('T7: a test past its window raises an alert; the test entered late withdraws it', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01', name: '未检人' });
    const overdue = (await tasksOf(w.worker, personId)).find((t) => t.kind === 'drug_test' && t.state === 'overdue')!;
    expect(overdue).toBeTruthy();
    const alert = (await alertsOf(personId)).find((a) => a.kind === 'test_overdue')!;
    expect(alert).toMatchObject({ status: 'open', severity: 'medium' });
    await record(personId, drugTest(overdue.windowEnd, 'negative'));
    expect((await alertsOf(personId)).find((a) => a.id === alert.id)).toMatchObject({ status: 'withdrawn', withdrawalReason: 'facts_changed' });
  });

  it('K17: acknowledge, act with the record made, comment, close with an outcome; bad input is a 400, a second close a 409, another unit a 404', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-11-15', name: '处置人' });
    await record(personId, drugTest('2026-11-19', 'refused'));
    const alert = (await alertsOf(personId)).find((a) => a.kind === 'refusal')!;
    expect(alert.severity).toBe('high');
    const base = `/api/alerts/${alert.id}`;
    expect((await w.worker.post(`${base}/acknowledge`)).json().status).toBe('acknowledged');
    const talk = await record(personId, visit('2026-11-22'));
    expect((await w.worker.post(`${base}/act`, { recordId: '00000000-0000-4000-8000-000000000000' })).json().error.fields[0]).toMatchObject({
      path: 'recordId',
      code: 'alert.record_invalid',
    });
    const acted = (await w.worker.post(`${base}/act`, { recordId: talk, comment: '已上门谈话' })).json();
    expect(acted).toMatchObject({ status: 'acted', links: expect.arrayContaining([{ type: 'record', id: talk }]) });
    expect((await w.worker.post(`${base}/comment`, { comment: '家属配合' })).statusCode).toBe(200);
    expect((await w.worker.post(`${base}/reassign`, { userId: w.police.userId })).json().error.fields[0].code).toBe('alert.assignee_invalid');
    expect((await w.worker.post(`${base}/close`, {})).statusCode).toBe(400);
    // Out of scope answers like missing.
    const missing = await w.outsider.get('/api/alerts/00000000-0000-4000-8000-000000000000');
    const theirs = await w.outsider.get(base);
    expect([theirs.statusCode, theirs.json()]).toEqual([missing.statusCode, missing.json()]);
    expect((await w.outsider.post(`${base}/close`, { outcome: 'resolved' })).statusCode).toBe(404);
    // Two closes at once: one wins, the other is told it was closed.
    const both = await Promise.all([w.worker.post(`${base}/close`, { outcome: 'resolved' }), w.officer.post(`${base}/close`, { outcome: 'reported_to_police' })]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.statusCode === 409)!.json().error.code).toBe('alert.closed');
    const closed = (await w.worker.get(base)).json();
    expect(closed.events.map((e: { kind: string }) => e.kind)).toEqual(['raised', 'acknowledged', 'acted', 'commented', 'closed']);
    expect((await w.worker.post(`${base}/comment`, { comment: '补充' })).json().error.code).toBe('alert.closed');
  });

  it('issue 13: untouched past its deadline an alert goes to the street officer, 48 hours later to the district office, each told in the app', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-11-15', name: '升级人' });
    await record(personId, drugTest('2026-11-21', 'refused'));
    const alert = (await alertsOf(personId)).find((a) => a.kind === 'refusal')!;
    const told = (c: typeof w.officer) => messagesAbout(w, c, { alertId: alert.id });
    try {
      expect(await w.t.services.scheduler.runNow('warnings.hourly')).toBe(true);
      expect((await w.worker.get(`/api/alerts/${alert.id}`)).json().escalationLevel).toBe(0);
      w.t.clock.set(new Date('2026-11-23T03:00:00Z'));
      await w.t.services.scheduler.runNow('warnings.hourly');
      await w.t.services.scheduler.runNow('warnings.hourly'); // idempotent: the second run the same hour changes nothing
      await w.setToday('2026-11-23');
      expect((await w.officer.get(`/api/alerts/${alert.id}`)).json().escalationLevel).toBe(1);
      expect(await told(w.officer)).toHaveLength(1);
      expect(await told(w.streetOffice)).toHaveLength(0);
      w.t.clock.set(new Date('2026-11-25T04:00:00Z'));
      await w.t.services.scheduler.runNow('warnings.hourly');
      await w.setToday('2026-11-25');
      const detail = (await w.officer.get(`/api/alerts/${alert.id}`)).json();
      expect(detail.escalationLevel).toBe(2);
      expect(detail.events.filter((e: { kind: string }) => e.kind === 'escalated')).toHaveLength(2);
      expect(await told(w.streetOffice)).toHaveLength(1);
    } finally {
      await w.setToday('2026-11-22');
    }
  });

  it('the inbox: mine holds my alerts first by severity; the unit view holds the unit; overdue filters by deadline', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-11-15', name: '收件人' });
    await record(personId, drugTest('2026-11-21', 'positive'));
    const mine = (await w.worker.get('/api/alerts?scope=mine&state=open')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((a: Alert) => a.ownerUserId === w.worker.userId)).toBe(true);
    const ranks = mine.items.map((a: Alert) => ['high', 'medium', 'low'].indexOf(a.severity));
    expect(ranks).toEqual([...ranks].sort((a: number, b: number) => a - b));
    expect((await w.officer.get('/api/alerts?scope=mine&state=open')).json().items.filter((a: Alert) => a.ownerUserId !== w.officer.userId)).toEqual([]);
    expect((await w.officer.get(`/api/alerts?scope=unit&personId=${personId}`)).json().total).toBeGreaterThan(0);
    expect((await w.outsider.get(`/api/alerts?scope=unit&personId=${personId}`)).statusCode).toBe(404);
    expect((await w.outsider.get('/api/alerts?scope=unit&state=all')).json().items.filter((a: Alert & { personId: string }) => a.personId === personId)).toEqual([]);
  });
});
