import { describe, it, expect } from 'vitest';
import { calendarDate } from './clock';

describe('calendarDate', () => {
  it.each([
    // 16:30 UTC on the 22nd is already the 23rd in Shanghai (UTC+8)
    ['2026-11-22T16:30:00Z', 'Asia/Shanghai', '2026-11-23'],
    ['2026-11-22T15:59:59Z', 'Asia/Shanghai', '2026-11-22'],
    ['2026-11-22T16:30:00Z', 'UTC', '2026-11-22'],
    ['2026-01-01T03:00:00Z', 'America/New_York', '2025-12-31'],
  ])('%s in %s is %s', (iso, tz, expected) => {
    expect(calendarDate(new Date(iso), tz)).toBe(expected);
  });
});
