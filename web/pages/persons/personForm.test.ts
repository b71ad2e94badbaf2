import { describe, expect, it } from 'vitest';
import type { PersonView } from '../../api/persons';
import { editValues, toCreate, toPatch } from './personForm';

const person: PersonView = {
  id: '00000000-0000-4000-8000-000000000001',
  orgUnitId: '00000000-0000-4000-8000-000000000002',
  orgUnitName: '向阳社区',
  name: '张三',
  formerNames: ['张小三'],
  sex: 'male',
  birthDate: '1990-03-07',
  age: 36,
  ethnicity: '01',
  nationality: 'CHN',
  idType: 'resident_id',
  idNumber: '1101**********1233',
  phone: '139****1000',
  registeredAddress: '东湖区桂花****',
  residenceAddress: null,
  livesAwayFromRegistration: false,
  education: '70',
  maritalStatus: null,
  employmentStatus: null,
  employer: null,
  occupation: null,
  drugTypes: ['heroin'],
  useMethods: [],
  firstUseDate: null,
  familyContacts: [{ name: '张母', relation: 'mother', phone: '138****1111' }],
  riskLevel: 'high',
  status: 'no_active_measure',
  currentMeasureKind: null,
  responsibleWorkerId: null,
  responsibleWorkerName: null,
  workTeam: [],
  version: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('toPatch', () => {
  it('sends what changed, the fields the server would reset, and never the masked values', () => {
    const initial = editValues(person, null);
    const { patch, changed } = toPatch({ ...initial, employer: '物流公司' }, initial, false);
    expect(changed).toEqual({ employer: '物流公司' });
    expect(patch).toEqual({ employer: '物流公司', formerNames: ['张小三'], drugTypes: ['heroin'], useMethods: [], nationality: 'CHN' });
    expect(JSON.stringify(patch)).not.toContain('*');
  });

  it('an empty phone keeps the one on file; a typed one is sent', () => {
    const initial = editValues(person, null);
    expect(toPatch({ ...initial, phone: '' }, initial, false).changed).toEqual({});
    expect(toPatch({ ...initial, phone: ' 13912341000 ' }, initial, false).changed).toEqual({ phone: '13912341000' });
  });

  it('with the clear values, the contacts go whole', () => {
    const clear = {
      idNumber: '110101199003071233',
      phone: '13912341000',
      registeredAddress: '东湖区桂花路 1 号',
      residenceAddress: null,
      familyContacts: [{ name: '张母', relation: 'mother', phone: '13800001111' }],
    };
    const initial = editValues(person, clear);
    const { patch, changed } = toPatch({ ...initial, riskLevel: 'low' }, initial, true);
    expect(changed).toEqual({ riskLevel: 'low' });
    expect(patch.familyContacts).toEqual([{ name: '张母', relation: 'mother', phone: '13800001111', address: undefined }]);
  });
});

describe('toCreate', () => {
  it('trims, upper-cases the ID number and drops empty contacts', () => {
    const body = toCreate({
      ...editValues(person, null),
      orgUnitId: person.orgUnitId,
      idNumber: ' 11010119900307123x ',
      phone: '  ',
      familyContacts: [
        { name: ' ', relation: 'mother' },
        { name: '张父', relation: 'father' },
      ],
    });
    expect(body.idNumber).toBe('11010119900307123X');
    expect(body.phone).toBeUndefined();
    expect(body.familyContacts).toEqual([{ name: '张父', relation: 'father', phone: undefined, address: undefined }]);
    expect(body.birthDate).toBe('1990-03-07');
  });
});
