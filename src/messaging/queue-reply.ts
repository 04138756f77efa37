import type { Reply } from '../assistant/reply.js';
import type { Executor } from '../store/database.js';
import { enqueueMessages } from '../zalo/outbox-repo.js';
import { replyToZaloMessages } from '../zalo/render-reply.js';

export interface QueueReply {
  /** Idempotency base: the messages get `<key>:000`, `<key>:001`… (ordered within one instant). */
  key: string;
  userId: string;
  /** What the send is for (reply, news, petition_reply, staff_notice…): reports and window rules. */
  purpose: string;
  replies: Reply | readonly Reply[];
  now: Date;
  /** Not before this instant (sending hours). */
  notBefore?: Date;
}

/** The outbox key of part `index` of a reply queued under `key`. */
export function replyPartKey(key: string, index: number): string {
  return `${key}:${String(index).padStart(3, '0')}`;
}

/**
 * The one call that queues a reply to a resident: renders it as Zalo messages and puts them in the
 * outbox inside the caller's transaction (`tx`), so they are sent exactly when the caller's change
 * commits, once. Returns the keys of the parts and whether anything new was queued (a retried
 * caller gets `queued: false`).
 */
export async function queueReply(tx: Executor, o: QueueReply): Promise<{ keys: string[]; queued: boolean }> {
  const replies = Array.isArray(o.replies) ? (o.replies as readonly Reply[]) : [o.replies as Reply];
  const messages = replies.flatMap(replyToZaloMessages);
  const keys = messages.map((_, i) => replyPartKey(o.key, i));
  // All parts in one statement (one round trip however long the answer).
  const queued = await enqueueMessages(
    tx,
    messages.map((message, i) => ({ dedupeKey: keys[i]!, userId: o.userId, purpose: o.purpose, message, now: o.now, notBefore: o.notBefore })),
  );
  return { keys, queued: queued > 0 };
}
