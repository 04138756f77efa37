import { randomUUID } from 'node:crypto';
import { csWindowAt } from '../messaging/rules.js';
import { queueReply, replyPartKey } from '../messaging/queue-reply.js';
import type { Executor } from '../store/database.js';
import type { PetitionReplyDelivery, PetitionRepliesTable } from '../store/schema.js';
import type { PetitionRow } from './repo.js';
import { deskReplyMessage, ratingRequest } from './texts.js';

/**
 * Getting the desk's words to the resident, exactly once:
 * - inside Zalo's 7-day window: queued in the outbox now (`queued`, idempotent key per reply);
 * - outside it (or known only by the Mini App id): `awaiting_interaction`, and sent as part of the
 *   answer to the resident's next message, in that event's transaction (`delivered_in_chat`);
 * - a queued reply the outbox could not send because the window had closed meanwhile (or the
 *   resident unfollowed) is also sent on the next message; one that went out is never sent again;
 * - no Zalo identity (a form sent from a browser): `none`; the desk calls the phone left, if any.
 * The owner always reads every reply through GET /api/petitions/:code.
 */

async function insideWindow(db: Executor, zaloUserId: string, now: Date): Promise<boolean> {
  const row = await db.selectFrom('zalo_users').select('last_interaction_at').where('user_id', '=', zaloUserId).executeTakeFirst();
  return csWindowAt(row?.last_interaction_at, now) !== 'closed';
}

/** Records a reply (or an out-of-scope reason) to the resident and sends it, or holds it for their next message. */
export async function recordReply(
  tx: Executor,
  o: { petition: PetitionRow; authorId: string; kind: PetitionRepliesTable['kind']; text: string; now: Date },
): Promise<{ id: string; delivery: PetitionReplyDelivery }> {
  const id = randomUUID();
  const p = o.petition;
  let delivery: PetitionReplyDelivery = 'none';
  let outboxKey: string | null = null;
  if (p.zalo_user_id && (await insideWindow(tx, p.zalo_user_id, o.now))) {
    const { keys } = await queueReply(tx, { key: `petition-reply:${id}`, userId: p.zalo_user_id, communeId: p.commune_id ?? undefined, purpose: 'petition_reply', replies: deskReplyMessage(p, o.kind, o.text), now: o.now });
    delivery = 'queued';
    outboxKey = keys[0] ?? replyPartKey(`petition-reply:${id}`, 0);
  } else if (p.zalo_user_id || p.app_user_id) {
    delivery = 'awaiting_interaction';
  }
  await tx
    .insertInto('petition_replies')
    .values({ id, petition_id: p.id, author_id: o.authorId, kind: o.kind, text: o.text, delivery, outbox_key: outboxKey, delivered_at: null, created_at: o.now.toISOString() })
    .execute();
  return { id, delivery };
}

/**
 * Replies still owed to this resident, oldest first: held ones, and queued ones the outbox gave up
 * on because of the window (never those it sent, is still sending, or failed for another reason).
 */
export function undeliveredReplies(db: Executor, who: { zaloUserId: string; appUserId?: string | undefined }, communeId: string) {
  return db
    .selectFrom('petition_replies as r')
    .innerJoin('petitions as p', 'p.id', 'r.petition_id')
    .leftJoin('outbound_messages as m', 'm.dedupe_key', 'r.outbox_key')
    .select(['r.id', 'r.kind', 'r.text', 'r.delivery', 'p.code'])
    .where('p.commune_id', '=', communeId)
    .where((eb) =>
      eb.or([
        eb('p.zalo_user_id', '=', who.zaloUserId),
        ...(who.appUserId ? [eb('p.app_user_id', '=', who.appUserId)] : []),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb('r.delivery', '=', 'awaiting_interaction'),
        eb.and([eb('r.delivery', '=', 'queued'), eb('m.status', 'in', ['outside_window', 'cancelled'])]),
      ]),
    );
}

/** Marks a reply delivered in chat; false when another process already did (then do not send it). */
export async function markDeliveredInChat(tx: Executor, replyId: string, from: PetitionReplyDelivery, now: Date): Promise<boolean> {
  const r = await tx
    .updateTable('petition_replies')
    .set({ delivery: 'delivered_in_chat', delivered_at: now.toISOString() })
    .where('id', '=', replyId)
    .where('delivery', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * After a petition is closed: asks the resident once for a 1–5 rating, if Zalo lets us message
 * them now (a rating request is not worth holding for their next message).
 */
export async function requestRating(tx: Executor, p: PetitionRow, now: Date): Promise<boolean> {
  if (!p.zalo_user_id || p.rating !== null || !(await insideWindow(tx, p.zalo_user_id, now))) return false;
  const { queued } = await queueReply(tx, { key: `petition-rate:${p.id}`, userId: p.zalo_user_id, communeId: p.commune_id ?? undefined, purpose: 'petition_rating', replies: ratingRequest(p), now });
  return queued;
}
