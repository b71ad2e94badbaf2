import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { Client, testDbKinds } from '../../test/harness';
import { world, type World } from '../../test/supervision-world';
import { auditLog } from '../audit/schema';
import { surveyResponses } from './schema';

// Issue 16 item 4: resident surveys through a public link, no sign-in, no person data
// (RULES K14 recognition, K15 satisfaction), and the security of the public endpoints.
describe.each(testDbKinds())('resident surveys on %s', (kind) => {
  let w: World;
  let n = 0;
  /** A browser without a session, from an address of its own (the limits count per address). */
  const anonymous = () => {
    const c = new Client(w.t);
    c.address = `198.51.100.${++n}`;
    return c;
  };
  beforeAll(async () => {
    w = await world(kind, {}, 'sv');
  });
  afterAll(() => w.t.close());

  const survey = (orgUnitId: string) => ({
    orgUnitId,
    title: '新型毒品认知与满意度调查',
    audiences: ['youth', 'residents'],
    questions: [
      { kind: 'single', text: '“奶茶”包装的饮品可能是新型毒品吗？', options: ['可能', '不可能'], correct: [0] },
      { kind: 'multiple', text: '以下哪些是新型毒品？', options: ['冰毒', '咖啡', '摇头丸'], correct: [0, 2] },
      { kind: 'single', text: '您从哪里知道禁毒知识？', options: ['学校', '社区'] },
      { kind: 'satisfaction', text: '您对社区禁毒工作满意吗？' },
    ],
  });
  const make = async (orgUnitId = w.units.community) => {
    const res = await w.worker.post('/api/prevention/surveys', survey(orgUnitId));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; links: { token: string; orgUnitId: string }[] };
  };
  const right = { audience: 'youth', answers: [[0], [2, 0], [1], [5]] };

  it('answers through the public link without a session; the page hides the correct answers; K14 and K15 move for the unit', async () => {
    const s = await make();
    const token = s.links[0]!.token;
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const q = `orgUnitId=${w.units.community}&from=2026-01-01&to=2026-12-31`;
    const before = (await w.worker.get(`/api/prevention/indicators?${q}`)).json();
    const visitor = anonymous();
    const page = await visitor.get(`/api/public/surveys/${token}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ title: '新型毒品认知与满意度调查', orgUnitName: '多福巷社区', open: true });
    expect(page.body).not.toContain('correct');
    const res = await visitor.post(`/api/public/surveys/${token}/answers`, right);
    expect(res.statusCode, res.body).toBe(201);
    const wrong = await anonymous().post(`/api/public/surveys/${token}/answers`, { answers: [[1], [0], [0], [3]] });
    expect(wrong.statusCode, wrong.body).toBe(201);
    const after = (await w.worker.get(`/api/prevention/indicators?${q}`)).json();
    // K14: 2 of 2 right, then 0 of 2; K15: a 5 is satisfied, a 3 is not.
    expect(after.k14.recognition.numerator).toBe(before.k14.recognition.numerator + 2);
    expect(after.k14.recognition.denominator).toBe(before.k14.recognition.denominator + 4);
    expect(after.k15.satisfaction.numerator).toBe(before.k15.satisfaction.numerator + 1);
    expect(after.k15.satisfaction.denominator).toBe(before.k15.satisfaction.denominator + 2);
    expect(after.k14).toMatchObject({ target: 0.85 });
    const results = (await w.worker.get(`/api/prevention/surveys/${s.id}/results`)).json();
    expect(results.total).toMatchObject({ responses: 2, recognition: { numerator: 2, denominator: 4, rate: 0.5 }, satisfaction: { numerator: 1, denominator: 2 } });
    expect(results.byAudience).toEqual(
      expect.arrayContaining([expect.objectContaining({ audience: 'youth', responses: 1 }), expect.objectContaining({ audience: null, responses: 1 })]),
    );
    expect(results.byQuestion[1]).toEqual({ counts: [2, 0, 1], correct: { numerator: 1, denominator: 2, rate: 0.5 } });
    expect(results.byQuestion[3].counts).toEqual([0, 0, 1, 0, 1]);
  });

  it('stores no person data: no address, no browser in the response or its audit row', async () => {
    const s = await make();
    const visitor = anonymous();
    expect((await visitor.req('POST', `/api/public/surveys/${s.links[0]!.token}/answers`, right, { 'user-agent': 'PhoneBrowser/1.0' })).statusCode).toBe(201);
    const [row] = await w.t.services.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, s.id));
    expect(Object.keys(row!).sort()).toEqual(['answeredOn', 'answers', 'audience', 'correct', 'createdAt', 'id', 'knowledge', 'orgUnitId', 'rated', 'satisfied', 'surveyId']);
    const audit = await w.t.services.db.select().from(auditLog).where(eq(auditLog.action, 'survey.answer'));
    const mine = audit.filter((a) => a.entityId === s.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ ip: null, userAgent: null, actorId: null });
    expect(JSON.stringify(mine)).not.toContain(visitor.address);
  });

  it('results are per unit: each unit of the subtree has its own link; a link outside the subtree is refused', async () => {
    const s = await w.officer.post('/api/prevention/surveys', survey(w.units.street));
    expect(s.statusCode, s.body).toBe(201);
    const id = s.json().id;
    const linked = await w.officer.post(`/api/prevention/surveys/${id}/links`, { orgUnitId: w.units.community2 });
    expect(linked.statusCode, linked.body).toBe(200);
    const again = await w.officer.post(`/api/prevention/surveys/${id}/links`, { orgUnitId: w.units.community2 });
    expect(again.json().links).toHaveLength(2);
    const outside = await w.officer.post(`/api/prevention/surveys/${id}/links`, { orgUnitId: w.units.otherStreet });
    expect(outside.json().error.fields[0]).toMatchObject({ path: 'orgUnitId', code: 'survey.link_outside' });
    expect((await w.officer.post(`/api/prevention/surveys/${id}/links`, { orgUnitId: w.units.otherDistrict })).statusCode).toBe(404);
    const tokenOf = (unit: string) => linked.json().links.find((l: { orgUnitId: string }) => l.orgUnitId === unit).token;
    for (const ans of [right, right]) expect((await anonymous().post(`/api/public/surveys/${tokenOf(w.units.community2)}/answers`, ans)).statusCode).toBe(201);
    expect((await anonymous().post(`/api/public/surveys/${tokenOf(w.units.street)}/answers`, right)).statusCode).toBe(201);
    const results = (await w.officer.get(`/api/prevention/surveys/${id}/results`)).json();
    expect(Object.fromEntries(results.byUnit.map((u: { orgUnitId: string; responses: number }) => [u.orgUnitId, u.responses]))).toEqual({
      [w.units.street]: 1,
      [w.units.community2]: 2,
    });
    // Out of scope is a 404 like a missing survey.
    expect((await w.outsider.get(`/api/prevention/surveys/${id}/results`)).statusCode).toBe(404);
    expect((await w.worker.get(`/api/prevention/surveys/${id}`)).statusCode).toBe(404);
  });

  it.each<[string, unknown, string, string]>([
    ['an answer missing', { answers: [[0], [0], [1]] }, 'answers', 'survey.answers_count'],
    ['two choices on a single question', { answers: [[0, 1], [0], [1], [4]] }, 'answers.0', 'survey.answer_invalid'],
    ['a rating out of the scale', { answers: [[0], [0], [1], [0]] }, 'answers.3', 'survey.answer_invalid'],
    ['an audience the survey does not list', { audience: 'elderly', answers: [[0], [0], [1], [4]] }, 'audience', 'survey.audience_unknown'],
    ['an unknown field', { ...right, name: '张三' }, 'body', 'validation.unrecognized_keys'],
    ['a phone number smuggled as a field', { ...right, phone: '13800000000' }, 'body', 'validation.unrecognized_keys'],
    ['a choice index too large', { answers: [[0], [99], [1], [4]] }, 'body.answers.1.0', 'validation.too_big'],
  ])('refuses %s with a 400 and writes nothing', async (_l, body, path, code) => {
    const s = await make();
    const res = await anonymous().post(`/api/public/surveys/${s.links[0]!.token}/answers`, body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields).toContainEqual(expect.objectContaining({ path, code }));
    expect(await w.t.services.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, s.id))).toHaveLength(0);
  });

  it('refuses a bad survey definition with the field named', async () => {
    const bad = {
      ...survey(w.units.community),
      questions: [
        { kind: 'single', text: '？', options: ['a', 'b'], correct: [0, 1] },
        { kind: 'satisfaction', text: '满意吗', options: ['a'] },
      ],
    };
    const res = await w.worker.post('/api/prevention/surveys', bad);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string; code: string }) => `${f.path} ${f.code}`)).toEqual([
      'body.questions.0.correct survey.correct_invalid',
      'body.questions.1.options survey.satisfaction_no_options',
    ]);
  });

  it('one answer per device as far as a cookie allows; a closed survey or an unknown token takes none', async () => {
    const s = await make();
    const token = s.links[0]!.token;
    const phone = anonymous();
    expect((await phone.post(`/api/public/surveys/${token}/answers`, right)).statusCode).toBe(201);
    const res = await phone.t.app.inject({
      method: 'POST',
      url: `/api/public/surveys/${token}/answers`,
      payload: right,
      remoteAddress: phone.address!,
      cookies: { sf_answered: s.id },
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('survey.already_answered');
    expect((await w.worker.patch(`/api/prevention/surveys/${s.id}`, { state: 'closed' })).json().state).toBe('closed');
    const closed = await anonymous().post(`/api/public/surveys/${token}/answers`, right);
    expect(closed.json().error.code).toBe('survey.closed');
    expect((await anonymous().get(`/api/public/surveys/${token}`)).json().open).toBe(false);
    expect((await anonymous().get(`/api/public/surveys/AAAAAAAAAAAAAAAAAAAAAA`)).statusCode).toBe(404);
    expect((await anonymous().get(`/api/public/surveys/short`)).statusCode).toBe(400);
    expect(await w.t.services.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, s.id))).toHaveLength(1);
  });

  it('under a burst of 1,000 answers from one address: the limit answers 429, every success is stored and nothing else', async () => {
    const s = await make();
    const token = s.links[0]!.token;
    const burst = anonymous();
    const limit = w.t.config.publicLimits.perAddressPerMinute;
    const codes = await Promise.all(Array.from({ length: 1000 }, () => burst.post(`/api/public/surveys/${token}/answers`, right).then((r) => r.statusCode)));
    const ok = codes.filter((c) => c === 201).length;
    expect(ok).toBe(limit);
    expect(codes.filter((c) => c === 429)).toHaveLength(1000 - limit);
    const stored = await w.t.services.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, s.id));
    expect(stored).toHaveLength(ok);
    expect(stored.every((r) => r.knowledge === 2 && r.correct === 2 && r.rated === 1 && r.satisfied === 1)).toBe(true);
    const refused = await burst.post(`/api/public/surveys/${token}/answers`, right);
    expect(refused.json().error.code).toBe('public.rate_limited');
    // Another address is not held back by this one.
    expect((await anonymous().post(`/api/public/surveys/${token}/answers`, right)).statusCode).toBe(201);
    // The window passes: the address may answer again.
    w.t.clock.advanceMinutes(1);
    expect((await burst.post(`/api/public/surveys/${token}/answers`, right)).statusCode).toBe(201);
  });
});
