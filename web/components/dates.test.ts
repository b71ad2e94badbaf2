import { afterEach, describe, expect, it, vi } from 'vitest';
import dayjs from 'dayjs';
import { afterToday, setDeploymentCalendar, todayIso } from './dates';

describe("the web's today is the deployment's", () => {
  afterEach(() => vi.useRealTimers());

  it('follows SUNFLOWER_TZ, not the browser zone or the date its clock shows', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2020-01-01T00:00:00Z')); // a browser clock years wrong
    setDeploymentCalendar({ timeZone: 'Asia/Shanghai', now: '2026-11-22T17:30:00Z' }); // 01:30 on the 23rd there
    expect(todayIso()).toBe('2026-11-23');
    expect(afterToday(dayjs('2026-11-23'))).toBe(false);
    expect(afterToday(dayjs('2026-11-24'))).toBe(true);
  });

  it("turns at the deployment's midnight while the page stays open", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-05-05T00:00:00Z'));
    setDeploymentCalendar({ timeZone: 'Asia/Shanghai', now: '2026-11-22T15:59:00Z' }); // 23:59 on the 22nd
    expect(todayIso()).toBe('2026-11-22');
    vi.advanceTimersByTime(2 * 60_000);
    expect(todayIso()).toBe('2026-11-23');
  });
});
