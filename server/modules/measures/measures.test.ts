import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestApp, testDbKinds, adminClient, cityWithCommunity, userWith, type TestApp, type Client } from '../../test/harness';
import { buildMeasure, buildPerson, measureEvent } from '../../test/factories';

describe.each(testDbKinds())('measures on %s', (kind) => {
  // One app and officer per file; every test files its own person and builds the measures it reads.
  let t: TestApp;
  let officer: Client;
  let community: string;

  const status = async (id: string) => (await officer.get(`/api/persons/${id}`)).json().status as string;
  const newPerson = () => buildPerson(t, officer, { orgUnitId: community, name: '王五' });
  const measuresOf = async (personId: string) =>
    (await officer.get(`/api/persons/${personId}/measures`)).json().items as { id: string; kind: string; status: string; previousMeasureId: string | null }[];

  beforeAll(async () => {
    t = await startTestApp(kind);
    const admin = await adminClient(t);
    const units = await cityWithCommunity(admin);
    community = units.community;
    officer = await userWith(t, admin, 'officer.m', 'officer', units.street);
  });
  afterAll(() => t.close());

  it('M2, C1: community detox waits for the report; the term runs 3 years from the report date', async () => {
    const personId = await newPerson();
    const m = await officer.post(`/api/persons/${personId}/measures`, {
      kind: 'community_detox',
      decisionNumber: '东公（禁）决字〔2026〕12号',
      decisionDate: '2026-10-01',
      decisionReceivedDate: '2026-10-02',
    });
    expect(m.statusCode, m.body).toBe(201);
    expect(m.json()).toMatchObject({ status: 'awaiting_report', reportDeadline: '2026-10-17', startDate: null });
    expect(await status(personId)).toBe('awaiting_report');
    const late = await officer.post(`/api/measures/${m.json().id}/events`, { type: 'report', date: '2026-10-20' });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.code).toBe('measure.report_late');
    const ok = await officer.post(`/api/measures/${m.json().id}/events`, { type: 'report', date: '2026-10-10' });
    expect(ok.json()).toMatchObject({ status: 'active', startDate: '2026-10-10', endDate: '2029-10-10', policyVersion: expect.any(String) });
    expect(await status(personId)).toBe('under_community_detox');
  });

  it('refuses an overlapping measure, and dates in the future; M10: maintenance treatment runs alongside', async () => {
    const personId = await newPerson();
    await buildMeasure(t, officer, personId, { kind: 'community_detox', decisionDate: '2026-10-01', reportDate: '2026-10-10' });
    const overlap = await officer.post(`/api/persons/${personId}/measures`, { kind: 'community_rehab', decisionDate: '2026-11-01' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.code).toBe('measure.overlap');
    const future = await officer.post(`/api/persons/${personId}/measures`, { kind: 'maintenance_treatment', decisionDate: '2027-01-01' });
    expect(future.statusCode).toBe(400);
    const mmt = await officer.post(`/api/persons/${personId}/measures`, { kind: 'maintenance_treatment', decisionDate: '2026-11-01' });
    expect(mmt.statusCode).toBe(201);
  });

  it('C9: suspension and resumption push the end date back by the suspended days', async () => {
    const personId = await newPerson();
    const detox = await buildMeasure(t, officer, personId, { kind: 'community_detox', decisionDate: '2026-10-01', reportDate: '2026-10-10' });
    expect(detox.endDate).toBe('2029-10-10');
    const s = await officer.post(`/api/measures/${detox.id}/events`, { type: 'suspend', date: '2026-11-01', reason: '行政拘留' });
    expect(s.json().status).toBe('suspended');
    expect(await status(personId)).toBe('suspended');
    const r = await officer.post(`/api/measures/${detox.id}/events`, { type: 'resume', date: '2026-11-11', reason: '释放' });
    expect(r.json()).toMatchObject({ status: 'active', endDate: '2029-10-20' });
    const bad = await officer.post(`/api/measures/${detox.id}/events`, { type: 'complete', date: '2026-11-12' });
    expect(bad.json().error.code).toBe('measure.term_not_expired');
  });

  it('M5: after termination a new measure may follow', async () => {
    const personId = await newPerson();
    const detox = await buildMeasure(t, officer, personId, { kind: 'community_detox', decisionDate: '2026-10-01', reportDate: '2026-10-10' });
    const term = await officer.post(`/api/measures/${detox.id}/events`, { type: 'terminate', date: '2026-11-15', reason: 'compulsory_isolation' });
    expect(term.json().status).toBe('terminated');
    const iso = await officer.post(`/api/persons/${personId}/measures`, { kind: 'compulsory_isolation', decisionDate: '2026-11-15', previousMeasureId: detox.id });
    expect(iso.statusCode, iso.body).toBe(201);
    expect(iso.json()).toMatchObject({ status: 'active', endDate: '2028-11-15' });
    expect(await status(personId)).toBe('in_compulsory_isolation');
  });

  it('M8: conversion to community detox credits the time served and creates the successor', async () => {
    const personId = await newPerson();
    const iso = await buildMeasure(t, officer, personId, { kind: 'compulsory_isolation', decisionDate: '2026-11-15' });
    const conv = await officer.post(`/api/measures/${iso.id}/events`, { type: 'convert', date: '2026-11-20', reason: '因病变更' });
    expect(conv.json().status).toBe('converted');
    const successor = (await measuresOf(personId)).find((m) => m.previousMeasureId === iso.id);
    expect(successor).toMatchObject({ kind: 'community_detox', status: 'awaiting_report', creditedDays: 5 });
  });

  it('a refused transition is a 400 with the rule code, and the measure is unchanged', async () => {
    const personId = await newPerson();
    const detox = await buildMeasure(t, officer, personId, { kind: 'community_detox', decisionDate: '2026-10-01', reportDate: '2026-10-10' });
    await measureEvent(t, officer, detox.id, { type: 'terminate', date: '2026-11-15', reason: 'compulsory_isolation' });
    const before = (await measuresOf(personId)).find((m) => m.id === detox.id);
    expect(before).toMatchObject({ status: 'terminated' });
    const res = await officer.post(`/api/measures/${detox.id}/events`, { type: 'resume', date: '2026-11-20' });
    expect(res.json().error.code).toBe('measure.transition_not_allowed');
    const again = (await measuresOf(personId)).find((m) => m.id === detox.id);
    expect(again).toEqual(before);
  });
});

describe('timeline', () => {
  it('9.20: shows creation, assignment, the measure and its status changes, newest fact date first', async () => {
    const t = await startTestApp('pglite');
    try {
      const admin = await adminClient(t);
      const units = await cityWithCommunity(admin);
      const officer = await userWith(t, admin, 'officer.tl', 'officer', units.street);
      const id = await buildPerson(t, officer, { orgUnitId: units.community, name: '赵六' });
      const m = (
        await officer.post(`/api/persons/${id}/measures`, { kind: 'community_rehab', decisionDate: '2026-11-01', decisionReceivedDate: '2026-11-01', termMonths: 36 })
      ).json();
      await officer.post(`/api/measures/${m.id}/events`, { type: 'report', date: '2026-11-05' });
      const items = (await officer.get(`/api/persons/${id}/timeline`)).json().items as { kind: string; date: string; title: Record<string, string> }[];
      // Filed now about a measure decided on 11-01 and reported on 11-05: the file's lines are
      // the newest facts, the measure's steps sit under their own days.
      expect(items.map((i) => i.kind)).toEqual(['assignment', 'person', 'status', 'measure']);
      expect(items.slice(2).map((i) => i.date)).toEqual(['2026-11-05', '2026-11-01']);
      expect(items[2]!.title['zh-CN']).toBe('社区康复 · 报到，期限起算');
    } finally {
      await t.close();
    }
  });
});
