import type { Dayjs } from 'dayjs';
import type { FamilyContact, PersonCreate, PersonUpdate, PersonView, Unmasked } from '../../api/persons';
import { fromIsoDate, toIsoDate } from '../../components/dates';

/** The create/edit form's values: dates as DatePicker values, everything else as the API has it. */
export interface PersonFormValues {
  orgUnitId?: string;
  name: string;
  formerNames: string[];
  sex?: 'male' | 'female';
  birthDate?: Dayjs | null;
  ethnicity?: string;
  nationality?: string;
  idType: string;
  idNumber: string;
  phone?: string;
  registeredAddress?: string;
  residenceAddress?: string;
  education?: string;
  maritalStatus?: string;
  employmentStatus?: string;
  employer?: string;
  occupation?: string;
  drugTypes: string[];
  useMethods: string[];
  firstUseDate?: Dayjs | null;
  riskLevel?: 'high' | 'medium' | 'low';
  familyContacts: Partial<FamilyContact>[];
}

/** Text as the API wants it: trimmed, and absent rather than empty. */
const text = (s: string | null | undefined) => (s && s.trim() ? s.trim() : undefined);

const contacts = (list: Partial<FamilyContact>[]): FamilyContact[] =>
  list.filter((c) => text(c.name) && text(c.relation)).map((c) => ({ name: text(c.name)!, relation: c.relation!, phone: text(c.phone), address: text(c.address) }));

/** The fields both create and edit send, from the form's values. */
function common(v: PersonFormValues) {
  return {
    name: v.name.trim(),
    formerNames: (v.formerNames ?? []).map((n) => n.trim()).filter(Boolean),
    sex: v.sex,
    birthDate: toIsoDate(v.birthDate),
    ethnicity: v.ethnicity,
    nationality: v.nationality,
    phone: text(v.phone),
    registeredAddress: text(v.registeredAddress),
    residenceAddress: text(v.residenceAddress),
    education: v.education,
    maritalStatus: v.maritalStatus,
    employmentStatus: v.employmentStatus,
    employer: text(v.employer),
    occupation: v.occupation,
    drugTypes: v.drugTypes ?? [],
    useMethods: v.useMethods ?? [],
    firstUseDate: toIsoDate(v.firstUseDate),
    riskLevel: v.riskLevel,
    familyContacts: contacts(v.familyContacts ?? []),
  };
}

export const toCreate = (v: PersonFormValues): PersonCreate => ({
  ...common(v),
  orgUnitId: v.orgUnitId!,
  idType: v.idType,
  idNumber: v.idNumber.trim().toUpperCase(),
});

export const createDefaults: Partial<PersonFormValues> = {
  idType: 'resident_id',
  nationality: 'CHN',
  formerNames: [],
  drugTypes: [],
  useMethods: [],
  familyContacts: [],
};

/**
 * The form's starting values for an existing file. The server sends phones and addresses
 * masked: with the clear values at hand (after “show full details”) they are filled in; else
 * those fields start empty, and empty means “keep”.
 */
export function editValues(p: PersonView, clear: Unmasked | null): PersonFormValues {
  return {
    orgUnitId: p.orgUnitId,
    name: p.name,
    formerNames: p.formerNames,
    sex: p.sex,
    birthDate: fromIsoDate(p.birthDate),
    ethnicity: p.ethnicity ?? undefined,
    nationality: p.nationality,
    idType: p.idType,
    idNumber: clear?.idNumber ?? p.idNumber,
    phone: clear?.phone ?? undefined,
    registeredAddress: clear?.registeredAddress ?? undefined,
    residenceAddress: clear?.residenceAddress ?? undefined,
    education: p.education ?? undefined,
    maritalStatus: p.maritalStatus ?? undefined,
    employmentStatus: p.employmentStatus ?? undefined,
    employer: p.employer ?? undefined,
    occupation: p.occupation ?? undefined,
    drugTypes: p.drugTypes,
    useMethods: p.useMethods,
    firstUseDate: fromIsoDate(p.firstUseDate),
    riskLevel: p.riskLevel ?? undefined,
    familyContacts: clear ? clear.familyContacts : p.familyContacts,
  };
}

type Patch = Omit<PersonUpdate, 'version'>;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Fields sent on every save even when unchanged: the server fills these with their defaults
 * (empty lists, CHN) when a PATCH leaves them out, which would erase them.
 */
const resentAlways = ['formerNames', 'drugTypes', 'useMethods', 'nationality', 'familyContacts'] as const;

/**
 * What to send: the fields the user changed (so masked phones and addresses are never written
 * back), plus those the server would otherwise reset. `changed` names the user's own changes.
 * Contacts go only when they could be edited in the clear.
 */
export function toPatch(v: PersonFormValues, initial: PersonFormValues, contactsEditable: boolean): { patch: Patch; changed: Patch } {
  const now = common(v);
  const before = common(initial);
  const patch: Record<string, unknown> = {};
  const changed: Record<string, unknown> = {};
  for (const k of Object.keys(now) as (keyof typeof now)[]) {
    if (k === 'familyContacts' && !contactsEditable) continue;
    // An emptied field cannot be cleared through the API (absent means unchanged): skip it.
    if (now[k] === undefined) continue;
    if (!same(now[k], before[k])) changed[k] = now[k];
    if (k in changed || (resentAlways as readonly string[]).includes(k)) patch[k] = now[k];
  }
  return { patch: patch as Patch, changed: changed as Patch };
}
