import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestApp, testDbKinds, adminClient, idNumber, cityWithCommunity, userWith, type TestApp, type Client } from '../../test/harness';
import { buildRecord } from '../../test/factories';

// Issue 12: needs → plan → referral with consent → the partner's inbox → placement → outcome.
describe.each(testDbKinds())('assistance on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let officer: Client;
  let worker: Client;
  let partnerUser: Client & { userId: string };
  let otherPartnerUser: Client & { userId: string };
  let units: Awaited<ReturnType<typeof cityWithCommunity>>;
  let personId: string;
  let otherPersonId: string;
  let employerId: string;
  let bureauId: string;
  let seq = 300;

  async function person(name: string, orgUnitId: string) {
    const res = await officer.post('/api/persons', { orgUnitId, name, idNumber: idNumber('110101', '19880808', seq++), phone: '13812345678', drugTypes: ['methamphetamine'] });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    const m = await officer.post(`/api/persons/${id}/measures`, { kind: 'community_detox', decisionDate: '2026-10-01', decisionReceivedDate: '2026-10-02' });
    expect((await officer.post(`/api/measures/${m.json().id}/events`, { type: 'report', date: '2026-10-10' })).statusCode).toBe(200);
    return id;
  }
  async function partner(body: Record<string, unknown>) {
    const res = await officer.post('/api/partners', {
      orgUnitId: units.street,
      servedOrgUnitIds: [units.street],
      services: ['employment'],
      contactName: '周经理',
      contactPhone: '010-88886666',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }
  const k8 = async () => (await officer.get(`/api/assistance/indicators?orgUnitId=${units.community}&from=2026-01-01&to=2026-11-22`)).json().K8;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await adminClient(t);
    units = await cityWithCommunity(admin);
    officer = await userWith(t, admin, 'as.officer', 'officer', units.street);
    worker = await userWith(t, admin, 'as.worker', 'social_worker', units.community);
    partnerUser = await userWith(t, admin, 'as.partner', 'partner', units.street);
    otherPartnerUser = await userWith(t, admin, 'as.partner2', 'partner', units.street);
    personId = await person('王五', units.community);
    otherPersonId = await person('赵六', units.community);
    employerId = await partner({ name: '阳光物流', kind: 'caring_employer', capacity: 2 });
    bureauId = await partner({ name: '区人社局', kind: 'human_resources' });
    expect((await officer.post(`/api/partners/${employerId}/staff`, { userId: partnerUser.userId })).statusCode).toBe(200);
    expect((await officer.post(`/api/partners/${bureauId}/staff`, { userId: otherPartnerUser.userId })).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('the main journey: assess, plan, refer with consent, the partner accepts and places, the action closes, K8 moves by one', async () => {
    const a = await worker.post(`/api/persons/${personId}/assistance/assessments`, {
      assessedOn: '2026-11-20',
      needs: [
        { need: 'employment', level: 'severe', note: '失业半年' },
        { need: 'family_repair', level: 'some' },
      ],
    });
    expect(a.statusCode, a.body).toBe(201);
    const plan = await worker.post(`/api/persons/${personId}/assistance/plans`, {
      reviewDate: '2027-05-20',
      actions: [{ need: 'employment', goal: '稳定就业', action: '推荐至爱心企业', owner: 'partner', partnerId: employerId, dueDate: '2027-01-31' }],
    });
    expect(plan.statusCode, plan.body).toBe(201);
    // Only the street approves (assistance.approve): the social worker lacks the permission.
    expect((await worker.post(`/api/assistance/plans/${plan.json().id}/approve`)).statusCode).toBe(403);
    expect((await officer.post(`/api/assistance/plans/${plan.json().id}/approve`)).statusCode).toBe(200);
    const before = await k8();

    // P2: an employer learns of the history only with a consent.
    const noConsent = await worker.post(`/api/persons/${personId}/assistance/referrals`, { partnerId: employerId, need: 'employment', purpose: '岗位推荐' });
    expect(noConsent.json().error.fields[0]).toMatchObject({ path: 'consent', code: 'assistance.consent_required' });
    const refused = await worker.post(`/api/persons/${personId}/assistance/referrals`, {
      partnerId: employerId,
      need: 'employment',
      purpose: '岗位推荐',
      consent: { given: false, by: '本人', date: '2026-11-20', scope: '告知企业' },
    });
    expect(refused.json().error.fields[0].code).toBe('assistance.consent_refused');
    const sent = await worker.post(`/api/persons/${personId}/assistance/referrals`, {
      partnerId: employerId,
      need: 'employment',
      purpose: '岗位推荐：仓储',
      consent: { given: true, by: '本人', date: '2026-11-20', scope: '企业可知悉其正在社区戒毒' },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    // Sent on Sunday 22 November: five working days later is Friday 27 November.
    expect(sent.json()).toMatchObject({ status: 'sent', respondBy: '2026-11-27', stalled: false });
    const dup = await worker.post(`/api/persons/${personId}/assistance/referrals`, {
      partnerId: employerId,
      need: 'employment',
      purpose: '再次',
      consent: { given: true, by: '本人', date: '2026-11-20', scope: 'x' },
    });
    expect([dup.statusCode, dup.json().error.code]).toEqual([409, 'assistance.referral_duplicate']);

    const inbox = await partnerUser.get('/api/partner/referrals');
    expect(inbox.json().items).toEqual([
      {
        id: sent.json().id,
        partnerName: '阳光物流',
        status: 'sent',
        need: 'employment',
        purpose: '岗位推荐：仓储',
        sentOn: '2026-11-22',
        respondBy: '2026-11-27',
        person: { name: '王五', phone: '13812345678' },
      },
    ]);
    // Another partner's staff sees nothing of it (nor of this person), and cannot act on it.
    const others = (await otherPartnerUser.get('/api/partner/referrals')).json().items as { id: string; person: { name: string } }[];
    expect(others.filter((i) => i.id === sent.json().id || i.person.name === '王五')).toEqual([]);
    expect((await otherPartnerUser.post(`/api/partner/referrals/${sent.json().id}/accept`)).statusCode).toBe(404);

    expect((await partnerUser.post(`/api/partner/referrals/${sent.json().id}/accept`)).json().status).toBe('accepted');
    const done = await partnerUser.post(`/api/partner/referrals/${sent.json().id}/complete`, {
      date: '2026-11-22',
      outcome: '已入职仓储岗',
      details: { kind: 'job_placement', job: '仓储员', wageBand: '3000_to_5000', startDate: '2026-11-22' },
    });
    expect(done.statusCode, done.body).toBe(200);
    // Closed, it leaves the inbox and answers like a missing one.
    expect((await partnerUser.get('/api/partner/referrals')).json().items).toEqual([]);
    expect((await partnerUser.post(`/api/partner/referrals/${sent.json().id}/decline`, { reason: 'x' })).statusCode).toBe(404);

    const tab = (await worker.get(`/api/persons/${personId}/assistance`)).json();
    expect(tab.plan).toMatchObject({ version: 1, status: 'approved' });
    expect(tab.plan.actions[0]).toMatchObject({ status: 'done', closedOn: '2026-11-22' });
    expect(tab.referrals[0]).toMatchObject({ status: 'completed', outcome: '已入职仓储岗' });
    expect(tab.services[0]).toMatchObject({ kind: 'job_placement', providerName: '阳光物流', followUps: ['2027-02-22', '2027-05-22', '2027-11-22'] });
    expect(tab.reassessmentDue).toBe('2027-05-20');
    const after = await k8();
    expect(after).toEqual({ numerator: before.numerator + 1, denominator: before.denominator });
    const partners = (await worker.get('/api/partners?kind=caring_employer')).json().items;
    expect(partners[0]).toMatchObject({ name: '阳光物流', capacity: 2, placesTaken: 1, placesOpen: 1, consentRequired: true });
  });

  it('every partner read is audited, one row per person shown, with no free text', async () => {
    const r = await worker.post(`/api/persons/${otherPersonId}/assistance/referrals`, { partnerId: bureauId, need: 'employment', purpose: '就业登记' });
    expect(r.statusCode, r.body).toBe(201);
    await otherPartnerUser.get('/api/partner/referrals');
    const rows = await t.database.db.execute(
      `select action, person_id, details::text as details from audit_log where action = 'partner.inbox.read' and person_id = '${otherPersonId}'` as never,
    );
    const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { details: string }[];
    expect(list.length).toBe(1);
    expect(list[0]!.details).not.toContain('就业登记');
  });

  it('refuses bad referrals and placements with stable codes, and saves nothing', async () => {
    const elsewhere = await partner({ name: '外区企业', kind: 'human_resources', orgUnitId: units.street, servedOrgUnitIds: [units.otherStreet] }).catch(() => null);
    expect(elsewhere).toBeNull();
    const full = await partner({ name: '满员基地', kind: 'support_base', capacity: 1 });
    await worker.post(`/api/persons/${otherPersonId}/assistance/services`, {
      date: '2026-11-20',
      outcome: '入驻',
      details: { kind: 'job_placement', job: '车间工', wageBand: 'minimum_to_3000', startDate: '2026-11-20', employerPartnerId: full },
    });
    const toFull = await worker.post(`/api/persons/${personId}/assistance/referrals`, {
      partnerId: full,
      need: 'employment',
      purpose: '入驻',
      consent: { given: true, by: '本人', date: '2026-11-20', scope: 'x' },
    });
    expect([toFull.statusCode, toFull.json().error.code]).toEqual([409, 'assistance.partner_full']);
    const backwards = await worker.post(`/api/persons/${personId}/assistance/services`, {
      date: '2026-11-20',
      outcome: 'x',
      details: { kind: 'job_placement', job: '店员', wageBand: 'minimum_to_3000', startDate: '2026-11-20', endDate: '2026-11-01' },
    });
    expect(backwards.json().error.fields[0].code).toBe('assistance.placement_dates');
    const missing = await worker.post(`/api/persons/${personId}/assistance/referrals`, { partnerId: crypto.randomUUID(), need: 'legal', purpose: 'x' });
    expect(missing.statusCode).toBe(404);
    const bad = await worker.post(`/api/persons/${personId}/assistance/assessments`, { assessedOn: '2026-11-20', needs: [{ need: 'employment', level: 'extreme' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].message['en-US']).toBeTruthy();
  });

  it('a partner does not serve an area outside its list', async () => {
    const admin2 = admin;
    const far = (await admin2.post('/api/org-units', { parentId: units.otherStreet, level: 'community', name: '远方社区' })).json().id;
    const office = await userWith(t, admin2, 'as.office', 'officer', units.district);
    const p = (
      await office.post('/api/partners', {
        orgUnitId: units.district,
        servedOrgUnitIds: [far],
        services: ['legal'],
        name: '远方律所',
        kind: 'justice',
        contactName: '钱律师',
        contactPhone: '010-1234567',
      })
    ).json().id;
    const r = await worker.post(`/api/persons/${personId}/assistance/referrals`, { partnerId: p, need: 'legal', purpose: '法律咨询' });
    expect(r.json().error.fields[0].code).toBe('assistance.partner_not_serving');
  });

  it('the partner never receives drug history, tests, breaches or documents through any route that takes a person id', async () => {
    const personRoutes = t.routes.filter((r) => r.method !== 'HEAD' && /:personId|\/api\/persons\/:id/.test(r.url));
    expect(personRoutes.length).toBeGreaterThan(10);
    for (const r of personRoutes) {
      const url = r.url
        .replace(':personId', personId)
        .replace(':id', personId)
        .replace(/:[a-zA-Z]+/g, crypto.randomUUID());
      const res = await partnerUser.req(r.method === 'GET' ? 'GET' : r.method, url, r.method === 'GET' ? undefined : {});
      expect([r.method, r.url, [403, 404].includes(res.statusCode)]).toEqual([r.method, r.url, true]);
      expect(res.body).not.toContain('methamphetamine');
    }
    const inbox = JSON.stringify((await partnerUser.get('/api/partner/referrals')).json());
    for (const word of ['drug', 'test', 'breach', 'document', 'measure', 'idNumber']) expect(inbox).not.toContain(word);
  });

  type Task = { kind: string; personId: string; dueDate: string; overdue: boolean; refId: string | null; reason: string | null; month: number | null };
  const tasksOf = async (id: string) =>
    ((await worker.get(`/api/assistance/tasks?scope=unit&orgUnitId=${units.community}`)).json().items as Task[]).filter((x) => x.personId === id);

  it('item 1, T3: a re-assessment is due at the measure start, then on the cadence, and again after a relapse (a positive test)', async () => {
    const id = await person('孙七', units.community);
    // Reported on 10 October and never assessed: due that day, overdue today (22 November).
    expect(await tasksOf(id)).toEqual([
      {
        kind: 'reassessment',
        personId: id,
        personName: '孙七',
        orgUnitName: expect.any(String),
        dueDate: '2026-10-10',
        overdue: true,
        refId: null,
        reason: 'measure_start',
        month: null,
      },
    ]);
    await worker.post(`/api/persons/${id}/assistance/assessments`, { assessedOn: '2026-11-20', needs: [{ need: 'counselling', level: 'some' }] });
    expect(await tasksOf(id)).toEqual([]);
    expect((await worker.get(`/api/persons/${id}/assistance`)).json().reassessmentDue).toBe('2027-05-20');
    await buildRecord(t, officer, id, { kind: 'drug_test', date: '2026-11-21', sample: 'urine', method: 'on_site', result: 'positive', random: false });
    expect((await tasksOf(id)).map((x) => [x.kind, x.dueDate, x.reason])).toEqual([['reassessment', '2026-11-21', 'relapse']]);
    expect((await worker.get(`/api/persons/${id}/assistance`)).json().reassessmentDue).toBe('2026-11-21');
  });

  it('item 7: a plan due for review, a plan action past its due date and a referral past its deadline are tasks; a partner has no task list', async () => {
    const id = await person('周八', units.community);
    await worker.post(`/api/persons/${id}/assistance/assessments`, { assessedOn: '2026-11-20', needs: [{ need: 'employment', level: 'some' }] });
    const plan = await worker.post(`/api/persons/${id}/assistance/plans`, {
      reviewDate: '2026-11-22',
      actions: [
        { need: 'employment', goal: '就业', action: '登记', owner: 'worker', dueDate: '2026-12-31' },
        { need: 'housing', goal: '住处', action: '申请公租房', owner: 'worker', dueDate: '2026-11-20' },
      ],
    });
    const ref = await worker.post(`/api/persons/${id}/assistance/referrals`, { partnerId: bureauId, need: 'employment', purpose: '就业登记' });
    expect(ref.statusCode, ref.body).toBe(201);
    expect((await tasksOf(id)).map((x) => x.kind)).toEqual(['action_due', 'plan_review']);
    // The bureau let the deadline pass (set back in the table: the shared clock stays put).
    await t.database.db.execute(`update assistance_referrals set respond_by = '2026-11-18' where id = '${ref.json().id}'` as never);
    expect((await tasksOf(id)).map((x) => [x.kind, x.dueDate, x.refId])).toEqual([
      ['referral_stalled', '2026-11-19', ref.json().id],
      ['action_due', '2026-11-20', expect.any(String)],
      ['plan_review', '2026-11-22', plan.json().id],
    ]);
    expect((await partnerUser.get('/api/assistance/tasks')).statusCode).toBe(403);
    expect((await worker.get(`/api/assistance/tasks?scope=unit&orgUnitId=${units.otherStreet}`)).statusCode).toBe(404);
  });

  it('item 3, 6, K8: placement checks at 3/6/12 months; not employed, the placement ends, its place is freed and K8 drops', async () => {
    const id = await person('吴九', units.community);
    const base = await partner({ name: '阳光车间', kind: 'support_base', capacity: 3 });
    const placed = await worker.post(`/api/persons/${id}/assistance/services`, {
      date: '2026-08-01',
      outcome: '入驻车间',
      details: { kind: 'job_placement', job: '包装工', wageBand: 'minimum_to_3000', startDate: '2026-08-01', employerPartnerId: base },
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const sid = placed.json().id as string;
    expect((await tasksOf(id)).filter((x) => x.kind === 'placement_follow_up')).toMatchObject([{ refId: sid, month: 3, dueDate: '2026-11-01', overdue: true }]);
    const k8before = await k8();
    const check = (body: Record<string, unknown>) => worker.post(`/api/assistance/services/${sid}/checks`, body);
    const ok = await check({ month: 3, checkedOn: '2026-11-02', employed: true });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await tasksOf(id)).filter((x) => x.kind === 'placement_follow_up')).toEqual([]);
    expect([(await check({ month: 3, checkedOn: '2026-11-02', employed: true })).json().error.code]).toEqual(['assistance.check_duplicate']);
    expect((await check({ month: 4, checkedOn: '2026-11-02', employed: true })).json().error.fields[0].code).toBe('assistance.check_month');
    expect((await check({ month: 6, checkedOn: '2026-11-20', employed: false })).statusCode).toBe(400);
    expect((await check({ month: 6, checkedOn: '2026-11-20', employed: false, endDate: '2026-07-01' })).json().error.fields[0].code).toBe('assistance.placement_dates');
    expect((await check({ month: 6, checkedOn: '2026-11-20', employed: false, endDate: '2026-11-15' })).statusCode).toBe(201);
    const tab = (await worker.get(`/api/persons/${id}/assistance`)).json();
    expect(tab.services[0]).toMatchObject({
      details: { endDate: '2026-11-15' },
      checks: [
        { month: 3, employed: true },
        { month: 6, employed: false },
      ],
      checksDue: [],
    });
    const bases = (await worker.get('/api/partners?kind=support_base')).json().items as { id: string; placesTaken: number }[];
    expect(bases.find((b) => b.id === base)?.placesTaken).toBe(0);
    expect(await k8()).toEqual({ numerator: k8before.numerator - 1, denominator: k8before.denominator });
    expect((await check({ month: 12, checkedOn: '2026-11-20', employed: true })).json().error.code).toBe('assistance.placement_ended');
    expect((await partnerUser.post(`/api/assistance/services/${sid}/checks`, { month: 12, checkedOn: '2026-11-20', employed: true })).statusCode).toBe(403);
    expect((await worker.post(`/api/assistance/services/${crypto.randomUUID()}/checks`, { month: 3, checkedOn: '2026-11-20', employed: true })).statusCode).toBe(404);
  });

  it('item 2: every version is kept and listed; any one prints with the needs as assessed then', async () => {
    const id = await person('郑十', units.community);
    await worker.post(`/api/persons/${id}/assistance/assessments`, { assessedOn: '2026-11-01', needs: [{ need: 'housing', level: 'severe', note: '租房到期' }] });
    const body = (goal: string) => ({ reviewDate: '2027-05-01', actions: [{ need: 'housing', goal, action: '申请公租房', owner: 'worker', dueDate: '2027-01-31' }] });
    const v1 = (await worker.post(`/api/persons/${id}/assistance/plans`, body('有稳定住处'))).json();
    expect((await officer.post(`/api/assistance/plans/${v1.id}/approve`)).statusCode).toBe(200);
    await worker.post(`/api/persons/${id}/assistance/plans`, body('三个月内入住'));
    const tab = (await worker.get(`/api/persons/${id}/assistance`)).json();
    expect(tab.planHistory.map((p: { version: number; status: string }) => [p.version, p.status])).toEqual([
      [2, 'draft'],
      [1, 'approved'],
    ]);
    const latest = (await worker.get(`/api/persons/${id}/assistance/plan-print`)).json();
    expect(latest).toMatchObject({
      person: { name: '郑十' },
      plan: { version: 2, status: 'draft', actions: [{ goal: '三个月内入住' }] },
      needs: { needs: [{ need: 'housing', note: '租房到期' }] },
    });
    const first = (await worker.get(`/api/persons/${id}/assistance/plan-print?version=1`)).json();
    expect(first.plan).toMatchObject({ version: 1, status: 'approved', actions: [{ goal: '有稳定住处' }] });
    expect((await worker.get(`/api/persons/${id}/assistance/plan-print?version=9`)).statusCode).toBe(404);
    expect((await partnerUser.get(`/api/persons/${id}/assistance/plan-print`)).statusCode).toBe(403);
  });

  it('item 3: a relief application recorded as pending is decided later, once, not before it was submitted', async () => {
    const id = await person('冯十一', units.community);
    const applied = await worker.post(`/api/persons/${id}/assistance/services`, {
      date: '2026-11-02',
      outcome: '已递交低保申请',
      details: { kind: 'relief', scheme: 'subsistence', submittedOn: '2026-11-02', decision: 'pending' },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const decide = (body: Record<string, unknown>) => worker.post(`/api/assistance/services/${applied.json().id}/relief-decision`, body);
    expect((await decide({ decision: 'granted', decidedOn: '2026-11-01', amount: 800 })).json().error.fields[0].code).toBe('assistance.relief_dates');
    expect((await decide({ decision: 'granted', decidedOn: '2026-11-20', amount: 800 })).statusCode).toBe(200);
    expect((await decide({ decision: 'refused', decidedOn: '2026-11-21' })).json().error.code).toBe('assistance.relief_decided');
    const tab = (await worker.get(`/api/persons/${id}/assistance`)).json();
    expect(tab.services[0].details).toEqual({ kind: 'relief', scheme: 'subsistence', submittedOn: '2026-11-02', decision: 'granted', decidedOn: '2026-11-20', amount: 800 });
    const other = await worker.post(`/api/persons/${id}/assistance/services`, { date: '2026-11-02', outcome: 'x', details: { kind: 'legal_aid', matter: '咨询' } });
    expect((await worker.post(`/api/assistance/services/${other.json().id}/relief-decision`, { decision: 'refused', decidedOn: '2026-11-20' })).statusCode).toBe(404);
  });
});
