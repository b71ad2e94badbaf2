import { describe, expect, it } from 'vitest';
import {
  afterSend,
  dismissable,
  isClash,
  isSuspensionClash,
  keepBoth,
  kindOf,
  needsAttention,
  newItem,
  nextToSend,
  nextWake,
  outcomeOf,
  pending,
  resend,
  retryDelay,
  type OutboxItem,
} from './outbox';
import type { CreateRecord } from '../api/supervision';

// Issue 17: the outbox's rules, without a browser: order, back-off, what each answer does.

const body: CreateRecord = {
  kind: 'grid_visit',
  place: '家中',
  contactMode: 'in_person',
  form: { livingSituation: 'stable_home', employment: 'employed', family: 'supportive', health: 'good', mood: 'stable', needs: [], nextStep: 'continue' },
};
const msg = (zh: string) => ({ 'zh-CN': zh, 'en-US': zh });
const add = (items: OutboxItem[], key: string, userId = 'u1') => [...items, newItem(items, { key, userId, personId: 'p1', personName: '王某', body }, '2026-11-22T10:00:00.000Z')];

describe('outbox', () => {
  it('a new item waits, carries its key in the body, and comes last in order', () => {
    const items = add(add([], 'k1'), 'k2');
    expect(items.map((i) => [i.seq, i.state, i.body?.clientKey])).toEqual([
      [1, 'waiting', 'k1'],
      [2, 'waiting', 'k2'],
    ]);
    expect(pending(items)).toBe(2);
  });

  it('sends the oldest first, only the signed-in user\'s, and an item left "sending" by a closed tab again', () => {
    let items = add(add(add([], 'k1'), 'k2', 'u2'), 'k3');
    expect(nextToSend(items, 'u1', 0)?.key).toBe('k1');
    expect(nextToSend(items, 'u2', 0)?.key).toBe('k2');
    items = items.map((i) => (i.key === 'k1' ? { ...i, state: 'sending' } : i));
    expect(nextToSend(items, 'u1', 0)?.key).toBe('k1');
  });

  it('an older item in back-off holds the later ones back (records arrive in the order made); a refused one does not', () => {
    const [a, b] = add(add([], 'k1'), 'k2') as [OutboxItem, OutboxItem];
    const backedOff = afterSend(a, { kind: 'network' }, 1_000).item;
    expect(backedOff).toMatchObject({ state: 'waiting', attempts: 1, retryAt: 3_000 });
    expect(nextToSend([backedOff, b], 'u1', 2_000)).toBeNull();
    expect(nextWake([backedOff, b], 'u1')).toBe(0);
    expect(nextToSend([backedOff, b], 'u1', 3_000)?.key).toBe('k1');
    const refused = afterSend(a, { kind: 'http', status: 404, code: 'person.not_found', message: msg('人员不存在') }, 1_000).item;
    expect(nextToSend([refused, b], 'u1', 1_000)?.key).toBe('k2');
  });

  it('back-off doubles from 2 s and stops growing at 5 minutes', () => {
    expect([1, 2, 3, 4].map(retryDelay)).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(retryDelay(30)).toBe(300_000);
  });

  it("sent: the body (the person's data) is dropped, the record id kept", () => {
    const [a] = add([], 'k1') as [OutboxItem];
    const { item, halt } = afterSend(a, { kind: 'ok', recordId: 'r1' }, 0);
    expect(item).toMatchObject({ state: 'sent', body: null, recordId: 'r1' });
    expect(halt).toBeNull();
    expect(pending([item])).toBe(0);
    expect(nextToSend([item], 'u1', 0)).toBeNull();
  });

  it.each<[string, number, string, string, string | null]>([
    ['no answer: waiting, the loop stops (offline)', 0, 'network', 'waiting', 'offline'],
    ['a server error: waiting with back-off, the key makes the retry safe', 503, 'internal', 'waiting', null],
    ['too many requests: waiting', 429, 'rate_limited', 'waiting', null],
    ['session gone: waiting until signed in again', 401, 'auth.required', 'waiting', 'signed_out'],
    ['stale CSRF token: waiting until the session is fresh', 403, 'auth.csrf', 'waiting', 'signed_out'],
    ['bad input: refused with the reason', 400, 'validation', 'refused', null],
    ['person out of reach meanwhile: refused with the reason', 404, 'person.not_found', 'refused', null],
    ['the key names another record: conflict', 409, 'supervision.client_key_reused', 'conflict', null],
  ])('%s', (_l, status, code, state, halt) => {
    const [a] = add([], 'k1') as [OutboxItem];
    const outcome = status === 0 ? ({ kind: 'network' } as const) : ({ kind: 'http', status, code, message: msg(code) } as const);
    const step = afterSend(a, outcome, 0);
    expect(step.item.state).toBe(state);
    expect(step.halt).toBe(halt);
    expect(step.item.body).toEqual(a.body);
    expect(step.item.reason).not.toBeNull();
  });

  it('waiting items cannot be dismissed (nothing lost silently); refused, conflicting and sent ones can', () => {
    const [a] = add([], 'k1') as [OutboxItem];
    expect(dismissable(a)).toBe(false);
    for (const s of ['sent', 'refused', 'conflict'] as const) expect(dismissable({ ...a, state: s })).toBe(true);
    expect(needsAttention([{ ...a, state: 'refused' }, { ...a, state: 'conflict' }, a])).toBe(2);
  });

  it('kept and sent again: a refused one under its key, one in conflict under a fresh key', () => {
    const [a] = add([], 'k1') as [OutboxItem];
    const refused = resend({ ...a, state: 'refused', attempts: 1, reason: msg('x') }, 'k9');
    expect(refused).toMatchObject({ state: 'waiting', key: 'k1', attempts: 0, reason: null });
    const conflict = resend({ ...a, state: 'conflict' }, 'k9');
    expect(conflict).toMatchObject({ state: 'waiting', key: 'k9', body: { clientKey: 'k9' } });
    expect(resend(a, 'k9')).toBe(a);
  });

  it('issue 17 §3: a clash (someone recorded the same task meanwhile) is kept with its code; keeping both resends under the same key with keepBoth', () => {
    const [a] = add([], 'k1') as [OutboxItem];
    const withBasis: OutboxItem = { ...a, body: { ...a.body!, basis: { asOf: '2026-11-22T08:00:00.000Z' } } };
    const clash = afterSend(withBasis, { kind: 'http', status: 409, code: 'supervision.record_clash', message: msg('他人已登记') }, 1_000).item;
    expect(clash).toMatchObject({ state: 'conflict', code: 'supervision.record_clash' });
    expect(isClash(clash)).toBe(true);
    expect(needsAttention([clash])).toBe(1);
    const kept = keepBoth(clash);
    expect(kept).toMatchObject({ state: 'waiting', key: 'k1', code: null, reason: null, body: { clientKey: 'k1', basis: { asOf: '2026-11-22T08:00:00.000Z', keepBoth: true } } });
    expect(nextToSend([kept], 'u1', 0)?.key).toBe('k1');
  });

  it('a merged record replaces the body, keeps the key and the original basis', () => {
    const [a] = add([], 'k1') as [OutboxItem];
    const clash = afterSend(
      { ...a, body: { ...a.body!, basis: { asOf: '2026-11-22T08:00:00.000Z' } } },
      { kind: 'http', status: 409, code: 'supervision.record_clash', message: msg('x') },
      0,
    ).item;
    const merged = keepBoth(clash, { ...body, note: '与社工同去，补充家属情况' });
    expect(merged.body).toMatchObject({ note: '与社工同去，补充家属情况', clientKey: 'k1', basis: { asOf: '2026-11-22T08:00:00.000Z', keepBoth: true } });
  });

  it('a key conflict is not a clash, and keepBoth leaves it alone (it needs a fresh key: resend)', () => {
    const [a] = add([], 'k1') as [OutboxItem];
    const reused = afterSend(a, { kind: 'http', status: 409, code: 'supervision.client_key_reused', message: msg('x') }, 0).item;
    expect(isClash(reused)).toBe(false);
    expect(keepBoth(reused)).toBe(reused);
  });

  describe('drug tests, check-ins and notes (issue 17 §2)', () => {
    const drugTest: CreateRecord = { kind: 'drug_test', place: '工作站', sample: 'urine', method: 'on_site', result: 'refused', random: true };
    const checkIn: CreateRecord = { kind: 'check_in', place: '工作站' };
    const queue = () => {
      const a = newItem([], { key: 'k1', userId: 'u1', personId: 'p1', personName: '王某', body: drugTest }, '2026-11-22T10:00:00.000Z');
      const b = newItem([a], { key: 'k2', userId: 'u1', personId: 'p1', personName: '王某', body: checkIn }, '2026-11-22T10:01:00.000Z');
      return [a, b] as const;
    };

    it('queue in the order made, each with its key; what it records is still known once sent (the body dropped)', () => {
      const [a, b] = queue();
      expect([a, b].map((i) => [i.seq, i.kind, i.body?.clientKey])).toEqual([
        [1, 'drug_test', 'k1'],
        [2, 'check_in', 'k2'],
      ]);
      expect(nextToSend([b, a], 'u1', 0)?.key).toBe('k1');
      const sent = afterSend(a, { kind: 'ok', recordId: 'r1' }, 0).item;
      expect(sent).toMatchObject({ state: 'sent', body: null, kind: 'drug_test', outcome: null });
      expect(kindOf(sent)).toBe('drug_test');
      // An item stored before `kind` existed: read from its body, else a grid visit (the only kind then).
      expect(kindOf({ ...a, kind: undefined })).toBe('drug_test');
      expect(kindOf({ ...sent, kind: undefined })).toBe('grid_visit');
    });

    it('C5/C6: what the record led to is kept on the sent item — the warning, the serious breach, the notice, the education', () => {
      const warning = { 'zh-CN': '已拒检或逃检 2 次，再有 1 次即构成严重违反协议（C5）', 'en-US': 'Refused or evaded 2 times: one more is a serious breach (C5)' };
      const result = {
        breaches: { level: 'breach', warning } as never,
        noticesCreated: [],
        educationCreated: [{ reason: 'refused', factDate: '2026-11-21' }] as never,
      };
      const outcome = outcomeOf(result);
      expect(outcome).toEqual({ warning, serious: false, notices: [], education: [{ reason: 'refused', date: '2026-11-21' }] });
      const [a] = queue();
      expect(afterSend(a, { kind: 'ok', recordId: 'r1', outcome }, 0).item.outcome).toEqual(outcome);
      const serious = outcomeOf({
        breaches: { level: 'serious_breach', warning: null } as never,
        noticesCreated: [{ reason: 'serious_breach', deadline: '2026-11-23T02:00:00.000Z' }] as never,
        educationCreated: [],
      });
      expect(serious).toMatchObject({ serious: true, notices: [{ reason: 'serious_breach', deadline: '2026-11-23T02:00:00.000Z' }] });
      // Nothing to tell (a negative test, a replay): no outcome.
      expect(outcomeOf({ breaches: null, noticesCreated: [], educationCreated: [] })).toBeNull();
      expect(outcomeOf({ breaches: { level: 'none', warning: null } as never, noticesCreated: [], educationCreated: [] })).toBeNull();
    });

    it('§3: a measure suspended meanwhile over its date is a clash too; kept beside it under the same key', () => {
      const [a] = queue();
      const clash = afterSend(
        { ...a, body: { ...a.body!, basis: { asOf: '2026-11-22T08:00:00.000Z' } } },
        { kind: 'http', status: 409, code: 'supervision.record_clash_suspended', message: msg('措施已中止') },
        0,
      ).item;
      expect([isClash(clash), isSuspensionClash(clash)]).toEqual([true, true]);
      expect(keepBoth(clash)).toMatchObject({ state: 'waiting', key: 'k1', body: { kind: 'drug_test', basis: { keepBoth: true } } });
      const recordClash = { ...clash, code: 'supervision.record_clash' };
      expect([isClash(recordClash), isSuspensionClash(recordClash)]).toEqual([true, false]);
    });
  });
});
