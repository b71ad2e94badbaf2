// Entry of a worker thread (ledger import, supervision recompute): TypeScript is loaded the way
// `npm start` loads it (tsx), then the worker module (`workerData.entry`). Plain JavaScript so that Node can start it without any loader.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
