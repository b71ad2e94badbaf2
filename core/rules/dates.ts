// Calendar dates as ISO strings 'YYYY-MM-DD'.
//
// Every rule in RULES.md counts whole calendar days (terms, deadlines, windows), never hours,
// so dates are plain strings and all arithmetic is done on a day number computed with integer
// arithmetic (proleptic Gregorian calendar). No Date object, no time zone, no clock: the
// result is the same on a server in UTC and on a laptop in Asia/Shanghai.

export type IsoDate = string;

interface CivilDate {
  year: number;
  month: number; // 1–12
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function match(value: string): CivilDate | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const civil = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (civil.month < 1 || civil.month > 12) return null;
  if (civil.day < 1 || civil.day > daysInMonth(civil.year, civil.month)) return null;
  return civil;
}

export function isValidIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && match(value) !== null;
}

/** Invalid input is a programming error here: dates are validated where they enter the system. */
function parse(date: IsoDate): CivilDate {
  const civil = match(date);
  if (!civil) throw new RangeError(`Not an ISO calendar date: ${JSON.stringify(date)}`);
  return civil;
}

function format({ year, month, day }: CivilDate): IsoDate {
  if (year < 0 || year > 9999) throw new RangeError(`Year out of range: ${year}`);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

// Day numbers (days since 1970-01-01) after H. Hinnant's days_from_civil / civil_from_days.
function toDayNumber({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function fromDayNumber(dayNumber: number): CivilDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

// Schedules compare the same few hundred dates many times over: the day number of a valid
// date is remembered (pure, so the results are unchanged; invalid dates still throw).
const dayNumbers = new Map<string, number>();
function dayNumberOf(date: IsoDate): number {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    n = toDayNumber(parse(date));
    if (dayNumbers.size >= 100_000) dayNumbers.clear();
    dayNumbers.set(date, n);
  }
  return n;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Whole days expected: ${days}`);
  return format(fromDayNumber(dayNumberOf(date) + days));
}

/**
 * Adds calendar months; a day that does not exist in the target month is clamped to its last
 * day (Jan 31 + 1 month = Feb 28/29), the way a legal term "ends in the month" is read.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`Whole months expected: ${months}`);
  const { year, month, day } = parse(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return format({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

/** Feb 29 + 1 year = Feb 28 (same clamping as addMonths). */
export function addYears(date: IsoDate, years: number): IsoDate {
  if (!Number.isInteger(years)) throw new RangeError(`Whole years expected: ${years}`);
  return addMonths(date, years * 12);
}

/** Signed number of days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  return Math.sign(daysBetween(b, a)) as -1 | 0 | 1;
}

/** Earliest of the dates; at least one is required so the result is always a date. */
export function minDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  parse(first);
  return rest.reduce((min, d) => (compareDates(d, min) < 0 ? d : min), first);
}

/** Latest of the dates; at least one is required so the result is always a date. */
export function maxDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  parse(first);
  return rest.reduce((max, d) => (compareDates(d, max) > 0 ? d : max), first);
}

/** True when `from <= date <= to` (both ends included). */
export function isWithin(date: IsoDate, from: IsoDate, to: IsoDate): boolean {
  return compareDates(date, from) >= 0 && compareDates(date, to) <= 0;
}
