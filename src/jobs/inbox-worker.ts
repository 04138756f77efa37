import type { Logger } from 'pino';
import type { Database } from '../store/database.js';
import { HandlerError, type Conversation } from '../chat/conversation.js';
import type { Reply } from '../assistant/reply.js';
import { claimInboundEvents, completeInboundEvent, failInboundEvent, type InboundEvent } from '../zalo/inbox-repo.js';
import { queueReply } from '../messaging/queue-reply.js';
import { parseWebhookBody } from '../zalo/events.js';
import { inHumanHands, recordTakeover } from '../chat/takeover.js';
import { backoffMs } from './backoff.js';

export interface InboxWorkerOptions {
  database: Database;
  log: Logger;
  conversation: Conversation;
  clock: () => Date;
  /** Wakes the outbox worker once replies are queued. */
  onReplies?: () => void;
  /**
   * Runs before an event is handled, outside its transaction (e.g. asking Zalo whether a first-time
   * writer follows the OA). Must not throw for ordinary failures; the event is handled anyway.
   */
  beforeEvent?: (userId: string, now: Date) => Promise<void>;
  /** What a resident reads when their message could not be handled (an apology with the hotline). */
  apology: () => Reply;
  batchSize?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** How long the assistant stays quiet for a resident a clerk answered in the OA chat tool. */
  takeoverHours?: number;
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
  const takeoverHours = o.takeoverHours ?? 24;
  /** Queues the apology and closes the event as failed (kept, with its error, for the operator). */
  async function apologize(row: InboundEvent, error: string): Promise<void> {
    const now = o.clock();
    await db.transaction().execute(async (tx) => {
      if (row.user_id) await queueReply(tx, { key: `event:${row.id}:apology`, userId: row.user_id, purpose: 'reply', replies: o.apology(), now });
      await failInboundEvent(tx, row, { error, maxAttempts: 0, retryAt: now });
    });
  }

  return async () => {
    const events = await claimInboundEvents(db, dialect, { limit: o.batchSize ?? 20, leaseMs, now: o.clock() });
    for (const row of events) {
      // Let waiting HTTP requests (webhook acknowledgements) in between events: on SQLite they
      // share one connection with these transactions.
      await new Promise((resolve) => setImmediate(resolve));
      if (row.user_id && o.beforeEvent) await o.beforeEvent(row.user_id, o.clock()).catch(() => {});
      try {
        await db.transaction().execute(async (tx) => {
          const now = o.clock();
          const event = parseWebhookBody(row.payload);
          if (event.kind === 'oa_echo') {
            // A clerk answered in the OA chat tool: the assistant steps back for this resident.
            if (event.adminId) await recordTakeover(tx, { userId: event.userId, adminId: event.adminId, at: new Date(Math.min(event.timestamp, now.getTime())), hours: takeoverHours, now });
            if (!(await completeInboundEvent(tx, row, now))) throw new LeaseLostError();
            return;
          }
          const quiet = event.kind !== 'follow' && event.kind !== 'unfollow' && (await inHumanHands(tx, row.user_id!, now));
          const turn = await o.conversation(tx, { event, eventId: row.id, userId: row.user_id!, now, quiet });
          await queueReply(tx, { key: `event:${row.id}`, userId: row.user_id!, purpose: 'reply', replies: turn.replies, now });
          if (!(await completeInboundEvent(tx, row, now))) throw new LeaseLostError();
        });
      } catch (err) {
        if (err instanceof LeaseLostError) continue;
        o.log.error({ eventId: row.id, attempts: row.attempts, err: { name: (err as Error).name, message: (err as Error).message } }, 'inbox event failed');
        // A handler's bug fails the same way every time; anything else is retried, and answered
        // with an apology only when the retries are spent: nobody is left without a reply.
        if (err instanceof HandlerError || row.attempts >= maxAttempts) {
          await apologize(row, (err as Error).message);
          continue;
        }
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
