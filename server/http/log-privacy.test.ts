// Issue 9 items 1 and 8 (P6): nothing that identifies a person reaches the server's log. A
// journey through the person routes — file, search by ID number and phone, the existence check,
// unmasking, refused input and a failing write — runs with the log at `info` (every request and
// response logged), and the log is then scanned for ID numbers (18 with check character, 15
// digits), mobile numbers, and the person's name, birth date and addresses.
import { PassThrough } from 'node:stream';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestApp, testDbKinds, adminClient, cityWithCommunity, userWith, idNumber, type TestApp } from '../test/harness';
import { findIdentifiers } from '../lib/identifying';

const person = {
  name: '上官晓澄',
  idNumber: idNumber('110101', '19770321', 611),
  phone: '13987654321',
  birthDate: '1977-03-21',
  registeredAddress: '北京市东城区晓澄胡同一号',
  residenceAddress: '北京市东城区晓澄胡同二号',
};

describe.each(testDbKinds())('P6: the server log of a journey through person data holds no identifier, on %s', (kind) => {
  let t: TestApp;
  let log = '';
  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (d) => (log += d));
    t = await startTestApp(kind, { SUNFLOWER_LOG_LEVEL: 'info' }, { logStream: stream });
  });
  afterAll(() => t.close());

  it('P6: no ID number, phone, name, birth date or address in the log', async () => {
    const admin = await adminClient(t);
    const units = await cityWithCommunity(admin);
    const officer = await userWith(t, admin, 'officer.log', 'officer', units.street);
    const { birthDate: _b, ...input } = person;
    const created = await officer.post('/api/persons', { orgUnitId: units.community, ...input, familyContacts: [] });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    await officer.get(`/api/persons/exists?idNumber=${person.idNumber}`);
    await officer.get(`/api/persons?q=${person.idNumber}`);
    await officer.get(`/api/persons?q=${encodeURIComponent(person.name)}`);
    await officer.get(`/api/persons?q=${person.phone}`);
    await officer.post(`/api/persons/${id}/unmask`, { purpose: '核对身份' });
    // Refused input and failing writes: their errors are logged too.
    await officer.post('/api/persons', { orgUnitId: units.community, ...input, idNumber: `${person.idNumber.slice(0, 17)}0`, familyContacts: [] });
    await officer.post('/api/persons', { orgUnitId: units.community, ...input, name: `${person.name}\u0000`, idNumber: idNumber('110101', '19770321', 612), familyContacts: [] });
    await officer.get(`/api/persons?q=%00${person.idNumber}`);
    await officer.get(`/api/persons/${crypto.randomUUID()}?purpose=${person.phone}`);

    expect(log.length).toBeGreaterThan(0);
    expect(findIdentifiers(log)).toEqual([]);
    const literal = [person.name, person.idNumber, person.idNumber.slice(0, 14), person.phone, person.birthDate, person.registeredAddress, person.residenceAddress];
    expect(literal.filter((v) => log.includes(v))).toEqual([]);
  });
});
