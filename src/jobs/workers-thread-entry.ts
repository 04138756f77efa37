import { Writable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { createLogger } from '../logger.js';
import { startApp } from '../main.js';
import { threadData } from '../ts-worker.js';
import type { FromWorkers, ToWorkers, WorkersThreadData } from './workers-thread.js';

// The workers' thread of WORKERS=thread (see workers-thread.ts): the app without HTTP, its
// workers on. Logs go to the main thread's logger, a line per message.

const STATUS_EVERY_MS = 500;
const port = parentPort!;
const send = (m: FromWorkers) => port.postMessage(m);
const data = threadData<WorkersThreadData>();
const toParent = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n')) if (line) send({ type: 'log', line });
    done();
  },
});

try {
  const app = await startApp(data.config, { log: createLogger(data.config.logLevel, toParent), pollMs: data.pollMs, workersThreadOf: { acks: data.acks } });
  const report = () => send({ type: 'status', workers: app.workers.statuses() });
  report();
  const timer = setInterval(report, STATUS_EVERY_MS);
  port.on('message', (m: ToWorkers) => {
    if (m.type === 'wake') app.workers.wake(m.worker);
    else if (m.type === 'reload-content') app.catalog.reload();
    else if (m.type === 'stop') {
      clearInterval(timer);
      void app.close().finally(() => {
        send({ type: 'stopped' });
        port.close();
      });
    }
  });
} catch (err) {
  send({ type: 'failed', message: (err as Error).message });
  throw err;
}
