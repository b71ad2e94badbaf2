// PRC resident ID number (公民身份号码), GB 11643-1999.
//
// Layout of the 18 characters: 6-digit region code (address code), 8-digit birth date
// YYYYMMDD, 3-digit sequence code (odd = male, even = female), 1 check character computed
// with ISO 7064 MOD 11-2 ('0'–'9' or 'X' for 10).
//
// The ID number is how officers find whether a file already exists (JOURNEYS 3), so a typo
// must be caught at entry rather than create a second file for the same person.

import { compareDates, isValidIsoDate, type IsoDate } from './dates';

export type Sex = 'male' | 'female';

export type IdNumberErrorCode = 'id_number.length' | 'id_number.characters' | 'id_number.check_digit' | 'id_number.birth_date' | 'id_number.region';

export type IdNumberResult = { ok: true; normalized: string; birthDate: IsoDate; sex: Sex; regionCode: string } | { ok: false; code: IdNumberErrorCode };

/**
 * Province-level codes (first two digits of the region code, GB/T 2260). 81/82/83 are the
 * residence permits for Hong Kong, Macao and Taiwan residents (港澳台居民居住证, 2018), which
 * use the same 18-character format and are held by persons who may be under a measure.
 * Not accepted: the 2023 foreigner permanent residence card, whose numbers start with 9.
 */
export const provinceCodes: Readonly<Record<string, string>> = {
  '11': '北京',
  '12': '天津',
  '13': '河北',
  '14': '山西',
  '15': '内蒙古',
  '21': '辽宁',
  '22': '吉林',
  '23': '黑龙江',
  '31': '上海',
  '32': '江苏',
  '33': '浙江',
  '34': '安徽',
  '35': '福建',
  '36': '江西',
  '37': '山东',
  '41': '河南',
  '42': '湖北',
  '43': '湖南',
  '44': '广东',
  '45': '广西',
  '46': '海南',
  '50': '重庆',
  '51': '四川',
  '52': '贵州',
  '53': '云南',
  '54': '西藏',
  '61': '陕西',
  '62': '甘肃',
  '63': '青海',
  '64': '宁夏',
  '65': '新疆',
  '71': '台湾',
  '81': '香港居民居住证',
  '82': '澳门居民居住证',
  '83': '台湾居民居住证',
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Earliest accepted birth date: older numbers are data-entry errors in this domain. */
const EARLIEST_BIRTH_DATE = '1900-01-01';

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('17 digits expected');
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(first17[i]), 0);
  return CHECK_CHARS.charAt(sum % 11);
}

function birthDateOf(normalized: string): IsoDate {
  return `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
}

function birthDateAcceptable(birthDate: IsoDate, today: IsoDate): boolean {
  return isValidIsoDate(birthDate) && compareDates(birthDate, EARLIEST_BIRTH_DATE) >= 0 && compareDates(birthDate, today) <= 0;
}

/**
 * The 18-character form of a first-generation number (GB 11643-1989: 15 digits, issued until
 * 2004 and valid until 2013, still on old paper records): '19' goes before the two-digit birth
 * year and the check character is computed. Null when the input is not 15 digits. A person has
 * one number in both forms, so both must lead to the same file (one person, one file).
 */
export function upgradeFirstGeneration(id15: string): string | null {
  if (!/^\d{15}$/.test(id15)) return null;
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + idNumberCheckChar(first17);
}

/**
 * Checks an ID number; surrounding whitespace is dropped and a lowercase 'x' is normalised to
 * 'X' (both are common when numbers are typed or pasted), and a 15-digit first-generation
 * number is converted to its 18-character form (then checked like any other). The checks run
 * from the coarsest to the finest so the code names the first thing the user should fix.
 */
export function validateIdNumber(input: string, today: IsoDate): IdNumberResult {
  const typed = input.trim().toUpperCase();
  const normalized = upgradeFirstGeneration(typed) ?? typed;
  if (normalized.length !== 18) return { ok: false, code: 'id_number.length' };
  if (!/^\d{17}[\dX]$/.test(normalized)) return { ok: false, code: 'id_number.characters' };
  if (idNumberCheckChar(normalized.slice(0, 17)) !== normalized.charAt(17)) {
    return { ok: false, code: 'id_number.check_digit' };
  }
  const birthDate = birthDateOf(normalized);
  if (!birthDateAcceptable(birthDate, today)) return { ok: false, code: 'id_number.birth_date' };
  if (!(normalized.slice(0, 2) in provinceCodes)) return { ok: false, code: 'id_number.region' };
  const sex: Sex = Number(normalized.charAt(16)) % 2 === 1 ? 'male' : 'female';
  return { ok: true, normalized, birthDate, sex, regionCode: normalized.slice(0, 6) };
}

/**
 * Replaces all but the first `keepStart` and last `keepEnd` characters with '*'. A value too
 * short to keep both ends is masked entirely, so a truncated value never leaks in full (P1).
 */
function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  if (value.length <= keepStart + keepEnd) return '*'.repeat(value.length);
  const hidden = value.length - keepStart - keepEnd;
  return value.slice(0, keepStart) + '*'.repeat(hidden) + value.slice(value.length - keepEnd);
}

/** ID number for ordinary views (P1, P6): '110101199003071234' → '1101**********1234'. */
export function maskIdNumber(idNumber: string): string {
  return maskMiddle(idNumber.trim().toUpperCase(), 4, 4);
}

/** Phone number for ordinary views (P1, P6): '13812345678' → '138****5678'; spaces and dashes are dropped. */
export function maskPhone(phone: string): string {
  return maskMiddle(phone.replace(/[\s-]/g, ''), 3, 4);
}

/** Document types under which a resident ID number is also entered in practice ('其他证件'). */
const RESIDENT_LIKE_TYPES: ReadonlySet<string> = new Set(['other']);

export type CanonicalIdResult =
  { ok: true; idType: string; idNumber: string; resident: Extract<IdNumberResult, { ok: true }> | null } | { ok: false; code: IdNumberErrorCode | 'id_number.invalid' };

/**
 * The one form under which an ID number is stored, hashed and looked up, wherever it is entered
 * (form, ledger, search, existence check). A resident number is checked and given its
 * 18-character form; a valid resident number typed under 'other' is a resident number (so the
 * 15-digit form under 'other' and the 18-digit one are one person); any other document keeps
 * its type, upper-cased, and must be 5–30 letters, digits or dashes.
 */
export function canonicalIdNumber(idType: string, input: string, today: IsoDate): CanonicalIdResult {
  const typed = input.trim().toUpperCase();
  if (idType === 'resident_id' || (RESIDENT_LIKE_TYPES.has(idType) && /^(\d{15}|\d{17}[\dX])$/.test(typed))) {
    const r = validateIdNumber(typed, today);
    if (r.ok) return { ok: true, idType: 'resident_id', idNumber: r.normalized, resident: r };
    if (idType === 'resident_id') return r;
  }
  if (!/^[A-Z0-9-]{5,30}$/.test(typed)) return { ok: false, code: 'id_number.invalid' };
  return { ok: true, idType, idNumber: typed, resident: null };
}
