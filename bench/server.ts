import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startApp, type RunningApp } from '../src/main.js';
import { signEvent, makeTextEvent } from '../src/zalo/sandbox-webhook.js';
import { readCommuneSeeds } from '../src/communes/seed.js';
import { startZaloThread, type ZaloThread } from './zalo-thread.js';

/**
 * The real app as `npm start` runs it (built-in Zalo sandbox, WORKERS on), on a fresh database,
 * logging nothing: the shared set-up of the webhook, end-to-end and fan-out benchmarks.
 */

export interface BenchDatabase {
  dialect: 'sqlite' | 'postgres';
  url: string;
  cleanup(): Promise<void>;
}

async function sqliteDatabase(): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'commune-bench-'));
  return { dialect: 'sqlite', url: `sqlite:${join(dir, 'app.db')}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh schema in BENCH_DATABASE_URL's PostgreSQL, selected through search_path. */
async function postgresDatabase(baseUrl: string): Promise<BenchDatabase> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const u = new URL(baseUrl);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    dialect: 'postgres',
    url: u.toString(),
    cleanup: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** SQLite (a temp file) always; PostgreSQL too when BENCH_DATABASE_URL is set. */
export function databaseTargets(): Array<{ dialect: 'sqlite' | 'postgres'; create: () => Promise<BenchDatabase> }> {
  const targets: Array<{ dialect: 'sqlite' | 'postgres'; create: () => Promise<BenchDatabase> }> = [{ dialect: 'sqlite', create: sqliteDatabase }];
  const pgUrl = process.env.BENCH_DATABASE_URL;
  if (pgUrl) targets.push({ dialect: 'postgres', create: () => postgresDatabase(pgUrl) });
  return targets;
}

const nullStream = new Writable({ write: (_chunk, _enc, done) => done() });

/** startApp with the default configuration except what `env` says; no credentials → the sandbox. */
export async function startBenchApp(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningApp & { sandbox: NonNullable<RunningApp['sandbox']> }> {
  const config = loadConfig({ PORT: '0', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', WORKERS: 'on', ...env });
  const app = await startApp(config, { log: createLogger('silent', nullStream) });
  if (!app.sandbox) throw new Error('bench: expected the built-in Zalo sandbox');
  return app as RunningApp & { sandbox: NonNullable<RunningApp['sandbox']> };
}

/** The app against a Zalo sandbox on its own thread (bench/zalo-thread.ts), as it runs against Zalo live. */
export interface BenchAppWithZaloThread {
  app: RunningApp;
  zalo: ZaloThread;
  /** The first commune's OA, the one events are addressed to. */
  oaId: string;
  close(): Promise<void>;
}

export async function startBenchAppWithZaloThread(databaseUrl: string, env: Record<string, string> = {}): Promise<BenchAppWithZaloThread> {
  const probe = loadConfig({ DATABASE_URL: databaseUrl, ...env });
  const oaIds = readCommuneSeeds(probe.contentDir).map((c) => c.oaId);
  const zalo = await startZaloThread(oaIds);
  const config = loadConfig({ PORT: '0', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', WORKERS: 'on', ...zalo.env(), ...env });
  const app = await startApp(config, { log: createLogger('silent', nullStream) });
  // Only the first commune's OA has its pair (as live with ZALO_ACCESS_TOKEN): events go to it.
  return {
    app,
    zalo,
    oaId: oaIds[0]!,
    async close() {
      try {
        await closeWithin(app);
      } finally {
        await zalo.close();
      }
    },
  };
}

/** A Zalo user id like the real ones (19 digits, beyond 2^53), distinct per `n` and run. */
export function benchUserId(run: string, n: number): string {
  return `8${run}${String(n).padStart(12, '0')}`.slice(0, 19).padEnd(19, '0');
}

/** A signed `user_send_text` delivery for the app, as Zalo would POST it. */
export function signedText(app: RunningApp, userId: string, text: string, msgId: string, oaId = app.sandbox?.oaId ?? '0') {
  const event = makeTextEvent({ appId: app.config.zalo.appId, oaId, userId, text, msgId });
  return signEvent(event, { appId: app.config.zalo.appId, oaSecretKey: app.config.zalo.oaSecretKey });
}

/** app.close(), but a stuck worker tick must not hang the whole benchmark run. */
export async function closeWithin(app: RunningApp, ms = 20_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench: the app did not close within ${ms / 1000} s (a worker tick is stuck)`)), ms);
  });
  try {
    await Promise.race([app.close(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
