import { isIP } from 'node:net';
import { z } from 'zod';
import { BUNDLED_CONTENT_DIR } from './catalog/content-dir.js';

const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const port = z.coerce.number().int().min(0).max(65535);
const ms = z.coerce.number().int().positive();

const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_BASE_URL: optional.pipe(z.url().optional()),
  DATABASE_URL: optional,
  CONTENT_DIR: optional,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: optional,
  TRUST_PROXY: optional,
  ZALO_APP_ID: optional,
  ZALO_APP_SECRET: optional,
  ZALO_OA_SECRET_KEY: optional,
  ZALO_ACCESS_TOKEN: optional,
  ZALO_REFRESH_TOKEN: optional,
  ZALO_API_BASE_URL: optional.pipe(z.url().optional()),
  ZALO_OAUTH_BASE_URL: optional.pipe(z.url().optional()),
  ZALO_GRAPH_BASE_URL: optional.pipe(z.url().optional()),
  // Zalo redelivers unacknowledged events for hours; replays inside the window are caught by the
  // dedupe key (events are kept), so the window only needs to stop very old signed bodies.
  ZALO_WEBHOOK_WINDOW_MS: ms.default(12 * 3600 * 1000),
  // Zalo allows 4,000 calls a minute per app; higher values are only for the sandbox (benchmarks).
  ZALO_SEND_PER_MINUTE: z.coerce.number().int().positive().max(1_000_000).default(600),
  ZALO_TIMEOUT_MS: ms.default(10_000),
  ZALO_RETRY_BASE_MS: ms.default(2_000),
  OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  // After a clerk answers in the OA chat tool, the assistant stays quiet for that resident this long.
  ZALO_TAKEOVER_HOURS: z.coerce.number().positive().max(720).default(24),
  // Domain verification (Zalo's developer console, reference §11): the meta tag's content, and/or
  // the verifier file's name (zalo_verifier….html) and exact content as downloaded.
  ZALO_SITE_VERIFICATION: optional,
  ZALO_VERIFIER_FILE: optional.pipe(z.string().regex(/^zalo_verifier[A-Za-z0-9_-]*\.html$/, 'dạng zalo_verifier….html').optional()),
  ZALO_VERIFIER_CONTENT: optional,
  NEWS_SEND_HOURS: z
    .string()
    .regex(/^\d{1,2}-\d{1,2}$/, 'dạng GIỜ-GIỜ, ví dụ 6-20')
    .default('6-20'),
  // Subscribers queued per transaction of a news fan-out: larger is faster (measured alone, 50,000 on
  // PostgreSQL: 2,000 per batch 4.6 s, 500 per batch 5.6 s), smaller holds locks shorter.
  NEWS_FANOUT_BATCH: z.coerce.number().int().min(1).max(10_000).default(2_000),
  ADMIN_USERNAME: optional,
  ADMIN_PASSWORD: optional,
  WORKERS: z.enum(['on', 'off']).default('on'),
  // The speech engine for machine-read radio scripts; found at run time, optional.
  TTS_COMMAND: z.string().trim().min(1).default('espeak-ng'),
});

export type Env = z.infer<typeof envSchema>;

/** The whole typed configuration, read once from the environment in main.ts or the CLI. */
export interface Config {
  http: {
    port: number;
    host: string;
    publicBaseUrl: string;
    corsOrigins: string[];
    /** Which proxies' X-Forwarded-For to believe (express's "trust proxy"); false: none. */
    trustProxy: TrustProxy;
  };
  databaseUrl: string | undefined;
  contentDir: string;
  logLevel: Env['LOG_LEVEL'];
  zalo: {
    /** False when no credentials are given: the built-in sandbox stands in for Zalo. */
    live: boolean;
    appId: string;
    appSecret: string;
    oaSecretKey: string;
    accessToken: string | undefined;
    refreshToken: string | undefined;
    apiBaseUrl: string | undefined;
    oauthBaseUrl: string | undefined;
    /** Zalo Graph API (https://graph.zalo.me): verifies Mini App users' access tokens. */
    graphBaseUrl: string | undefined;
    webhookWindowMs: number;
    sendPerMinute: number;
    /** Per call to Zalo. */
    timeoutMs: number;
    retryBaseMs: number;
    outboxConcurrency: number;
    takeoverHours: number;
    /** Domain verification for the Zalo developer console (meta tag content, verifier file). */
    siteVerification: { metaContent: string | undefined; fileName: string | undefined; fileContent: string | undefined };
  };
  news: { sendFromHour: number; sendUntilHour: number; fanoutBatch: number };
  admin: { username: string | undefined; password: string | undefined };
  workers: boolean;
  radio: { ttsCommand: string };
}

/** false: trust no proxy; a number: that many hops in front; a list: those addresses/subnets. */
export type TrustProxy = false | number | string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: unset or "none" → trust no proxy (the client address is the socket's); a number of
 * proxy hops (1–10); or a comma-separated list of addresses, subnets (CIDR) and the names
 * loopback, linklocal, uniquelocal. "Trust everything" is not offered: it lets anyone choose the
 * address login throttling and rate limits see.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  if (value === undefined || value === 'none' || value === 'false') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= 10) return hops;
    throw new ConfigError([`TRUST_PROXY: số lớp proxy phải từ 1 đến 10 (đang là ${value})`]);
  }
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split('/');
    const ok =
      PROXY_NAMES.has(entry) ||
      (extra === undefined && address !== undefined && isIP(address) !== 0 &&
        (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (isIP(address) === 4 ? 32 : 128))));
    if (!ok) {
      throw new ConfigError([
        `TRUST_PROXY: "${entry}" không phải địa chỉ IP, dải CIDR hay một trong loopback, linklocal, uniquelocal (hoặc ghi số lớp proxy, hoặc none)`,
      ]);
    }
  }
  return entries.length > 0 ? entries : false;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`config: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Local-only credentials for the sandbox: never valid against the real Zalo. */
export const SANDBOX_CREDENTIALS = { appId: 'sandbox-app', appSecret: 'sandbox-app-secret', oaSecretKey: 'sandbox-oa-secret' };

/**
 * Live mode (any Zalo credential given) needs all three secrets: a missing one must not silently
 * become a sandbox value. Talking to the real Zalo (no ZALO_API_BASE_URL override) also needs an
 * https PUBLIC_BASE_URL: buttons sent to residents and the OAuth callback point there, and Zalo
 * only accepts https on a verified domain.
 */
function checkLiveZalo(e: Env): boolean {
  const secrets = { ZALO_APP_ID: e.ZALO_APP_ID, ZALO_APP_SECRET: e.ZALO_APP_SECRET, ZALO_OA_SECRET_KEY: e.ZALO_OA_SECRET_KEY };
  const given = Object.entries(secrets).filter(([, v]) => v !== undefined);
  if (given.length === 0) return false;
  const missing = Object.entries(secrets).filter(([, v]) => v === undefined).map(([k]) => k);
  if (missing.length > 0) {
    throw new ConfigError([`${missing.join(', ')}: thiếu; kết nối Zalo thật cần đủ ZALO_APP_ID, ZALO_APP_SECRET và ZALO_OA_SECRET_KEY (bỏ trống cả ba để chạy với Zalo giả lập)`]);
  }
  if (e.ZALO_API_BASE_URL === undefined && !e.PUBLIC_BASE_URL?.startsWith('https://')) {
    throw new ConfigError([`PUBLIC_BASE_URL: phải là địa chỉ https trên tên miền đã xác minh với Zalo khi kết nối Zalo thật (đang là ${e.PUBLIC_BASE_URL ?? 'trống'})`]);
  }
  return true;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const live = checkLiveZalo(e);
  const [from, until] = e.NEWS_SEND_HOURS.split('-').map(Number) as [number, number];
  if (!(from < until && until <= 24)) throw new ConfigError(['NEWS_SEND_HOURS: giờ bắt đầu phải nhỏ hơn giờ kết thúc']);
  return {
    http: {
      port: e.PORT,
      host: e.HOST,
      publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
      corsOrigins: (e.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
      trustProxy: parseTrustProxy(e.TRUST_PROXY),
    },
    databaseUrl: e.DATABASE_URL,
    contentDir: e.CONTENT_DIR ?? BUNDLED_CONTENT_DIR,
    logLevel: e.LOG_LEVEL,
    zalo: {
      live,
      appId: e.ZALO_APP_ID ?? SANDBOX_CREDENTIALS.appId,
      appSecret: e.ZALO_APP_SECRET ?? SANDBOX_CREDENTIALS.appSecret,
      oaSecretKey: e.ZALO_OA_SECRET_KEY ?? SANDBOX_CREDENTIALS.oaSecretKey,
      accessToken: e.ZALO_ACCESS_TOKEN,
      refreshToken: e.ZALO_REFRESH_TOKEN,
      apiBaseUrl: e.ZALO_API_BASE_URL,
      oauthBaseUrl: e.ZALO_OAUTH_BASE_URL,
      graphBaseUrl: e.ZALO_GRAPH_BASE_URL,
      webhookWindowMs: e.ZALO_WEBHOOK_WINDOW_MS,
      sendPerMinute: e.ZALO_SEND_PER_MINUTE,
      timeoutMs: e.ZALO_TIMEOUT_MS,
      retryBaseMs: e.ZALO_RETRY_BASE_MS,
      outboxConcurrency: e.OUTBOX_CONCURRENCY,
      takeoverHours: e.ZALO_TAKEOVER_HOURS,
      siteVerification: { metaContent: e.ZALO_SITE_VERIFICATION, fileName: e.ZALO_VERIFIER_FILE, fileContent: e.ZALO_VERIFIER_CONTENT },
    },
    news: { sendFromHour: from, sendUntilHour: until, fanoutBatch: e.NEWS_FANOUT_BATCH },
    admin: { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD },
    workers: e.WORKERS === 'on',
    radio: { ttsCommand: e.TTS_COMMAND },
  };
}
