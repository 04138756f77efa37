import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { createZaloClient } from '../../src/zalo/client.js';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import { createFollowerSync, readSyncCursor } from '../../src/messaging/follower-sync.js';
import { followersSyncCommand } from '../../src/messaging/followers-sync-command.js';
import { defaultCommuneIdFor } from '../../src/communes/registry.js';
import { readCommuneSeeds } from '../../src/communes/seed.js';
import { makeTextEvent } from '../../src/zalo/sandbox-webhook.js';
import { createSqliteTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { connectSandboxOa, LogCapture, newUserId, sendAndAwaitReplies, textEvent, textsOf, useTestApp } from '../helpers/app.js';

describe('follower backfill (followers:sync)', () => {
  let sandbox: ZaloSandbox;
  let target: TestDatabase;
  let database: Database;
  const followers = Array.from({ length: 230 }, (_, i) => `6${String(i).padStart(18, '0')}`);

  beforeAll(async () => {
    sandbox = await startZaloSandbox();
    for (const user of followers) sandbox.addFollower(user);
    target = await createSqliteTestDatabase();
    database = await target.open();
  });
  afterAll(async () => {
    await database?.close();
    await sandbox?.close();
    await target?.cleanup();
  });

  it('reads the residents of a group resolved side by side with one query, and asks Zalo once for each new one', async () => {
    const client = createZaloClient({ apiBaseUrl: sandbox.url, getAccessToken: () => sandbox.currentTokens().accessToken });
    const communeId = await defaultCommuneIdFor(database.db, readCommuneSeeds(loadConfig({}).contentDir));
    // Counted through Kysely's plugin interface: every statement the follower sync runs passes here.
    let reads = 0;
    const counted = database.db.withPlugin({
      transformQuery: ({ node }) => {
        if (node.kind === 'SelectQueryNode') reads++;
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    const sync = createFollowerSync({ db: counted, client, log: createLogger('silent', new LogCapture()), defaultTopics: () => ['cai-cach-hanh-chinh'], communeId });
    const users = [followers[0]!, followers[1]!, `7${'1'.repeat(18)}`];
    const detailsBefore = sandbox.requests.filter((r) => r.path === '/v3.0/oa/user/detail').length;
    onTestFinished(async () => {
      await database.db.deleteFrom('subscriptions').where('user_id', 'in', users).execute();
      await database.db.deleteFrom('zalo_users').where('user_id', 'in', users).execute();
    });
    await Promise.all(users.map((u) => sync.resolveOnContact(u, new Date())));
    expect(reads).toBe(1);
    expect(sandbox.requests.filter((r) => r.path === '/v3.0/oa/user/detail').length - detailsBefore).toBe(3);
    const rows = await database.db.selectFrom('zalo_users').select(['user_id', 'following', 'follower_checked_at']).where('user_id', 'in', users).execute();
    expect(Object.fromEntries(rows.map((r) => [r.user_id, r.following]))).toEqual({ [users[0]!]: 1, [users[1]!]: 1, [users[2]!]: 0 });
    expect(rows.every((r) => r.follower_checked_at !== null)).toBe(true);
    // Known now: read again (one query), Zalo not asked.
    await Promise.all(users.map((u) => sync.resolveOnContact(u, new Date())));
    expect(reads).toBe(2);
    expect(sandbox.requests.filter((r) => r.path === '/v3.0/oa/user/detail').length - detailsBefore).toBe(3);
  });

  it('resumes from the stored cursor after an interruption, and gives followers the default topics', async () => {
    const client = createZaloClient({ apiBaseUrl: sandbox.url, getAccessToken: () => sandbox.currentTokens().accessToken });
    // The first commune's OA (the sandbox's default one), as the command picks without --commune.
    const communeId = await defaultCommuneIdFor(database.db, readCommuneSeeds(loadConfig({}).contentDir));
    const sync = createFollowerSync({ db: database.db, client, log: createLogger('silent', new LogCapture()), defaultTopics: () => ['cai-cach-hanh-chinh'], communeId });
    // Two pages, then the process "stops".
    await sync.backfill(new Date(), { maxPages: 2 });
    expect(await readSyncCursor(database.db, communeId)).toMatchObject({ offset: 100, total: 230, finishedAt: null });

    const pagesBefore = sandbox.requests.filter((r) => r.path === '/v3.0/oa/user/getlist').length;
    const tokens = sandbox.currentTokens();
    const config = loadConfig({
      DATABASE_URL: target.url,
      ZALO_APP_ID: sandbox.appId,
      ZALO_APP_SECRET: sandbox.appSecret,
      ZALO_OA_SECRET_KEY: sandbox.oaSecretKey,
      ZALO_ACCESS_TOKEN: tokens.accessToken,
      ZALO_REFRESH_TOKEN: tokens.refreshToken,
      ZALO_API_BASE_URL: sandbox.url,
      ZALO_OAUTH_BASE_URL: sandbox.url,
    });
    const out: string[] = [];
    const code = await followersSyncCommand(config, [], { log: (l) => out.push(l), error: (l) => out.push(l) });
    expect(code, out.join('\n')).toBe(0);
    // 230 followers are 5 pages of 50: the command read the 3 left, not the whole list again.
    expect(sandbox.requests.filter((r) => r.path === '/v3.0/oa/user/getlist').length - pagesBefore).toBe(3);
    expect(out.at(-1)).toContain('xong, 130 người');
    const rows = await database.db.selectFrom('zalo_users').select(['user_id', 'following']).execute();
    expect(rows).toHaveLength(230);
    expect(rows.every((r) => r.following === 1)).toBe(true);
    const subs = await database.db.selectFrom('subscriptions').select('user_id').where('topic', '=', 'cai-cach-hanh-chinh').where('active', '=', 1).execute();
    expect(subs).toHaveLength(230);

    // Another commune's OA has its own list and cursor: --commune reads it from the start, with its token.
    const second = (await database.db.selectFrom('communes').select(['id', 'oa_id']).where('id', '!=', communeId).orderBy('position').executeTakeFirstOrThrow());
    await connectSandboxOa(database.db, sandbox, second.id, second.oa_id);
    const firstCursor = await readSyncCursor(database.db, communeId);
    const pagesBeforeSecond = sandbox.requests.filter((r) => r.path === '/v3.0/oa/user/getlist').length;
    const outSecond: string[] = [];
    expect(await followersSyncCommand(config, ['--commune', second.id], { log: (l) => outSecond.push(l), error: (l) => outSecond.push(l) }), outSecond.join('\n')).toBe(0);
    expect(sandbox.requests.filter((r) => r.path === '/v3.0/oa/user/getlist').length - pagesBeforeSecond).toBe(5);
    expect(await readSyncCursor(database.db, second.id)).toMatchObject({ offset: 230, total: 230 });
    expect(await readSyncCursor(database.db, communeId)).toEqual(firstCursor);
    const unknown: string[] = [];
    expect(await followersSyncCommand(config, ['--commune', 'khong-co'], { log: (l) => unknown.push(l), error: (l) => unknown.push(l) })).toBe(2);
    expect(unknown.join('\n')).toContain('Không tìm thấy xã "khong-co"');
  });
});

describe('follow status on first contact', () => {
  const h = useTestApp();

  it('a follower from before launch is recognised on their first message: subscribed for real, and linkable in the Mini App', async () => {
    const user = newUserId();
    const appUserId = `5${user.slice(1)}`;
    h.sandbox.addFollower(user, { userIdByApp: appUserId });
    // No `follow` event ever came for them: only user/detail can tell that they follow.
    const event = makeTextEvent({ appId: h.sandbox.appId, oaId: h.sandbox.oaId, userId: user, userIdByApp: appUserId, text: 'đăng ký nhận tin' });
    const texts = textsOf(await sendAndAwaitReplies(h.app, h.sandbox, event));
    expect(texts.join('\n')).toContain('đã đăng ký nhận tin');
    const row = await h.app.database.db.selectFrom('zalo_users').select(['following', 'follower_checked_at']).where('user_id', '=', user).executeTakeFirstOrThrow();
    expect(row.following).toBe(1);
    expect(row.follower_checked_at).not.toBeNull();

    const token = h.sandbox.issueUserAccessToken(appUserId);
    const res = await fetch(`${h.app.url}/api/subscriptions`, { headers: { 'x-zalo-access-token': token } });
    expect(((await res.json()) as { linked: boolean }).linked).toBe(true);
  });

  it('someone who does not follow the OA is not told they subscribed: they are asked to follow', async () => {
    const user = newUserId();
    h.sandbox.upsertUser(user, { isFollower: false });
    const texts = textsOf(await sendAndAwaitReplies(h.app, h.sandbox, textEvent(h.sandbox, user, 'đăng ký nhận tin')));
    const all = texts.join('\n');
    expect(all).not.toContain('đã đăng ký nhận tin');
    expect(all).toContain('Quan tâm');
    const row = await h.app.database.db.selectFrom('zalo_users').select('following').where('user_id', '=', user).executeTakeFirstOrThrow();
    expect(row.following).toBe(0);
  });
});
