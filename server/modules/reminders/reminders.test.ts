import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { testDbKinds } from '../../test/harness';
import { auditLog } from '../audit/schema';
import { personUnderMeasure, world, type World } from '../../test/supervision-world';
import { reminderMessages } from './schema';
import { backoffMs, MAX_ATTEMPTS } from './service';
import { smsSenderFromEnv } from './senders';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: { phone: string; template: string; params: Record<string, string>; text: string; idempotencyKey: string };
}

/** A local SMS gateway: answers the first `failures` requests with HTTP 500, then 200. */
async function gateway(failures: number, delayMs = 0) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(data) });
      setTimeout(() => {
        res.writeHead(received.length <= failures ? 500 : 200, { 'content-type': 'application/json' });
        res.end('{}');
      }, delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`, close: () => new Promise((r) => server.close(r)) };
}

describe('reminder backoff', () => {
  it('doubles from one minute, capped at six hours', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(backoffMs(30)).toBe(6 * 3_600_000);
  });
  it('the sender comes from the environment: log by default, HTTP when a URL is set', () => {
    expect(smsSenderFromEnv({}).name).toBe('log');
    expect(smsSenderFromEnv({ SUNFLOWER_SMS_URL: 'http://127.0.0.1:9/sms' }).name).toBe('http');
  });
});

describe.each(testDbKinds())('reminders on %s', (kind) => {
  let w: World;
  let gw: Awaited<ReturnType<typeof gateway>>;
  // A world and a gateway of its own per test: the outbox, the gateway's tally and the clock (which
  // the backoff test moves by hours, ending the sessions) are what these tests count.
  beforeEach(async () => {
    gw = await gateway(1);
    process.env.SUNFLOWER_SMS_URL = gw.url;
    process.env.SUNFLOWER_SMS_TEMPLATE = 'SF_TPL_001';
    try {
      w = await world(kind, {}, 'r');
    } finally {
      delete process.env.SUNFLOWER_SMS_URL;
      delete process.env.SUNFLOWER_SMS_TEMPLATE;
    }
  });
  afterEach(async () => {
    await w.t.close();
    await gw.close();
  });

  const sms = () => w.t.services.db.select().from(reminderMessages).where(eq(reminderMessages.channel, 'sms'));

  it('P2: tasks due tomorrow remind the worker in the app, and by SMS only the person who consented; sent once, retried with backoff', async () => {
    // Term from 2026-10-23: the check-in and test 1 fall due tomorrow, 2026-11-23.
    const consenting = await personUnderMeasure(w, { reportDate: '2026-10-23', phone: '13912345678', name: '同意者' });
    const other = await personUnderMeasure(w, { reportDate: '2026-10-23', phone: '13800000000' });
    const pref = await w.worker.req('PUT', `/api/persons/${consenting.personId}/preferences`, { smsConsent: true });
    expect(pref.json()).toMatchObject({ smsConsent: true, consentDate: '2026-11-22', recordedBy: w.worker.userId });
    expect((await w.worker.get(`/api/persons/${other.personId}/preferences`)).json().smsConsent).toBe(false);

    expect(await w.t.services.scheduler.runNow('reminders.enqueue')).toBe(true);
    let rows = await sms();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ recipientPersonId: consenting.personId, status: 'pending', attempts: 0, dedupeKey: `sms:${consenting.personId}:2026-11-23` });

    // First try: the gateway fails; the message waits a minute.
    await w.t.services.scheduler.runNow('reminders.send');
    rows = await sms();
    expect(rows[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: 'SMS gateway answered HTTP 500' });
    expect(rows[0]!.nextAttemptAt.getTime() - w.t.clock.now().getTime()).toBe(60_000);
    await w.t.services.scheduler.runNow('reminders.send');
    expect(gw.received).toHaveLength(1);

    // A minute later it goes through, once.
    w.t.clock.advanceMinutes(1);
    await w.t.services.scheduler.runNow('reminders.send');
    rows = await sms();
    expect(rows[0]).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    w.t.clock.advanceMinutes(10);
    await w.t.services.scheduler.runNow('reminders.send');
    await w.t.services.scheduler.runNow('reminders.enqueue');
    await w.t.services.scheduler.runNow('reminders.send');
    expect(await sms()).toHaveLength(1);
    expect(gw.received).toHaveLength(2);
    for (const r of gw.received) {
      expect(r.headers['idempotency-key']).toBe(rows[0]!.dedupeKey);
      expect(r.body).toMatchObject({ phone: '13912345678', template: 'SF_TPL_001', params: { date: '2026-11-23' }, idempotencyKey: rows[0]!.dedupeKey });
      // P1: nothing about drugs or the person in the text.
      expect(r.body.text).not.toMatch(/同意者|吸毒|检测|尿/);
    }
    const audited = await w.t.services.db.select().from(auditLog).where(eq(auditLog.action, 'reminder.sms_sent'));
    expect(audited).toHaveLength(1);
    expect(audited[0]!.personId).toBe(consenting.personId);

    // The worker's in-app messages: one per task due tomorrow, per person; marked read by him only.
    const inbox = (await w.worker.get('/api/messages?unread=true')).json();
    const tomorrow = inbox.items.filter((m: { details: { kind: string } | null }) => m.details?.kind === 'task');
    expect(tomorrow.filter((m: { personId: string }) => m.personId === consenting.personId)).toHaveLength(2);
    expect((await w.officer.post(`/api/messages/${tomorrow[0].id}/read`)).statusCode).toBe(404);
    const read = await w.worker.post(`/api/messages/${tomorrow[0].id}/read`);
    expect(read.json().readAt).not.toBeNull();
    expect((await w.worker.get('/api/messages')).json().unread).toBe(inbox.unread - 1);
  });

  it('a withdrawn consent cancels what was queued; a gateway that never answers well ends in failed', async () => {
    const p = await personUnderMeasure(w, { reportDate: '2026-10-01', phone: '13700000000' });
    await w.worker.req('PUT', `/api/persons/${p.personId}/preferences`, { smsConsent: true });
    const { reminders, db } = w.t.services;
    await db.transaction((tx) =>
      reminders.enqueue(tx, [{ channel: 'sms', recipientPersonId: p.personId, personId: p.personId, title: 't', body: '【向日葵】提醒', dedupeKey: `test:${p.personId}:a` }]),
    );
    await w.worker.req('PUT', `/api/persons/${p.personId}/preferences`, { smsConsent: false });
    await db.transaction((tx) => reminders.sendDue(tx));
    expect((await sms()).find((m) => m.dedupeKey === `test:${p.personId}:a`)).toMatchObject({ status: 'cancelled' });

    await w.worker.req('PUT', `/api/persons/${p.personId}/preferences`, { smsConsent: true });
    await db.transaction((tx) =>
      reminders.enqueue(tx, [{ channel: 'sms', recipientPersonId: p.personId, personId: p.personId, title: 't', body: '【向日葵】提醒', dedupeKey: `test:${p.personId}:b` }]),
    );
    reminders.useSender({
      name: 'down',
      send: async () => {
        throw new Error('gateway down');
      },
    });
    try {
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        await db.transaction((tx) => reminders.sendDue(tx));
        w.t.clock.advanceMinutes(backoffMs(i + 1) / 60_000);
      }
    } finally {
      reminders.useSender(smsSenderFromEnv({ SUNFLOWER_SMS_URL: gw.url, SUNFLOWER_SMS_TEMPLATE: 'SF_TPL_001' }));
    }
    expect((await sms()).find((m) => m.dedupeKey === `test:${p.personId}:b`)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastError: 'gateway down' });
  });

  it('two senders at once never send the same message (row lock, SKIP LOCKED)', async () => {
    await w.setToday('2026-11-22');
    const p = await personUnderMeasure(w, { reportDate: '2026-10-01', phone: '13600000000' });
    await w.worker.req('PUT', `/api/persons/${p.personId}/preferences`, { smsConsent: true });
    const slow = await gateway(0, 200);
    const { reminders, db } = w.t.services;
    reminders.useSender(smsSenderFromEnv({ SUNFLOWER_SMS_URL: slow.url }));
    try {
      await db.transaction((tx) =>
        reminders.enqueue(tx, [{ channel: 'sms', recipientPersonId: p.personId, personId: p.personId, title: 't', body: '【向日葵】提醒', dedupeKey: `test:${p.personId}:c` }]),
      );
      const [a, b] = await Promise.all([db.transaction((tx) => reminders.sendDue(tx)), db.transaction((tx) => reminders.sendDue(tx))]);
      expect(a.sent + b.sent).toBe(1);
      expect(slow.received).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });
});
