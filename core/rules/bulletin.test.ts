import { describe, expect, it } from 'vitest';
import { bulletinFigure, bulletinRatio, isMonth, monthProblem, monthRange, previousMonth, scheduledMonth } from './bulletin';

describe('the monthly bulletin (月通报, issue 15 item 5)', () => {
  it('reads a month as yyyy-mm only', () => {
    expect(['2026-11', '2000-01', '2026-12'].every(isMonth)).toBe(true);
    expect(['2026-13', '2026-00', '2026/11', '26-11', '2026-1', '', '1999-12', 202611].some(isMonth)).toBe(false);
  });
  it('covers the whole month, leap years included', () => {
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
  it('refuses a month not begun; the current month (to date) is allowed', () => {
    expect(monthProblem('2026-12', '2026-11-22')).toBe('report.month_future');
    expect(monthProblem('2026-11', '2026-11-22')).toBeNull();
    expect(monthProblem('2025-12', '2026-01-01')).toBeNull();
  });
  it('the schedule makes the month before’s from the 3rd on', () => {
    expect(previousMonth('2027-01-15')).toBe('2026-12');
    expect(scheduledMonth('2026-12-02')).toBeNull();
    expect(scheduledMonth('2026-12-03')).toBe('2026-11');
    expect(scheduledMonth('2027-01-31')).toBe('2026-12');
  });
  it('writes a rate with %, a count as is, no data as nothing (never 0)', () => {
    expect(bulletinFigure('K5', 66.7)).toBe('66.7%');
    expect(bulletinFigure('K13', 3)).toBe('3');
    expect(bulletinFigure('K14', null)).toBeNull();
    expect(bulletinRatio('K5', 2, 3)).toBe('2/3');
    expect(bulletinRatio('K13', 3, null)).toBe('3');
    expect(bulletinRatio('K5', null, null)).toBe('—');
  });
});
