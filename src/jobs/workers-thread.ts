import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { startTsWorker } from '../ts-worker.js';
import type { WorkerStatus } from './worker-loop.js';

/**
 * WORKERS=thread: the inbox, the outbox and the scheduler run on a thread of their own, as a second
 * instance of the app without HTTP on the same database, so answering never takes the CPU the
 * webhook needs to acknowledge (on one event loop, a flood of events left the webhook half of it).
 * The two threads share what several processes share (the database: events, outbox, tokens,
 * communes, what staff taught) and tell each other what several processes would learn only by
 * polling: a new event or message to send (wake), a content reload, the workers' status for
 * /healthz. The acknowledgement gauge is shared memory. If the thread dies it is started again;
 * nothing is lost meanwhile, since every acknowledged event is stored.
 */

export interface WorkersThreadData {
  config: Config;
  /** The webhook's acknowledgement gauge (ack-gauge.ts), read by the inbox worker. */
  acks: SharedArrayBuffer;
  pollMs: number | undefined;
}

export type ToWorkers = { type: 'wake'; worker: 'inbox' | 'outbox' } | { type: 'reload-content' } | { type: 'stop' };

export type FromWorkers =
  | { type: 'status'; workers: WorkerStatus[] }
  | { type: 'log'; line: string }
  | { type: 'failed'; message: string }
  | { type: 'stopped' };

const RESTART_AFTER_MS = 1_000;
const LEVELS: Record<number, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

function notRunning(lastError: string | null): WorkerStatus[] {
  return ['inbox', 'outbox'].map((name) => ({ name, running: false, lastTickAt: null, lastError, processed: 0 }));
}

export function startWorkersThread(o: { data: WorkersThreadData; log: Logger }) {
  const log = o.log.child({ thread: 'workers' });
  let statuses = notRunning(null);
  let worker: Worker | undefined;
  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;
  // Wake-ups are coalesced: a flood of stored events posts one message per turn of the loop.
  const pending = new Set<'inbox' | 'outbox'>();

  /** The thread's log lines, written by this thread's logger (so they go where the app's logs go). */
  function relayLog(line: string): void {
    try {
      const { level, msg, time: _time, ...fields } = JSON.parse(line) as { level: number; msg?: string; time?: number };
      log[LEVELS[level] ?? 'info'](fields, msg ?? '');
    } catch {
      log.info({ line }, 'workers thread wrote a line that is not JSON');
    }
  }

  function start(): void {
    const w = startTsWorker(new URL('./workers-thread-entry.ts', import.meta.url), o.data);
    worker = w;
    w.on('message', (m: FromWorkers) => {
      if (m.type === 'status') statuses = m.workers;
      else if (m.type === 'log') relayLog(m.line);
      else if (m.type === 'failed') log.error({ err: { message: m.message } }, 'workers thread failed to start');
    });
    w.on('error', (err) => log.error({ err: { name: err.name, message: err.message } }, 'workers thread crashed'));
    w.on('exit', (code) => {
      if (worker === w) worker = undefined;
      if (stopping) return;
      statuses = notRunning(`workers thread exited (code ${code})`);
      log.error({ code }, 'workers thread exited; starting it again');
      restartTimer = setTimeout(start, RESTART_AFTER_MS);
    });
  }

  function post(message: ToWorkers): void {
    worker?.postMessage(message);
  }

  function wake(name: 'inbox' | 'outbox'): void {
    if (pending.size === 0) {
      setImmediate(() => {
        for (const n of pending) post({ type: 'wake', worker: n });
        pending.clear();
      });
    }
    pending.add(name);
  }

  start();
  return {
    wakeInbox: () => wake('inbox'),
    wakeOutbox: () => wake('outbox'),
    /** Staff reloaded the content: the workers' catalog reloads too. */
    reloadContent: () => post({ type: 'reload-content' }),
    /** The workers' last reported status (for /healthz). */
    get statuses(): WorkerStatus[] {
      return statuses;
    },
    /** Lets the current ticks finish, closes the thread's app and waits for the thread to end. */
    async stop(): Promise<void> {
      stopping = true;
      clearTimeout(restartTimer);
      const w = worker;
      if (!w) return;
      const ended = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      w.postMessage({ type: 'stop' } satisfies ToWorkers);
      await ended;
    },
  };
}

export type WorkersThread = ReturnType<typeof startWorkersThread>;
