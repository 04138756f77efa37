import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Database, Executor } from '../store/database.js';
import type { AnnouncementRow } from './announcements.js';
import { enqueueMessage } from '../zalo/outbox-repo.js';
import { textWithButtons } from '../zalo/messages.js';
import { truncateAtWord } from '../zalo/text-split.js';
import { CONSULTATION_WINDOW_MS } from '../jobs/outbox-worker.js';
import { nextAllowedSendTime } from './local-time.js';
import type { ChatHandler } from '../chat/context.js';

// Renewed after every batch (well under a second each), so a short lease is safe and a crashed
// process's fan-out is taken over quickly.
const FANOUT_LEASE_MS = 15_000;
const FANOUT_BATCH = 500;
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
  const summary = truncateAtWord(a.summary, 2000 - head.length - tail.length);
  return textWithButtons(`${head}${summary}${tail}`, [
    { kind: 'url', title: 'Xem tin', url },
    { kind: 'query', title: 'Hủy nhận tin', payload: 'hủy nhận tin' },
  ]);
}

/**
 * Fans out every due announcement: one delivery per active subscriber of its topic (unique per
 * announcement and user), each queued in the outbox (within the allowed hours) when the user is in
 * Zalo's 7-day window, or kept for a digest otherwise. Safe to interrupt and to run in several
 * processes: the announcement is leased, deliveries are inserted idempotently, and each outbox key
 * is unique, so after a crash nobody gets it twice and nobody is missed.
 */
export function createFanoutTask(o: {
  database: Database;
  log: Logger;
  links: NewsLinks;
  sendHours: { from: number; until: number };
  wakeOutbox: () => void;
}) {
  const { db } = o.database;

  async function claim(now: Date): Promise<AnnouncementRow[]> {
    const nowIso = now.toISOString();
    const due = await db
      .selectFrom('announcements')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'scheduled'), eb('scheduled_at', '<=', nowIso)]),
          eb.and([eb('status', '=', 'sending'), eb.or([eb('fanout_lease_until', 'is', null), eb('fanout_lease_until', '<', nowIso)])]),
        ]),
      )
      .execute();
    const claimed: AnnouncementRow[] = [];
    for (const a of due) {
      const result = await db
        .updateTable('announcements')
        .set({ status: 'sending', fanout_lease_until: new Date(now.getTime() + FANOUT_LEASE_MS).toISOString(), published_at: a.published_at ?? nowIso, updated_at: nowIso })
        .where('id', '=', a.id)
        .where('status', '=', a.status)
        .where((eb) => (a.fanout_lease_until === null ? eb('fanout_lease_until', 'is', null) : eb('fanout_lease_until', '=', a.fanout_lease_until)))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) claimed.push({ ...a, status: 'sending', published_at: a.published_at ?? nowIso });
    }
    return claimed;
  }

  async function createDeliveries(a: AnnouncementRow, now: Date): Promise<void> {
    await db
      .insertInto('deliveries')
      .columns(['announcement_id', 'user_id', 'status', 'created_at', 'updated_at'])
      .expression((eb) =>
        eb
          .selectFrom('subscriptions as s')
          .innerJoin('zalo_users as u', 'u.user_id', 's.user_id')
          .select([
            sql.lit(a.id).as('announcement_id'),
            's.user_id',
            sql.lit('pending').as('status'),
            sql.lit(now.toISOString()).as('created_at'),
            sql.lit(now.toISOString()).as('updated_at'),
          ])
          .where('s.topic', '=', a.topic)
          // Only the commune's own followers: a user id belongs to one OA.
          .where('u.commune_id', '=', a.commune_id)
          .where('s.active', '=', 1)
          .where('u.following', '=', 1),
      )
      .onConflict((oc) => oc.columns(['announcement_id', 'user_id']).doNothing())
      .execute();
  }

  async function processBatch(a: AnnouncementRow, now: Date): Promise<number> {
    return db.transaction().execute(async (tx) => {
      const batch = await tx
        .selectFrom('deliveries as d')
        .innerJoin('zalo_users as u', 'u.user_id', 'd.user_id')
        .select(['d.user_id', 'u.last_interaction_at'])
        .where('d.announcement_id', '=', a.id)
        .where('d.status', '=', 'pending')
        .limit(FANOUT_BATCH)
        .execute();
      if (batch.length === 0) return 0;
      const message = announcementMessage(a, o.links);
      const sendAt = nextAllowedSendTime(now, o.sendHours.from, o.sendHours.until);
      const inWindow: string[] = [];
      const outside: string[] = [];
      for (const d of batch) {
        const last = d.last_interaction_at ? Date.parse(d.last_interaction_at) : 0;
        (now.getTime() - last <= CONSULTATION_WINDOW_MS ? inWindow : outside).push(d.user_id);
      }
      for (const userId of inWindow) {
        await enqueueMessage(tx, { dedupeKey: newsDedupeKey(a.id, userId), userId, purpose: 'news', message, now, notBefore: sendAt });
      }
      const mark = async (users: string[], status: 'queued' | 'waiting_digest') => {
        if (users.length === 0) return;
        await tx
          .updateTable('deliveries')
          .set({ status, updated_at: now.toISOString() })
          .where('announcement_id', '=', a.id)
          .where('user_id', 'in', users)
          .execute();
      };
      await mark(inWindow, 'queued');
      await mark(outside, 'waiting_digest');
      await tx
        .updateTable('announcements')
        .set({ fanout_lease_until: new Date(now.getTime() + FANOUT_LEASE_MS).toISOString() })
        .where('id', '=', a.id)
        .execute();
      return batch.length;
    });
  }

  return {
    name: 'news.fanout',
    async run(now: Date): Promise<void> {
      for (const a of await claim(now)) {
        await createDeliveries(a, now);
        let total = 0;
        for (let n = await processBatch(a, now); n > 0; n = await processBatch(a, now)) {
          total += n;
          o.wakeOutbox();
        }
        await db
          .updateTable('announcements')
          .set({ status: 'sent', fanout_lease_until: null, updated_at: now.toISOString() })
          .where('id', '=', a.id)
          .where('status', '=', 'sending')
          .execute();
        // A fan-out adds thousands of queue rows at once: fresh statistics keep PostgreSQL's plan
        // for the outbox claim on its index (stale ones made it scan, measured in the benchmark).
        if (o.database.dialect === 'postgres') await sql`analyze outbound_messages`.execute(db);
        o.log.info({ announcementId: a.id, deliveries: total }, 'announcement fanned out');
      }
    },
  };
}

/** Deliveries of news a user has not received over Zalo yet: silent at fan-out, or refused later. */
async function missedNews(db: Executor, userId: string) {
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
    )
    .orderBy('a.published_at', 'desc')
    .execute();
}

/**
 * On a resident's next interaction, after the normal answer: one short digest of the news they
 * missed while outside Zalo's window, then those deliveries are marked, in the same transaction,
 * so the digest is sent once.
 */
export function digestHandler(o: { links: NewsLinks }): ChatHandler {
  return async (ctx, next) => {
    await next();
    if (ctx.event.kind === 'unfollow') return;
    const missed = await missedNews(ctx.tx, ctx.userId);
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
  };
}

export interface DeliveryFigures {
  subscribers: number;
  sent: number;
  pending: number;
  failed: number;
  waitingDigest: number;
  deliveredByDigest: number;
}

/** Per-announcement delivery figures, from the deliveries joined with their outbox messages. */
export async function deliveryFigures(db: Executor, announcementIds: string[]): Promise<Map<string, DeliveryFigures>> {
  const result = new Map<string, DeliveryFigures>();
  for (const id of announcementIds) result.set(id, { subscribers: 0, sent: 0, pending: 0, failed: 0, waitingDigest: 0, deliveredByDigest: 0 });
  if (announcementIds.length === 0) return result;
  const rows = await db
    .selectFrom('deliveries as d')
    .leftJoin('outbound_messages as m', (join) =>
      join.on('m.dedupe_key', '=', sql<string>`'news:' || d.announcement_id || ':' || d.user_id`),
    )
    .select(['d.announcement_id', 'd.status as delivery', 'm.status as outbound', (eb) => eb.fn.countAll<number>().as('n')])
    .where('d.announcement_id', 'in', announcementIds)
    .groupBy(['d.announcement_id', 'd.status', 'm.status'])
    .execute();
  for (const r of rows) {
    const f = result.get(r.announcement_id)!;
    const n = Number(r.n);
    f.subscribers += n;
    if (r.delivery === 'digest_delivered') f.deliveredByDigest += n;
    else if (r.delivery === 'waiting_digest' || r.outbound === 'outside_window') f.waitingDigest += n;
    else if (r.outbound === 'sent') f.sent += n;
    else if (r.outbound === 'failed' || r.outbound === 'cancelled') f.failed += n;
    else f.pending += n;
  }
  return result;
}
