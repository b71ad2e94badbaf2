import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, testDbKinds, adminClient, idNumber, cityWithCommunity, userWith, type TestApp, type Client } from '../../test/harness';
import { rows } from '../../db/client';
import { namePinyin } from './pinyin';

describe('namePinyin', () => {
  it.each([
    ['张三', 'zhangsan', 'zs'],
    ['单田芳', 'shantianfang', 'stf'],
    ['曾小贤', 'zengxiaoxian', 'zxx'],
    ['吕布', 'lvbu', 'lb'],
    ['阿里·木', 'alimu', 'alm'],
  ])('%s → %s / %s', (name, full, initials) => {
    expect(namePinyin(name)).toEqual({ full, initials });
  });
});

describe.each(testDbKinds())('person files on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let officer: Client;
  let otherOfficer: Client;
  let sw: Client;
  let units: Awaited<ReturnType<typeof cityWithCommunity>>;
  const zhangId = idNumber('110101', '19900307', 123);
  // Each test files persons of its own (own ID numbers; 张三 and 李四 only where searched for), so
  // the tests stand alone in any order.
  let seq = 300;
  const freshId = () => idNumber('110101', '19880808', seq++);

  const person = (over: Record<string, unknown> = {}) => ({
    orgUnitId: units.community,
    name: '王五',
    idNumber: freshId(),
    phone: '13812345678',
    registeredAddress: '北京市东城区多福巷 1 号',
    residenceAddress: '北京市朝阳区建外街道 8 号',
    ethnicity: '01',
    education: '70',
    drugTypes: ['methamphetamine', 'heroin'],
    useMethods: ['injecting'],
    firstUseDate: '2015-06-01',
    familyContacts: [{ name: '李梅', relation: 'mother', phone: '13900001111' }],
    ...over,
  });

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await adminClient(t);
    units = await cityWithCommunity(admin);
    officer = await userWith(t, admin, 'officer.east', 'officer', units.street);
    otherOfficer = await userWith(t, admin, 'officer.other', 'officer', units.otherStreet);
    sw = await userWith(t, admin, 'sw.east', 'social_worker', units.street);
  });
  /** Files a person (by the street officer) and returns the file as the API shows it. */
  const file = async (over: Record<string, unknown> = {}) => {
    const res = await officer.post('/api/persons', person(over));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; name: string; idNumber: string };
  };
  afterAll(() => t.close());

  it('creates a file with sex and birth date from the ID number, identifiers masked', async () => {
    const res = await officer.post('/api/persons', person({ name: '赵六', idNumber: zhangId }));
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      sex: 'male',
      birthDate: '1990-03-07',
      idNumber: `1101**********${zhangId.slice(-4)}`,
      phone: '138****5678',
      livesAwayFromRegistration: true,
      status: 'no_active_measure',
    });
    expect(p.familyContacts[0].phone).toBe('139****1111');
  });

  it('stores no ID number, phone or address in plain text (P6)', async () => {
    const held = freshId();
    await file({ idNumber: held });
    const dump = await rows(t.database.db, sql`select row_to_json(p)::text as j from persons p`);
    const text = dump.map((r) => String(r.j)).join('\n');
    expect(text).not.toContain(held);
    expect(text).not.toContain(held.slice(0, 14));
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('多福巷');
    expect(text).not.toContain('13900001111');
    const audit = await rows(t.database.db, sql`select row_to_json(a)::text as j from audit_log a`);
    expect(audit.map((r) => String(r.j)).join('\n')).not.toContain(held);
  });

  it('one person, one file: a second file for the same ID number is refused, naming only the street to ask for a transfer', async () => {
    const held = freshId();
    const mine = await file({ idNumber: held, name: '孙七' });
    const res = await otherOfficer.post('/api/persons', { ...person({ idNumber: held }), orgUnitId: units.otherStreet, name: '张叁' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('person.exists');
    // The file lies in 多福巷社区 under 东华门街道; another street learns only the street (9.7).
    expect(res.json().error.message['zh-CN']).toContain('东华门街道');
    expect(res.body).not.toContain('多福巷社区');
    expect(res.body).not.toContain(mine.name);
    const exists = (await otherOfficer.get(`/api/persons/exists?idNumber=${held}`)).json();
    expect(exists).toEqual({ exists: true, holderUnitName: '东华门街道', personId: null });
  });

  it.each([
    [{ idNumber: zhangId.slice(0, 17) + (zhangId.endsWith('0') ? '1' : '0') }, 'idNumber', 'id_number.check_digit'],
    [{ idNumber: idNumber('110101', '20990101', 5) }, 'idNumber', 'id_number.birth_date'],
    [{ idNumber: idNumber('990101', '19900101', 5) }, 'idNumber', 'id_number.region'],
    [{ idNumber: idNumber('110101', '19900101', 7), sex: 'female' }, 'sex', 'person.sex_mismatch'],
    [{ idNumber: idNumber('110101', '19900101', 9), drugTypes: ['chocolate'] }, 'drugTypes', 'dictionary.unknown_value'],
    [{ idNumber: idNumber('110101', '19900101', 11), firstUseDate: '2030-01-01' }, 'firstUseDate', 'person.first_use_invalid'],
    [{ idType: 'passport', idNumber: 'E12345678' }, 'sex', 'person.sex_required'],
  ])('refuses %j with a field error and saves nothing', async (over, path, code) => {
    const persons = async () => Number((await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from persons`))[0]!.n);
    const before = await persons();
    const res = await officer.post('/api/persons', person(over));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path, code });
    expect(await persons()).toBe(before);
  });

  it('finds people by pinyin initials, full pinyin, last four and whole ID number, only in scope', async () => {
    const zhang = freshId();
    await file({ name: '张三', idNumber: zhang });
    await file({ name: '李四', idNumber: idNumber('110101', '19850101', 31), familyContacts: [] });
    const q = async (c: Client, text: string) => ((await c.get(`/api/persons?q=${encodeURIComponent(text)}`)).json().items as { name: string }[]).map((p) => p.name);
    expect(await q(officer, 'zs')).toEqual(['张三']);
    expect(await q(officer, 'lis')).toEqual(['李四']);
    expect(await q(officer, zhang.slice(-4))).toEqual(['张三']);
    expect(await q(officer, zhang)).toEqual(['张三']);
    expect(await q(officer, '李')).toEqual(['李四']);
    expect(await q(otherOfficer, 'zs')).toEqual([]);
  });

  it('reads are audited; out-of-scope reads answer 404', async () => {
    const { id } = await file();
    expect((await officer.get(`/api/persons/${id}`)).statusCode).toBe(200);
    expect((await otherOfficer.get(`/api/persons/${id}`)).statusCode).toBe(404);
    const audit = (await admin.get(`/api/audit?personId=${id}&action=person.read`)).json();
    expect(audit.total).toBe(1);
    expect(audit.items[0].actorName).toBe('officer.east');
  });

  it('unmasking needs person.pii.read and a purpose, and is audited', async () => {
    const held = freshId();
    const { id } = await file({ idNumber: held });
    expect((await sw.post(`/api/persons/${id}/unmask`, { purpose: '核对身份' })).statusCode).toBe(403);
    expect((await officer.post(`/api/persons/${id}/unmask`, {})).statusCode).toBe(400);
    const res = await officer.post(`/api/persons/${id}/unmask`, { purpose: '核对身份' });
    expect(res.json()).toMatchObject({ idNumber: held, phone: '13812345678' });
    const audit = (await admin.get(`/api/audit?personId=${id}&action=person.unmask`)).json();
    expect(audit.items[0].purpose).toBe('核对身份');
  });

  it('edits with optimistic concurrency: a stale version is refused', async () => {
    const { id } = await file();
    const v = (await officer.get(`/api/persons/${id}`)).json().version;
    const first = await officer.patch(`/api/persons/${id}`, { employer: '某物流公司', version: v });
    expect(first.statusCode, first.body).toBe(200);
    const stale = await officer.patch(`/api/persons/${id}`, { employer: '另一家', version: v });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('person.version_conflict');
  });

  it('assigns a worker and sends a person back to the street, each recorded with who and why', async () => {
    const { id } = await file({ familyContacts: [] });
    const worker = (await admin.get('/api/users?q=sw.east')).json().items[0];
    const a = await officer.post(`/api/persons/${id}/assignment`, {
      orgUnitId: units.community,
      workerId: worker.id,
      reason: '按居住地分配',
      workTeam: [{ role: 'police_officer', name: '王警官' }],
    });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json().responsibleWorkerName).toBe('sw.east');
    const back = await officer.post(`/api/persons/${id}/return-to-street`, { reason: '本人不在本社区居住' });
    expect(back.json().orgUnitId).toBe(units.street);
    const actor = (await t.services.auth.principal(officer.cookie.split('=')[1]!))!;
    const hist = await t.services.persons.assignments({ actor, ip: null, userAgent: null }, id);
    expect(hist.map((h) => h.a.kind)).toEqual(['assign', 'assign', 'return_to_street']);
    expect(hist[2]!.a.reason).toBe('本人不在本社区居住');
  });

  it('an edit changes only what was sent; null clears a field (family contacts survive)', async () => {
    const { id } = await file();
    const before = (await officer.get(`/api/persons/${id}`)).json();
    const res = await officer.patch(`/api/persons/${id}`, { phone: null, version: before.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ phone: null, drugTypes: before.drugTypes, familyContacts: before.familyContacts, formerNames: before.formerNames });
  });

  it('lists the workers an officer may make responsible', async () => {
    const items = (await officer.get('/api/workers')).json().items as { displayName: string; roles: string[] }[];
    expect(items.map((w) => w.displayName)).toContain('sw.east');
    expect(items.map((w) => w.displayName)).not.toContain('officer.other');
  });

  it('a unit holding persons cannot be deleted', async () => {
    await file();
    const res = await admin.del(`/api/org-units/${units.community}`);
    expect(res.statusCode).toBe(409);
  });
});
