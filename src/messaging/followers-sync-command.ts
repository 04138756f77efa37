import { communeIdForCommand, defaultCommuneId } from '../communes/registry.js';
import { NotFound } from '../errors.js';
import { readCommuneSeeds } from '../communes/seed.js';
import type { Config } from '../config.js';
import { createLogger } from '../logger.js';
import { openDatabase } from '../store/database.js';
import { createCatalog } from '../catalog/catalog.js';
import { createTokenStore } from '../zalo/token-store.js';
import { createZaloClient } from '../zalo/client.js';
import { createFollowerSync } from './follower-sync.js';

const MAX_FAILURES = 3;

/**
 * `npm run cli -- followers:sync [--commune ID] [--restart]`: reads a commune's OA follower list
 * (the first commune's without --commune) from Zalo into the database, page by page, resuming from
 * that OA's stored cursor (or from the start with --restart). The server does the same for every
 * commune at start and daily; this runs it now, to the end, with progress.
 */
export async function followersSyncCommand(config: Config, args: string[], io = { log: console.log, error: console.error }): Promise<number> {
  if (!config.zalo.live && !config.zalo.apiBaseUrl) {
    io.error('followers:sync: chưa cấu hình Zalo (ZALO_APP_ID, ZALO_OA_SECRET_KEY, token). Với sandbox, máy chủ tự đồng bộ khi khởi động.');
    return 2;
  }
  const log = createLogger('warn');
  const database = await openDatabase(config.databaseUrl);
  try {
    const clock = () => new Date();
    const at = args.indexOf('--commune');
    let communeId: string;
    try {
      communeId = await communeIdForCommand(database.db, readCommuneSeeds(config.contentDir), at >= 0 ? args[at + 1] ?? '' : undefined);
    } catch (err) {
      if (!(err instanceof NotFound)) throw err;
      io.error(`followers:sync: ${err.message} Xem danh sách bằng lệnh: npm run cli -- communes:list`);
      return 2;
    }
    // ZALO_ACCESS_TOKEN / ZALO_REFRESH_TOKEN are the first commune's pair (seed keeps a stored one).
    const first = await defaultCommuneId(database.db);
    const tokens = createTokenStore({
      db: database.db,
      communeId,
      log,
      appId: config.zalo.appId,
      appSecret: config.zalo.appSecret,
      oauthBaseUrl: config.zalo.oauthBaseUrl,
      initial: communeId === first && config.zalo.accessToken && config.zalo.refreshToken ? { accessToken: config.zalo.accessToken, refreshToken: config.zalo.refreshToken } : undefined,
      clock,
    });
    await tokens.seed();
    const client = createZaloClient({ apiBaseUrl: config.zalo.apiBaseUrl, getAccessToken: () => tokens.getAccessToken(), timeoutMs: config.zalo.timeoutMs });
    const catalog = createCatalog(config.contentDir);
    const defaultTopics = () => catalog.current.content.commune.news_topics.filter((t) => t.default).map((t) => t.id);
    const sync = createFollowerSync({ db: database.db, client, log, defaultTopics, communeId });
    let restart = args.includes('--restart');
    let listed = 0;
    let failures = 0;
    for (;;) {
      let run: Awaited<ReturnType<typeof sync.backfill>>;
      try {
        run = await sync.backfill(clock(), { maxPages: 20, restart });
      } catch (err) {
        // Each page is saved as it is read: try again from the cursor a few times before giving up.
        if (++failures > MAX_FAILURES) throw err;
        io.error(`followers:sync: ${(err as Error).message}; thử lại từ chỗ dừng`);
        continue;
      }
      restart = false;
      listed += run.listed;
      io.log(`followers:sync: ${run.cursor.offset}/${run.cursor.total ?? '?'} người quan tâm đã đọc`);
      if (run.cursor.finishedAt) {
        if (run.cursor.truncated) io.log('followers:sync: Zalo chỉ cho đọc khoảng 10.000 người đầu danh sách; những người còn lại được nhận ra khi họ nhắn tin.');
        break;
      }
    }
    io.log(`followers:sync: xong, ${listed} người trong lần chạy này.`);
    return 0;
  } catch (err) {
    io.error(`followers:sync: lỗi: ${(err as Error).message}. Chạy lại lệnh để tiếp tục từ chỗ dừng.`);
    return 1;
  } finally {
    await database.close();
  }
}
