// The offline outbox (issue 17): what a worker records on the phone is kept on the device first
// and sent when the signal allows, in the order it was recorded, each with the client key that
// makes the server's create idempotent. Pure: no IndexedDB, no fetch, no clock (`now` is passed);
// the store (store.ts) keeps the items, the sync loop (sync.ts) drives these functions.
import type { Localized } from '../api/client';
import type { CreateRecord, RecordKind, RecordResult } from '../api/supervision';

/**
 * waiting: on the device, to be sent (again after `retryAt`); sending: a request is out;
 * sent: the server holds it (its record id), the body is dropped; refused: the server said no
 * for good (the reason, kept until the worker dismisses it); conflict: the key names another
 * record on the server, kept with both sides until the worker decides.
 */
export type OutboxState = 'waiting' | 'sending' | 'sent' | 'refused' | 'conflict';

export interface OutboxItem {
  /** The client key sent with the record (a UUID). */
  key: string;
  /** Who recorded it: only his own items are sent under his session. */
  userId: string;
  /** Recording order on this device. */
  seq: number;
  personId: string;
  /** As the list showed him when recording (for the worker's eyes; never sent). */
  personName: string;
  /** The device's time when recorded: shown only ("recorded at"), the server's date rules decide. */
  recordedAt: string;
  /** The record to send; null once sent (nothing of the person is kept longer than needed). */
  body: CreateRecord | null;
  state: OutboxState;
  attempts: number;
  /** Epoch ms before which a waiting item is not sent again (back-off after a failed send). */
  retryAt: number;
  /** Why the server refused it, or what a failed send met, in both languages. */
  reason: Localized | null;
  /** The server's record, once sent. */
  recordId: string | null;
  /** The server's error code of a refusal or conflict (absent on items stored by older versions). */
  code?: string | null;
  /** What was recorded (a drug test, a check-in, a talk, a visit), kept once the body is dropped. */
  kind?: RecordKind;
  /** What the record led to on the server (C5 warning, C6 notice, education), shown once sent. */
  outcome?: RecordOutcome | null;
}

/**
 * What a record led to, as the online record form shows it (JOURNEYS 1): the C5 warning ("one
 * more refusal…"), the serious breach, the notices to the police raised (C6) and the education
 * due. Null when there is nothing to tell (or the answer was a replay: it was told then).
 */
export interface RecordOutcome {
  warning: Localized | null;
  serious: boolean;
  notices: { reason: string; deadline: string }[];
  education: { reason: string; date: string }[];
}

/** The part of the server's answer the worker must see, or null when there is none. */
export function outcomeOf(r: Pick<RecordResult, 'breaches' | 'noticesCreated' | 'educationCreated'>): RecordOutcome | null {
  const o: RecordOutcome = {
    warning: r.breaches?.warning ?? null,
    serious: r.breaches?.level === 'serious_breach',
    notices: r.noticesCreated.map((n) => ({ reason: n.reason, deadline: n.deadline })),
    education: r.educationCreated.map((e) => ({ reason: e.reason, date: e.factDate })),
  };
  return o.warning || o.serious || o.notices.length || o.education.length ? o : null;
}

/** What the item records, before and after it was sent. */
export const kindOf = (i: OutboxItem): RecordKind => i.kind ?? i.body?.kind ?? 'grid_visit';

/** What one send came back with, as the sync loop saw it. */
export type SendOutcome =
  | { kind: 'ok'; recordId: string; outcome?: RecordOutcome | null }
  /** No answer (offline, connection dropped, time-out). */
  | { kind: 'network' }
  /** An answer with an HTTP status and the server's error. */
  | { kind: 'http'; status: number; code: string; message: Localized };

/** The step after a send: the item's next state, and whether the loop stops for now. */
export interface Step {
  item: OutboxItem;
  /** Stop sending: no signal, or the session is gone (sign in again, then the rest goes). */
  halt: 'offline' | 'signed_out' | null;
}

const MIN_RETRY_MS = 2_000;
const MAX_RETRY_MS = 5 * 60_000;

/** Doubling back-off from 2 s up to 5 min, so a weak signal is not hammered. */
export function retryDelay(attempts: number): number {
  return Math.min(MAX_RETRY_MS, MIN_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

/** A new item, last in this device's order. */
export function newItem(
  existing: readonly OutboxItem[],
  draft: { key: string; userId: string; personId: string; personName: string; body: CreateRecord },
  recordedAt: string,
): OutboxItem {
  const seq = existing.reduce((m, i) => Math.max(m, i.seq), 0) + 1;
  return {
    ...draft,
    body: { ...draft.body, clientKey: draft.key },
    kind: draft.body.kind,
    seq,
    recordedAt,
    state: 'waiting',
    attempts: 0,
    retryAt: 0,
    reason: null,
    recordId: null,
    outcome: null,
  };
}

export const inOrder = (items: readonly OutboxItem[]) => [...items].sort((a, b) => a.seq - b.seq);

/** Still to reach the server (the 待同步 N badge). */
export const pending = (items: readonly OutboxItem[]) => items.filter((i) => i.state === 'waiting' || i.state === 'sending').length;

/** Needs the worker: refused or in conflict. */
export const needsAttention = (items: readonly OutboxItem[]) => items.filter((i) => i.state === 'refused' || i.state === 'conflict').length;

/**
 * The next item to send for this user, or null: the oldest still to send. An older one waiting
 * out its back-off holds the later ones back, so records of one person arrive in the order they
 * were made; refused and conflicting ones do not hold anything back. An item left `sending` by a
 * closed tab is sent again (its key makes that harmless).
 */
export function nextToSend(items: readonly OutboxItem[], userId: string, now: number): OutboxItem | null {
  for (const i of inOrder(items)) {
    if (i.userId !== userId || !i.body) continue;
    if (i.state === 'sending') return i;
    if (i.state !== 'waiting') continue;
    return i.retryAt <= now ? i : null;
  }
  return null;
}

/** When the loop should look again for a waiting item of this user (null: nothing waits). */
export function nextWake(items: readonly OutboxItem[], userId: string): number | null {
  const waiting = items.filter((i) => i.userId === userId && i.state === 'waiting' && i.body);
  return waiting.length ? Math.min(...waiting.map((i) => i.retryAt)) : null;
}

const networkReason: Localized = { 'zh-CN': '网络不可用，恢复后自动发送', 'en-US': 'No connection: sent automatically when it returns' };

/**
 * What a send outcome does to the item. 200/201: sent (the body dropped). No answer, 408, 429 and
 * 5xx: waiting again with back-off — the key makes the retry safe. 401: waiting, and the loop
 * stops until the worker signs in again. 409: conflict. Other 4xx (bad input, a person out of
 * reach: 404, a CSRF token gone stale: 403 is retried once the session is fresh): refused.
 */
export function afterSend(item: OutboxItem, outcome: SendOutcome, now: number): Step {
  if (outcome.kind === 'ok')
    return { item: { ...item, kind: kindOf(item), state: 'sent', body: null, reason: null, recordId: outcome.recordId, outcome: outcome.outcome ?? null }, halt: null };
  const attempts = item.attempts + 1;
  const retry = (reason: Localized, halt: Step['halt']): Step => ({ item: { ...item, state: 'waiting', attempts, retryAt: now + retryDelay(attempts), reason }, halt });
  if (outcome.kind === 'network') return retry(networkReason, 'offline');
  const { status } = outcome;
  if (status === 401) return { item: { ...item, state: 'waiting', reason: outcome.message }, halt: 'signed_out' };
  if (status === 403 && outcome.code === 'auth.csrf') return { item: { ...item, state: 'waiting', reason: outcome.message }, halt: 'signed_out' };
  if (status === 408 || status === 429 || status >= 500) return retry(outcome.message, null);
  if (status === 409) return { item: { ...item, state: 'conflict', attempts, reason: outcome.message, code: outcome.code }, halt: null };
  return { item: { ...item, state: 'refused', attempts, reason: outcome.message, code: outcome.code }, halt: null };
}

/** Sent, refused and conflicting items may be dismissed by the worker; waiting ones may not (nothing is lost silently). */
export const dismissable = (i: OutboxItem) => i.state === 'sent' || i.state === 'refused' || i.state === 'conflict';

/**
 * The worker keeps his record and sends it again: a refused one as it is (e.g. his access was
 * restored), one in conflict under a fresh key, since its key names another record on the server.
 * Kept last in the order it was recorded in.
 */
export function resend(item: OutboxItem, freshKey: string): OutboxItem {
  if (!item.body || (item.state !== 'refused' && item.state !== 'conflict')) return item;
  const key = item.state === 'conflict' ? freshKey : item.key;
  return { ...item, key, body: { ...item.body, clientKey: key }, state: 'waiting', attempts: 0, retryAt: 0, reason: null };
}

/**
 * In conflict because someone else recorded the same task meanwhile, or entered a suspension of
 * the measure over its date (issue 17 §3), not because of its key.
 */
export const isClash = (i: OutboxItem) => i.state === 'conflict' && (i.code === 'supervision.record_clash' || i.code === 'supervision.record_clash_suspended');

/** The clash is with a suspension of the measure (C9), not with another record. */
export const isSuspensionClash = (i: OutboxItem) => i.state === 'conflict' && i.code === 'supervision.record_clash_suspended';

/**
 * The worker saw both and keeps his — as it was, or merged (`body`: what he made of the two):
 * sent again under the same key (nothing was written under it) with `keepBoth`, so the server
 * saves it beside the other.
 */
export function keepBoth(item: OutboxItem, body: CreateRecord | null = item.body): OutboxItem {
  if (!body || !isClash(item)) return item;
  const basis = { asOf: item.body?.basis?.asOf ?? body.basis?.asOf ?? item.recordedAt, keepBoth: true };
  return { ...item, body: { ...body, clientKey: item.key, basis }, state: 'waiting', attempts: 0, retryAt: 0, reason: null, code: null };
}
