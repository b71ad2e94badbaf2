import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, startTestApp, testDbKinds, type TestApp } from '../../test/harness';

// The web judges dates ("overdue", "today", no date after today) by the deployment's calendar,
// which /api/auth/me carries: the browser's own clock and zone may be anything.
describe.each(testDbKinds())('the deployment calendar in /api/auth/me (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it('today is the date in SUNFLOWER_TZ, not in UTC, with the zone and the server time', async () => {
    t.clock.set(new Date('2026-11-22T17:30:00Z')); // 01:30 on the 23rd in Asia/Shanghai
    const admin = await adminClient(t);
    const me = (await admin.get('/api/auth/me')).json();
    expect(me.calendar).toEqual({ today: '2026-11-23', timeZone: t.config.timeZone, now: '2026-11-22T17:30:00.000Z' });
    expect(t.config.timeZone).toBe('Asia/Shanghai');
  });
});
