import { afterEach, describe, expect, it } from 'vitest';
import { createZaloClient, type ZaloClient } from '../../src/zalo/client.js';
import { ZaloApiError } from '../../src/zalo/errors.js';
import { textMessage } from '../../src/zalo/messages.js';
import { startZaloSandbox, type ZaloSandbox, type ZaloSandboxOptions } from '../../src/zalo/sandbox.js';

/**
 * The sandbox answers as Zalo's documented contract says (reference 2026 §4–§6), for the parts the
 * news channels use: cs windows and billing, articles and Broadcast with per-follower caps, the
 * night refusal, follower lists with their paging limit, and refusal of malformed requests.
 */

const H = 3600_000;
const DAY = 24 * H;
let sandbox: ZaloSandbox | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/** A sandbox and a client on a clock the test moves; starts at `localHour` Vietnam time on 15/12/2026. */
async function start(localHour: number, options: ZaloSandboxOptions = {}) {
  let now = Date.UTC(2026, 11, 15, localHour - 7, 0);
  sandbox = await startZaloSandbox({ ...options, clock: () => now });
  const s = sandbox;
  const client = createZaloClient({ apiBaseUrl: s.url, getAccessToken: () => s.currentTokens().accessToken, timeoutMs: 2_000 });
  return { sandbox: s, client, advance: (ms: number) => void (now += ms), now: () => now };
}

async function zaloCode(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ZaloApiError) return err.code;
    throw err;
  }
  return 0;
}

async function publishArticle(client: ZaloClient): Promise<string> {
  const { token } = await client.createArticle({ title: 'Lịch tiếp dân', author: 'UBND xã', description: 'Tóm tắt', coverPhotoUrl: 'https://example.vn/a.jpg', paragraphs: ['Nội dung.'] });
  return (await client.verifyArticle(token)).articleId;
}

describe('sandbox: cs windows and billing', () => {
  it('sends free within 48 h (quota "reply"), billed from 48 h to 7 days (no quota), refuses after 7 days (-230)', async () => {
    const { sandbox: s, client, now } = await start(10);
    s.addFollower('1001', { lastInteractionAt: now() - 47 * H });
    s.addFollower('1002', { lastInteractionAt: now() - 3 * DAY });
    s.addFollower('1003', { lastInteractionAt: now() - 8 * DAY });
    expect((await client.sendMessage('1001', textMessage('a'))).quotaType).toBe('reply');
    expect((await client.sendMessage('1002', textMessage('b'))).quotaType).toBeUndefined();
    expect(await zaloCode(client.sendMessage('1003', textMessage('c')))).toBe(-230);
    expect(s.billedMessages).toBe(1);
    expect(s.sent.map((m) => [m.userId, m.billed])).toEqual([['1001', false], ['1002', true]]);
  });

  it('sends cs at night (cs is documented 24/24)', async () => {
    const { sandbox: s, client, now } = await start(23);
    s.addFollower('1001', { lastInteractionAt: now() - H });
    expect(await zaloCode(client.sendMessage('1001', textMessage('a')))).toBe(0);
  });
});

describe('sandbox: articles and Broadcast', () => {
  it('answers -214 while the article is processed, then gives its id', async () => {
    const { client } = await start(10, { articleProcessingPolls: 2 });
    const { token } = await client.createArticle({ title: 'T', author: 'A', description: 'D', coverPhotoUrl: 'https://example.vn/a.jpg', paragraphs: ['x'] });
    expect(await zaloCode(client.verifyArticle(token))).toBe(-214);
    expect(await zaloCode(client.verifyArticle(token))).toBe(-214);
    expect((await client.verifyArticle(token)).articleId).toMatch(/^[0-9a-f]+$/);
  });

  it('delivers to followers only, at most once a day and the package\'s count a month per follower', async () => {
    const { sandbox: s, client, advance } = await start(9, { oaPackage: 'basic' });
    s.addFollower('2001');
    s.addFollower('2002');
    s.upsertUser('2003', { isFollower: false });
    const article = await publishArticle(client);
    await client.broadcastArticle(article);
    expect(s.broadcasts[0]!.recipients.sort()).toEqual(['2001', '2002']);
    // Basic: 1 a month. A later follower still has theirs.
    advance(DAY);
    s.addFollower('2004');
    await client.broadcastArticle(article);
    expect(s.broadcasts[1]).toMatchObject({ recipients: ['2004'], capped: ['2001', '2002'] });
  });

  it('caps at one a day even on a package with several a month, and resets on the 1st', async () => {
    const { sandbox: s, client, advance } = await start(9, { oaPackage: 'premium' });
    s.addFollower('3001');
    const article = await publishArticle(client);
    await client.broadcastArticle(article);
    await client.broadcastArticle(article);
    expect(s.broadcasts.map((b) => b.recipients.length)).toEqual([1, 0]);
    advance(DAY);
    await client.broadcastArticle(article);
    expect(s.broadcasts[2]!.recipients).toEqual(['3001']);
  });

  it('refuses unverified OAs (-221), night sends (-234), unknown articles and malformed targets (-201)', async () => {
    const unverified = await start(10, { oaVerified: false });
    expect(await zaloCode(unverified.client.broadcastArticle(await publishArticle(unverified.client)))).toBe(-221);
    await sandbox!.close();
    const night = await start(22);
    const article = await publishArticle(night.client);
    expect(await zaloCode(night.client.broadcastArticle(article))).toBe(-234);
    night.advance(8 * H); // 06:00
    expect(await zaloCode(night.client.broadcastArticle(article))).toBe(0);
    expect(await zaloCode(night.client.broadcastArticle('ffffffffffffffffffff'))).toBe(-201);
    expect(await zaloCode(night.client.broadcastArticle(article, { nonsense: '1' } as never))).toBe(-201);
  });

  it('refuses an article without a cover photo or without text (-201)', async () => {
    const { client } = await start(10);
    expect(await zaloCode(client.createArticle({ title: 'T', author: 'A', description: 'D', coverPhotoUrl: 'not a url', paragraphs: ['x'] }))).toBe(-201);
    expect(await zaloCode(client.createArticle({ title: 'T', author: 'A', description: 'D', coverPhotoUrl: 'https://example.vn/a.jpg', paragraphs: [] }))).toBe(-201);
  });
});

describe('sandbox: follower status and list', () => {
  it('user/detail tells followers from people who only wrote; -213 for someone unknown', async () => {
    const { sandbox: s, client } = await start(10);
    s.addFollower('4001');
    s.upsertUser('4002', { isFollower: false });
    expect((await client.getUserDetail('4001')).isFollower).toBe(true);
    expect((await client.getUserDetail('4002')).isFollower).toBe(false);
    expect(await zaloCode(client.getUserDetail('4003'))).toBe(-213);
  });

  it('user/getlist pages by at most 50 and stops near 10,000 (offset over 9,951: -210)', async () => {
    const { sandbox: s, client } = await start(10);
    for (let i = 0; i < 120; i++) s.addFollower(`5${String(i).padStart(18, '0')}`);
    const first = await client.getFollowers({ offset: 0, count: 50 });
    expect(first).toMatchObject({ total: 120, count: 50 });
    expect(await zaloCode(client.getFollowers({ offset: 0, count: 51 }))).toBe(-210);
    expect(await zaloCode(client.getFollowers({ offset: 9_952, count: 50 }))).toBe(-210);
  });
});
