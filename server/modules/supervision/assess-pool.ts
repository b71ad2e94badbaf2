// Worker threads for the full recompute (issue 11.5): the rules are most of a cold recompute's
// CPU (about 1.5 ms a person), so with two cores two batches are assessed at once while the main
// thread reads and writes. Threads start at the first full recompute and stop when idle; a batch
// a thread fails on is assessed in the caller's thread instead (see `assess`).
import { Worker } from 'node:worker_threads';
import type { PersonOutcome } from '../../../core/rules/assessment';
import { assessBatch, type AssessBatch } from './assess-batch';

export interface AssessPool {
  assess(batch: AssessBatch): Promise<Map<string, PersonOutcome>>;
}

interface Thread {
  w: Worker;
  pending: Map<number, { resolve(o: Map<string, PersonOutcome>): void; reject(e: Error): void }>;
  alive: boolean;
}

export function createAssessPool(size: number, idleMs = 60_000): AssessPool {
  const boot = new URL('../../lib/worker-boot.mjs', import.meta.url);
  const entry = new URL('./assess-worker.ts', import.meta.url).href;
  let threads: Thread[] = [];
  let nextId = 0;
  let idle: NodeJS.Timeout | null = null;

  function start(): Thread {
    const t: Thread = { w: new Worker(boot, { workerData: { entry } }), pending: new Map(), alive: true };
    const fail = (err: Error) => {
      t.alive = false;
      for (const p of t.pending.values()) p.reject(err);
      t.pending.clear();
    };
    t.w.on('message', (msg: { id: number; outcomes?: Map<string, PersonOutcome>; error?: string }) => {
      const p = t.pending.get(msg.id);
      t.pending.delete(msg.id);
      if (msg.error !== undefined) p?.reject(new Error(msg.error));
      else p?.resolve(msg.outcomes!);
      if (threads.every((x) => x.pending.size === 0)) rest();
    });
    t.w.on('error', fail);
    t.w.on('exit', (code) => fail(new Error(`recompute worker exited (${code})`)));
    return t;
  }

  // Idle threads do not keep the process alive, and are stopped after a while.
  function rest() {
    for (const t of threads) t.w.unref();
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => {
      const old = threads;
      threads = [];
      for (const t of old) void t.w.terminate();
    }, idleMs).unref();
  }

  async function onThread(batch: AssessBatch): Promise<Map<string, PersonOutcome>> {
    if (idle) clearTimeout(idle);
    threads = threads.filter((t) => t.alive);
    while (threads.length < size) threads.push(start());
    const t = threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    t.w.ref();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      t.pending.set(id, { resolve, reject });
      t.w.postMessage({ id, batch });
    });
  }

  return {
    async assess(batch) {
      if (size < 1) return assessBatch(batch);
      try {
        return await onThread(batch);
      } catch {
        // A thread that cannot start or dies: the same pure function here gives the same outcome.
        return assessBatch(batch);
      }
    },
  };
}

/** The rules in the caller's thread. */
export const inlineAssess: AssessPool = { assess: async (batch) => assessBatch(batch) };
