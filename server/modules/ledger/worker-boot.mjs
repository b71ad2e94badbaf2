// Entry of an import worker thread: TypeScript is loaded the way `npm start` loads it (tsx),
// then the worker module. Plain JavaScript so that Node can start it without any loader.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
