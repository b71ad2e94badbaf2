// Where an import's rows are prepared (issue 11.4): in worker threads, so mapping, checking,
// encryption and hashing use both cores while the main thread reads the file and writes to the
// database; or in this thread, when threads are not wanted (one core, a small file) or fail.
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

/** The same work in this thread (small files, one core, or workers failing to start). */
export function inlinePool(context: PrepareContext, cipher: DataCipher): PreparePool {
  const prepare = createPreparer(context, cipher);
  return { prepare: async (rows) => prepare(rows), close: async () => {} };
}

interface Pending {
  resolve(rows: PreparedRow[]): void;
  reject(err: Error): void;
}

/**
 * `size` worker threads, started at the first import that wants them and kept while imports
 * come (starting one costs about half a second of loading code), stopped after `idleMs`
 * without one. Each import opens a session with its context; chunks go to the thread with the
 * fewest in flight. A thread that dies fails its chunks (the import then prepares them here)
 * and is replaced at the next session.
 */
export function createWorkerPool(size: number, cipher: DataCipher, idleMs = 120_000) {
  const boot = new URL('../../lib/worker-boot.mjs', import.meta.url);
  const entry = new URL('./import-worker.ts', import.meta.url).href;
  let threads: { w: Worker; pending: Map<number, Pending>; alive: boolean }[] = [];
  let nextId = 0;
  let nextJob = 0;
  let open = 0;
  let idle: NodeJS.Timeout | null = null;

  function start() {
    const w = new Worker(boot, { workerData: { entry, key: workerKey(cipher) } });
    const t = { w, pending: new Map<number, Pending>(), alive: true };
    const fail = (err: Error) => {
      t.alive = false;
      for (const p of t.pending.values()) p.reject(err);
      t.pending.clear();
    };
    w.on('message', (msg: { id: number; rows?: PreparedRow[]; error?: string }) => {
      const p = t.pending.get(msg.id);
      t.pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(msg.error));
      else p?.resolve(msg.rows!);
    });
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`import worker exited (${code})`)));
    return t;
  }

  async function stopAll() {
    const old = threads;
    threads = [];
    await Promise.all(old.map((t) => t.w.terminate()));
  }

  return {
    /** A session of one import over the shared threads. */
    session(context: PrepareContext): PreparePool {
      if (idle) clearTimeout(idle);
      threads = threads.filter((t) => t.alive);
      while (threads.length < size) threads.push(start());
      const job = nextJob++;
      const mine = [...threads];
      // Busy threads keep the process alive (an import awaits them); idle ones do not.
      for (const t of mine) t.w.ref();
      for (const t of mine) t.w.postMessage({ type: 'begin', job, context });
      open++;
      let closed = false;
      return {
        prepare(rows) {
          const target = mine.filter((t) => t.alive).reduce<(typeof mine)[number] | null>((a, b) => (!a || b.pending.size < a.pending.size ? b : a), null);
          if (!target) return Promise.reject(new Error('no import worker'));
          const id = nextId++;
          return new Promise<PreparedRow[]>((resolve, reject) => {
            target.pending.set(id, { resolve, reject });
            target.w.postMessage({ type: 'rows', job, id, rows });
          });
        },
        async close() {
          if (closed) return;
          closed = true;
          for (const t of mine) if (t.alive) t.w.postMessage({ type: 'end', job });
          if (--open === 0) {
            for (const t of threads) t.w.unref();
            idle = setTimeout(() => void stopAll(), idleMs).unref();
          }
        },
      };
    },
    /** On shutdown. */
    stop: async () => {
      if (idle) clearTimeout(idle);
      await stopAll();
    },
  };
}

export type WorkerPool = ReturnType<typeof createWorkerPool>;
