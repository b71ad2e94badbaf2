import { canonicalIdNumber, validateIdNumber, type CanonicalIdResult, type IdNumberResult } from '../../../core/rules/id-number';
import type { MessageKey } from '../../i18n/zh-CN';
import { todayIso } from '../../components/dates';

/** GB 11643 check of a resident ID number (the server's own pure rule, run as the user types). */
export const checkResidentId = (value: string): IdNumberResult => validateIdNumber(value ?? '', todayIso());

/**
 * The number as the server will store it (the same pure rule): a 15-digit number becomes its
 * 18-digit form, and a resident number typed under "other" is a resident number (9.18).
 */
export const canonicalId = (idType: string, value: string): CanonicalIdResult => canonicalIdNumber(idType, value ?? '', todayIso());

/** The message key of a failed check: id_number.check_digit → idNumber.check_digit. */
export const idErrorKey = (r: Extract<IdNumberResult, { ok: false }>) => r.code.replace('id_number.', 'idNumber.') as MessageKey;
