import type { Logger } from 'pino';

export interface WorkerStatus {
  name: string;
  running: boolean;
  lastTickAt: string | null;
  lastError: string | null;
  processed: number;
}

/**
 * Runs `tick` over and over: immediately again while it finds work, otherwise after `idleMs` or
 * when woken (a new webhook event, a new message). `stop()` lets the current tick finish.
 */
export function createWorkerLoop(o: { name: string; log: Logger; idleMs: number; tick: () => Promise<number> }) {
  const status: WorkerStatus = { name: o.name, running: false, lastTickAt: null, lastError: null, processed: 0 };
  let wakeUp: (() => void) | undefined;
  let stopped = true;
  let loop: Promise<void> | undefined;

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function run(): Promise<void> {
    while (!stopped) {
      let done = 0;
      try {
        done = await o.tick();
        status.processed += done;
        status.lastError = null;
      } catch (err) {
        status.lastError = (err as Error).message;
        o.log.error({ worker: o.name, err: { name: (err as Error).name, message: (err as Error).message } }, 'worker tick failed');
      }
      status.lastTickAt = new Date().toISOString();
      if (!stopped && done === 0) await sleep(o.idleMs);
    }
  }

  return {
    status,
    start(): void {
      if (!stopped) return;
      stopped = false;
      status.running = true;
      loop = run();
    },
    wake(): void {
      wakeUp?.();
    },
    async stop(): Promise<void> {
      stopped = true;
      status.running = false;
      wakeUp?.();
      await loop;
    },
  };
}

export type WorkerLoop = ReturnType<typeof createWorkerLoop>;
