import { sql } from 'kysely';
import type { Executor } from '../store/database.js';
import type { BroadcastStatus, NewsChannel } from '../store/schema.js';
import type { AnnouncementRow } from './announcements.js';
import { textWithButtons } from '../zalo/messages.js';
import { truncateAtWord } from '../zalo/text-split.js';
import { TEXT_MAX_CHARS } from '../messaging/rules.js';
import { owingHandler, type ChatHandler, type OwedProbe } from '../chat/context.js';
/** At most this many items are listed in one digest message. */
const DIGEST_MAX_ITEMS = 5;

export interface NewsLinks {
  /** The article's public page; under its commune's path when the commune is given. */
  article: (id: string, communeId?: string | null) => string;
}

export function newsDedupeKey(announcementId: string, userId: string): string {
  return `news:${announcementId}:${userId}`;
}

/** One announcement as a Zalo message: title, chat summary, link, and a way to stop. */
export function announcementMessage(a: Pick<AnnouncementRow, 'id' | 'title' | 'summary'> & { commune_id?: string | null }, links: NewsLinks) {
  const url = links.article(a.id, a.commune_id);
  const head = `📢 ${a.title}\n`;
  const tail = `\nXem chi tiết: ${url}`;
  const summary = truncateAtWord(a.summary, TEXT_MAX_CHARS - head.length - tail.length);
  return textWithButtons(`${head}${summary}${tail}`, [
    { kind: 'url', title: 'Xem tin', url },
    { kind: 'query', title: 'Hủy nhận tin', payload: 'hủy nhận tin' },
  ]);
}

/** Deliveries of news a user has not received over Zalo yet: silent at fan-out, or refused later. */
function missedNewsQuery(db: Executor, userId: string) {
  return db
    .selectFrom('deliveries as d')
    .innerJoin('announcements as a', 'a.id', 'd.announcement_id')
    .leftJoin('outbound_messages as m', (join) =>
      join.on('m.dedupe_key', '=', sql<string>`'news:' || d.announcement_id || ':' || d.user_id`),
    )
    .select(['d.announcement_id', 'a.title', 'a.published_at'])
    .where('d.user_id', '=', userId)
    .where((eb) =>
      eb.or([eb('d.status', '=', 'waiting_digest'), eb.and([eb('d.status', '=', 'queued'), eb('m.status', '=', 'outside_window')])]),
    );
}

/**
 * On a resident's next interaction, after the normal answer: one short digest of the news they
 * missed while outside Zalo's window, then those deliveries are marked, in the same transaction,
 * so the digest is sent once.
 */
const owesNews: OwedProbe = (ctx) => missedNewsQuery(ctx.tx, ctx.userId);

export function digestHandler(o: { links: NewsLinks }): ChatHandler {
  return owingHandler([owesNews], async (ctx, next) => {
    await next();
    if (ctx.event.kind === 'unfollow') return;
    if (!(await ctx.isOwed(owesNews))) return;
    const missed = await missedNewsQuery(ctx.tx, ctx.userId).orderBy('a.published_at', 'desc').execute();
    if (missed.length === 0) return;
    const listed = missed.slice(0, DIGEST_MAX_ITEMS);
    const lines = listed.map((m) => `• ${m.title}\n  ${o.links.article(m.announcement_id, ctx.communeId)}`);
    const more = missed.length > listed.length ? [`…và ${missed.length - listed.length} tin khác trong mục Tin tức.`] : [];
    ctx.reply({
      text: [`Dạ, trong thời gian qua xã có ${missed.length} tin mới:`, ...lines, ...more].join('\n'),
      buttons: [{ kind: 'query', title: 'Hủy nhận tin', payload: 'hủy nhận tin' }],
    });
    await ctx.tx
      .updateTable('deliveries')
      .set({ status: 'digest_delivered', updated_at: ctx.now.toISOString() })
      .where('user_id', '=', ctx.userId)
      .where('announcement_id', 'in', missed.map((m) => m.announcement_id))
      .execute();
  });
}

export interface ChannelFigures {
  /** Subscribers given this channel. */
  assigned: number;
  sent: number;
  pending: number;
  failed: number;
  /** Sent neither way yet: waiting for the resident's next message (window closed, broadcast failed). */
  waitingDigest: number;
  deliveredByDigest: number;
}

export interface DeliveryFigures extends Omit<ChannelFigures, 'assigned'> {
  subscribers: number;
  /** Per channel; `legacy` counts deliveries made before channels existed. */
  channels: Record<NewsChannel | 'legacy', ChannelFigures>;
  /** Billed cs messages sent (48 h – 7 days). */
  paidMessagesSent: number;
  broadcast: { status: BroadcastStatus; sentAt: string | null; lastError: string | null } | null;
}

const emptyChannel = (): ChannelFigures => ({ assigned: 0, sent: 0, pending: 0, failed: 0, waitingDigest: 0, deliveredByDigest: 0 });

function emptyFigures(): DeliveryFigures {
  return {
    subscribers: 0, sent: 0, pending: 0, failed: 0, waitingDigest: 0, deliveredByDigest: 0,
    channels: { cs_free: emptyChannel(), cs_paid: emptyChannel(), broadcast: emptyChannel(), digest: emptyChannel(), legacy: emptyChannel() },
    paidMessagesSent: 0,
    broadcast: null,
  };
}

type Outcome = 'sent' | 'pending' | 'failed' | 'waitingDigest' | 'deliveredByDigest';

/** Where one group of deliveries stands, from its status, its outbox message and its broadcast. */
function outcomeOf(delivery: string, outbound: string | null, channel: string | null, broadcast: BroadcastStatus | undefined): Outcome {
  if (delivery === 'digest_delivered') return 'deliveredByDigest';
  if (delivery === 'waiting_digest' || outbound === 'outside_window') return 'waitingDigest';
  if (channel === 'broadcast') return broadcast === 'sent' ? 'sent' : broadcast === 'failed' ? 'failed' : 'pending';
  if (outbound === 'sent') return 'sent';
  if (outbound === 'failed' || outbound === 'cancelled') return 'failed';
  return 'pending';
}

/**
 * Per-announcement delivery figures, overall and per channel, from the deliveries joined with
 * their outbox messages and the announcement's broadcast. A broadcast whose answer was lost
 * (`unknown`) stays pending: nobody can tell whether Zalo delivered it.
 */
export async function deliveryFigures(db: Executor, announcementIds: string[]): Promise<Map<string, DeliveryFigures>> {
  const result = new Map<string, DeliveryFigures>();
  for (const id of announcementIds) result.set(id, emptyFigures());
  if (announcementIds.length === 0) return result;
  const broadcasts = await db
    .selectFrom('news_broadcasts')
    .select(['announcement_id', 'status', 'sent_at', 'last_error'])
    .where('announcement_id', 'in', announcementIds)
    .execute();
  const broadcastOf = new Map(broadcasts.map((b) => [b.announcement_id, b]));
  const rows = await db
    .selectFrom('deliveries as d')
    .leftJoin('outbound_messages as m', (join) =>
      join.on('m.dedupe_key', '=', sql<string>`'news:' || d.announcement_id || ':' || d.user_id`),
    )
    .select(['d.announcement_id', 'd.status as delivery', 'd.channel', 'm.status as outbound', 'm.purpose', (eb) => eb.fn.countAll<number>().as('n')])
    .where('d.announcement_id', 'in', announcementIds)
    .groupBy(['d.announcement_id', 'd.status', 'd.channel', 'm.status', 'm.purpose'])
    .execute();
  for (const r of rows) {
    const f = result.get(r.announcement_id)!;
    const n = Number(r.n);
    const outcome = outcomeOf(r.delivery, r.outbound, r.channel ?? null, broadcastOf.get(r.announcement_id)?.status);
    const channel = f.channels[(r.channel ?? 'legacy') as NewsChannel | 'legacy'];
    f.subscribers += n;
    f[outcome] += n;
    channel.assigned += n;
    channel[outcome] += n;
    if (r.purpose === 'news_paid' && r.outbound === 'sent') f.paidMessagesSent += n;
  }
  for (const b of broadcasts) result.get(b.announcement_id)!.broadcast = b.status === 'skipped' ? null : { status: b.status, sentAt: b.sent_at, lastError: b.last_error };
  return result;
}
