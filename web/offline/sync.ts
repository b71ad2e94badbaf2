// The outbox on this device and the loop that sends it (issue 17). One instance per tab; across
// tabs the Web Locks API lets one tab send at a time, and the client key makes an overlap
// harmless anyway. The rules (order, back-off, what each answer means) are in outbox.ts.
import { useSyncExternalStore } from 'react';
import { ApiError } from '../api/client';
import { supervisionApi, type CreateRecord } from '../api/supervision';
import { afterSend, dismissable, keepBoth, newItem, nextToSend, nextWake, outcomeOf, resend, type OutboxItem, type SendOutcome } from './outbox';
import * as store from './store';
import { ensureFreshSession } from './session';

type Listener = () => void;

let items: OutboxItem[] = [];
let userId: string | null = null;
let loaded: Promise<void> | null = null;
let flushing = false;
let timer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<Listener>();

function publish(next: OutboxItem[]) {
  items = next;
  for (const l of listeners) l();
}

async function save(item: OutboxItem) {
  await store.putItem(item);
  publish([...items.filter((i) => i.seq !== item.seq), item]);
}

async function send(item: OutboxItem): Promise<SendOutcome> {
  try {
    const r = await supervisionApi.createRecord(item.personId, item.body!);
    return { kind: 'ok', recordId: r.record.id, outcome: outcomeOf(r) };
  } catch (e) {
    if (e instanceof ApiError && e.status !== 0) return { kind: 'http', status: e.status, code: e.code, message: e.messages };
    return { kind: 'network' };
  }
}

function wakeAt(at: number | null) {
  if (timer) clearTimeout(timer);
  timer = at === null ? null : setTimeout(() => void flush(), Math.max(0, at - Date.now()) + 50);
}

async function sendAll() {
  try {
    await ensureFreshSession();
  } catch {
    // No answer (still offline) or no session: the items wait; the next signal or sign-in sends them.
    return wakeAt(userId ? nextWake(items, userId) : null);
  }
  for (;;) {
    if (!userId) return;
    const next = nextToSend(items, userId, Date.now());
    if (!next) return wakeAt(nextWake(items, userId));
    await save({ ...next, state: 'sending' });
    const step = afterSend(next, await send(next), Date.now());
    await save(step.item);
    if (step.halt) return wakeAt(step.halt === 'offline' ? nextWake(items, userId) : null);
  }
}

/** Sends what waits, oldest first, until nothing is left or the signal or the session is gone. */
export async function flush(): Promise<void> {
  await loaded;
  if (flushing || !userId) return;
  flushing = true;
  try {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    if (locks)
      await locks.request('sunflower-outbox', async () => {
        // Another tab may have sent some meanwhile: read the store again under the lock.
        publish(await store.loadItems());
        await sendAll();
      });
    else await sendAll();
  } finally {
    flushing = false;
  }
}

/** Loads this user's outbox from the device and starts sending; called once signed in (or signed in offline). */
export function startOutbox(user: string): Promise<void> {
  if (userId === user && loaded) return loaded;
  userId = user;
  loaded = store.loadItems().then(publish);
  void loaded.then(flush);
  return loaded;
}

/** Kept on the device at once (the promise resolves once it is committed there), then sent. */
export async function enqueue(draft: { personId: string; personName: string; body: CreateRecord }): Promise<OutboxItem> {
  await loaded;
  if (!userId) throw new Error('the outbox is not started');
  const item = newItem(items, { ...draft, key: crypto.randomUUID(), userId }, new Date().toISOString());
  await save(item);
  void flush();
  return item;
}

export async function dismiss(seq: number): Promise<void> {
  const item = items.find((i) => i.seq === seq);
  if (!item || !dismissable(item)) return;
  await store.deleteItem(seq);
  publish(items.filter((i) => i.seq !== seq));
}

export async function keepAndResend(seq: number): Promise<void> {
  const item = items.find((i) => i.seq === seq);
  if (!item) return;
  await save(resend(item, crypto.randomUUID()));
  void flush();
}

/** After a clash (issue 17 §3): the worker keeps his record beside the other, as it was or merged. */
export async function keepBesideOther(seq: number, merged?: CreateRecord): Promise<void> {
  const item = items.find((i) => i.seq === seq);
  if (!item) return;
  await save(keepBoth(item, merged ?? item.body));
  void flush();
}

/** Sign-out: everything this device kept goes (the caller has warned about what was not sent). */
export async function clearDevice(): Promise<void> {
  userId = null;
  loaded = null;
  wakeAt(null);
  publish([]);
  await store.wipe();
}

if (typeof window !== 'undefined') {
  // The signal came back, or the phone woke the page: send what waits.
  window.addEventListener('online', () => void flush());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void flush();
  });
}

const subscribe = (l: Listener) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The outbox of this device as React state, oldest first. */
export function useOutbox(): OutboxItem[] {
  return useSyncExternalStore(subscribe, () => items);
}
