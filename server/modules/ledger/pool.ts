// Where an import's rows are prepared (issue 11.4): in worker threads, so mapping, checking,
// encryption and hashing use both cores while the main thread reads the file and writes to the
// database; or in this thread, when threads are not wanted (one core) or cannot start.
import { Worker } from 'node:worker_threads';
import type { DataCipher } from '../../lib/data-key';
import { workerKey } from '../../lib/data-key';
import { createPreparer, type PrepareContext, type PreparedRow } from './prepare';
import type { RawRow } from './cells';

export interface PreparePool {
  /** Prepares a chunk of rows; chunks may be in flight at once and resolve in any order. */
  prepare(rows: RawRow[]): Promise<PreparedRow[]>;
  close(): Promise<void>;
}

/** The same work in this thread (tests of the rules, one core, or workers failing to start). */
export function inlinePool(context: PrepareContext, cipher: DataCipher): PreparePool {
  const prepare = createPreparer(context, cipher);
  return { prepare: async (rows) => prepare(rows), close: async () => {} };
}

interface Pending {
  resolve(rows: PreparedRow[]): void;
  reject(err: Error): void;
}

/**
 * `size` worker threads for one import, each given the job's context and the data key at start.
 * Chunks go to the worker with the fewest in flight. A worker that dies fails its chunks; the
 * import then fails as a whole (nothing half written: writes happen only in the main thread).
 */
export function workerPool(size: number, context: PrepareContext, cipher: DataCipher): PreparePool {
  const boot = new URL('./worker-boot.mjs', import.meta.url);
  const entry = new URL('./import-worker.ts', import.meta.url).href;
  const key = workerKey(cipher);
  let nextId = 0;
  const workers = Array.from({ length: size }, () => {
    const w = new Worker(boot, { workerData: { entry, key, context } });
    const pending = new Map<number, Pending>();
    const fail = (err: Error) => {
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    };
    w.on('message', (msg: { id?: number; rows?: PreparedRow[]; error?: string; ready?: boolean }) => {
      if (msg.id === undefined) return;
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(msg.error));
      else p?.resolve(msg.rows!);
    });
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`import worker exited (${code})`)));
    return { w, pending };
  });
  return {
    prepare(rows) {
      const target = workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise<PreparedRow[]>((resolve, reject) => {
        target.pending.set(id, { resolve, reject });
        target.w.postMessage({ id, rows });
      });
    },
    async close() {
      await Promise.all(workers.map(({ w }) => w.terminate()));
    },
  };
}
