import type { DataCipher } from '../../lib/data-key';
import type { PersonInput } from '../../../core/contracts/persons';
import { canonicalJson } from '../audit/canonical';
import { namePinyin } from './pinyin';

/** A person's identifier in its one stored form (core/rules/id-number canonicalIdNumber), with what it says. */
export interface Identity {
  idType: string;
  idNumber: string;
  sex: 'male' | 'female';
  birthDate: string;
}

const normalizeAddress = (a?: string | null) => (a ?? '').replace(/\s+/g, '');

/** Keyed hash of an ID number: unique across the system (one person, one file) and exactly searchable. */
export const idNumberHash = (cipher: DataCipher, idType: string, idNumber: string) => cipher.blindIndex(`${idType}:${idNumber.toUpperCase()}`, 'person.id_number');

/**
 * Keyed hash of an ID number's last four characters, for search by 尾号 (docs/data-protection.md):
 * equal values find each other, but without the data key the column says nothing of the digits.
 */
export const idLast4Index = (cipher: DataCipher, idNumberOrLast4: string) => cipher.blindIndex(idNumberOrLast4.trim().toUpperCase().slice(-4), 'person.id_last4');

/**
 * The columns a person input writes: identifiers encrypted (P6), pinyin for search, the derived
 * lives-away flag, and a keyed content hash so an unchanged re-import is recognised.
 * Shared by the service and the data generator, so generated files are exactly like real ones.
 */
export function personColumns(cipher: DataCipher, input: Omit<PersonInput, 'orgUnitId'>, identity: Identity) {
  const enc = (v?: string | null) => (v ? cipher.encrypt(v) : null);
  const py = namePinyin(input.name);
  // The unit is where the file lives, not what it says: it is left out of the content hash.
  const { orgUnitId: _unit, ...described } = input as PersonInput;
  const content = { ...described, ...identity };
  return {
    name: input.name,
    namePinyin: py.full,
    nameInitials: py.initials,
    formerNames: input.formerNames,
    sex: identity.sex,
    birthDate: identity.birthDate,
    ethnicity: input.ethnicity ?? null,
    nationality: input.nationality,
    idType: identity.idType,
    idNumberEnc: cipher.encrypt(identity.idNumber),
    idNumberHash: idNumberHash(cipher, identity.idType, identity.idNumber),
    idLast4Index: idLast4Index(cipher, identity.idNumber),
    phoneEnc: enc(input.phone),
    registeredAddressEnc: enc(input.registeredAddress),
    residenceAddressEnc: enc(input.residenceAddress),
    livesAwayFromRegistration: !!input.registeredAddress && !!input.residenceAddress && normalizeAddress(input.registeredAddress) !== normalizeAddress(input.residenceAddress),
    education: input.education ?? null,
    maritalStatus: input.maritalStatus ?? null,
    employmentStatus: input.employmentStatus ?? null,
    employer: input.employer ?? null,
    occupation: input.occupation ?? null,
    drugTypes: input.drugTypes,
    useMethods: input.useMethods,
    firstUseDate: input.firstUseDate ?? null,
    familyContactsEnc: input.familyContacts.length ? cipher.encrypt(JSON.stringify(input.familyContacts)) : null,
    riskLevel: input.riskLevel ?? null,
    contentHash: cipher.blindIndex(canonicalJson(content), 'person.content'),
  };
}
