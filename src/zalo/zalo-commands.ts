import { communeIdForCommand, createCommuneRegistry } from '../communes/registry.js';
import { NotFound } from '../errors.js';
import { readCommuneSeeds } from '../communes/seed.js';
import { loadConfig, type Config } from '../config.js';
import { createLogger } from '../logger.js';
import { openDatabase, type Database } from '../store/database.js';
import { zaloChannelStatus } from './channel-status.js';
import { blockedOas } from './channel-state.js';
import { completeOaConnect, startOaConnect, type ConnectSettings } from './oa-connect.js';
import { refreshAccessToken } from './oauth.js';
import { resumeProactiveSending } from '../messaging/sending-pause.js';
import { createTokenStore, type TokenStore } from './token-store.js';

/**
 * `npm run cli -- zalo:…`: one commune's OA connection from a terminal (`--commune ID`; without it
 * the first commune's), against the same database as the running server (which picks the changes
 * up by itself: tokens and the pause live in the database, one row per commune).
 *
 *   zalo:status                         the OA's state (pause, token age and last error, webhook counters)
 *   zalo:connect                        prints the OA permission URL; the server's callback finishes it
 *   zalo:connect --code C --state S     finishes by hand (code copied from the callback's address)
 *   zalo:set-tokens --access-token A --refresh-token R [--expires-in 90000]
 *   zalo:set-tokens --refresh-token R   exchanges R for a fresh pair at once
 *   zalo:resume [--all]                 resumes the OA's proactive sending after a pause (--all: every paused OA)
 */

interface Io {
  log: (line: string) => void;
  error: (line: string) => void;
}

const USAGE = [
  'Cách dùng (--commune MÃ_XÃ: OA của xã đó; bỏ trống: xã đầu tiên):',
  '  npm run cli -- zalo:status [--commune MÃ_XÃ]',
  '  npm run cli -- zalo:connect [--commune MÃ_XÃ] [--code MÃ --state TRẠNG_THÁI]',
  '  npm run cli -- zalo:set-tokens [--commune MÃ_XÃ] --access-token MÃ_TRUY_CẬP --refresh-token MÃ_LÀM_MỚI [--expires-in 90000]',
  '  npm run cli -- zalo:set-tokens [--commune MÃ_XÃ] --refresh-token MÃ_LÀM_MỚI',
  '  npm run cli -- zalo:resume [--commune MÃ_XÃ | --all]',
].join('\n');

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

interface Target {
  database: Database;
  /** The commune whose OA the command acts on. */
  communeId: string;
  tokens: TokenStore;
}

async function withStore<T>(config: Config, args: string[], io: Io, run: (target: Target) => Promise<T>): Promise<T | number> {
  const database = await openDatabase(config.databaseUrl);
  try {
    let communeId: string;
    try {
      communeId = await communeIdForCommand(database.db, readCommuneSeeds(config.contentDir), flag(args, '--commune'));
    } catch (err) {
      if (!(err instanceof NotFound)) throw err;
      io.error(`${err.message} Xem danh sách bằng lệnh: npm run cli -- communes:list`);
      return 2;
    }
    return await run({ database, communeId, tokens: storeFor(config, database, communeId) });
  } finally {
    await database.close();
  }
}

function storeFor(config: Config, database: Database, communeId: string): TokenStore {
  return createTokenStore({
    db: database.db,
    communeId,
    log: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel),
    appId: config.zalo.appId,
    appSecret: config.zalo.appSecret,
    oauthBaseUrl: config.zalo.oauthBaseUrl,
  });
}

/** A commune's OA id, for checking which OA approved a connect. */
async function oaOf(database: Database, communeId: string): Promise<string | undefined> {
  const registry = createCommuneRegistry({ db: database.db, log: createLogger('silent'), clock: () => new Date() });
  return (await registry.byId(communeId))?.oaId;
}

function connectSettings(config: Config): ConnectSettings {
  return { appId: config.zalo.appId, appSecret: config.zalo.appSecret, oauthBaseUrl: config.zalo.oauthBaseUrl, publicBaseUrl: config.http.publicBaseUrl };
}

export async function zaloCommand(name: string, args: string[], io: Io = { log: console.log, error: console.error }): Promise<number> {
  const config = loadConfig();
  const now = () => new Date();
  switch (name) {
    case 'zalo:status':
      return withStore(config, args, io, async ({ database, communeId, tokens }) => {
        const status = await zaloChannelStatus(database.db, communeId, tokens);
        io.log(JSON.stringify(status, null, 2));
        return status.ok ? 0 : 1;
      });

    case 'zalo:resume':
      return withStore(config, args, io, async ({ database, communeId }) => {
        // --all: after a pause of the whole Zalo App (pauseScope), every paused OA at once.
        const communeIds = args.includes('--all') ? (await blockedOas(database.db)).paused : [communeId];
        let held = 0;
        let resumed = 0;
        for (const id of communeIds) {
          const result = await resumeProactiveSending(database.db, { communeId: id, now: now(), actor: null });
          if (result.resumed) resumed += 1;
          held += result.held;
        }
        io.log(
          resumed === 0
            ? 'Việc gửi tin không bị tạm dừng.'
            : args.includes('--all')
              ? `Đã tiếp tục gửi tin chủ động cho ${resumed} xã: ${held} tin đang chờ sẽ được gửi.`
              : `Đã tiếp tục gửi tin chủ động cho xã ${communeId}: ${held} tin đang chờ sẽ được gửi.`,
        );
        return 0;
      });

    case 'zalo:connect':
      return withStore(config, args, io, async ({ database, communeId }) => {
        const code = flag(args, '--code');
        const state = flag(args, '--state');
        if (code || state) {
          if (!code || !state) {
            io.error(USAGE);
            return 2;
          }
          // The state says whose connect it is (the commune it was started for).
          const connected = await completeOaConnect(database.db, connectSettings(config), {
            code,
            state,
            now: now(),
            defaultCommuneId: communeId,
            oaOf: (id) => oaOf(database, id),
            replaceTokens: (id, pair) => storeFor(config, database, id).replaceTokens(pair),
          });
          io.log(`Đã kết nối OA của xã ${connected}: mã truy cập mới đã được lưu.`);
          return 0;
        }
        const { url } = await startOaConnect(database.db, connectSettings(config), { communeId, now: now() });
        io.log(`Kết nối OA của xã ${communeId}.`);
        io.log('Quản trị viên OA mở địa chỉ sau (trong 30 phút) và bấm đồng ý cấp quyền:');
        io.log(url);
        io.log('Máy chủ đang chạy sẽ tự nhận mã. Nếu trang quay về báo lỗi, chép giá trị code và state trên thanh địa chỉ rồi chạy:');
        io.log('  npm run cli -- zalo:connect --code MÃ --state TRẠNG_THÁI');
        return 0;
      });

    case 'zalo:set-tokens':
      return withStore(config, args, io, async ({ communeId, tokens }) => {
        const accessToken = flag(args, '--access-token');
        const refreshToken = flag(args, '--refresh-token');
        const expiresIn = Number(flag(args, '--expires-in') ?? 90_000);
        if (!refreshToken || !(expiresIn > 0)) {
          io.error(USAGE);
          return 2;
        }
        // Only a refresh token: exchange it now (it is single-use; the new pair is saved at once).
        const pair = accessToken
          ? { accessToken, refreshToken, expiresAt: Date.now() + expiresIn * 1000 }
          : await refreshAccessToken({ oauthBaseUrl: config.zalo.oauthBaseUrl, appId: config.zalo.appId, appSecret: config.zalo.appSecret, refreshToken });
        await tokens.replaceTokens(pair);
        io.log(`Đã nạp cặp mã truy cập mới cho OA của xã ${communeId}. Máy chủ đang chạy dùng ngay, tin đang chờ sẽ được gửi tiếp.`);
        return 0;
      });

    default:
      io.error(USAGE);
      return 2;
  }
}

export const ZALO_COMMANDS = ['zalo:status', 'zalo:connect', 'zalo:set-tokens', 'zalo:resume'] as const;
