// Entry of every worker thread (see ts-worker.ts): worker threads do not inherit tsx's loader, so
// load TypeScript as `npm start` does, then run the module the thread was started for.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
