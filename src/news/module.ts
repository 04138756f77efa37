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
import type { TokenStore } from '../zalo/token-store.js';
import { createBroadcastTask } from '../messaging/broadcast-sender.js';
import { createFollowerSync, type FollowerSync } from '../messaging/follower-sync.js';
import type { SendingHours } from '../messaging/rules.js';
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
  /** Follow status from Zalo (first contact, backfill of the list). */
  followers: FollowerSync;
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
  zalo: { client: ZaloClient; tokens: TokenStore };
  /** Other items the RSS feed lists beside the articles (published answers to petitions). */
  feedSources?: Array<(limit: number, communeId: string) => Promise<FeedItem[]>>;
  /** The first commune: its OA is the one `zalo.client` calls (followers found belong to it). */
  defaultCommuneId?: () => string;
  /** Each commune's sending hours (its own setting, its profile, NEWS_SEND_HOURS). */
  sendHours: SendHoursService;
}): NewsModule {
  const base = o.config.http.publicBaseUrl;
  const links: NewsLinks = {
    article: (id, communeId) => `${base}${communeId ? `/c/${encodeURIComponent(communeId)}` : ''}/tin/${encodeURIComponent(id)}`,
  };
  // Broadcasts still use NEWS_SEND_HOURS (the sender is being reworked per OA); the rest, the commune's.
  const sendHours: SendingHours = { fromHour: o.config.news.sendFromHour, untilHour: o.config.news.sendUntilHour };
  const sendHoursFor = (communeId: string | null) => o.sendHours.hoursFor(communeId);
  const commune = () => o.catalog.current.content.commune;
  const defaultTopics = () => commune().news_topics.filter((t) => t.default).map((t) => t.id);
  // The follower list is the first commune's OA's (the one the single-OA client calls).
  const followers = createFollowerSync({ db: o.database.db, client: o.zalo.client, log: o.log, defaultTopics, communeId: () => o.defaultCommuneId?.() ?? null });
  const broadcasts = createBroadcastTask({
    database: o.database,
    log: o.log,
    ...o.zalo,
    sendHours,
    retryBaseMs: o.config.zalo.retryBaseMs,
    article: async (id) => {
      const a = await loadAnnouncement(o.database.db, id);
      return { title: a.title, summary: a.summary, body: a.body, imageUrl: a.image_url, url: links.article(a.id, a.commune_id), author: commune().name };
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
      if (await followers.backfillDue(now)) await followers.backfill(now, { maxPages: 20 });
      else await followers.fillAppIds(now, 20);
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
    followers,
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
