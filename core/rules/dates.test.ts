import { describe, it, expect } from 'vitest';
import { addDays, addMonths, addYears, compareDates, daysBetween, daysInMonth, isValidIsoDate, isWithin, maxDate, minDate } from './dates';

describe('isValidIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['1900-02-29', false], // century, not a leap year
    ['2000-02-29', true], // divisible by 400
    ['2024-04-31', false],
    ['2024-12-31', true],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-01-00', false],
    ['2024-1-01', false],
    ['20240101', false],
    ['2024-01-01T00:00:00Z', false],
    [' 2024-01-01', false],
    ['', false],
    [20240101, false],
    [null, false],
  ])('%j → %s', (value, expected) => {
    expect(isValidIsoDate(value)).toBe(expected);
  });
});

describe('daysInMonth', () => {
  it.each([
    [2024, 2, 29],
    [2023, 2, 28],
    [2100, 2, 28],
    [2000, 2, 29],
    [2024, 4, 30],
    [2024, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});

describe('addDays', () => {
  it.each([
    ['2024-01-01', 0, '2024-01-01'],
    ['2024-01-31', 1, '2024-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-01-01', 366, '2025-01-01'],
    ['1970-01-01', -1, '1969-12-31'],
    ['1900-03-01', -1, '1900-02-28'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('agrees with the UTC calendar of the JavaScript Date for every day of 1899–2101', () => {
    // Cross-check of the integer day-number arithmetic against an independent implementation.
    const first = Date.UTC(1899, 0, 1);
    const days = Math.round((Date.UTC(2102, 0, 1) - first) / 86_400_000);
    const mismatches: string[] = [];
    for (let i = 0; i < days; i += 1) {
      const expected = new Date(first + i * 86_400_000).toISOString().slice(0, 10);
      const actual = addDays('1899-01-01', i);
      if (actual !== expected) mismatches.push(`${i}: ${actual} ≠ ${expected}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses fractional days and invalid dates', () => {
    expect(() => addDays('2024-01-01', 0.5)).toThrow(RangeError);
    expect(() => addDays('2024-02-30', 1)).toThrow(RangeError);
  });
});

describe('addMonths (clamps to the end of the month)', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-03-31', 1, '2024-04-30'],
    ['2024-01-15', 1, '2024-02-15'],
    ['2024-11-30', 2, '2025-01-30'],
    ['2024-12-31', 12, '2025-12-31'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-01-31', -2, '2023-11-30'],
    ['2024-05-10', 0, '2024-05-10'],
    ['2024-01-31', 25, '2026-02-28'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('addYears', () => {
  it.each([
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2024-03-15', 3, '2027-03-15'],
    ['2024-03-15', -2, '2022-03-15'],
  ])('%s + %i years = %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });
});

describe('daysBetween and compareDates', () => {
  it.each([
    ['2024-01-01', '2024-01-01', 0, 0],
    ['2024-01-01', '2024-01-02', 1, -1],
    ['2024-01-02', '2024-01-01', -1, 1],
    ['2024-01-01', '2025-01-01', 366, -1],
    ['2023-01-01', '2024-01-01', 365, -1],
    ['1999-12-31', '2000-03-01', 61, -1],
  ])('from %s to %s: %i days, compare %i', (from, to, days, order) => {
    expect(daysBetween(from, to)).toBe(days);
    expect(compareDates(from, to)).toBe(order);
  });
});

describe('minDate, maxDate, isWithin', () => {
  it('picks the earliest and latest date', () => {
    const dates = ['2024-05-01', '2023-12-31', '2024-05-02'];
    expect(minDate('2024-05-01', ...dates)).toBe('2023-12-31');
    expect(maxDate('2024-05-01', ...dates)).toBe('2024-05-02');
    expect(minDate('2024-05-01')).toBe('2024-05-01');
  });
  it.each([
    ['2024-01-01', true],
    ['2024-01-10', true],
    ['2024-01-05', true],
    ['2023-12-31', false],
    ['2024-01-11', false],
  ])('%s within 2024-01-01..2024-01-10 (both ends included) → %s', (date, expected) => {
    expect(isWithin(date, '2024-01-01', '2024-01-10')).toBe(expected);
  });
});
