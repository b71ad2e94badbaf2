// A recompute worker thread (issue 11.5): applies the pure rules to a loaded batch of persons and
// answers their outcomes. It touches no database and keeps nothing between batches.
import { parentPort } from 'node:worker_threads';
import { assessBatch, type AssessBatch } from './assess-batch';

parentPort!.on('message', (msg: { id: number; batch: AssessBatch }) => {
  try {
    parentPort!.postMessage({ id: msg.id, outcomes: assessBatch(msg.batch) });
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
