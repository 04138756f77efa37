import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Database, Executor } from '../store/database.js';
import type { DeliveryStatus } from '../store/schema.js';
import type { AnnouncementRow } from './announcements.js';
import { enqueueMessages, type EnqueueMessage } from '../zalo/outbox-repo.js';
import type { SendingHours } from '../messaging/rules.js';
import { readNewsDeliverySettings } from '../messaging/delivery-settings.js';
import {
  broadcastCover,
  chooseNewsChannel,
  planFor,
  loadChannelPlan,
  newsPurpose,
  wantsBroadcast,
  type ChannelPlan,
  type NewsChannel,
  type NewsSubscriber,
} from '../messaging/news-channels.js';
import { announcementMessage, newsDedupeKey, type NewsLinks } from './delivery.js';

// Renewed after every batch (well under a second each), so a short lease is safe and a crashed
// process's fan-out is taken over quickly.
const FANOUT_LEASE_MS = 15_000;

/** The subscribers of an announcement with what the channel choice needs. */
function subscribersOf(db: Executor, announcementId: string) {
  return db
    .selectFrom('deliveries as d')
    .innerJoin('zalo_users as u', 'u.user_id', 'd.user_id')
    .select(['d.user_id as userId', 'u.last_interaction_at as lastInteractionAt', 'u.followed_at as followedAt'])
    .where('d.announcement_id', '=', announcementId);
}

/**
 * Fans out every due announcement: one delivery per active subscriber of its topic (unique per
 * announcement and user), each given its channel at send time (src/messaging/news-channels.ts):
 * cs messages are queued in the outbox for the sending hours, a Broadcast is planned once for the
 * announcement (sent by the broadcast sender), the rest wait for a digest. Safe to interrupt and to
 * run in several processes: the announcement is leased, deliveries are inserted idempotently, the
 * broadcast decision is stored once, and each outbox key is unique, so after a crash nobody gets it
 * twice and nobody is missed.
 */
export function createFanoutTask(o: {
  database: Database;
  log: Logger;
  links: NewsLinks;
  /** The sending hours of the announcement's commune (src/news/send-hours.ts). */
  sendHoursFor: (communeId: string | null) => Promise<SendingHours>;
  /** Subscribers queued per transaction. */
  batchSize: number;
  /** Zalo's per-app send limit (ZALO_SEND_PER_MINUTE): the pace the queued messages are dated at. */
  sendPerMinute: number;
  wakeOutbox: () => void;
  /** Wakes the broadcast sender once an announcement is planned for Broadcast. */
  wakeBroadcasts?: () => void;
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

  /**
   * Whether this announcement goes by Broadcast: decided once, on the whole audience, and stored
   * (`skipped` when not), so a fan-out resumed after a crash keeps the first decision.
   */
  async function decideBroadcast(a: AnnouncementRow, plan: ChannelPlan, now: Date): Promise<boolean> {
    const existing = await db.selectFrom('news_broadcasts').select('status').where('announcement_id', '=', a.id).executeTakeFirst();
    if (!existing) {
      const broadcasting = wantsBroadcast(await subscribersOf(db, a.id).execute(), plan);
      await db
        .insertInto('news_broadcasts')
        .values({
          announcement_id: a.id,
          status: broadcasting ? 'pending' : 'skipped',
          article_token: null,
          article_id: null,
          zalo_message_id: null,
          audience: 0,
          attempts: 0,
          next_attempt_at: plan.sendAt.toISOString(),
          lease_until: null,
          last_error: broadcasting ? null : plan.broadcast.reason,
          created_at: now.toISOString(),
          sent_at: null,
        })
        .onConflict((oc) => oc.column('announcement_id').doNothing())
        .execute();
    }
    const row = await db.selectFrom('news_broadcasts').select('status').where('announcement_id', '=', a.id).executeTakeFirstOrThrow();
    return row.status !== 'skipped';
  }

  /**
   * The outbox sends the earliest-dated news first. Dating a big fan-out's messages at the pace Zalo
   * lets them out (instead of all at the send time) keeps its place in line honest: another
   * commune's news queued a minute later is dated a minute later and goes out then, between this
   * fan-out's messages, not after all 50,000 of them. The total time is the same: the rate limit
   * decides it either way.
   */
  const msPerMessage = 60_000 / o.sendPerMinute;

  async function processBatch(a: AnnouncementRow, plan: ChannelPlan, broadcasting: boolean, paid: { left: number }, now: Date, pace: { queued: number }): Promise<number> {
    return db.transaction().execute(async (tx) => {
      const batch: NewsSubscriber[] = await subscribersOf(tx, a.id).where('d.status', '=', 'pending').limit(o.batchSize).execute();
      if (batch.length === 0) return 0;
      const message = announcementMessage(a, o.links);
      const byChannel = new Map<NewsChannel, string[]>();
      const queue: EnqueueMessage[] = [];
      for (const s of batch) {
        const channel = chooseNewsChannel(s, plan, broadcasting, paid);
        const users = byChannel.get(channel);
        if (users) users.push(s.userId);
        else byChannel.set(channel, [s.userId]);
        if (channel === 'cs_free' || channel === 'cs_paid') {
          const notBefore = new Date(plan.sendAt.getTime() + Math.floor(pace.queued++ * msPerMessage));
          queue.push({ dedupeKey: newsDedupeKey(a.id, s.userId), userId: s.userId, communeId: a.commune_id ?? undefined, purpose: newsPurpose(channel), message, now, notBefore });
        }
      }
      // The batch's messages in a few multi-row INSERTs, not one statement per subscriber.
      await enqueueMessages(tx, queue);
      for (const [channel, users] of byChannel) {
        const status: DeliveryStatus = channel === 'digest' ? 'waiting_digest' : 'queued';
        await tx
          .updateTable('deliveries')
          .set({ status, channel, updated_at: now.toISOString() })
          .where('announcement_id', '=', a.id)
          .where('user_id', 'in', users)
          .execute();
      }
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
        // The announcement goes out through its own commune's OA, with that commune's settings and hours.
        // (Every announcement has a commune since communes were adopted; '' would match no follower.)
        const communeId = a.commune_id ?? '';
        const settings = await readNewsDeliverySettings(db, communeId);
        const hours = await o.sendHoursFor(a.commune_id);
        const plan = planFor(await loadChannelPlan(db, { communeId, now, hours, settings, exceptAnnouncementId: a.id }), broadcastCover(a.image_url, settings));
        const broadcasting = await decideBroadcast(a, plan, now);
        const paid = { left: plan.paidLeft };
        const pace = { queued: 0 };
        let total = 0;
        for (let n = await processBatch(a, plan, broadcasting, paid, now, pace); n > 0; n = await processBatch(a, plan, broadcasting, paid, now, pace)) {
          total += n;
          o.wakeOutbox();
        }
        if (broadcasting) {
          const [row] = await db
            .selectFrom('deliveries')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('announcement_id', '=', a.id)
            .where('channel', '=', 'broadcast')
            .execute();
          await db.updateTable('news_broadcasts').set({ audience: Number(row?.n ?? 0) }).where('announcement_id', '=', a.id).execute();
          o.wakeBroadcasts?.();
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
        o.log.info({ announcementId: a.id, deliveries: total, broadcasting, paidLeft: paid.left }, 'announcement fanned out');
      }
    },
  };
}
