import { activeCommuneIds } from '../communes/registry.js';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.js';
import type { Config } from '../config.js';
import type { Database, Executor } from '../store/database.js';
import type { StaffRouter } from '../staff/guard.js';
import type { ChatHandler } from '../chat/context.js';
import type { RecurringJob, TickTask } from '../jobs/scheduler.js';
import { notifyStaff } from '../staff/notifications.js';
import { digestHandler, type NewsLinks } from './delivery.js';
import { createFanoutTask } from './fanout.js';
import { newsRoutes } from './routes.js';
import type { FeedItem } from './feed.js';
import { formatLocal } from './local-time.js';
import { subscriptionRoutes } from './subscription-routes.js';
import { residentIdentityFor } from '../zalo/resident-identity.js';
import { Router } from 'express';
import type { ZaloClient } from '../zalo/client.js';
import { TokenUnavailableError, type TokenStore } from '../zalo/token-store.js';
import { blockedOas } from '../zalo/channel-state.js';
import { createBroadcastTask } from '../messaging/broadcast-sender.js';
import { createFollowerSync, type FollowerSync } from '../messaging/follower-sync.js';
import type { Commune as CommuneProfile } from '../catalog/schema.js';
import { loadAnnouncement } from './announcements.js';
import { newsChannelRoutes } from './channel-routes.js';
import type { SendHoursService } from './send-hours.js';
import { sendHoursRoutes } from './send-hours-routes.js';

export interface NewsModule {
  chatHandler: ChatHandler;
  publicRouter: Router;
  tasks: TickTask[];
  jobs: RecurringJob[];
  links: NewsLinks;
  /** Follow status from Zalo (first contact, backfill of each OA's list). */
  followers: {
    /** On a resident's first contact with a commune's OA: asks that OA (see FollowerSync). */
    resolveOnContact(userId: string, communeId: string, now: Date): Promise<void>;
    /** At start: the first page of every active commune's due backfill. Never fails the start. */
    startup(now: Date): Promise<void>;
    /** One commune's sync (its OA's client, its cursor). */
    of(communeId: string): FollowerSync;
  };
  /** The latest published items, for the assistant's "có tin gì mới" answer. */
  latest(limit: number, db: Executor | undefined, communeId: string): Promise<Array<{ title: string; url: string }>>;
}

/** Reform news: staff announcements with approval, scheduled pushes within Zalo's rules, feed. */
export function createNewsModule(o: {
  config: Config;
  database: Database;
  catalog: Catalog;
  log: Logger;
  clock: () => Date;
  staff: StaffRouter;
  wakeOutbox: () => void;
  /** Each commune's OA (communes/channels.ts): broadcasts and follower lists go through their own commune's. */
  zalo: { channel: (communeId: string) => { client: ZaloClient; tokens: TokenStore } };
  /** Other items the RSS feed lists beside the articles (published answers to petitions). */
  feedSources?: Array<(limit: number, communeId: string) => Promise<FeedItem[]>>;
  /** A commune's own profile: its name signs its Broadcast articles, its default topics go to its new followers. */
  profileOf?: (communeId: string) => CommuneProfile;
  /** Each commune's sending hours (its own setting, its profile, NEWS_SEND_HOURS). */
  sendHours: SendHoursService;
}): NewsModule {
  const base = o.config.http.publicBaseUrl;
  const links: NewsLinks = {
    article: (id, communeId) => `${base}${communeId ? `/c/${encodeURIComponent(communeId)}` : ''}/tin/${encodeURIComponent(id)}`,
  };
  const sendHoursFor = (communeId: string | null) => o.sendHours.hoursFor(communeId);
  /** A commune's own profile (its name, its news topics); the request's commune without `profileOf`. */
  const commune = (communeId: string | null) => (communeId && o.profileOf?.(communeId)) || o.catalog.current.content.commune;
  const defaultTopics = (communeId: string) => commune(communeId).news_topics.filter((t) => t.default).map((t) => t.id);
  // Each commune's follower list is its own OA's: its client, its cursor, its followers.
  const syncs = new Map<string, FollowerSync>();
  const followersOf = (communeId: string): FollowerSync => {
    let sync = syncs.get(communeId);
    if (!sync) {
      const topics = () => defaultTopics(communeId);
      sync = createFollowerSync({ db: o.database.db, client: o.zalo.channel(communeId).client, log: o.log, defaultTopics: topics, communeId });
      syncs.set(communeId, sync);
    }
    return sync;
  };
  /** Active communes whose OA can be called now (dead tokens wait for an admin; see channel-state.ts). */
  const callableCommunes = async () => {
    const dead = new Set((await blockedOas(o.database.db)).deadTokens);
    return (await activeCommuneIds(o.database.db)).filter((id) => !dead.has(id));
  };
  const broadcasts = createBroadcastTask({
    database: o.database,
    log: o.log,
    channel: o.zalo.channel,
    // Each announcement's commune's hours, as for its cs messages.
    sendHoursFor,
    retryBaseMs: o.config.zalo.retryBaseMs,
    article: async (id) => {
      const a = await loadAnnouncement(o.database.db, id);
      return { title: a.title, summary: a.summary, body: a.body, imageUrl: a.image_url, url: links.article(a.id, a.commune_id), author: commune(a.commune_id).name };
    },
    alert: async (id, kind, text) => {
      // The approvers of the announcement's own commune.
      const communeId = (await loadAnnouncement(o.database.db, id)).commune_id;
      await notifyStaff(o.database.db, { role: 'approver', communeId, kind: 'news.broadcast', text, link: `/console/#/announcements/${id}`, key: `broadcast:${id}:${kind}`, now: o.clock() });
      o.wakeOutbox();
    },
  });
  const fanout = createFanoutTask({ database: o.database, log: o.log, links, sendHoursFor, batchSize: o.config.news.fanoutBatch, sendPerMinute: o.config.zalo.sendPerMinute, wakeOutbox: o.wakeOutbox });
  // At start and then daily: the backfill of the follower list, resumable page by page; between
  // backfills, the app-scoped ids (Mini App linking) of followers the list found.
  const followerSync = {
    name: 'followers.sync',
    async run(now: Date) {
      for (const communeId of await callableCommunes()) {
        const sync = followersOf(communeId);
        try {
          if (await sync.backfillDue(now)) await sync.backfill(now, { maxPages: 20 });
          else await sync.fillAppIds(now, 20);
        } catch (err) {
          // One OA's failure (no tokens yet, Zalo refusing) does not stop the others'.
          if (err instanceof TokenUnavailableError) continue;
          o.log.warn({ communeId, err: { name: (err as Error).name, message: (err as Error).message } }, 'follower sync failed; will try again');
        }
      }
    },
  };
  const monthlyReminder: RecurringJob = {
    id: 'news.monthly-column-reminder',
    name: 'Nhắc biên tập viên chuyên mục cải cách hành chính hằng tháng',
    cron: '0 8 1 * *',
    run: async (scheduledFor) => {
      const month = formatLocal(scheduledFor, false).slice(3);
      for (const communeId of await activeCommuneIds(o.database.db)) await notifyStaff(o.database.db, {
        role: 'editor',
        communeId,
        kind: 'news.reminder',
        text: `Nhắc việc: chuyên mục cải cách hành chính tháng ${month}. Vui lòng soạn bài và gửi duyệt trên trang quản trị.`,
        link: '/console/#/announcements',
        key: `news-reminder:${communeId}:${month}`,
        now: o.clock(),
      });
      o.wakeOutbox();
    },
  };
  newsChannelRoutes({ db: o.database.db, clock: o.clock, staff: o.staff, sendHoursFor });
  sendHoursRoutes({ db: o.database.db, clock: o.clock, staff: o.staff, sendHours: o.sendHours });
  return {
    followers: {
      resolveOnContact: (userId, communeId, now) => followersOf(communeId).resolveOnContact(userId, now),
      async startup(now) {
        for (const communeId of await callableCommunes()) await followersOf(communeId).startup(now);
      },
      of: followersOf,
    },
    chatHandler: digestHandler({ links }),
    publicRouter: Router().use(
      newsRoutes({ db: o.database.db, catalog: o.catalog, clock: o.clock, staff: o.staff, links, publicBaseUrl: base, sendHoursFor, feedSources: o.feedSources }),
      subscriptionRoutes({ db: o.database.db, catalog: o.catalog, clock: o.clock, residentOf: residentIdentityFor(o.config, o.clock) }),
    ),
    tasks: [fanout, broadcasts, followerSync],
    jobs: [monthlyReminder],
    links,
    async latest(limit, db = o.database.db, communeId) {
      const rows = await db
        .selectFrom('announcements')
        .select(['id', 'title'])
        .where('commune_id', '=', communeId)
        .where('status', 'in', ['sending', 'sent'])
        .orderBy('published_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ title: r.title, url: links.article(r.id, communeId) }));
    },
  };
}
