import { randomUUID } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testDbKinds } from '../../test/harness';
import { personUnderMeasure, visitForm, world, type World } from '../../test/supervision-world';

// Issue 17: a record captured offline carries a client key; however often the outbox sends it
// (a retry after a lost answer, a replay after the app restarted, a double tap), one record is
// made per user and key. The fixed clock of the harness: today is 2026-11-22.

const gridVisit = (clientKey: string, extra: Record<string, unknown> = {}) => ({
  kind: 'grid_visit',
  date: '2026-11-20',
  place: '家中',
  contactMode: 'in_person',
  form: visitForm,
  note: '地下室无信号，离线登记',
  clientKey,
  ...extra,
});

describe.each(testDbKinds())('idempotent records on %s', (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await world(kind, {}, 'idem');
  });
  afterAll(() => w.t.close());

  const recordsOf = async (personId: string) => {
    const res = await w.officer.get(`/api/persons/${personId}/records?kind=grid_visit`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: { id: string; note: string | null }[]; total: number };
  };

  it('F2: a grid visit sent twice under one key is one record; the second answer is the first record, marked replayed', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    const key = randomUUID();
    const first = await w.worker.post(`/api/persons/${personId}/records`, gridVisit(key));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().replayed).toBe(false);
    const resolved = first.json().tasks.map((t: { key: string }) => t.key);
    expect(resolved.length).toBeGreaterThan(0);

    const again = await w.worker.post(`/api/persons/${personId}/records`, gridVisit(key));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ replayed: true, record: { id: first.json().record.id, kind: 'grid_visit' }, noticesCreated: [], educationCreated: [] });
    // The tasks it resolved the first time, read back rather than recomputed.
    expect(again.json().tasks.map((t: { key: string }) => t.key)).toEqual(resolved);
    expect((await recordsOf(personId)).total).toBe(1);
  });

  it('a double tap (two sends at once) makes one record', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    const key = randomUUID();
    const both = await Promise.all([0, 1].map(() => w.worker.post(`/api/persons/${personId}/records`, gridVisit(key))));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(new Set(both.map((r) => r.json().record.id)).size).toBe(1);
    expect((await recordsOf(personId)).total).toBe(1);
  });

  it('the key is per user: another worker sending the same key makes his own record', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    const key = randomUUID();
    expect((await w.worker.post(`/api/persons/${personId}/records`, gridVisit(key))).statusCode).toBe(201);
    const other = await w.officer.post(`/api/persons/${personId}/records`, gridVisit(key));
    expect(other.statusCode, other.body).toBe(201);
    expect((await recordsOf(personId)).total).toBe(2);
  });

  it('a key reused for another person or another kind is a 409 conflict and writes nothing', async () => {
    const a = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    const b = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    const key = randomUUID();
    expect((await w.worker.post(`/api/persons/${a.personId}/records`, gridVisit(key))).statusCode).toBe(201);
    const otherPerson = await w.worker.post(`/api/persons/${b.personId}/records`, gridVisit(key));
    expect(otherPerson.statusCode, otherPerson.body).toBe(409);
    expect(otherPerson.json().error).toMatchObject({ code: 'supervision.client_key_reused' });
    expect(otherPerson.json().error.message['zh-CN']).toContain('记录标识');
    const otherKind = await w.worker.post(`/api/persons/${a.personId}/records`, { kind: 'check_in', place: '工作站', clientKey: key });
    expect(otherKind.statusCode, otherKind.body).toBe(409);
    expect((await recordsOf(b.personId)).total).toBe(0);
    expect((await recordsOf(a.personId)).total).toBe(1);
  });

  it('a replay for a person out of reach is the 404 of a missing person, not the stored record', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    const key = randomUUID();
    expect((await w.worker.post(`/api/persons/${personId}/records`, gridVisit(key))).statusCode).toBe(201);
    const outsider = await w.outsider.post(`/api/persons/${personId}/records`, gridVisit(key));
    expect(outsider.statusCode, outsider.body).toBe(404);
    expect(outsider.json().error.code).toBe('person.not_found');
  });

  it('a refused record (bad input) keeps its key free: the corrected send is made', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    const key = randomUUID();
    const future = await w.worker.post(`/api/persons/${personId}/records`, gridVisit(key, { date: '2026-12-01' }));
    expect(future.statusCode, future.body).toBe(400);
    expect(future.json().error.fields[0]).toMatchObject({ path: 'date', code: 'supervision.date_future' });
    expect((await w.worker.post(`/api/persons/${personId}/records`, gridVisit(key))).statusCode).toBe(201);
    expect((await recordsOf(personId)).total).toBe(1);
  });

  it('a client key that is not a UUID is a 400 on its field', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    const res = await w.worker.post(`/api/persons/${personId}/records`, gridVisit('not-a-key'));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain('body.clientKey');
    expect((await recordsOf(personId)).total).toBe(0);
  });

  // Issue 17 §3: the harness clock reads 2026-11-22T02:00Z, so the officer's record below is
  // written at 02:00Z; a device whose last answer from the server came at 01:00Z did not see it.
  const sawAt = (iso: string, keepBoth?: boolean) => ({ basis: { asOf: iso, ...(keepBoth === undefined ? {} : { keepBoth }) } });

  it('a grid visit made offline meets one a colleague wrote meanwhile: 409 with its date, nothing written; kept both on request', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    expect((await w.officer.post(`/api/persons/${personId}/records`, gridVisit(randomUUID(), { date: '2026-11-21' }))).statusCode).toBe(201);
    const key = randomUUID();
    const clash = await w.worker.post(`/api/persons/${personId}/records`, gridVisit(key, sawAt('2026-11-22T01:00:00Z')));
    expect(clash.statusCode, clash.body).toBe(409);
    expect(clash.json().error.code).toBe('supervision.record_clash');
    expect(clash.json().error.message['zh-CN']).toContain('2026-11-21');
    expect((await recordsOf(personId)).total).toBe(1);
    // The worker compared both and keeps his: the same key, now with keepBoth.
    const kept = await w.worker.post(`/api/persons/${personId}/records`, gridVisit(key, sawAt('2026-11-22T01:00:00Z', true)));
    expect(kept.statusCode, kept.body).toBe(201);
    expect((await recordsOf(personId)).total).toBe(2);
    // Sent once more (a lost answer): the replay, not a clash and not a third record.
    const again = await w.worker.post(`/api/persons/${personId}/records`, gridVisit(key, sawAt('2026-11-22T01:00:00Z')));
    expect(again.statusCode, again.body).toBe(200);
    expect((await recordsOf(personId)).total).toBe(2);
  });

  it('no clash when the device had seen the other record, when it is his own, or when it resolves another task', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    expect((await w.officer.post(`/api/persons/${personId}/records`, gridVisit(randomUUID()))).statusCode).toBe(201);
    expect((await w.worker.post(`/api/persons/${personId}/records`, gridVisit(randomUUID(), sawAt('2026-11-22T03:00:00Z')))).statusCode).toBe(201);
    expect((await w.worker.post(`/api/persons/${personId}/records`, gridVisit(randomUUID(), sawAt('2026-11-22T01:00:00Z')))).statusCode).toBe(409);
    const other = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    expect((await w.worker.post(`/api/persons/${other.personId}/records`, gridVisit(randomUUID()))).statusCode).toBe(201);
    expect((await w.worker.post(`/api/persons/${other.personId}/records`, gridVisit(randomUUID(), sawAt('2026-11-22T01:00:00Z')))).statusCode).toBe(201);
    const test = await w.officer.post(`/api/persons/${other.personId}/records`, { kind: 'drug_test', place: '工作站', result: 'negative' });
    expect(test.statusCode, test.body).toBe(201);
    expect((await w.worker.post(`/api/persons/${other.personId}/records`, gridVisit(randomUUID(), sawAt('2026-11-22T01:00:00Z', false)))).statusCode).toBe(201);
  });

  it('a basis that is not a server time is a 400 on its field', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    const res = await w.worker.post(`/api/persons/${personId}/records`, gridVisit(randomUUID(), { basis: { asOf: 'yesterday' } }));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain('body.basis.asOf');
    expect((await recordsOf(personId)).total).toBe(0);
  });
});
