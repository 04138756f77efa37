import { Worker, workerData } from 'node:worker_threads';

/** Starts a worker thread running the TypeScript module at `module`, with `data` for it to read (`threadData`). */
export function startTsWorker(module: URL, data: unknown): Worker {
  return new Worker(new URL('./ts-worker-entry.mjs', import.meta.url), { workerData: { module: module.href, data } });
}

/** Inside such a thread: the data it was started with. */
export function threadData<T>(): T {
  return (workerData as { data: T }).data;
}
