import type { Executor } from '../store/database.js';
import { storeInboundEvents, type NewInboundEvent } from './inbox-repo.js';

interface Waiter {
  event: NewInboundEvent;
  resolve: (isNew: boolean) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for the webhook. Each request hands its event over and waits for the commit of the
 * batch it joined; only then is it acknowledged, so nothing is acknowledged that is not stored.
 * One batch is written at a time: while it commits, the requests that arrive meanwhile form the
 * next one, so under load a single INSERT stores dozens of events (one round trip, one fsync)
 * and when quiet every event is written at once, alone. Batches commit in arrival order, so a
 * resident's events are stored in the order they came.
 */
export function createInboxWriter(o: { db: Executor; maxBatch?: number }) {
  const maxBatch = o.maxBatch ?? 500;
  let queue: Waiter[] = [];
  let writing = false;
  let scheduled = false;

  function schedule(): void {
    if (scheduled || writing || queue.length === 0) return;
    scheduled = true;
    // After the current I/O phase: every request already read joins this batch.
    setImmediate(() => void flush());
  }

  async function flush(): Promise<void> {
    scheduled = false;
    const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
    queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
    writing = true;
    try {
      const inserted = await storeInboundEvents(o.db, batch.map((w) => w.event));
      // Two deliveries of one event in the same batch: the first is new, the second a redelivery.
      const answered = new Set<string>();
      for (const w of batch) {
        const key = w.event.dedupeKey;
        w.resolve(inserted.has(key) && !answered.has(key));
        answered.add(key);
      }
    } catch (err) {
      for (const w of batch) w.reject(err);
    } finally {
      writing = false;
      schedule();
    }
  }

  return {
    /** Resolves once the event is committed: true if new, false for a redelivery. */
    store(event: NewInboundEvent): Promise<boolean> {
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ event, resolve, reject });
        schedule();
      });
    },
  };
}

export type InboxWriter = ReturnType<typeof createInboxWriter>;
