import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { Client, testDbKinds } from '../../test/harness';
import { world, type World } from '../../test/supervision-world';
import { auditLog } from '../audit/schema';
import { tips } from './schema';

// Issue 16 item 5: tip reports (线索举报) through a public form, a receipt code for their status,
// routed to the police of the unit; who gave a tip is seen by the police role alone (RULES P1,
// P6: shown to the fewest, encrypted at rest).
describe.each(testDbKinds())('tip reports on %s', (kind) => {
  let w: World;
  let office: Client & { userId: string };
  let n = 0;
  const anonymous = () => {
    const c = new Client(w.t);
    c.address = `203.0.113.${++n}`;
    return c;
  };
  beforeAll(async () => {
    w = await world(kind, {}, 'tp');
    // The street's drug-control office: it reads tips (tip.read), not who gave them.
    office = w.streetOffice;
  });
  afterAll(() => w.t.close());

  const NAME = '举报人赵六';
  const PHONE = '13711112222';
  const tip = (extra: Record<string, unknown> = {}) => ({
    orgUnitId: w.units.street,
    category: 'venue',
    description: '某小区地下室夜间常有人聚集，疑似容留吸毒',
    place: '多福巷 3 号地下室',
    contactName: NAME,
    contactPhone: PHONE,
    ...extra,
  });
  const submit = async (extra: Record<string, unknown> = {}) => {
    const res = await anonymous().post('/api/public/tips', tip(extra));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { receiptCode: string; status: string };
  };
  /** The tip just submitted: the police list is newest first. */
  const newestTipId = async () => (await w.police.get('/api/tips?limit=1')).json().items[0].id as string;

  it('takes a tip without a session and answers with a receipt code; the status page shows the status alone', async () => {
    const units = (await anonymous().get('/api/public/tip-units')).json().items;
    expect(units.map((u: { id: string }) => u.id)).toContain(w.units.street);
    expect(units.map((u: { id: string }) => u.id)).not.toContain(w.units.community);
    const r = await submit();
    expect(r.receiptCode).toMatch(/^TIP(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    expect(r.status).toBe('received');
    const status = await anonymous().post('/api/public/tips/status', { receiptCode: r.receiptCode.toLowerCase() });
    expect(status.statusCode, status.body).toBe(200);
    expect(status.json()).toEqual({ status: 'received', receivedOn: '2026-11-22' });
    // Another code shows nothing (the same 404 for a well-formed unknown code).
    const unknown = await anonymous().post('/api/public/tips/status', { receiptCode: 'TIP-0000-0000-0000-0000' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('tip.receipt_unknown');
    expect((await anonymous().post('/api/public/tips/status', { receiptCode: 'nope' })).statusCode).toBe(400);
    // At rest: the description and the contact are encrypted, the code kept only as a hash.
    const rows = JSON.stringify(await w.t.services.db.select().from(tips));
    for (const clear of [NAME, PHONE, '容留吸毒', r.receiptCode]) expect(rows).not.toContain(clear);
  });

  it('the police of the unit see who gave it; no other role sees a tipster field through any route', async () => {
    await submit();
    const police = (await w.police.get('/api/tips')).json();
    expect(police.items[0]).toMatchObject({ tipster: { name: NAME, phone: PHONE }, anonymous: false, category: 'venue' });
    const id = police.items[0].id;
    expect((await w.police.get(`/api/tips/${id}`)).json().tipster).toEqual({ name: NAME, phone: PHONE });

    // The district office reads the tip (not who gave it); every other role cannot read tips at all.
    const officeList = await office.get('/api/tips');
    expect(officeList.statusCode).toBe(200);
    expect(officeList.json().items.length).toBeGreaterThan(0);
    const officeOne = await office.get(`/api/tips/${id}`);
    expect(officeOne.statusCode).toBe(200);
    for (const body of [officeList.body, officeOne.body]) {
      expect(body).not.toContain('tipster');
      expect(body).not.toContain(NAME);
      expect(body).not.toContain(PHONE);
    }
    for (const c of [w.worker, w.officer, w.admin]) {
      for (const url of ['/api/tips', `/api/tips/${id}`]) {
        const res = await c.get(url);
        expect(res.statusCode, `${url} ${res.body}`).toBe(403);
        expect(res.body).not.toContain(NAME);
      }
    }
    // Writing is for the police role: the office is refused.
    expect((await office.patch(`/api/tips/${id}/status`, { status: 'verified' })).statusCode).toBe(403);
    // The police of another street: out of scope is a 404 like a missing tip.
    expect((await w.outsidePolice.get(`/api/tips/${id}`)).statusCode).toBe(404);
    expect((await w.outsidePolice.get('/api/tips')).json().items.map((t: { id: string }) => t.id)).not.toContain(id);
    // The audit rows say whether the tipster was shown, never who he is.
    const audit = JSON.stringify(await w.t.services.db.select().from(auditLog).where(eq(auditLog.entityType, 'tip')));
    expect(audit).not.toContain(NAME);
    expect(audit).not.toContain(PHONE);
    expect(audit).not.toContain('容留吸毒');
  });

  it('anonymous tips carry no contact; status moves forward only; a verified tip takes a reward; the public status follows', async () => {
    const r = await submit({ contactName: '', contactPhone: '' });
    const id = await newestTipId();
    expect(r.status).toBe('received');
    expect((await w.police.get(`/api/tips/${id}`)).json()).toMatchObject({ anonymous: true, tipster: { name: '', phone: '' } });
    const early = await w.police.patch(`/api/tips/${id}/reward`, { amountYuan: 500 });
    expect(early.json().error.fields[0]).toMatchObject({ path: 'amountYuan', code: 'tip.reward_not_verified' });
    expect((await w.police.patch(`/api/tips/${id}/status`, { status: 'verified', note: '已核实' })).json().status).toBe('verified');
    const paid = await w.police.patch(`/api/tips/${id}/reward`, { amountYuan: 500, paidOn: '2026-11-20' });
    expect(paid.json().reward).toEqual({ amountYuan: 500, paidOn: '2026-11-20' });
    expect((await anonymous().post('/api/public/tips/status', { receiptCode: r.receiptCode })).json()).toEqual({ status: 'verified', receivedOn: '2026-11-22' });
    expect((await w.police.patch(`/api/tips/${id}/status`, { status: 'closed' })).json().status).toBe('closed');
    const back = await w.police.patch(`/api/tips/${id}/status`, { status: 'received' });
    expect(back.json().error.fields[0]).toMatchObject({ path: 'status', code: 'tip.status_backwards' });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['a description too short', { description: '有人' }, 'body.description', 'validation.too_small'],
    ['an unknown category', { category: 'gossip' }, 'body.category', 'validation.invalid_value'],
    ['a phone that is not one', { contactPhone: 'call me' }, 'body.contactPhone', 'validation.invalid_format'],
    ['an unknown field', { idNumber: '110101199001011234' }, 'body', 'validation.unrecognized_keys'],
    ['a unit that does not exist', { orgUnitId: '00000000-0000-4000-8000-000000000000' }, 'orgUnitId', 'tip.unit_unknown'],
  ])('refuses %s with a 400 and stores nothing', async (_l, extra, path, code) => {
    const before = (await w.t.services.db.select().from(tips)).length;
    const res = await anonymous().post('/api/public/tips', tip(extra));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields).toContainEqual(expect.objectContaining({ path, code }));
    expect(await w.t.services.db.select().from(tips)).toHaveLength(before);
  });

  it('a burst from one address is limited (429), every tip answered with a code is stored and its code works', async () => {
    const burst = anonymous();
    const before = (await w.t.services.db.select().from(tips)).length;
    const answers = await Promise.all(Array.from({ length: 200 }, () => burst.post('/api/public/tips', tip())));
    const ok = answers.filter((a) => a.statusCode === 201);
    expect(ok).toHaveLength(w.t.config.publicLimits.perAddressPerMinute);
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(200 - ok.length);
    expect(await w.t.services.db.select().from(tips)).toHaveLength(before + ok.length);
    const codes = new Set(ok.map((a) => a.json().receiptCode));
    expect(codes.size).toBe(ok.length);
    const check = await anonymous().post('/api/public/tips/status', { receiptCode: ok[0]!.json().receiptCode });
    expect(check.statusCode).toBe(200);
  });
});
