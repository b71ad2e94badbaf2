// An import worker thread (issue 11.4): receives the job's context once, then chunks of raw
// rows, and answers each chunk with its prepared rows (mapped, checked, encrypted). It touches
// no database and keeps nothing after the job.
import { parentPort, workerData } from 'node:worker_threads';
import { createCipher } from '../../lib/data-key';
import { createPreparer, type PrepareContext } from './prepare';
import type { RawRow } from './cells';

const { key, context } = workerData as { key: Uint8Array; context: PrepareContext; entry: string };
const prepare = createPreparer(context, createCipher(Buffer.from(key)));

parentPort!.on('message', (msg: { id: number; rows: RawRow[] }) => {
  try {
    parentPort!.postMessage({ id: msg.id, rows: prepare(msg.rows) });
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
parentPort!.postMessage({ ready: true });
