import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startApp, type RunningApp } from '../../src/main.js';
import { signEvent, makeTextEvent, makeFollowEvent } from '../../src/zalo/sandbox-webhook.js';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import type { SentMessage } from '../../src/zalo/sandbox-state.js';
import type { Database } from '../../src/store/database.js';
import { eventDedupeKey, parseWebhookBody } from '../../src/zalo/events.js';
import { afterAll, beforeAll } from 'vitest';
import { createSqliteTestDatabase, type DialectCase, type TestDatabase } from './databases.js';

/** Every log line the app wrote, for tests that check what is (not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
}

export interface TestAppOptions {
  sandbox: ZaloSandbox;
  databaseUrl: string;
  workers?: boolean;
  env?: Record<string, string>;
  logs?: LogCapture;
  clock?: () => Date;
}

/** The real app on a loopback port, talking to the Zalo sandbox over HTTP as it would to Zalo. */
export async function startTestApp(o: TestAppOptions): Promise<RunningApp> {
  const tokens = o.sandbox.currentTokens();
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: o.databaseUrl,
    ZALO_APP_ID: o.sandbox.appId,
    ZALO_APP_SECRET: o.sandbox.appSecret,
    ZALO_OA_SECRET_KEY: o.sandbox.oaSecretKey,
    ZALO_ACCESS_TOKEN: tokens.accessToken,
    ZALO_REFRESH_TOKEN: tokens.refreshToken,
    ZALO_API_BASE_URL: o.sandbox.url,
    ZALO_OAUTH_BASE_URL: o.sandbox.url,
    ZALO_GRAPH_BASE_URL: o.sandbox.url,
    ZALO_SEND_PER_MINUTE: '4000',
    WORKERS: o.workers === false ? 'off' : 'on',
    LOG_LEVEL: 'info',
    // Tests must not depend on the hour they run at (CI once ran at 20:00 Vietnam time, after the
    // default 6-20 news hours, and news waited for the morning). Sending-hour tests set their own
    // hours and a fixed clock.
    NEWS_SEND_HOURS: '0-24',
    ...o.env,
  });
  const log = createLogger('info', o.logs ?? new LogCapture());
  return startApp(config, { pollMs: 50, log, clock: o.clock });
}

let counter = 0;
/** A fresh Zalo user id (19 digits, beyond 2^53 like real ones). */
export function newUserId(): string {
  counter += 1;
  return `72489371850${String(Date.now() % 1e6).padStart(6, '0')}${String(counter).padStart(2, '0')}`;
}

export async function postEvent(app: RunningApp, sandbox: ZaloSandbox, event: object | string, sign = true): Promise<Response> {
  const signed = signEvent(event, { appId: sandbox.appId, oaSecretKey: sandbox.oaSecretKey });
  const headers = sign ? signed.headers : { ...signed.headers, 'x-zevent-signature': `mac=${'0'.repeat(64)}` };
  return fetch(`${app.url}/webhooks/zalo`, { method: 'POST', headers, body: signed.body });
}

export function textEvent(sandbox: ZaloSandbox, userId: string, text: string, msgId?: string) {
  return makeTextEvent({ appId: sandbox.appId, oaId: sandbox.oaId, userId, text, msgId });
}

export function followEvent(sandbox: ZaloSandbox, userId: string, unfollow = false) {
  return makeFollowEvent({ appId: sandbox.appId, oaId: sandbox.oaId, userId, unfollow });
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

/**
 * Waits until nothing is left to handle or send: no pending event, no pending message. A second
 * handling or a second send can only come from such a row, so once there is none, "nothing was
 * done twice" can be checked without waiting for time.
 */
export async function settled(source: RunningApp | Database, timeoutMs = 30_000): Promise<void> {
  const db = 'database' in source ? source.database.db : source.db;
  await waitFor(
    async () =>
      (await db.selectFrom('inbound_events').select('id').where('status', '=', 'pending').executeTakeFirst()) === undefined &&
      (await db.selectFrom('outbound_messages').select('id').where('status', '=', 'pending').executeTakeFirst()) === undefined,
    timeoutMs,
    'nothing left to handle or send',
  );
}

/** Texts the sandbox received for one user, in order. */
export function textsTo(sandbox: ZaloSandbox, userId: string): string[] {
  return sandbox.sent.filter((m) => m.userId === userId).map((m) => (m.message as { text?: string }).text ?? '[attachment]');
}

/**
 * Posts a signed event and waits for the app's whole answer to it: the event handled, and every
 * message it queued out of the outbox and received by the sandbox. A reply is often several
 * messages (the answer, then buttons, a rating request…), so "a first message arrived" is not
 * "the reply arrived": tests that read a reply wait with this. Returns those messages, in order.
 */
export async function sendAndAwaitReplies(app: RunningApp, sandbox: ZaloSandbox, event: object): Promise<SentMessage[]> {
  const res = await postEvent(app, sandbox, event);
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
  return awaitReplies(app, sandbox, event);
}

/**
 * Waits, without posting it, until an event already posted has been answered completely (see
 * above). `source` is the app, or the database of a server running in another process.
 */
export async function awaitReplies(source: RunningApp | Database, sandbox: ZaloSandbox, event: object, timeoutMs = 15_000): Promise<SentMessage[]> {
  const key = eventDedupeKey(parseWebhookBody(JSON.stringify(event)));
  const db = 'database' in source ? source.database.db : source.db;
  const row = await waitFor(
    () => db.selectFrom('inbound_events').select(['id', 'status']).where('dedupe_key', '=', key).where('status', '!=', 'pending').executeTakeFirst(),
    timeoutMs,
    `event ${key} handled`,
  );
  if (row.status !== 'done') throw new Error(`event ${key} ended ${row.status}`);
  const replies = await waitFor(
    async () => {
      const rows = await db
        .selectFrom('outbound_messages')
        .select(['status', 'zalo_message_id'])
        .where('dedupe_key', 'like', `event:${row.id}:%`)
        .orderBy('dedupe_key')
        .execute();
      return rows.every((r) => r.status !== 'pending') ? rows : undefined;
    },
    timeoutMs,
    `every reply to ${key} sent`,
  );
  const ids = replies.filter((r) => r.status === 'sent').map((r) => r.zalo_message_id);
  return ids.map((id) => sandbox.sent.find((m) => m.messageId === id)).filter((m): m is SentMessage => m !== undefined);
}

/** The texts of sent messages ("[attachment]" for one without text), as `textsTo` shows them. */
export function textsOf(messages: SentMessage[]): string[] {
  return messages.map((m) => (m.message as { text?: string }).text ?? '[attachment]');
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Gives a commune's OA a token pair from the sandbox, as an admin connecting it would: the sandbox
 * learns the OA, the database holds its tokens (every instance reads them there). `now`: the
 * app's clock, for tests that move it.
 */
export async function connectSandboxOa(db: Database['db'], sandbox: ZaloSandbox, communeId: string, oaId: string, now = new Date()): Promise<void> {
  const pair = sandbox.addOa(oaId);
  await db
    .insertInto('zalo_tokens')
    .values({ id: communeId, access_token: pair.accessToken, refresh_token: pair.refreshToken, expires_at: new Date(now.getTime() + 3600_000).toISOString(), refresh_lease_until: null, refresh_owner: null, version: 0, updated_at: now.toISOString() })
    .execute();
}

/** What a test file's `describe` block gets from `useTestApp`: filled in by its beforeAll. */
export interface TestAppHarness {
  sandbox: ZaloSandbox;
  target: TestDatabase;
  app: RunningApp;
}

/**
 * Starts, for the enclosing describe block, a Zalo sandbox, a fresh database (SQLite unless a
 * dialect is given) and the real app on loopback; stops and removes them afterwards.
 */
export function useTestApp(o: Omit<TestAppOptions, 'sandbox' | 'databaseUrl'> & { dialect?: DialectCase } = {}): TestAppHarness {
  const h = {} as TestAppHarness;
  beforeAll(async () => {
    h.sandbox = await startZaloSandbox();
    h.target = await (o.dialect?.create ?? createSqliteTestDatabase)();
    h.app = await startTestApp({ ...o, sandbox: h.sandbox, databaseUrl: h.target.url });
  });
  afterAll(async () => {
    await h.app?.close();
    await h.sandbox?.close();
    await h.target?.cleanup();
  });
  return h;
}
