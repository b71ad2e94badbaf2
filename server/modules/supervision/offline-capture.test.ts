import { randomUUID } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testDbKinds } from '../../test/harness';
import { personUnderMeasure, test, world, type World } from '../../test/supervision-world';

// Issue 17 §2–3: drug tests, check-ins and short notes (talks) captured offline go through the
// record route the outbox sends to — the same service function as an online record — with the
// client key and the basis of the device's view. The fixed clock of the harness: today is
// 2026-11-22, the server's time 02:00Z; a device whose last answer came at 01:00Z saw nothing
// written since.

const AS_OF = '2026-11-22T01:00:00Z';
const offline = (body: Record<string, unknown>, clientKey = randomUUID(), keepBoth?: boolean) => ({
  ...body,
  clientKey,
  basis: { asOf: AS_OF, ...(keepBoth === undefined ? {} : { keepBoth }) },
});
const checkIn = (date: string, extra: Record<string, unknown> = {}) => ({ kind: 'check_in', date, place: '社区戒毒康复工作站', ...extra });
/** A short note on the phone: a talk whose form asks nothing (every answer `unknown`). */
const note = (date: string, text: string) => ({
  kind: 'talk',
  date,
  place: '家中',
  contactMode: 'phone',
  form: { livingSituation: 'unknown', employment: 'unknown', family: 'unknown', health: 'unknown', mood: 'unknown', needs: [], nextStep: 'continue' },
  note: text,
});

describe.each(testDbKinds())('offline capture of drug tests, check-ins and notes on %s', (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await world(kind, {}, 'offc');
  });
  afterAll(() => w.t.close());

  const recordsOf = async (personId: string, k?: string) => {
    const res = await w.officer.get(`/api/persons/${personId}/records${k ? `?kind=${k}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      items: {
        id: string;
        kind: string;
        date: string;
        recordedAt: string;
        recordedByName: string | null;
        drugTest: { tester: string | null; random: boolean; result: string } | null;
      }[];
      total: number;
    };
  };

  it('a drug test, a check-in and a note, each sent twice (a retry, a double tap) under its key: one record each, tester = the worker', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    const bodies = [
      offline(test('2026-11-21', 'negative', { sample: 'urine', method: 'on_site', random: true })),
      offline(checkIn('2026-11-21')),
      offline(note('2026-11-21', '电话联系，本人在家')),
    ];
    for (const body of bodies) {
      const first = await w.worker.post(`/api/persons/${personId}/records`, body);
      expect(first.statusCode, first.body).toBe(201);
      const twice = await Promise.all([0, 1].map(() => w.worker.post(`/api/persons/${personId}/records`, body)));
      expect(twice.map((r) => r.statusCode)).toEqual([200, 200]);
      for (const r of twice) expect(r.json()).toMatchObject({ replayed: true, record: { id: first.json().record.id } });
    }
    const all = await recordsOf(personId);
    expect(all.items.map((r) => r.kind).sort()).toEqual(['check_in', 'drug_test', 'talk']);
    // The server's date rules: the date is the one sent (the device's calendar, corrected by the server's time), the time is the server's.
    const t = all.items.find((r) => r.kind === 'drug_test')!;
    expect(t).toMatchObject({ date: '2026-11-21', drugTest: { random: true, result: 'negative' } });
    // Tester = me: the signed-in worker's name, as online.
    expect(t.drugTest!.tester).toBe(t.recordedByName);
    expect(t.recordedAt.slice(0, 10)).toBe('2026-11-22');
  });

  it("a date after the server's today (the device clock days ahead) is refused on its field, and the key stays free", async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    const key = randomUUID();
    const ahead = await w.worker.post(`/api/persons/${personId}/records`, offline(test('2026-11-25', 'negative'), key));
    expect(ahead.statusCode, ahead.body).toBe(400);
    expect(ahead.json().error.fields[0]).toMatchObject({ path: 'date', code: 'supervision.date_future' });
    expect(ahead.json().error.fields[0].message['zh-CN']).toBeTruthy();
    expect((await recordsOf(personId)).total).toBe(0);
    expect((await w.worker.post(`/api/persons/${personId}/records`, offline(test('2026-11-22', 'negative'), key))).statusCode).toBe(201);
  });

  it("a person moved out of the worker's reach meanwhile: the queued test is the 404 of a missing person, nothing written", async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    const moved = await w.officer.post(`/api/persons/${personId}/assignment`, { orgUnitId: w.units.community2, workerId: null, reason: '迁居韶九社区' });
    expect(moved.statusCode, moved.body).toBe(200);
    const res = await w.worker.post(`/api/persons/${personId}/records`, offline(test('2026-11-21', 'refused')));
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json().error.code).toBe('person.not_found');
    expect(res.json().error.message['zh-CN']).toBeTruthy();
    expect((await recordsOf(personId)).total).toBe(0);
  });

  it('C5, C6: refusals sent from the outbox lead to exactly what online ones do — the "one more" warning, then the serious breach and one notice to the police; a replay raises nothing again', async () => {
    const online = await personUnderMeasure(w, { reportDate: '2026-11-01' });
    const queued = await personUnderMeasure(w, { reportDate: '2026-11-01' });
    const strip = (r: {
      breaches: { measureId?: string } | null;
      noticesCreated: { reason: string; factDate: string; details: unknown }[];
      educationCreated: { reason: string }[];
    }) => ({
      breaches: r.breaches && { ...r.breaches, measureId: undefined },
      notices: r.noticesCreated.map((n) => ({ reason: n.reason, factDate: n.factDate, details: n.details })),
      education: r.educationCreated.map((e) => e.reason),
    });
    for (const [i, date] of ['2026-11-05', '2026-11-06', '2026-11-07'].entries()) {
      const a = await w.worker.post(`/api/persons/${online.personId}/records`, test(date, 'refused', { random: true }));
      const key = randomUUID();
      const b = await w.worker.post(`/api/persons/${queued.personId}/records`, offline(test(date, 'refused', { random: true }), key));
      expect([a.statusCode, b.statusCode], b.body).toEqual([201, 201]);
      expect(strip(b.json())).toEqual(strip(a.json()));
      if (i === 1) {
        expect(b.json().breaches.warning['zh-CN']).toContain('再有 1 次即构成严重违反协议');
        // The first answer lost, the phone sends again: the replay still carries the warning, and raises no education twice.
        const again = await w.worker.post(`/api/persons/${queued.personId}/records`, offline(test(date, 'refused', { random: true }), key));
        expect(again.statusCode).toBe(200);
        expect(again.json()).toMatchObject({ replayed: true, educationCreated: [], breaches: { warning: b.json().breaches.warning } });
      }
      if (i === 2) {
        expect(b.json().breaches.level).toBe('serious_breach');
        expect(b.json().noticesCreated).toEqual([expect.objectContaining({ reason: 'serious_breach', factDate: '2026-11-07' })]);
        const again = await w.worker.post(`/api/persons/${queued.personId}/records`, offline(test(date, 'refused', { random: true }), key));
        expect(again.statusCode).toBe(200);
        expect(again.json()).toMatchObject({ replayed: true, noticesCreated: [], breaches: { level: 'serious_breach' } });
      }
    }
    const notices = (await w.officer.get(`/api/persons/${queued.personId}/breaches`)).json().notices.filter((n: { reason: string }) => n.reason === 'serious_breach');
    expect(notices).toHaveLength(1);
  });

  it('§3: a queued drug test meets one a colleague recorded meanwhile: 409 with its date, nothing written; kept beside it on request, once', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    expect((await w.officer.post(`/api/persons/${personId}/records`, test('2026-11-21', 'negative'))).statusCode).toBe(201);
    const key = randomUUID();
    const mine = test('2026-11-21', 'negative', { sample: 'saliva' });
    const clash = await w.worker.post(`/api/persons/${personId}/records`, offline(mine, key));
    expect(clash.statusCode, clash.body).toBe(409);
    expect(clash.json().error).toMatchObject({ code: 'supervision.record_clash' });
    expect(clash.json().error.message['zh-CN']).toContain('2026-11-21');
    expect((await recordsOf(personId, 'drug_test')).total).toBe(1);
    const kept = await w.worker.post(`/api/persons/${personId}/records`, offline(mine, key, true));
    expect(kept.statusCode, kept.body).toBe(201);
    expect((await w.worker.post(`/api/persons/${personId}/records`, offline(mine, key))).statusCode).toBe(200);
    expect((await recordsOf(personId, 'drug_test')).total).toBe(2);
  });

  it('§3: a queued check-in meets one a colleague recorded meanwhile: a clash; a check-in he had seen, or his own, is none', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    expect((await w.officer.post(`/api/persons/${personId}/records`, checkIn('2026-11-20'))).statusCode).toBe(201);
    const clash = await w.worker.post(`/api/persons/${personId}/records`, offline(checkIn('2026-11-21')));
    expect(clash.statusCode, clash.body).toBe(409);
    expect(clash.json().error.code).toBe('supervision.record_clash');
    const seen = await w.worker.post(`/api/persons/${personId}/records`, { ...checkIn('2026-11-21'), clientKey: randomUUID(), basis: { asOf: '2026-11-22T03:00:00Z' } });
    expect(seen.statusCode, seen.body).toBe(201);
    expect((await recordsOf(personId, 'check_in')).total).toBe(2);
  });

  it('§3 (C9): the measure suspended meanwhile over the date of a queued test: a clash naming the suspension; one dated before it is saved; kept on request', async () => {
    const { personId, measureId } = await personUnderMeasure(w, { reportDate: '2026-10-01' });
    const s = await w.officer.post(`/api/measures/${measureId}/events`, { type: 'suspend', date: '2026-11-20', reason: '行政拘留' });
    expect(s.statusCode, s.body).toBe(200);
    const key = randomUUID();
    const during = offline(test('2026-11-21', 'negative'), key);
    const clash = await w.worker.post(`/api/persons/${personId}/records`, during);
    expect(clash.statusCode, clash.body).toBe(409);
    expect(clash.json().error.code).toBe('supervision.record_clash_suspended');
    expect(clash.json().error.message['zh-CN']).toContain('2026-11-20');
    expect(clash.json().error.message['en-US']).toContain('suspended');
    expect((await recordsOf(personId)).total).toBe(0);
    // A check-in from before the arrest is simply saved.
    expect((await w.worker.post(`/api/persons/${personId}/records`, offline(checkIn('2026-11-19')))).statusCode).toBe(201);
    // Had the device seen the suspension, the record is saved as online (no clash). Measure events
    // are stamped by the database's clock, not the harness's fixed one: "seen" is after the real now.
    const seenAt = new Date(Date.now() + 60_000).toISOString();
    expect((await w.worker.post(`/api/persons/${personId}/records`, { ...checkIn('2026-11-21'), clientKey: randomUUID(), basis: { asOf: seenAt } })).statusCode).toBe(201);
    const kept = await w.worker.post(`/api/persons/${personId}/records`, { ...during, basis: { asOf: AS_OF, keepBoth: true } });
    expect(kept.statusCode, kept.body).toBe(201);
    expect((await recordsOf(personId)).total).toBe(3);
  });
});
