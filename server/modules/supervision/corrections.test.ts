import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDbKinds, userWith } from '../../test/harness';
import { rows } from '../../db/client';
import { messagesAbout, personUnderMeasure, test as drugTest, world, type World } from '../../test/supervision-world';

// Issues 9.13 and 9.14 (RULES C5, C6, M5): records can be voided or corrected with a stated
// reason, the old version kept; what they caused is recomputed, and a notice to the police whose
// fact no longer holds is withdrawn, or corrected (更正) if the police had it already.
// Today is 2026-11-22 (harness clock).

type Notice = { id: string; reason: string; state: string; kind: string; correctsId: string | null; withdrawnAt: string | null; withdrawalReason: string | null; factKey: string };

describe.each(testDbKinds())('corrections of records and notices (issue 9.13, 9.14) on %s', (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await world(kind, {}, 'c');
  });
  afterAll(() => w.t.close());

  const record = async (personId: string, body: Record<string, unknown>) => {
    const r = await w.worker.post(`/api/persons/${personId}/records`, body);
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  };
  const noticesOf = async (personId: string, state = 'all') => (await w.officer.get(`/api/notices?state=${state}&personId=${personId}`)).json().items as Notice[];
  /** The messages telling this user that the notice was withdrawn (found by id: messagesAbout). */
  const told = (c: typeof w.police, noticeId: string) => messagesAbout(w, c, { noticeId, withdrawn: true });

  it('C6 (issue 9.13): a serious-breach notice from days away is withdrawn when the return shows there were none; police and worker are told', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-06-01', name: '纸条人' });
    // A leave from a paper slip, long ended, approved: not reported back, so away ever since (C4, C5).
    const leave = (await w.worker.post(`/api/persons/${personId}/leaves`, { from: '2026-09-01', to: '2026-09-05', destination: '浙江省杭州市', reason: '探亲' })).json();
    expect((await w.streetOffice.post(`/api/leaves/${leave.id}/decision`, { decision: 'approve' })).statusCode).toBe(200);
    const raised = (await noticesOf(personId)).filter((n) => n.reason === 'serious_breach');
    expect(raised.length).toBeGreaterThan(0);
    expect(raised.every((n) => n.state === 'pending')).toBe(true);
    // He was back on the 6th: no day away without leave.
    const back = await w.worker.post(`/api/leaves/${leave.id}/return`, { returnedOn: '2026-09-06' });
    expect(back.statusCode, back.body).toBe(200);
    expect((await w.worker.get(`/api/persons/${personId}/breaches`)).json().assessment.counts).toMatchObject({ unauthorisedDepartures: 0, absenceDays: 0 });
    const after = await noticesOf(personId);
    for (const n of raised) {
      expect(after.find((x) => x.id === n.id)).toMatchObject({ state: 'withdrawn', withdrawalReason: 'facts_changed' });
      expect(await told(w.police, n.id)).toHaveLength(1);
      expect(await told(w.worker, n.id)).toHaveLength(1);
    }
    expect(after.filter((n) => n.kind === 'correction')).toEqual([]); // never delivered: nothing to correct
    expect((await noticesOf(personId, 'open')).filter((n) => n.reason === 'serious_breach')).toEqual([]);
    expect((await noticesOf(personId, 'withdrawn')).map((n) => n.id).sort()).toEqual(raised.map((n) => n.id).sort());
    // A withdrawn notice cannot be delivered or acknowledged any more.
    expect((await w.officer.post(`/api/notices/${raised[0]!.id}/deliver`, {})).json().error.code).toBe('notice.withdrawn');
    expect((await w.police.post(`/api/notices/${raised[0]!.id}/acknowledge`)).json().error.code).toBe('notice.withdrawn');
  });

  it('C5/C6 (issue 9.14): a mis-tapped 逃检 corrected to negative: the serious breach goes, the delivered notice gets a correction notice (更正) in the police list and on the timeline', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01', name: '误录人' });
    await record(personId, drugTest('2026-10-10', 'evaded'));
    await record(personId, drugTest('2026-10-20', 'refused'));
    const third = await record(personId, drugTest('2026-11-01', 'evaded'));
    expect(third.breaches.level).toBe('serious_breach');
    const notice = third.noticesCreated.find((n: Notice) => n.reason === 'serious_breach') as Notice;
    expect((await w.officer.post(`/api/notices/${notice.id}/deliver`, { note: '送达派出所' })).statusCode).toBe(200);

    const res = await w.worker.post(`/api/persons/${personId}/records/${third.record.id}/correction`, {
      reason: '误点逃检，实为阴性',
      record: drugTest('2026-11-01', 'negative'),
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.breaches.level).toBe('breach');
    expect(body.replaced).toMatchObject({ id: third.record.id, voidReason: '误点逃检，实为阴性', supersededBy: body.record.id });
    expect(body.record).toMatchObject({ correctsId: third.record.id, drugTest: expect.objectContaining({ result: 'negative' }) });
    const correction = body.noticesWithdrawn.find((n: Notice) => n.kind === 'correction') as Notice;
    expect(correction).toMatchObject({ correctsId: notice.id, state: 'pending', reason: 'serious_breach' });
    expect(body.noticesWithdrawn.find((n: Notice) => n.id === notice.id)).toMatchObject({ state: 'corrected', withdrawalReason: 'record_corrected' });
    // The police see the correction to acknowledge, and are told in the app.
    const open = (await w.police.get(`/api/notices?personId=${personId}`)).json().items as Notice[];
    expect(open.map((n) => [n.kind, n.id])).toEqual([['correction', correction.id]]);
    expect(await told(w.police, notice.id)).toHaveLength(1);
    expect((await w.police.post(`/api/notices/${correction.id}/acknowledge`)).json()).toMatchObject({ state: 'acknowledged', kind: 'correction' });
    // The old version is kept: in the records and on the timeline, with its correction.
    const records = (await w.worker.get(`/api/persons/${personId}/records`)).json().items as { id: string; voidedAt: string | null }[];
    expect(records.find((r) => r.id === third.record.id)!.voidedAt).not.toBeNull();
    expect(records.find((r) => r.id === body.record.id)!.voidedAt).toBeNull();
    const timeline = (await w.officer.get(`/api/persons/${personId}/timeline`)).json().items as { title: Record<string, string> }[];
    const titles = timeline.map((e) => e.title['zh-CN'] ?? '');
    expect(titles).toContain('吸毒检测 · 已更正');
    expect(titles.some((t) => t.startsWith('更正通知'))).toBe(true);
    expect(titles.some((t) => t.startsWith('通报已更正'))).toBe(true);
    // The audit trail has the change, without the values (P6).
    const trail = await rows<{ before: unknown; after: unknown; details: { changed: string[]; replaces: string; cause: string }; purpose: string }>(
      w.t.database.db,
      sql`select before, after, details, purpose from audit_log where action = 'supervision.record.correct' and person_id = ${personId}`,
    );
    expect(trail).toEqual([
      { before: null, after: null, purpose: '误点逃检，实为阴性', details: expect.objectContaining({ replaces: third.record.id, cause: 'record_corrected' }) },
    ]);
    expect(trail[0]!.details.changed).toContain('drugTest');
    const withdrawals = await rows<{ details: Record<string, unknown> }>(
      w.t.database.db,
      sql`select details from audit_log where action = 'notice.withdraw' and entity_id = ${notice.id}`,
    );
    expect(withdrawals).toEqual([{ details: expect.objectContaining({ cause: 'record_corrected', correctionId: correction.id }) }]);
  });

  it('C6 (issue 9.14): a voided positive test withdraws its relapse notice; a voided refusal its education; who may void', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01', name: '作废人' });
    const positive = await record(personId, drugTest('2026-11-02', 'positive'));
    const refused = await record(personId, drugTest('2026-11-03', 'refused'));
    const relapse = positive.noticesCreated[0] as Notice;
    const education = refused.educationCreated[0] as { id: string };
    // Not the recorder and not the street officer: refused; an outsider: like missing (issue 9.10).
    const colleague = await userWith(w.t, w.admin, 'c.colleague', 'social_worker', w.units.community);
    const notMine = await colleague.post(`/api/persons/${personId}/records/${positive.record.id}/void`, { reason: '录入错误' });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().error.code).toBe('record.not_changeable');
    expect((await w.worker.post(`/api/persons/${personId}/records/${positive.record.id}/void`, { reason: '' })).statusCode).toBe(400);
    const outsider = await w.outsider.post(`/api/persons/${personId}/records/${positive.record.id}/void`, { reason: '录入错误' });
    const missing = await w.outsider.post(`/api/persons/00000000-0000-4000-8000-000000000000/records/${positive.record.id}/void`, { reason: '录入错误' });
    expect([outsider.statusCode, outsider.json()]).toEqual([missing.statusCode, missing.json()]);

    const voided = await w.worker.post(`/api/persons/${personId}/records/${positive.record.id}/void`, { reason: '样本登记错人' });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(voided.json()).toMatchObject({ record: null, replaced: { id: positive.record.id, voidReason: '样本登记错人', supersededBy: null } });
    expect(voided.json().noticesWithdrawn).toEqual([expect.objectContaining({ id: relapse.id, state: 'withdrawn', withdrawalReason: 'record_voided' })]);
    expect((await w.worker.post(`/api/persons/${personId}/records/${positive.record.id}/void`, { reason: '再次作废' })).json().error.code).toBe('record.already_voided');

    // The street officer may void a record he did not enter.
    const byOffice = await w.streetOffice.post(`/api/persons/${personId}/records/${refused.record.id}/void`, { reason: '当日未安排检测' });
    expect(byOffice.statusCode, byOffice.body).toBe(200);
    expect(byOffice.json().breaches.counts.refusals).toBe(0);
    const edu = (await w.worker.get(`/api/persons/${personId}/breaches`)).json().education as { id: string; withdrawnAt: string | null }[];
    expect(edu.find((e) => e.id === education.id)!.withdrawnAt).not.toBeNull();
    expect((await w.worker.post(`/api/education-records/${education.id}/done`, { date: '2026-11-20', note: '谈话' })).json().error.code).toBe('education.withdrawn');
  });

  it('C6 (issue 9.13): a fact that holds again after a withdrawal raises a new notice', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-01', name: '复现人' });
    const positive = await record(personId, drugTest('2026-11-02', 'positive'));
    await w.worker.post(`/api/persons/${personId}/records/${positive.record.id}/correction`, { reason: '结果录错', record: drugTest('2026-11-02', 'negative') });
    const corrected = (await w.worker.get(`/api/persons/${personId}/records`)).json().items.find((r: { correctsId: string | null }) => r.correctsId === positive.record.id);
    const again = await w.worker.post(`/api/persons/${personId}/records/${corrected.id}/correction`, { reason: '复核确为阳性', record: drugTest('2026-11-02', 'positive') });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().noticesCreated).toEqual([expect.objectContaining({ reason: 'relapse', state: 'pending', kind: 'notice' })]);
    const all = await noticesOf(personId);
    expect(all.map((n) => n.state).sort()).toEqual(['pending', 'withdrawn']);
  });
});
