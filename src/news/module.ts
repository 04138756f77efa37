import { activeCommuneIds } from '../communes/registry.js';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.js';
import type { Config } from '../config.js';
import type { Database, Executor } from '../store/database.js';
import type { StaffRouter } from '../staff/guard.js';
import type { ChatHandler } from '../chat/context.js';
import type { RecurringJob, TickTask } from '../jobs/scheduler.js';
import { notifyStaff } from '../staff/notifications.js';
import { createFanoutTask, digestHandler, type NewsLinks } from './delivery.js';
import { newsRoutes } from './routes.js';
import type { FeedItem } from './feed.js';
import { formatLocal } from './local-time.js';
import { subscriptionRoutes } from './subscription-routes.js';
import { residentIdentityFor } from '../zalo/resident-identity.js';
import { Router } from 'express';

export interface NewsModule {
  chatHandler: ChatHandler;
  publicRouter: Router;
  tasks: TickTask[];
  jobs: RecurringJob[];
  links: NewsLinks;
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
  /** Other items the RSS feed lists beside the articles (published answers to petitions). */
  feedSources?: Array<(limit: number, communeId: string) => Promise<FeedItem[]>>;
}): NewsModule {
  const base = o.config.http.publicBaseUrl;
  const links: NewsLinks = {
    article: (id, communeId) => `${base}${communeId ? `/c/${encodeURIComponent(communeId)}` : ''}/tin/${encodeURIComponent(id)}`,
  };
  const fanout = createFanoutTask({
    database: o.database,
    log: o.log,
    links,
    sendHours: { from: o.config.news.sendFromHour, until: o.config.news.sendUntilHour },
    wakeOutbox: o.wakeOutbox,
  });
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
  return {
    chatHandler: digestHandler({ links }),
    publicRouter: Router().use(
      newsRoutes({ db: o.database.db, catalog: o.catalog, clock: o.clock, staff: o.staff, links, publicBaseUrl: base, sendHours: { from: o.config.news.sendFromHour, until: o.config.news.sendUntilHour }, feedSources: o.feedSources }),
      subscriptionRoutes({ db: o.database.db, catalog: o.catalog, clock: o.clock, residentOf: residentIdentityFor(o.config, o.clock) }),
    ),
    tasks: [fanout],
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
