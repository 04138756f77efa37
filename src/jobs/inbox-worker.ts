import type { Logger } from 'pino';
import type { Database } from '../store/database.js';
import type { Conversation } from '../assistant/conversation.js';
import { claimInboundEvents, completeInboundEvent, failInboundEvent } from '../zalo/inbox-repo.js';
import { enqueueMessage } from '../zalo/outbox-repo.js';
import { parseWebhookBody } from '../zalo/events.js';
import { backoffMs } from './backoff.js';

export interface InboxWorkerOptions {
  database: Database;
  log: Logger;
  conversation: Conversation;
  clock: () => Date;
  /** Wakes the outbox worker once replies are queued. */
  onReplies?: () => void;
  batchSize?: number;
  leaseMs?: number;
  maxAttempts?: number;
}

class LeaseLostError extends Error {
  constructor() {
    super('inbox: lease lost before the event was completed');
  }
}

/**
 * One tick of the inbox: lease events, run the conversation for each, and in the same
 * transaction queue its replies and mark it done. A crash anywhere leaves the event pending: its
 * lease runs out and it is handled again, and since nothing of the first try was committed, the
 * resident is answered exactly once.
 */
export function createInboxTick(o: InboxWorkerOptions): () => Promise<number> {
  const { db, dialect } = o.database;
  const leaseMs = o.leaseMs ?? 30_000;
  const maxAttempts = o.maxAttempts ?? 5;
  return async () => {
    const events = await claimInboundEvents(db, dialect, { limit: o.batchSize ?? 20, leaseMs, now: o.clock() });
    for (const row of events) {
      // Let waiting HTTP requests (webhook acknowledgements) in between events: on SQLite they
      // share one connection with these transactions.
      await new Promise((resolve) => setImmediate(resolve));
      try {
        await db.transaction().execute(async (tx) => {
          const now = o.clock();
          const event = parseWebhookBody(row.payload);
          const replies = await o.conversation(tx, { event, eventId: row.id, userId: row.user_id!, now });
          for (const [i, message] of replies.entries()) {
            await enqueueMessage(tx, { dedupeKey: `event:${row.id}:${String(i).padStart(3, '0')}`, userId: row.user_id!, purpose: 'reply', message, now });
          }
          if (!(await completeInboundEvent(tx, row, now))) throw new LeaseLostError();
        });
      } catch (err) {
        if (err instanceof LeaseLostError) continue;
        o.log.error({ eventId: row.id, attempts: row.attempts, err: { name: (err as Error).name, message: (err as Error).message } }, 'inbox event failed');
        await failInboundEvent(db, row, {
          error: (err as Error).message,
          maxAttempts,
          retryAt: new Date(o.clock().getTime() + backoffMs(row.attempts, 1_000, 60_000)),
        });
      }
    }
    if (events.length > 0) o.onReplies?.();
    return events.length;
  };
}
