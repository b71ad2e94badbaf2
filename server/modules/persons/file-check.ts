// The checks a person file passes before it is written, as a pure function of the input, the
// day and the dictionaries (no database): the service runs it for the form and the API, the
// ledger import in its worker threads for each row (issue 11.4), so both judge alike.
import type { PersonInput } from '../../../core/contracts/persons';
import { canonicalIdNumber } from '../../../core/rules/id-number';
import { compareDates } from '../../../core/rules/dates';
import { badRequest, fieldError } from '../../errors';
import { messageFor, registerMessages } from '../../messages';
import type { Identity } from './record';

registerMessages({
  'id_number.invalid': ['证件号码应为 5–30 位字母、数字或连字符', 'An ID number has 5–30 letters, digits or dashes'],
  'id_number.length': ['身份证号码应为 18 位（15 位的一代身份证号码会自动转为 18 位）', 'A resident ID number has 18 characters (a 15-digit first-generation number is converted)'],
  'id_number.characters': ['身份证号码只能是数字，最后一位可为 X', 'A resident ID number is digits, the last may be X'],
  'id_number.check_digit': ['身份证号码校验位错误', 'The check digit of the ID number is wrong'],
  'id_number.birth_date': ['身份证号码中的出生日期无效', 'The birth date in the ID number is not valid'],
  'id_number.region': ['身份证号码的地区代码无效', 'The region code of the ID number is not valid'],
  'person.sex_mismatch': ['性别与身份证号码不符', 'Sex does not match the ID number'],
  'person.birth_date_mismatch': ['出生日期与身份证号码不符', 'Birth date does not match the ID number'],
  'person.birth_date_future': ['出生日期不能晚于今天', 'The birth date cannot be in the future'],
  'person.first_use_invalid': ['首次吸毒日期须在出生之后、今天之前', 'First use must be after birth and not in the future'],
  'person.sex_required': ['请填写性别', 'Sex is required'],
  'person.birth_date_required': ['请填写出生日期', 'Birth date is required'],
  'dictionary.unknown_value': ['不是字典中的有效取值：{value}', 'Not a value of the dictionary: {value}'],
});

/** Whether `code` is an active entry of the dictionary `kind`. */
export type CodeCheck = (kind: string, code: string) => boolean;

/** Every dictionary field of a file and its dictionary. */
const dictionaryFields = (input: PersonInput): { path: string; kind: string; values: (string | null | undefined)[] }[] => [
  { path: 'idType', kind: 'id_type', values: [input.idType] },
  { path: 'ethnicity', kind: 'ethnicity', values: [input.ethnicity] },
  { path: 'nationality', kind: 'nationality', values: [input.nationality] },
  { path: 'education', kind: 'education', values: [input.education] },
  { path: 'maritalStatus', kind: 'marital_status', values: [input.maritalStatus] },
  { path: 'employmentStatus', kind: 'employment_status', values: [input.employmentStatus] },
  { path: 'occupation', kind: 'occupation', values: [input.occupation] },
  { path: 'drugTypes', kind: 'drug_type', values: input.drugTypes },
  { path: 'useMethods', kind: 'use_method', values: input.useMethods },
  { path: 'familyContacts', kind: 'relation', values: input.familyContacts.map((c) => c.relation) },
];

/**
 * Checks a file against the rules and the dictionaries; returns its identity in the one stored
 * form (9.18), or throws the 400 naming the first problem of the identity, or every unknown
 * dictionary value at once.
 */
export function checkPersonInput(input: PersonInput, today: string, isCode: CodeCheck): Identity {
  const id = canonicalIdNumber(input.idType, input.idNumber, today);
  if (!id.ok) throw fieldError('idNumber', id.code);
  let sex = input.sex;
  let birthDate = input.birthDate;
  if (id.resident) {
    if (sex && sex !== id.resident.sex) throw fieldError('sex', 'person.sex_mismatch');
    if (birthDate && birthDate !== id.resident.birthDate) throw fieldError('birthDate', 'person.birth_date_mismatch');
    sex = id.resident.sex;
    birthDate = id.resident.birthDate;
  }
  if (!sex) throw fieldError('sex', 'person.sex_required');
  if (!birthDate) throw fieldError('birthDate', 'person.birth_date_required');
  if (compareDates(birthDate, today) > 0) throw fieldError('birthDate', 'person.birth_date_future');
  if (input.firstUseDate && (compareDates(input.firstUseDate, birthDate) < 0 || compareDates(input.firstUseDate, today) > 0)) {
    throw fieldError('firstUseDate', 'person.first_use_invalid');
  }
  const unknown = dictionaryFields(input).flatMap((f) =>
    f.values
      .filter((v): v is string => v !== null && v !== undefined && !isCode(f.kind, v))
      .map((v) => ({ path: f.path, code: 'dictionary.unknown_value', message: messageFor('dictionary.unknown_value', { value: v }) })),
  );
  if (unknown.length) throw badRequest('validation.failed', unknown);
  return { idType: id.idType, idNumber: id.idNumber, sex, birthDate };
}
