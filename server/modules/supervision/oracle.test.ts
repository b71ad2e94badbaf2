import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testDbKinds } from '../../test/harness';
import { personUnderMeasure, test as drugTest, world, type World } from '../../test/supervision-world';

// Issue 9.10: a record reached by its own id (a leave, an absence, an education record, a
// measure, a notice, a document) answers a user outside its person's scope exactly as it answers
// an id that does not exist: the same status and the same body, so ids cannot be probed. Both
// paths do the same lookups (the record, then the person's scope) before answering: the same
// timing class, and nothing is written or audited on either.

const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(testDbKinds())('out of scope answers like missing (issue 9.10) on %s', (kind) => {
  let w: World;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    w = await world(kind, {}, 'o');
    const { personId, measureId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    ids.measure = measureId;
    const leave = await w.worker.post(`/api/persons/${personId}/leaves`, { from: '2026-11-25', to: '2026-11-28', destination: '浙江省杭州市', reason: '探亲' });
    expect(leave.statusCode, leave.body).toBe(201);
    ids.leave = leave.json().id;
    const absence = await w.worker.post(`/api/persons/${personId}/absences`, { kind: 'hospital_stay', from: '2026-11-02' });
    expect(absence.statusCode, absence.body).toBe(201);
    ids.absence = absence.json().absence.id;
    // A refusal: an ordinary breach (education, C6); a positive test: a police notice (C6).
    const rec = await w.worker.post(`/api/persons/${personId}/records`, drugTest('2026-11-03', 'refused'));
    expect(rec.statusCode, rec.body).toBe(201);
    ids.education = rec.json().educationCreated[0].id;
    const positive = await w.worker.post(`/api/persons/${personId}/records`, drugTest('2026-11-04', 'positive'));
    expect(positive.statusCode, positive.body).toBe(201);
    ids.notice = positive.json().noticesCreated[0].id;
    ids.record = rec.json().record.id;
    ids.person = personId;
  });
  afterAll(() => w.t.close());

  // [route, method, body]; `:id` is replaced by the existing record's id or by an unknown one.
  const routes: [string, keyof typeof ids, Record<string, unknown>][] = [
    ['/api/leaves/:id/decision', 'leave', { decision: 'approve' }],
    ['/api/leaves/:id/extension', 'leave', { to: '2026-12-30', reason: '延期' }],
    ['/api/leaves/:id/return', 'leave', { returnedOn: '2026-11-20' }],
    ['/api/absences/:id/close', 'absence', { to: '2026-11-10' }],
    ['/api/education-records/:id/done', 'education', { date: '2026-11-10', note: '谈话教育' }],
    ['/api/measures/:id/events', 'measure', { type: 'suspend', date: '2026-11-10', reason: 'detention' }],
    ['/api/notices/:id/deliver', 'notice', {}],
    ['/api/notices/:id/acknowledge', 'notice', {}],
  ];

  it.each(routes)('issue 9.10: POST %s answers an outsider exactly like a missing id', async (route, which, body) => {
    const outsider = route.includes('acknowledge') ? w.outsidePolice : w.outsider;
    const existing = await outsider.post(route.replace(':id', ids[which]!), body);
    const missing = await outsider.post(route.replace(':id', MISSING), body);
    expect(existing.statusCode, existing.body).toBe(404);
    expect(existing.statusCode).toBe(missing.statusCode);
    expect(existing.json()).toEqual(missing.json());
  });

  it('issue 9.10: a supervision record answers an outsider like a missing person, and a wrong record id like a missing record', async () => {
    const wrong = await w.worker.get(`/api/persons/${ids.person}/records/${MISSING}`);
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe('record.not_found');
    const elsewhere = await w.outsider.get(`/api/persons/${ids.person}/records/${ids.record}`);
    const missingPerson = await w.outsider.get(`/api/persons/${MISSING}/records/${ids.record}`);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json()).toEqual(missingPerson.json());
  });
});
