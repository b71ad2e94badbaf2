// Issue 9 item 1 (P6, 三员分立): every audit action the code can write is driven through the
// API here, and no row of the trail holds a person's data beyond the least identifying (the
// person's id): before/after of a person's rows are empty, their details hold only declared
// keys, and no name, ID number, phone, address, birth date or free text of a person appears in
// any row. A new action fails this test until it is registered AND driven here.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDbKinds, idNumber, STRONG, Client, userWith, nextTotpCode, type Authenticator, type TestApp } from '../../test/harness';
import { rows } from '../../db/client';
import { findIdentifiers } from '../../lib/identifying';
import { registeredAuditActions } from './actions';
import { world, visitForm, test as drugTest, type World } from '../../test/supervision-world';
import { ledgerRow, ledgerXlsx, multipartBody } from '../../test/ledger-files';
import { cleanPerson } from '../../test/sealing-world';

type Res = Awaited<ReturnType<Client['get']>>;
const ok = (res: Res, status = 200) => {
  expect(res.statusCode, `${res.statusCode} ${res.body.slice(0, 300)}`).toBe(status);
  return res.json();
};

// What identifies the persons of this test: none of it may reach the trail.
const P = {
  name: '欧阳澄澈',
  formerName: '欧阳小澈',
  pinyin: 'ouyangchengche',
  idNumber: idNumber('110101', '19790613', 457),
  phone: '13698765432',
  registeredAddress: '北京市东城区柳荫街九十九号',
  residenceAddress: '北京市西城区银锭桥胡同八十八号',
  employer: '澄澈贸易有限公司',
  birthDate: '1979-06-13',
  contactName: '欧阳慈母',
  contactPhone: '13566667777',
  note: '谈话中提到其兄在做生意',
  destination: '浙江省湖州市安吉县澄澈村',
  leaveReason: '探望澄澈家族长辈',
};
// A volunteer is a person too: the trail keeps neither name nor phone.
const V = { name: '上官志愿', phone: '13955554444' };
const Q = { name: '司马清扬', idNumber: idNumber('110101', '19820305', 458), phone: '13511112222', birthDate: '1982-03-05' };

describe.each(testDbKinds())('P6: every audit action keeps the least identifying detail, on %s', (kind) => {
  let w: World;
  let t: TestApp;
  beforeAll(async () => {
    w = await world(kind, {}, 'walk');
    t = w.t;
  });
  afterAll(() => t.close());

  async function staffSide(w: World) {
    const { admin, units } = w;
    // Sign-in: failures, second factor wrong and right, password change wrong, logout, session revoked.
    const anon = new Client(t);
    ok(await anon.post('/api/auth/login', { username: 'nobody.here', password: 'x' }), 401);
    ok(await anon.post('/api/auth/login', { username: 'walk.officer', password: 'wrong-password' }), 401);
    const adminTotp = (admin as Client & { totp: Authenticator }).totp;
    const totp = () => nextTotpCode(t, adminTotp);
    const second = new Client(t);
    ok(await second.post('/api/auth/login', { username: 'admin', password: STRONG }));
    ok(await second.post('/api/auth/mfa', { code: '000000' }), 400);
    ok(await second.post('/api/auth/mfa', { code: totp() }));
    ok(await second.post('/api/auth/password', { currentPassword: 'not-it', newPassword: 'Another#Pass2026' }), 400);
    ok(await second.post('/api/auth/logout'));
    const third = new Client(t);
    ok(await third.post('/api/auth/login', { username: 'admin', password: STRONG }));
    const other = (ok(await admin.get('/api/auth/sessions')).items as { id: string; current: boolean }[]).find((s) => !s.current)!;
    ok(await admin.del(`/api/auth/sessions/${other.id}`));
    // Org tree, dictionaries, roles, users, grants, policy.
    const unit = ok(await admin.post('/api/org-units', { parentId: units.street, level: 'community', name: '临时社区' }), 201);
    ok(await admin.patch(`/api/org-units/${unit.id}`, { name: '临时社区（改）' }));
    ok(await admin.post(`/api/org-units/${unit.id}/move`, { parentId: units.otherStreet }));
    ok(await admin.del(`/api/org-units/${unit.id}`));
    const dict = ok(await admin.post('/api/dictionaries', { kind: 'occupation', code: 'walk_test', nameZh: '测试职业', nameEn: 'Walk test' }), 201);
    ok(await admin.patch(`/api/dictionaries/${dict.id}`, { nameZh: '测试职业二' }));
    const role = ok(await admin.post('/api/roles', { code: 'walk_role', nameZh: '走查角色', nameEn: 'Walk role', permissions: ['org.read'] }), 201);
    ok(await admin.patch(`/api/roles/${role.id}`, { nameZh: '走查角色二' }));
    const user = ok(await admin.post('/api/users', { username: 'walk.temp', displayName: '临时用户', orgUnitId: units.street }), 201).user;
    ok(await admin.patch(`/api/users/${user.id}`, { displayName: '临时用户二' }));
    const grant = ok(await admin.post(`/api/users/${user.id}/grants`, { roleId: role.id, orgUnitId: units.street }), 201);
    ok(await admin.del(`/api/users/${user.id}/grants/${grant.id}`));
    ok(await admin.post(`/api/users/${user.id}/reset-password`));
    ok(await admin.post(`/api/users/${user.id}/unlock`));
    ok(await admin.post(`/api/users/${user.id}/reset-mfa`));
    ok(await admin.del(`/api/roles/${role.id}`));
    ok(await admin.post('/api/policy/versions', { orgUnitId: units.district, override: { version: 'walk-1' }, reason: '走查' }), 201);
    // A two-part reset of an account with person data, and the administrator's authenticator replaced.
    const holder = await userWith(t, admin, 'walk.holder', 'social_worker', units.community);
    expect(ok(await admin.post(`/api/users/${holder.userId}/reset-password`)).part).toBe('first');
    const security = await userWith(t, admin, 'walk.security', 'security_admin', units.root);
    ok(await security.post(`/api/users/${holder.userId}/reset-password/second-part`));
    const setup = ok(await admin.post('/api/auth/mfa/setup', { code: totp() }));
    const replaced: Authenticator = { value: setup.secret };
    ok(await admin.post('/api/auth/mfa/confirm', { code: nextTotpCode(t, replaced) }));
    adminTotp.value = replaced.value;
    adminTotp.lastStep = replaced.lastStep;
  }

  async function personSide(w: World) {
    const { officer, worker, units } = w;
    const p = ok(
      await officer.post('/api/persons', {
        orgUnitId: units.community,
        name: P.name,
        formerNames: [P.formerName],
        idNumber: P.idNumber,
        phone: P.phone,
        registeredAddress: P.registeredAddress,
        residenceAddress: P.residenceAddress,
        employer: P.employer,
        drugTypes: ['heroin'],
        useMethods: ['smoking'],
        familyContacts: [{ name: P.contactName, relation: 'mother', phone: P.contactPhone }],
      }),
      201,
    );
    const id = p.id as string;
    ok(await officer.get(`/api/persons/${id}`));
    ok(await officer.patch(`/api/persons/${id}`, { version: p.version, employer: `${P.employer}分公司`, riskLevel: 'high' }));
    ok(await officer.post(`/api/persons/${id}/unmask`, { purpose: '核对身份信息' }));
    ok(await officer.get(`/api/persons/exists?idNumber=${P.idNumber}`));
    for (const q of [P.idNumber, P.name, P.pinyin, P.idNumber.slice(-4)]) ok(await officer.get(`/api/persons?q=${encodeURIComponent(q)}`));
    ok(await officer.get(`/api/persons/${id}/timeline`));
    ok(await officer.get(`/api/persons/${id}/page?purpose=${encodeURIComponent('核对身份信息')}`));
    ok(await officer.post(`/api/persons/${id}/assignment`, { orgUnitId: units.community, workerId: worker.userId, reason: '分配责任社工' }));
    const m = ok(await officer.post(`/api/persons/${id}/measures`, { kind: 'community_detox', decisionDate: '2026-10-20', decisionReceivedDate: '2026-10-20' }), 201);
    ok(await officer.post(`/api/measures/${m.id}/events`, { type: 'report', date: '2026-10-25' }));
    return { id, measureId: m.id as string };
  }

  async function measureLife(w: World) {
    const { officer, units } = w;
    const q = ok(await officer.post('/api/persons', { orgUnitId: units.community, name: Q.name, idNumber: Q.idNumber, phone: Q.phone }), 201).id as string;
    const ev = (mid: string, body: Record<string, unknown>) => officer.post(`/api/measures/${mid}/events`, body).then((r) => ok(r));
    const d1 = ok(await officer.post(`/api/persons/${q}/measures`, { kind: 'community_detox', decisionDate: '2026-10-01', decisionReceivedDate: '2026-10-01' }), 201).id;
    await ev(d1, { type: 'report', date: '2026-10-05' });
    await ev(d1, { type: 'suspend', date: '2026-10-10', reason: '行政拘留' });
    await ev(d1, { type: 'resume', date: '2026-10-12', reason: '释放' });
    await ev(d1, { type: 'terminate', date: '2026-10-20', reason: 'compulsory_isolation' });
    const iso = ok(await officer.post(`/api/persons/${q}/measures`, { kind: 'compulsory_isolation', decisionDate: '2026-10-20', previousMeasureId: d1 }), 201).id;
    await ev(iso, { type: 'extend', date: '2026-10-25', months: 1, reason: '表现不好延长' });
    await ev(iso, { type: 'convert', date: '2026-11-01', reason: '因病变更' });
    const successor = (ok(await officer.get(`/api/persons/${q}/measures`)).items as { id: string; status: string }[]).find((x) => x.status === 'awaiting_report')!;
    await ev(successor.id, { type: 'refuse_report', date: '2026-11-05' });
    const mmt = ok(await officer.post(`/api/persons/${q}/measures`, { kind: 'maintenance_treatment', decisionDate: '2026-11-01' }), 201).id;
    await ev(mmt, { type: 'complete', date: '2026-11-10' });
    ok(await officer.post(`/api/persons/${q}/return-to-street`, { reason: '不在本社区居住' }));
  }

  async function supervisionSide(w: World, id: string) {
    const { worker, officer, streetOffice, police } = w;
    const record = (body: Record<string, unknown>) => worker.post(`/api/persons/${id}/records`, { place: '社区工作站', note: P.note, ...body }).then((r) => ok(r, 201));
    const checkIn = await record({ kind: 'check_in', date: '2026-11-01' });
    const refused = await record({ kind: 'drug_test', date: '2026-11-02', result: 'refused', random: true });
    const positive = await record({ kind: 'drug_test', date: '2026-11-03', result: 'positive', random: true });
    for (const kind of ['visit', 'follow_up', 'talk', 'grid_visit']) await record({ kind, date: '2026-11-04', contactMode: 'in_person', form: visitForm });
    ok(await worker.get(`/api/persons/${id}/records`));
    ok(await worker.get(`/api/persons/${id}/records/${checkIn.record.id}`));
    ok(await worker.get(`/api/persons/${id}/tasks`));
    ok(await worker.get(`/api/persons/${id}/breaches`));
    ok(await worker.get(`/api/persons/${id}/preferences`));
    ok(await worker.req('PUT', `/api/persons/${id}/preferences`, { smsConsent: true }));
    ok(await worker.get('/api/today'));
    ok(await worker.get('/api/calendar?from=2026-11-22&to=2026-11-29'));
    // Leave entered from a paper slip, decided, extended and refused, reported back; an absence.
    const leave = ok(await worker.post(`/api/persons/${id}/leaves`, { from: '2026-11-10', to: '2026-11-12', destination: P.destination, reason: P.leaveReason }), 201);
    ok(await streetOffice.post(`/api/leaves/${leave.id}/decision`, { decision: 'approve', note: P.note }));
    ok(await worker.post(`/api/leaves/${leave.id}/extension`, { to: '2026-11-13', reason: P.leaveReason }));
    ok(await streetOffice.post(`/api/leaves/${leave.id}/decision`, { decision: 'reject', note: P.note }));
    ok(await worker.post(`/api/leaves/${leave.id}/return`, { returnedOn: '2026-11-12' }));
    ok(await worker.get(`/api/persons/${id}/leaves`));
    const absence = ok(await worker.post(`/api/persons/${id}/absences`, { from: '2026-11-15', note: P.note }), 201);
    ok(await worker.post(`/api/absences/${absence.absence.id}/close`, { to: '2026-11-16' }));
    // The notice of the positive test: listed, delivered, acknowledged; the refusal's education done.
    const notice = positive.noticesCreated[0];
    ok(await officer.get('/api/notices'));
    ok(await officer.post(`/api/notices/${notice.id}/deliver`, { note: P.note }));
    ok(await police.post(`/api/notices/${notice.id}/acknowledge`));
    ok(await worker.post(`/api/education-records/${refused.educationCreated[0].id}/done`, { date: '2026-11-20', note: P.note }));
    // Issue 9.13/9.14: the positive corrected (its acknowledged notice withdrawn, a correction raised), the refusal voided (its education withdrawn).
    ok(
      await worker.post(`/api/persons/${id}/records/${positive.record.id}/correction`, {
        reason: P.note,
        record: { kind: 'drug_test', date: '2026-11-03', place: '社区工作站', result: 'negative' },
      }),
      201,
    );
    ok(await worker.post(`/api/persons/${id}/records/${refused.record.id}/void`, { reason: P.note }));
    expect(await t.services.scheduler.runNow('supervision.recompute')).toBe(true);
    const { reminders, db } = t.services;
    await db.transaction((tx) => reminders.enqueue(tx, [{ channel: 'sms', recipientPersonId: id, personId: id, title: 't', body: '【向日葵】提醒', dedupeKey: `walk:${id}` }]));
    await db.transaction((tx) => reminders.sendDue(tx));
  }

  async function documentsAndLedger(w: World, id: string, measureId: string) {
    const { officer, units, admin } = w;
    const pdf = Buffer.from(`%PDF-1.4\n% ${P.name}\n%%EOF\n`, 'utf8');
    const meta = {
      kind: 'decision',
      measureId,
      title: `${P.name}的决定书`,
      fields: { documentNumber: '东公（禁）决字〔2026〕99号', issuedOn: '2026-10-20', issuingAuthority: '东城分局' },
    };
    const mp = multipartBody({ meta: JSON.stringify(meta) }, { name: `${P.name}决定书.pdf`, data: pdf, type: 'application/pdf' });
    const doc = ok(await officer.req('POST', `/api/persons/${id}/documents`, mp.body, { 'content-type': mp.contentType }), 201);
    ok(await officer.get(`/api/persons/${id}/documents`));
    expect((await officer.get(`/api/documents/${doc.id}/file`)).statusCode).toBe(200);
    ok(await officer.get(`/api/measures/${measureId}/checklist`));
    ok(await officer.req('DELETE', `/api/documents/${doc.id}`, { reason: '文号录入错误' }));
    const row = { ...ledgerRow(7), 姓名: '令狐台账', 证件号码: idNumber('110101', '19880808', 459) };
    const file = multipartBody({ orgUnitId: units.street }, { name: '令狐台账.xlsx', data: await ledgerXlsx([row]) });
    ok(await officer.req('POST', '/api/persons/import', file.body, { 'content-type': file.contentType }), 202);
    await t.services.ledger.whenIdle();
    expect((await officer.get(`/api/persons/export.xlsx?q=${encodeURIComponent(P.name)}&riskLevel=high`)).statusCode).toBe(200);
    const auditor = await userWith(t, admin, 'walk.auditor', 'audit_admin', units.root);
    expect((await auditor.get('/api/audit/export.csv')).statusCode).toBe(200);
    expect((await auditor.get('/api/audit/heads.jsonl')).statusCode).toBe(200);
  }

  // Issue 17: an offline record sent twice under its client key is written once, the second a replay.
  async function offlineReplay(w: World, id: string) {
    const body = { kind: 'check_in', date: '2026-11-21', place: '社区工作站', note: P.note, clientKey: crypto.randomUUID() };
    ok(await w.worker.post(`/api/persons/${id}/records`, body), 201);
    expect(ok(await w.worker.post(`/api/persons/${id}/records`, body)).replayed).toBe(true);
  }

  // Issue 12: needs, plan, referrals the partner's staff accept, complete and decline (RULES P1–P3).
  async function assistanceSide(w: World, id: string) {
    const { officer, worker, admin, units } = w;
    const partnerStaff = await userWith(t, admin, 'walk.partner', 'partner', units.street);
    const partner = ok(
      await officer.post('/api/partners', {
        orgUnitId: units.street,
        servedOrgUnitIds: [units.street],
        services: ['employment', 'legal'],
        name: '走查人社所',
        kind: 'human_resources',
        contactName: '周经理',
        contactPhone: '010-88886666',
      }),
      201,
    ).id as string;
    ok(await officer.post(`/api/partners/${partner}/staff`, { userId: partnerStaff.userId }));
    ok(await worker.post(`/api/persons/${id}/assistance/assessments`, { assessedOn: '2026-11-20', needs: [{ need: 'employment', level: 'severe', note: P.note }] }), 201);
    const plan = ok(
      await worker.post(`/api/persons/${id}/assistance/plans`, {
        reviewDate: '2027-05-20',
        actions: [{ need: 'employment', goal: P.note, action: P.note, owner: 'partner', partnerId: partner, dueDate: '2027-01-31' }],
      }),
      201,
    );
    ok(await officer.post(`/api/assistance/plans/${plan.id}/approve`));
    const refer = (need: string) => worker.post(`/api/persons/${id}/assistance/referrals`, { partnerId: partner, need, purpose: P.note }).then((r) => ok(r, 201).id as string);
    const placed = await refer('employment');
    const declined = await refer('legal');
    ok(await worker.get('/api/assistance/referrals'));
    ok(await partnerStaff.get('/api/partner/referrals'));
    ok(await partnerStaff.post(`/api/partner/referrals/${placed}/accept`));
    const placement = { kind: 'job_placement', job: '仓储员', wageBand: '3000_to_5000', startDate: '2026-11-22' };
    ok(await partnerStaff.post(`/api/partner/referrals/${placed}/complete`, { date: '2026-11-22', outcome: P.note, details: placement }));
    ok(await partnerStaff.post(`/api/partner/referrals/${declined}/decline`, { reason: P.note }));
    ok(
      await worker.post(`/api/persons/${id}/assistance/services`, {
        date: '2026-11-22',
        outcome: P.note,
        details: { kind: 'family_repair', parties: P.contactName, repaired: true },
      }),
      201,
    );
    const tab = ok(await worker.get(`/api/persons/${id}/assistance`));
    ok(await officer.get(`/api/assistance/indicators?orgUnitId=${units.community}&from=2026-01-01&to=2026-11-22`));
    // The tasks of 今日待办, the printed plan, a placement check and a relief decision (items 2, 3, 7).
    ok(await worker.get('/api/assistance/tasks?scope=unit'));
    ok(await worker.get(`/api/persons/${id}/assistance/plan-print`));
    const job = (tab.services as { id: string; kind: string }[]).find((x) => x.kind === 'job_placement')!;
    ok(await worker.post(`/api/assistance/services/${job.id}/checks`, { month: 3, checkedOn: '2026-11-22', employed: true }), 201);
    const relief = ok(
      await worker.post(`/api/persons/${id}/assistance/services`, {
        date: '2026-11-22',
        outcome: P.note,
        details: { kind: 'relief', scheme: 'temporary', submittedOn: '2026-11-20', decision: 'pending' },
      }),
      201,
    );
    ok(await worker.post(`/api/assistance/services/${relief.id}/relief-decision`, { decision: 'granted', decidedOn: '2026-11-22', amount: 500 }));
  }

  // Issue 16: publicity, a volunteer team with a volunteer, hours and a leader, a staff training.
  async function preventionSide(w: World) {
    const { worker, streetOffice, police, units } = w;
    const activity = ok(
      await worker.post('/api/prevention/activities', {
        orgUnitId: units.community,
        kind: 'school_class',
        title: '禁毒课堂',
        audiences: ['youth'],
        heldOn: '2026-06-26',
        place: '第五中学',
        organiser: '社区',
        partners: ['第五中学'],
        attendees: 120,
        materials: 50,
      }),
      201,
    );
    // Issue 16 item 1: a photo of the activity, listed, viewed, deleted.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const photoBody = multipartBody({ meta: JSON.stringify({ consent: 'consent_recorded', noMeasuredPerson: true }) }, { name: 'stand.png', data: png, type: 'image/png' });
    const photo = ok(await worker.req('POST', `/api/prevention/activities/${activity.id}/photos`, photoBody.body, { 'content-type': photoBody.contentType }), 201);
    ok(await worker.get(`/api/prevention/activities/${activity.id}/photos`));
    expect((await worker.get(`/api/prevention/photos/${photo.id}/file`)).statusCode).toBe(200);
    ok(await worker.del(`/api/prevention/photos/${photo.id}`));
    const team = ok(await worker.post('/api/prevention/teams', { orgUnitId: units.community, name: '走查志愿队' }), 201);
    const volunteer = ok(
      await worker.post('/api/prevention/volunteers', { teamId: team.id, name: V.name, phone: V.phone, skills: ['publicity'], registeredOn: '2026-03-01' }),
      201,
    );
    ok(await worker.post(`/api/prevention/volunteers/${volunteer.id}/hours`, { servedOn: '2026-06-26', minutes: 120, activityId: activity.id }), 201);
    ok(await worker.patch(`/api/prevention/teams/${team.id}`, { leaderVolunteerId: volunteer.id }));
    ok(await worker.get(`/api/prevention/volunteers?teamId=${team.id}`));
    const attendees = [
      { userId: worker.userId, result: 'passed' },
      { userId: police.userId, result: 'failed' },
    ];
    ok(await streetOffice.post('/api/prevention/trainings', { orgUnitId: units.street, topic: '新型毒品识别', heldOn: '2026-05-10', minutes: 180, attendees }), 201);
    // #16 item 3: staff capacity — the list, a grade, a certificate added and removed.
    ok(await streetOffice.get(`/api/prevention/staff?orgUnitId=${units.street}`));
    ok(await streetOffice.patch(`/api/prevention/staff/${worker.userId}/grade`, { grade: 'assistant' }));
    const cert = ok(
      await streetOffice.post(`/api/prevention/staff/${worker.userId}/qualifications`, {
        kind: 'sw_assistant',
        number: 'ZL-2024-0815',
        issuedOn: '2024-06-01',
        expiresOn: '2027-06-01',
      }),
      201,
    );
    ok(await streetOffice.del(`/api/prevention/staff/${worker.userId}/qualifications/${cert.id}`));
  }

  // Issue 16 items 4 and 5: a survey made, linked, answered without a session and closed; a tip
  // given with a name and a phone, listed, read, verified and rewarded; a volunteer recognised.
  async function surveysAndTipsSide(w: World) {
    const { worker, officer, police, units } = w;
    const visitor = new Client(t);
    visitor.address = '198.51.100.77';
    const survey = ok(
      await officer.post('/api/prevention/surveys', {
        orgUnitId: units.street,
        title: '走查满意度调查',
        audiences: ['residents'],
        questions: [
          { kind: 'single', text: '“奶茶”包装的饮品可能是新型毒品吗？', options: ['可能', '不可能'], correct: [0] },
          { kind: 'satisfaction', text: '您对社区禁毒工作满意吗？' },
        ],
      }),
      201,
    );
    ok(await officer.post(`/api/prevention/surveys/${survey.id}/links`, { orgUnitId: units.community }));
    ok(await visitor.post(`/api/public/surveys/${survey.links[0].token}/answers`, { audience: 'residents', answers: [[0], [5]] }), 201);
    ok(await officer.patch(`/api/prevention/surveys/${survey.id}`, { state: 'closed' }));
    const description = `${P.destination}地下室夜间常有人聚集，联系人${P.contactPhone}`;
    ok(
      await visitor.post('/api/public/tips', { orgUnitId: units.street, category: 'venue', description, place: P.residenceAddress, contactName: V.name, contactPhone: V.phone }),
      201,
    );
    const tip = ok(await police.get('/api/tips?limit=1')).items[0].id as string;
    ok(await police.get(`/api/tips/${tip}`));
    ok(await police.patch(`/api/tips/${tip}/status`, { status: 'verified', note: P.note }));
    ok(await police.patch(`/api/tips/${tip}/reward`, { amountYuan: 500, paidOn: '2026-11-20' }));
    const team = ok(await worker.post('/api/prevention/teams', { orgUnitId: units.community, name: '走查表彰队' }), 201);
    const volunteer = ok(await worker.post('/api/prevention/volunteers', { teamId: team.id, name: V.name, phone: V.phone, registeredOn: '2026-01-05' }), 201);
    ok(await worker.post(`/api/prevention/volunteers/${volunteer.id}/recognitions`, { recognisedOn: '2026-11-20' }), 201);
  }

  // Issue 13: the class read and overridden; a refusal's alert listed, read, acknowledged, acted on
  // with a visit, commented, reassigned and closed; an evasion's alert left past its deadline and
  // escalated by the hourly job, which also reclassifies the day.
  async function warningsSide(w: World, id: string) {
    const { worker, officer } = w;
    ok(await worker.get(`/api/persons/${id}/risk`));
    ok(await officer.post(`/api/persons/${id}/risk/override`, { riskClass: 'high', reason: P.note, expiresOn: '2026-12-31' }), 201);
    const record = (body: Record<string, unknown>) => worker.post(`/api/persons/${id}/records`, body).then((r) => ok(r, 201).record.id as string);
    await record(drugTest('2026-11-21', 'refused'));
    await record(drugTest('2026-11-21', 'evaded'));
    const alerts = ok(await worker.get(`/api/alerts?scope=unit&state=open&personId=${id}`)).items as { id: string; kind: string }[];
    const refusal = alerts.find((a) => a.kind === 'refusal')!;
    const evasion = alerts.find((a) => a.kind === 'evasion')!;
    const base = `/api/alerts/${refusal.id}`;
    ok(await worker.get(base));
    ok(await worker.post(`${base}/acknowledge`));
    const talk = await record({ kind: 'talk', date: '2026-11-22', place: '社区工作站', note: P.note, contactMode: 'in_person', form: visitForm });
    ok(await worker.post(`${base}/act`, { recordId: talk, comment: P.note }));
    ok(await worker.post(`${base}/comment`, { comment: `${P.contactName} ${P.contactPhone}` }));
    ok(await worker.post(`${base}/reassign`, { userId: officer.userId }));
    ok(await officer.post(`${base}/close`, { outcome: 'resolved', comment: P.note }));
    await t.database.db.execute(sql`update alerts set deadline = '2026-11-01T00:00:00Z' where id = ${evasion.id}`);
    expect(await t.services.scheduler.runNow('warnings.hourly')).toBe(true);
  }

  // Issue 15 items 1, 3, 5: a drill-down into the persons behind a figure; a unit's targets and plan set; the assessment's rules and scorecard.
  async function governanceSide(w: World) {
    const { streetOffice, units } = w;
    ok(await streetOffice.get(`/api/governance/drill?code=K1&orgUnitId=${units.community}&from=2026-11-01&to=2026-11-30&side=denominator`));
    ok(await streetOffice.req('PUT', '/api/governance/targets', { orgUnitId: units.street, year: 2026, items: [{ code: 'K2', baseline: 60, target: 90 }] }));
    ok(await streetOffice.req('PUT', '/api/governance/plan', { orgUnitId: units.street, startDate: '2026-01-01', milestones: [{ code: 'K2', month: 6, goal: 80 }] }));
    // Item 5 (季考核): the scoring rules set, the scorecard downloaded.
    ok(
      await streetOffice.req('PUT', '/api/assessment/rules', {
        orgUnitId: units.street,
        weights: { K2: 2, K5: 1 },
        milestoneShare: 20,
        milestonePoints: { on_track: 100, at_risk: 50, missed: 0 },
      }),
    );
    expect((await streetOffice.get(`/api/assessment/quarterly.xlsx?orgUnitId=${units.street}&quarter=2026-Q4`)).statusCode).toBe(200);
    // Item 5 (月通报): the district office asks for last month's bulletin and downloads it.
    const office = await userWith(t, w.admin, 'walk.districtoffice', 'drug_control_office', units.district);
    const asked = ok(await office.post('/api/reports/monthly-bulletin', { orgUnitId: units.district, month: '2026-10' }), 202) as { id: string };
    await t.services.reports.settle();
    expect((await office.get(`/api/reports/${asked.id}/file`)).statusCode).toBe(200);
  }

  // Issue 14 (C7, C10): a transfer offered and declined, requested by the ID number and accepted,
  // reported and forwarded; a handover reported, one missed; a report overdue. Runs last: P moves.
  async function transfersSide(w: World, pid: string) {
    const { officer, police, admin, units } = w;
    const receiver = await userWith(t, admin, 'walk.receiver', 'officer', units.otherDistrictStreet);
    const offered = ok(await officer.post('/api/transfers', { personId: pid, toOrgUnitId: units.otherDistrictStreet, reason: P.note }), 201);
    ok(await receiver.get('/api/transfers?box=in'));
    ok(await receiver.get(`/api/transfers/${offered.id}`));
    ok(await receiver.post(`/api/transfers/${offered.id}/decline`, { reason: P.note }));
    const requested = ok(await receiver.post('/api/transfers/requests', { idNumber: P.idNumber, toOrgUnitId: units.otherDistrictStreet, reason: P.destination }), 201);
    t.clock.advanceMinutes(1);
    ok(await officer.post(`/api/transfers/${requested.id}/accept`));
    ok(await receiver.post(`/api/transfers/${requested.id}/report`, { date: t.clock.today() }));
    ok(await officer.post(`/api/transfers/${requested.id}/forwarded`, { date: t.clock.today() }));
    ok(await officer.get(`/api/transfers/${requested.id}/records`));
    // A release from isolation reported; another never reported, and a transfer of it left unreported.
    const released = ok(await officer.post('/api/persons', { orgUnitId: units.community, name: '走查出所', idNumber: idNumber('110101', '19850101', 461) }), 201);
    ok(await officer.post(`/api/persons/${released.id}/measures`, { kind: 'compulsory_isolation', decisionDate: '2024-10-01' }), 201);
    const h = ok(await police.post('/api/handovers', { personId: released.id, facility: '走查戒毒所', releaseDate: t.clock.today(), noticeReceivedOn: t.clock.today() }), 201);
    ok(await officer.get('/api/handovers'));
    ok(await officer.post(`/api/handovers/${h.id}/report`, { date: t.clock.today() }));
    const missed = ok(await officer.post('/api/persons', { orgUnitId: units.community, name: '走查未衔接', idNumber: idNumber('110101', '19850202', 462) }), 201);
    ok(await police.post('/api/handovers', { personId: missed.id, facility: '走查戒毒所', releaseDate: '2026-01-05', noticeReceivedOn: '2026-01-01' }), 201);
    const late = ok(await officer.post('/api/transfers', { personId: missed.id, toOrgUnitId: units.otherDistrictStreet, reason: '走查' }), 201);
    ok(await receiver.post(`/api/transfers/${late.id}/accept`));
    t.clock.set(new Date(t.clock.now().getTime() + 20 * 86_400_000));
    await t.services.db.transaction((tx) => t.services.transfers.raiseOverdue(tx));
  }

  // Issue 14: delisting (D2) reviewed, approved and declined, the notice, a sealed file found,
  // opened and purged (P4), a break-the-glass read, the access report.
  async function sealingSide(w: World) {
    const { officer, streetOffice, outsider, admin, units } = w;
    const reviewer = await userWith(t, admin, 'walk.streetofficer', 'officer', units.street);
    const history = { orgUnitId: units.community, startDate: '2023-11-10', endedOn: '2026-11-10', tests: ['2024-06-10'] };
    const sealed = await cleanPerson(t, officer, { ...history, name: '慕容三年' });
    const declined = await cleanPerson(t, officer, { ...history, name: '慕容四年' });
    ok(await officer.post('/api/delisting/refresh'));
    ok(await officer.get('/api/delisting'));
    ok(await officer.get(`/api/persons/${sealed.personId}/delisting`));
    const d1 = ok(await reviewer.post(`/api/persons/${sealed.personId}/delisting`, {}), 201).id as string;
    const d2 = ok(await reviewer.post(`/api/persons/${declined.personId}/delisting`, {}), 201).id as string;
    ok(await officer.post(`/api/delistings/${d1}/decision`, { approve: true, date: '2026-11-22' }));
    ok(await officer.post(`/api/delistings/${d2}/decision`, { approve: false, date: '2026-11-22' }));
    ok(await officer.get(`/api/delistings/${d1}/notice`));
    ok(await streetOffice.get(`/api/sealed-files/lookup?idNumber=${sealed.idNumber}`));
    ok(await streetOffice.post(`/api/persons/${sealed.personId}/sealed-openings`, { purpose: '法院调查函核实' }), 201);
    ok(await outsider.post('/api/break-glass', { idNumber: declined.idNumber, reason: '外区医院急诊收治' }), 201);
    ok(await officer.get(`/api/persons/${declined.personId}/access-report`));
    await t.database.db.execute(sql`update seals set sealed_on = '2010-01-01' where person_id = ${sealed.personId}`);
    await t.database.db.transaction((tx) => t.services.sealing.runDaily(tx, { force: true }));
  }

  // Issue 15: police figures, a joint meeting, a risk, a budget with an expense, 七有 with evidence, the dispatch.
  async function govOpsSide(w: World) {
    const { streetOffice, police, units } = w;
    const office = streetOffice as Client & { userId: string };
    const put = (url: string, body: unknown) => office.req('PUT', url, body);
    const f = ok(await police.post('/api/governance-ops/police-figures', { orgUnitId: units.street, year: 2026, month: 1, cases: 3 }), 201);
    ok(await police.patch(`/api/governance-ops/police-figures/${f.id}`, { cases: 4, note: '' }));
    ok(await police.post(`/api/governance-ops/police-figures/${f.id}/submit`));
    ok(await office.post(`/api/governance-ops/police-figures/${f.id}/return`, { reason: '核对台账' }));
    ok(await police.post(`/api/governance-ops/police-figures/${f.id}/submit`));
    ok(await office.post(`/api/governance-ops/police-figures/${f.id}/approve`));
    ok(await put(`/api/governance-ops/units/${units.street}/base-year`, { baseYear: 2024 }));
    const m = ok(
      await office.post('/api/governance-ops/meetings', {
        orgUnitId: units.street,
        heldOn: '2026-11-01',
        title: '联席会议',
        departments: ['police'],
        topics: ['排查'],
        actionItems: [{ title: '走访', ownerUserId: office.userId, dueOn: '2026-11-10' }],
      }),
      201,
    );
    ok(await office.patch(`/api/governance-ops/action-items/${m.actionItems[0].id}`, { status: 'done' }));
    const r = ok(
      await office.post('/api/governance-ops/risks', {
        orgUnitId: units.street,
        title: '认识不足',
        category: 'awareness',
        likelihood: 4,
        impact: 4,
        ownerUserId: office.userId,
        reviewOn: '2026-12-01',
      }),
      201,
    );
    ok(await office.patch(`/api/governance-ops/risks/${r.id}`, { impact: 3 }));
    ok(await office.post(`/api/governance-ops/risks/${r.id}/review`, { likelihood: 3, impact: 3, nextReviewOn: '2027-03-01' }));
    ok(await put('/api/governance-ops/budgets', { orgUnitId: units.street, year: 2026, totalFen: 100000 }));
    ok(
      await office.post(`/api/governance-ops/budgets/expenses?orgUnitId=${units.street}&year=2026`, {
        category: 'publicity',
        spentOn: '2026-06-26',
        amountFen: 1000,
        description: '展板',
      }),
      201,
    );
    const boundary = 'xWalk';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="e.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--${boundary}--\r\n`,
      ),
    ]);
    const doc = ok(await office.req('POST', `/api/governance-ops/units/${units.street}/files`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` }), 201);
    expect((await office.get(`/api/governance-ops/files/${doc.id}`)).statusCode).toBe(200);
    ok(await put(`/api/governance-ops/stations/${units.street}/items/office`, { done: true, evidenceDocumentId: doc.id }));
    ok(await office.get(`/api/governance-ops/dispatch?orgUnitId=${units.street}`));
  }

  it('P6: no person field beyond the least identifying appears in before, after or details of any action', async () => {
    await staffSide(w);
    const { id, measureId } = await personSide(w);
    await measureLife(w);
    await supervisionSide(w, id);
    await documentsAndLedger(w, id, measureId);
    await offlineReplay(w, id);
    await assistanceSide(w, id);
    await preventionSide(w);
    await sealingSide(w);
    await govOpsSide(w);
    await surveysAndTipsSide(w);
    await warningsSide(w, id);
    await governanceSide(w);
    // Last: it moves the person and the clock (20 days on, past every session's idle timeout).
    await transfersSide(w, id);

    const trail = await rows<{ action: string; person_id: string | null; entity_type: string | null; before: unknown; after: unknown; details: unknown; purpose: string | null }>(
      t.database.db,
      sql`select action, person_id::text, entity_type, before, after, details, purpose from audit_log order by id`,
    );
    const seen = new Set(trail.map((r) => r.action));
    const registry = registeredAuditActions();
    expect([...registry.keys()].filter((a) => !a.startsWith('test.') && !seen.has(a)).sort(), 'registered actions this walk did not drive').toEqual([]);

    const identifying = [...Object.values(P), Q.name, Q.idNumber, Q.phone, Q.birthDate, V.name, V.phone, '令狐台账', P.idNumber.slice(0, 14), P.idNumber.slice(-4)];
    for (const r of trail) {
      const def = registry.get(r.action)!;
      const json = JSON.stringify([r.before, r.after, r.details]);
      // Ids and hashes are not identifying, but a random one may hold the ID number's last four
      // digits by chance (one run in a few hundred): they are masked before that search.
      const withoutIds = json.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32,}/gi, '<id>');
      expect(
        identifying.filter((v) => withoutIds.includes(v)),
        `${r.action}: ${json}`,
      ).toEqual([]);
      expect(findIdentifiers(json), `${r.action}: ${json}`).toEqual([]);
      if (def.person) {
        expect([r.action, r.before, r.after]).toEqual([r.action, null, null]);
        const keys = Object.keys((r.details ?? {}) as object);
        expect(
          keys.filter((k) => k !== 'changed' && !(k in (def.details ?? {})) && !(def.details ?? {})['*']),
          r.action,
        ).toEqual([]);
        const changed = ((r.details ?? {}) as { changed?: unknown[] }).changed ?? [];
        expect(
          changed.every((f) => typeof f === 'string' && /^[A-Za-z][A-Za-z0-9_]*$/.test(f)),
          `${r.action}: ${json}`,
        ).toBe(true);
      }
    }
    // The searches by ID number, name, pinyin and last four: their kinds, never the text.
    const searches = trail.filter((r) => r.action === 'person.search').map((r) => (r.details as { query: { q?: string } }).query.q);
    expect(searches.slice(-4)).toEqual(['id_number', 'name', 'pinyin', 'id_last4']);
  });
});
