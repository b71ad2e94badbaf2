// An import worker thread (issue 11.4): kept by the pool across imports; for each import it gets
// the job's context once (`begin`), then chunks of raw rows, each answered with its prepared rows
// (mapped, checked, encrypted), and `end`. It touches no database and keeps nothing of a job
// after its end.
import { parentPort, workerData } from 'node:worker_threads';
import { createCipher } from '../../lib/data-key';
import { createPreparer, type PrepareContext } from './prepare';
import type { RawRow } from './cells';

const cipher = createCipher(Buffer.from((workerData as { key: Uint8Array }).key));
const jobs = new Map<number, ReturnType<typeof createPreparer>>();

type Message = { type: 'begin'; job: number; context: PrepareContext } | { type: 'rows'; job: number; id: number; rows: RawRow[] } | { type: 'end'; job: number };

parentPort!.on('message', (msg: Message) => {
  if (msg.type === 'begin') jobs.set(msg.job, createPreparer(msg.context, cipher));
  else if (msg.type === 'end') jobs.delete(msg.job);
  else {
    try {
      const prepare = jobs.get(msg.job);
      if (!prepare) throw new Error(`no context for import ${msg.job}`);
      parentPort!.postMessage({ id: msg.id, rows: prepare(msg.rows) });
    } catch (err) {
      parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
    }
  }
});
