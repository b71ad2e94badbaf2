// The device's store for offline work (issue 17), in IndexedDB so it outlives a reload, a closed
// tab and a restarted phone. What it keeps, and nothing more (RULES P1, "only as much as
// needed"): the outbox (records not yet confirmed by the server; a sent one keeps only its state
// and the server's id), the worker's own day as the list showed it (person id, name, unit,
// task kind and dates — no ID numbers, phones or addresses), and the signed-in account's own
// profile so the app opens offline. Person data is sealed with AES-GCM under a key the browser
// generated as non-extractable (script can use it, not read it); everything, key included, is
// deleted at sign-out. See docs/decisions/0014-offline-field-work.md for what this protects.
import type { OutboxItem } from './outbox';

const DB_NAME = 'sunflower-offline';
const OUTBOX = 'outbox';
const VAULT = 'vault';

let opened: Promise<IDBDatabase> | null = null;

const done = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

function open(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(OUTBOX, { keyPath: 'seq' });
      req.result.createObjectStore(VAULT);
    };
    req.onsuccess = () => {
      // Another tab deleting the database (sign-out there) closes ours rather than blocking it.
      req.result.onversionchange = () => {
        req.result.close();
        opened = null;
      };
      resolve(req.result);
    };
    req.onerror = () => {
      opened = null;
      reject(req.error);
    };
  });
  return opened;
}

async function run<T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  const tx = db.transaction(store, mode);
  // Resolve only once the write is committed to the database, not merely queued.
  const committed = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  const result = await done(fn(tx.objectStore(store)));
  await committed;
  return result;
}

// ---- sealing ----
let keyPromise: Promise<CryptoKey> | null = null;

function deviceKey(): Promise<CryptoKey> {
  keyPromise ??= (async () => {
    const stored = await run<CryptoKey | undefined>(VAULT, 'readonly', (s) => s.get('key') as IDBRequest<CryptoKey | undefined>);
    if (stored) return stored;
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await run(VAULT, 'readwrite', (s) => s.put(key, 'key'));
    return key;
  })().catch((e: unknown) => {
    keyPromise = null;
    throw e;
  });
  return keyPromise;
}

interface Sealed {
  iv: Uint8Array;
  data: ArrayBuffer;
}

async function seal(value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await deviceKey(), new TextEncoder().encode(JSON.stringify(value)));
  return { iv, data };
}

async function unseal<T>(s: Sealed): Promise<T> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: s.iv as Uint8Array<ArrayBuffer> }, await deviceKey(), s.data);
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}

// ---- the outbox ----
/** As stored: the bookkeeping in clear, whom and what it is about sealed. */
type SealedPart = Pick<OutboxItem, 'personId' | 'personName' | 'body' | 'reason' | 'kind' | 'outcome'>;
interface StoredItem extends Omit<OutboxItem, keyof SealedPart> {
  sealed: Sealed;
}

export async function putItem(item: OutboxItem): Promise<void> {
  // What was recorded (a drug test, a refusal, a notice it raised) is about the person: sealed too.
  const { personId, personName, body, reason, kind, outcome, ...clear } = item;
  const stored: StoredItem = { ...clear, sealed: await seal({ personId, personName, body, reason, kind, outcome } satisfies SealedPart) };
  await run(OUTBOX, 'readwrite', (s) => s.put(stored));
}

export async function loadItems(): Promise<OutboxItem[]> {
  const rows = await run<StoredItem[]>(OUTBOX, 'readonly', (s) => s.getAll() as IDBRequest<StoredItem[]>);
  const out: OutboxItem[] = [];
  for (const { sealed, ...clear } of rows) out.push({ ...clear, ...(await unseal<SealedPart>(sealed)) });
  return out;
}

export async function deleteItem(seq: number): Promise<void> {
  await run(OUTBOX, 'readwrite', (s) => s.delete(seq));
}

// ---- the day and the profile ----
export async function putSnapshot(name: 'day' | 'me', value: unknown): Promise<void> {
  const sealed = await seal(value);
  await run(VAULT, 'readwrite', (s) => s.put(sealed, name));
}

export async function getSnapshot<T>(name: 'day' | 'me'): Promise<T | null> {
  const sealed = await run<Sealed | undefined>(VAULT, 'readonly', (s) => s.get(name) as IDBRequest<Sealed | undefined>);
  return sealed ? unseal<T>(sealed) : null;
}

export async function dropSnapshot(name: 'day' | 'me'): Promise<void> {
  await run(VAULT, 'readwrite', (s) => s.delete(name));
}

/** Sign-out: the whole database goes, the key with it. */
export async function wipe(): Promise<void> {
  const db = await opened?.catch(() => null);
  db?.close();
  opened = null;
  keyPromise = null;
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    // Another tab still holds it open: its onversionchange closes it, then this completes.
    req.onblocked = () => undefined;
  });
}
