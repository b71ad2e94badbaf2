import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testDbKinds } from '../../test/harness';
import { personUnderMeasure, tasksOf, world, type World } from '../../test/supervision-world';

// Today is 2026-11-22 (harness clock).

describe.each(testDbKinds())('leave (C4) on %s', (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await world(kind, {}, 'l');
  });
  afterAll(() => w.t.close());

  const request = (personId: string, from: string, to: string) =>
    w.worker.post(`/api/persons/${personId}/leaves`, { from, to, destination: '浙江省杭州市', reason: '探望生病的母亲' });
  const decide = (id: string, decision: 'approve' | 'reject', note?: string) => w.streetOffice.post(`/api/leaves/${id}/decision`, { decision, note });

  it('C4: requested by the worker, decided by the street only, each step with who and when', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    const req = await request(personId, '2026-11-25', '2026-11-28');
    expect(req.statusCode, req.body).toBe(201);
    expect(req.json()).toMatchObject({ status: 'pending', days: 4, required: true, policyVersion: 'default-2025.1', overdue: false });
    const id = req.json().id;
    expect((await w.worker.post(`/api/leaves/${id}/decision`, { decision: 'approve' })).statusCode).toBe(403);
    expect((await w.outsider.post(`/api/leaves/${id}/decision`, { decision: 'approve' })).statusCode).toBe(404); // an officer decides leave, but only in his own street (C4)
    const ok = await decide(id, 'approve', '同意');
    expect(ok.json()).toMatchObject({ status: 'approved', decidedBy: w.streetOffice.userId, decisionNote: '同意' });
    expect((await decide(id, 'approve')).json().error.code).toBe('leave.nothing_to_decide');
    // Extension: asked by the worker, approved again by the street.
    expect((await w.worker.post(`/api/leaves/${id}/extension`, { to: '2026-11-27', reason: '延期' })).json().error.fields[0].code).toBe('leave.extension_not_later');
    const ext = await w.worker.post(`/api/leaves/${id}/extension`, { to: '2026-11-30', reason: '母亲住院' });
    expect(ext.json()).toMatchObject({ status: 'approved', to: '2026-11-28', pendingTo: '2026-11-30' });
    const day = (await w.streetOffice.get(`/api/today?scope=unit&orgUnitId=${w.units.street}`)).json();
    expect(day.leavesAwaitingDecision.map((l: { id: string }) => l.id)).toContain(id);
    const extOk = await decide(id, 'approve');
    expect(extOk.json()).toMatchObject({ to: '2026-11-30', pendingTo: null, days: 6 });
    expect(extOk.json().events.map((e: { event: string; actorName: string }) => [e.event, e.actorName])).toEqual([
      ['request', 'l.worker'],
      ['approve', 'l.office'],
      ['extend_request', 'l.worker'],
      ['extend_approve', 'l.office'],
    ]);
  });

  it('overlapping leave and a leave ending before it starts are refused (400), nothing saved', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    expect((await request(personId, '2026-12-01', '2026-12-05')).statusCode).toBe(201);
    const overlap = await request(personId, '2026-12-05', '2026-12-08');
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().error.fields[0]).toMatchObject({ path: 'from', code: 'leave.overlap' });
    const backwards = await request(personId, '2026-12-10', '2026-12-09');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields[0]).toMatchObject({ path: 'to', code: 'leave.end_before_start' });
    expect((await w.worker.get(`/api/persons/${personId}/leaves`)).json().items).toHaveLength(1);
    // A rejected one holds no days.
    const r = (await request(personId, '2026-12-20', '2026-12-22')).json();
    await decide(r.id, 'reject', '理由不充分');
    expect((await request(personId, '2026-12-21', '2026-12-23')).statusCode).toBe(201);
  });

  it('C4: overdue when not back in time (derived), shown on the day; the return (销假) closes it', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01', name: '逾期人' });
    const l = (await request(personId, '2026-11-10', '2026-11-15')).json();
    await decide(l.id, 'approve');
    const view = (await w.worker.get(`/api/persons/${personId}/leaves`)).json().items[0];
    expect(view).toMatchObject({ status: 'approved', overdue: true });
    const day = (await w.worker.get('/api/today')).json();
    expect(day.leavesOverdue).toContainEqual(expect.objectContaining({ id: l.id, personName: '逾期人', overdueDays: 7 }));
    // Still away 7 days past the leave: an unauthorised departure (C4: ≥ 3 days not covered).
    let b = (await w.worker.get(`/api/persons/${personId}/breaches`)).json();
    expect(b.assessment.counts).toMatchObject({ unauthorisedDepartures: 1, absenceDays: 7 });
    expect((await w.worker.post(`/api/leaves/${l.id}/return`, { returnedOn: '2026-11-23' })).json().error.fields[0].code).toBe('supervision.date_future');
    const back = await w.worker.post(`/api/leaves/${l.id}/return`, { returnedOn: '2026-11-21' });
    expect(back.json()).toMatchObject({ status: 'returned', returnedOn: '2026-11-21', overdue: false, returnedBy: w.worker.userId });
    b = (await w.worker.get(`/api/persons/${personId}/breaches`)).json();
    expect(b.assessment.counts).toMatchObject({ unauthorisedDepartures: 1, absenceDays: 5 });
    expect((await w.worker.get('/api/today')).json().leavesOverdue.map((x: { id: string }) => x.id)).not.toContain(l.id);
  });

  it('a leave ending today is on the day', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    const l = (await request(personId, '2026-11-20', '2026-11-22')).json();
    await decide(l.id, 'approve');
    expect((await w.worker.get('/api/today')).json().leavesEndingToday.map((x: { id: string }) => x.id)).toContain(l.id);
  });

  it.each<[string, string, number]>([
    ['C4: back 2 days late: not a departure', '2026-11-18', 0],
    ['C4: back 3 days late: an unauthorised departure', '2026-11-19', 1],
  ])('%s', async (_label, returnedOn, departures) => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    const l = (await request(personId, '2026-11-10', '2026-11-15')).json();
    await decide(l.id, 'approve');
    await w.worker.post(`/api/leaves/${l.id}/return`, { returnedOn });
    const b = (await w.worker.get(`/api/persons/${personId}/breaches`)).json();
    expect(b.assessment.counts.unauthorisedDepartures).toBe(departures);
  });

  it.each<[string, 'leave' | 'hospital_stay', string]>([
    ['T7/C4: an approved leave over the whole window excuses the test', 'leave', 'excused'],
    ['T7: a hospital stay over the whole window excuses the test, and is no departure', 'hospital_stay', 'excused'],
  ])('%s', async (_label, how, state) => {
    // Test 1 due 2026-10-22, window 2026-10-15 .. 2026-10-29.
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-09-22' });
    if (how === 'leave') {
      const l = (await request(personId, '2026-10-14', '2026-10-30')).json();
      await decide(l.id, 'approve');
      await w.worker.post(`/api/leaves/${l.id}/return`, { returnedOn: '2026-10-31' });
    } else {
      const a = await w.worker.post(`/api/persons/${personId}/absences`, { kind: 'hospital_stay', from: '2026-10-14', to: '2026-10-30', note: '住院' });
      expect(a.json().absence).toMatchObject({ unauthorisedDeparture: false, uncoveredDays: 0 });
    }
    expect((await tasksOf(w.worker, personId)).find((t) => t.key === 'drug_test:1')!.state).toBe(state);
    expect((await w.worker.get(`/api/persons/${personId}/breaches`)).json().assessment.counts.unauthorisedDepartures).toBe(0);
  });

  it('an absence still open counts to today; closing it fixes its end', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    const a = await w.worker.post(`/api/persons/${personId}/absences`, { from: '2026-11-15' });
    expect(a.json().absence).toMatchObject({ to: null, unauthorisedDeparture: true, uncoveredDays: 8 });
    expect((await w.worker.post(`/api/persons/${personId}/absences`, { from: '2026-11-20', to: '2026-11-21' })).json().error.fields[0].code).toBe('absence.overlap');
    const closed = await w.worker.post(`/api/absences/${a.json().absence.id}/close`, { to: '2026-11-16' });
    expect(closed.json().absence).toMatchObject({ to: '2026-11-16', uncoveredDays: 2, unauthorisedDeparture: false });
    expect(closed.json().breaches.counts.unauthorisedDepartures).toBe(0);
    expect((await w.worker.post(`/api/absences/${a.json().absence.id}/close`, { to: '2026-11-17' })).json().error.code).toBe('absence.already_closed');
  });
});
