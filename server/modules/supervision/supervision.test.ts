import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { idNumber, testDbKinds } from '../../test/harness';
import { messagesAbout, personUnderMeasure, tasksOf, test, visitForm, world, type World } from '../../test/supervision-world';
import { supervisionTasks } from './schema';
import { asc, sql } from 'drizzle-orm';
import { rows } from '../../db/client';

// The fixed clock of the harness: 2026-11-22 10:00 in Asia/Shanghai, so today is 2026-11-22.

describe.each(testDbKinds())('supervision on %s', (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await world(kind);
  });
  afterAll(() => w.t.close());

  describe('C5 boundaries, end to end', () => {
    it.each<[string, number, string, number]>([
      ['C5: 2 refusals are an ordinary breach: education, no notice, "one more" warning', 2, 'breach', 0],
      ['C5: 3 refusals ("以上" includes 3) are a serious breach: a notice to the police', 3, 'serious_breach', 1],
    ])('%s', async (_label, refusals, level, notices) => {
      const { personId } = await personUnderMeasure(w, { reportDate: '2026-11-01' });
      let last;
      for (let i = 0; i < refusals; i++) {
        const res = await w.worker.post(`/api/persons/${personId}/records`, test(`2026-11-0${5 + i}`, 'refused', { random: true }));
        expect(res.statusCode, res.body).toBe(201);
        last = res.json();
      }
      expect(last.breaches).toMatchObject({ level, counts: { refusals } });
      if (level === 'breach') {
        expect(last.breaches.untilSerious.tests).toBe(1);
        expect(last.breaches.warning['zh-CN']).toContain('再有 1 次即构成严重违反协议');
        expect(last.noticesCreated).toEqual([]);
      } else {
        expect(last.noticesCreated).toHaveLength(1);
        expect(last.noticesCreated[0]).toMatchObject({ reason: 'serious_breach', state: 'pending', factDate: '2026-11-07', details: { limit: 'refusals_and_evasions' } });
      }
      const b = (await w.officer.get(`/api/persons/${personId}/breaches`)).json();
      expect(b.notices.filter((n: { reason: string }) => n.reason === 'serious_breach')).toHaveLength(notices);
      // C6: the refusals below the limit each got a record of criticism and education.
      expect(b.education.map((e: { reason: string }) => e.reason)).toEqual(['refused', 'refused']);
    });

    it.each<[string, string, number, number]>([
      ['C5: 30 days away ("超过 30" excludes 30): a departure, no serious breach', '2026-10-30', 30, 0],
      ['C5: 31 days away is a serious breach', '2026-10-31', 31, 1],
    ])('%s', async (_label, to, days, notices) => {
      const { personId } = await personUnderMeasure(w, { reportDate: '2026-09-20' });
      const res = await w.worker.post(`/api/persons/${personId}/absences`, { kind: 'away', from: '2026-10-01', to });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().absence).toMatchObject({ unauthorisedDeparture: true, uncoveredDays: days });
      expect(res.json().breaches.counts).toMatchObject({ unauthorisedDepartures: 1, absenceDays: days });
      const b = (await w.officer.get(`/api/persons/${personId}/breaches`)).json();
      const serious = b.notices.filter((n: { reason: string }) => n.reason === 'serious_breach');
      expect(serious).toHaveLength(notices);
      if (notices) expect(serious[0].details.limit).toBe('absence_days');
      else expect(b.education.map((e: { reason: string }) => e.reason)).toEqual(['unauthorised_departure']);
    });
  });

  it('T3: a result outside T3, a test before the measure began or in the future: 400 with field codes, nothing saved', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-11-01' });
    const cases: [Record<string, unknown>, string, string][] = [
      [test('2026-11-10', 'diluted'), 'body.result', 'validation.invalid_value'],
      [test('2026-10-31', 'negative'), 'date', 'supervision.date_before_measure'],
      [test('2026-11-23', 'negative'), 'date', 'supervision.date_future'],
      [test('2026-11-10', 'negative', { method: 'lab_retest' }), 'retestOf', 'supervision.retest_of_required'],
      [test('2026-11-10', 'negative', { attachmentId: '00000000-0000-4000-8000-000000000000' }), 'attachmentId', 'supervision.attachment_invalid'],
    ];
    for (const [body, path, code] of cases) {
      const res = await w.worker.post(`/api/persons/${personId}/records`, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields).toEqual([expect.objectContaining({ path, code })]);
    }
    expect((await w.worker.get(`/api/persons/${personId}/records`)).json().total).toBe(0);
  });

  it('a person outside my scope does not exist for me (404), whatever I try', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-11-01' });
    for (const [method, url, body] of [
      ['POST', `/api/persons/${personId}/records`, test('2026-11-10', 'negative')],
      ['GET', `/api/persons/${personId}/records`, undefined],
      ['GET', `/api/persons/${personId}/breaches`, undefined],
      ['GET', `/api/persons/${personId}/tasks`, undefined],
      ['POST', `/api/persons/${personId}/leaves`, { from: '2026-11-25', to: '2026-11-28', destination: '上海', reason: '探亲' }],
    ] as const) {
      const res = await w.outsider.req(method, url, body);
      expect([url, res.statusCode]).toEqual([url, 404]);
      expect(res.json().error.code).toBe('person.not_found');
    }
  });

  it("one record reads by itself (to print it); the read is audited; another person's record or an outsider get 404", async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-11-01' });
    const other = await personUnderMeasure(w, { reportDate: '2026-11-01' });
    const rec = (await w.worker.post(`/api/persons/${personId}/records`, test('2026-11-10', 'negative'))).json().record;
    const one = await w.worker.get(`/api/persons/${personId}/records/${rec.id}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toEqual(rec);
    const audited = await rows<{ actor_id: string }>(w.t.database.db, sql`select actor_id from audit_log where action = 'supervision.record.read' and entity_id = ${rec.id}`);
    expect(audited.map((a) => a.actor_id)).toEqual([w.worker.userId]);
    expect((await w.worker.get(`/api/persons/${other.personId}/records/${rec.id}`)).json().error.code).toBe('record.not_found');
    expect((await w.outsider.get(`/api/persons/${personId}/records/${rec.id}`)).json().error.code).toBe('person.not_found');
  });

  it('T7: the window edges of a scheduled test, through the API', async () => {
    // Term from 2026-09-22: drug test 1 is due 2026-10-22, window 2026-10-15 .. 2026-10-29.
    const cases: [string, string, string][] = [
      ['2026-10-14', 'overdue', 'T7: day −8 is outside the window'],
      ['2026-10-15', 'done', 'T7: day −7 is inside'],
      ['2026-10-29', 'done', 'T7: day +7 is inside'],
      ['2026-10-30', 'overdue', 'T7: day +8 is outside; the test counts as evaded'],
    ];
    for (const [date, state, label] of cases) {
      const { personId } = await personUnderMeasure(w, { reportDate: '2026-09-22' });
      const rec = await w.worker.post(`/api/persons/${personId}/records`, test(date, 'negative'));
      expect(rec.statusCode, rec.body).toBe(201);
      const first = (await tasksOf(w.worker, personId)).find((t) => t.key === 'drug_test:1')!;
      expect([label, first.windowStart, first.windowEnd, first.state]).toEqual([label, '2026-10-15', '2026-10-29', state]);
      expect(first.recordId).toBe(state === 'done' ? rec.json().record.id : null);
      expect(rec.json().tasks.map((t: { key: string }) => t.key)).toEqual(state === 'done' ? ['drug_test:1'] : []);
    }
  });

  it.each<[string, 'community_detox' | 'community_rehab', string, string[], string[]]>([
    ['T4: monthly tests in year 1, every 2 months in year 2', 'community_detox', '2025-11-10', ['2026-10-10', '2026-11-10', '2027-01-10'], ['2026-12-10']],
    ['T5: every 2 months in year 1, quarterly in year 2', 'community_rehab', '2025-10-01', ['2026-08-01', '2026-10-01', '2027-01-01'], ['2026-12-01']],
  ])('%s: the year change is visible in the stored tasks', async (_label, measureKind, reportDate, present, absent) => {
    const { personId } = await personUnderMeasure(w, { reportDate, kind: measureKind });
    const dues = (await tasksOf(w.worker, personId)).filter((t) => t.kind === 'drug_test').map((t) => t.dueDate);
    for (const d of present) expect(dues).toContain(d);
    for (const d of absent) expect(dues).not.toContain(d);
    // Backfilled: past tests are overdue in the assessment, but raise nothing until the daily run.
    const b = (await w.worker.get(`/api/persons/${personId}/breaches`)).json();
    expect(b.assessment.counts.evasions).toBeGreaterThan(3);
    expect(b.notices).toEqual([]);
  });

  it('C9: a suspension pauses the schedule; after release the tasks move back by the days held, keys unchanged', async () => {
    const { personId, measureId } = await personUnderMeasure(w, { reportDate: '2026-08-01' });
    const test2 = async () => (await tasksOf(w.worker, personId)).find((t) => t.key === 'drug_test:2');
    expect((await test2())!.dueDate).toBe('2026-10-01');
    let r = await w.officer.post(`/api/measures/${measureId}/events`, { type: 'suspend', date: '2026-09-10', reason: '刑事拘留' });
    expect(r.statusCode, r.body).toBe(200);
    // While held, no task falls due after the suspension began.
    const held = await tasksOf(w.worker, personId);
    expect(held.every((t) => t.dueDate < '2026-09-10')).toBe(true);
    expect(await test2()).toBeUndefined();
    r = await w.officer.post(`/api/measures/${measureId}/events`, { type: 'resume', date: '2026-09-20', reason: '释放' });
    expect(r.statusCode, r.body).toBe(200);
    expect((await test2())!).toMatchObject({ dueDate: '2026-10-11', windowStart: '2026-10-04', windowEnd: '2026-10-18' });
  });

  it('recompute is idempotent: running it twice changes no row', async () => {
    await personUnderMeasure(w, { reportDate: '2026-06-15' });
    const rowsNow = () => w.t.services.db.select().from(supervisionTasks).orderBy(asc(supervisionTasks.measureId), asc(supervisionTasks.key));
    const first = await w.t.services.supervision.recomputeAll();
    const before = await rowsNow();
    const second = await w.t.services.supervision.recomputeAll();
    const after = await rowsNow();
    expect(second).toMatchObject({ tasksWritten: 0, tasksDeleted: 0, statusWritten: 0, notices: 0, education: 0 });
    // Issue 11.5: the second run trusts what the first stored (nothing it reads moved): no one is read again.
    expect(second.persons).toBe(0);
    expect(second.skipped).toBe(first.persons + first.skipped);
    expect(after).toEqual(before);
  });

  it('pending tasks move with the person to a new community (found through the current unit, not copied)', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-20', name: '迁移人' });
    const unitTasks = async (unit: string) =>
      ((await w.officer.get(`/api/today?scope=unit&orgUnitId=${unit}`)).json().tasks as { personId: string }[]).filter((t) => t.personId === personId);
    const before = await unitTasks(w.units.community);
    expect(before.length).toBeGreaterThan(0);
    expect(await unitTasks(w.units.community2)).toEqual([]);
    const stored = (await tasksOf(w.officer, personId)).length;
    const a = await w.officer.post(`/api/persons/${personId}/assignment`, { orgUnitId: w.units.community2, workerId: null, reason: '居住地变更' });
    expect(a.statusCode, a.body).toBe(200);
    expect(await unitTasks(w.units.community)).toEqual([]);
    expect((await unitTasks(w.units.community2)).map((t: { personId: string }) => t.personId)).toEqual(before.map((t) => t.personId));
    expect((await tasksOf(w.officer, personId)).length).toBe(stored);
  });

  it('C6/T3: a positive test is a relapse notice; its lab re-test is the same relapse', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-11-01' });
    const pos = await w.worker.post(`/api/persons/${personId}/records`, test('2026-11-12', 'positive', { random: true }));
    expect(pos.json().noticesCreated).toEqual([expect.objectContaining({ reason: 'relapse', factDate: '2026-11-12' })]);
    const re = await w.worker.post(
      `/api/persons/${personId}/records`,
      test('2026-11-14', 'positive', { method: 'lab_retest', sample: 'hair', retestOf: pos.json().record.id, random: true }),
    );
    expect(re.statusCode, re.body).toBe(201);
    expect(re.json().record.drugTest).toMatchObject({ method: 'lab_retest', sample: 'hair', retestOf: pos.json().record.id });
    expect(re.json().noticesCreated).toEqual([]);
  });

  it('C6: the police officer of the street sees the notice and acknowledges it; others cannot', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-11-01', name: '通报人' });
    const pos = await w.worker.post(`/api/persons/${personId}/records`, test('2026-11-12', 'positive', { random: true }));
    const noticeId = pos.json().noticesCreated[0].id as string;
    const list = (await w.police.get(`/api/notices?personId=${personId}`)).json();
    expect(list.items).toEqual([expect.objectContaining({ id: noticeId, reason: 'relapse', personName: '通报人', state: 'pending', overdue: false })]);
    // The police of the street hear of it in the app at once; the police of another street do not.
    const told = (c: typeof w.police) => messagesAbout(w, c, { noticeId });
    expect(await told(w.police)).toEqual([expect.objectContaining({ title: '通报 · 复吸（检测阳性）', personId, details: expect.objectContaining({ audience: 'police' }) })]);
    expect(await told(w.outsidePolice)).toEqual([]);
    expect(await told(w.worker)).toEqual([expect.objectContaining({ title: '通报公安 · 复吸（检测阳性）' })]);
    expect((await w.outsidePolice.get(`/api/notices?personId=${personId}`)).json().items).toEqual([]);
    expect((await w.outsidePolice.post(`/api/notices/${noticeId}/acknowledge`)).statusCode).toBe(404);
    expect((await w.worker.post(`/api/notices/${noticeId}/acknowledge`)).statusCode).toBe(403);
    const delivered = await w.officer.post(`/api/notices/${noticeId}/deliver`, { note: '当面送达派出所' });
    expect(delivered.json()).toMatchObject({ state: 'delivered', deliveredBy: w.officer.userId, deliveryNote: '当面送达派出所' });
    const ack = await w.police.post(`/api/notices/${noticeId}/acknowledge`);
    expect(ack.json()).toMatchObject({ state: 'acknowledged', acknowledgedBy: w.police.userId });
    expect((await w.police.post(`/api/notices/${noticeId}/acknowledge`)).json().error.code).toBe('notice.already_acknowledged');
    expect((await w.police.get(`/api/notices?personId=${personId}`)).json().items).toEqual([]);
    expect((await w.police.get(`/api/notices?personId=${personId}&state=all`)).json().items).toHaveLength(1);
    // The deadline (24 h) passes unacknowledged: overdue.
    const other = await personUnderMeasure(w, { reportDate: '2026-11-01' });
    const n = (await w.worker.post(`/api/persons/${other.personId}/records`, test('2026-11-12', 'positive', { random: true }))).json().noticesCreated[0];
    expect(Date.parse(n.deadline) - Date.parse(n.createdAt)).toBe(24 * 3_600_000);
    await w.setToday('2026-11-24');
    try {
      expect((await w.police.get(`/api/notices?personId=${other.personId}`)).json().items[0].overdue).toBe(true);
    } finally {
      await w.setToday('2026-11-22');
    }
  });

  it("the worker's day: my caseload's due and overdue tasks, the warning, counts per worker and community, the calendar", async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-10-25', name: '李四' });
    await w.worker.post(`/api/persons/${personId}/records`, test('2026-11-05', 'evaded', { random: true }));
    const ev = await w.worker.post(`/api/persons/${personId}/records`, test('2026-11-06', 'refused', { random: true }));
    expect(ev.json().breaches.warning['en-US']).toBe('Refused or evaded 2 times: one more is a serious breach (C5)');
    const visit = await w.worker.post(`/api/persons/${personId}/records`, { kind: 'visit', date: '2026-11-20', place: '家中', form: visitForm, note: '上月失业' });
    expect(visit.statusCode, visit.body).toBe(201);
    expect(visit.json().record).toMatchObject({ kind: 'visit', contactMode: 'in_person', form: { needs: ['employment'] } });
    const day = (await w.worker.get('/api/today')).json();
    const mine = day.tasks.filter((t: { personId: string }) => t.personId === personId);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((t: { state: string; dueDate: string }) => ['due', 'overdue'].includes(t.state) || t.dueDate === day.date)).toBe(true);
    expect(mine[0]).toMatchObject({ personName: '李四', workerId: w.worker.userId });
    expect(day.warnings).toContainEqual(expect.objectContaining({ personId, kind: 'tests_one_more' }));
    // Not my caseload: another worker sees none of it.
    const counts = (await w.officer.get(`/api/today/counts?orgUnitId=${w.units.street}&from=2026-11-01&to=2026-11-30`)).json();
    const mineCounts = counts.byWorker.find((r: { workerId: string }) => r.workerId === w.worker.userId);
    expect(mineCounts.due).toBe(mineCounts.done + mineCounts.overdue + mineCounts.open);
    expect(counts.byCommunity.map((c: { orgUnitName: string }) => c.orgUnitName)).toContain('多福巷社区');
    const cal = (await w.worker.get('/api/calendar?from=2026-11-20&to=2026-12-31')).json();
    expect(cal.days.length).toBeGreaterThan(0);
    expect(cal.days.every((d: { date: string; tasks: { dueDate: string }[] }) => d.tasks.every((t) => t.dueDate === d.date))).toBe(true);
    const tooLong = await w.worker.get('/api/calendar?from=2026-11-01&to=2027-03-01');
    expect(tooLong.json().error.fields[0].code).toBe('supervision.range_too_long');
  });

  it('the timeline shows records, leave steps and notices', async () => {
    const { personId } = await personUnderMeasure(w, { reportDate: '2026-11-01' });
    await w.worker.post(`/api/persons/${personId}/records`, test('2026-11-12', 'positive', { random: true }));
    const l = await w.worker.post(`/api/persons/${personId}/leaves`, { from: '2026-11-25', to: '2026-11-28', destination: '上海', reason: '探亲' });
    expect(l.statusCode, l.body).toBe(201);
    const items = (await w.officer.get(`/api/persons/${personId}/timeline`)).json().items as { kind: string; title: Record<string, string> }[];
    expect(items.map((i) => i.kind)).toEqual(expect.arrayContaining(['record', 'leave', 'notice']));
    expect(items.find((i) => i.kind === 'record')!.title['zh-CN']).toBe('吸毒检测 · 阳性');
  });

  describe('the daily run (time moves)', () => {
    const setToday = (date: string) => w.setToday(date);
    afterAll(() => setToday('2026-11-22'));

    it('T7: a due test becomes overdue the day after its window, and only the daily run raises the evasion', async () => {
      // Term from 2026-11-22: test 1 due 2026-12-22, window 2026-12-15 .. 2026-12-29.
      await setToday('2026-11-22');
      const { personId } = await personUnderMeasure(w, { reportDate: '2026-11-22' });
      await setToday('2026-12-29');
      await w.t.services.scheduler.runNow('supervision.recompute');
      expect((await tasksOf(w.worker, personId)).find((t) => t.key === 'drug_test:1')!.state).toBe('due');
      await setToday('2026-12-30');
      expect(await w.t.services.scheduler.runNow('supervision.recompute')).toBe(true);
      expect((await tasksOf(w.worker, personId)).find((t) => t.key === 'drug_test:1')!.state).toBe('overdue');
      const b = (await w.worker.get(`/api/persons/${personId}/breaches`)).json();
      expect(b.assessment.counts.evasions).toBe(1);
      expect(b.education).toEqual([expect.objectContaining({ reason: 'evaded', factDate: '2026-12-30' })]);
      // A second tick the same day recomputes nobody.
      expect(await w.t.services.db.transaction((tx) => w.t.services.supervision.runDaily(tx))).toMatchObject({ persons: 0 });
    });

    it('C1 (JOURNEYS 3): no report by the deadline → a notice the next morning; a refusal → at once', async () => {
      await setToday('2026-11-22');
      const personId = (await w.officer.post('/api/persons', { orgUnitId: w.units.community, name: '未报到', idNumber: idNumber('110101', '19900101', 901) })).json().id as string;
      const m = (await w.officer.post(`/api/persons/${personId}/measures`, { kind: 'community_detox', decisionDate: '2026-11-20', decisionReceivedDate: '2026-11-20' })).json();
      expect(m.reportDeadline).toBe('2026-12-05');
      await setToday('2026-12-05');
      await w.t.services.scheduler.runNow('supervision.recompute');
      expect((await w.officer.get(`/api/persons/${personId}/breaches`)).json().notices).toEqual([]);
      await setToday('2026-12-06');
      await w.t.services.scheduler.runNow('supervision.recompute');
      const n = (await w.officer.get(`/api/persons/${personId}/breaches`)).json().notices;
      expect(n).toEqual([expect.objectContaining({ reason: 'refused', factDate: '2026-12-06', details: expect.objectContaining({ rule: 'C1' }) })]);
      // The refusal recorded later is the same fact: no second notice.
      const r = await w.officer.post(`/api/measures/${m.id}/events`, { type: 'refuse_report', date: '2026-12-06' });
      expect(r.statusCode, r.body).toBe(200);
      expect((await w.officer.get(`/api/persons/${personId}/breaches`)).json().notices).toHaveLength(1);
    });

    it('C11: neither met nor reached for more than 30 days → lost contact, flagged on the person and notified', async () => {
      await setToday('2026-11-22');
      const { personId } = await personUnderMeasure(w, { reportDate: '2026-11-01' });
      await w.worker.post(`/api/persons/${personId}/records`, { kind: 'follow_up', date: '2026-11-10', place: '电话', contactMode: 'phone', form: visitForm });
      await setToday('2026-12-10'); // 30 days after the last contact: not yet
      await w.t.services.scheduler.runNow('supervision.recompute');
      expect((await w.worker.get(`/api/persons/${personId}/breaches`)).json().assessment.lostContact).toMatchObject({
        lost: false,
        lastReachable: '2026-11-10',
        lastInPersonContact: null,
      });
      await setToday('2026-12-11');
      await w.t.services.scheduler.runNow('supervision.recompute');
      const b = (await w.worker.get(`/api/persons/${personId}/breaches`)).json();
      expect(b.assessment.lostContact.lost).toBe(true);
      expect(b.assessment.warning).not.toBeNull();
      expect(b.notices).toContainEqual(expect.objectContaining({ reason: 'lost_contact', factKey: expect.stringContaining('2026-11-10') }));
      const day = (await w.worker.get('/api/today')).json();
      expect(day.warnings).toContainEqual(expect.objectContaining({ personId, kind: expect.stringMatching(/lost_contact|tests_one_more|serious_breach/) }));
    });
  });
});
