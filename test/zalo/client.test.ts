import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createZaloClient, type ZaloClient } from '../../src/zalo/client.js';
import {
  ZaloApiError,
  ZaloError,
  ZaloHttpError,
  ZaloNetworkError,
  ZaloProtocolError,
} from '../../src/zalo/errors.js';
import { textMessage, textWithButtons } from '../../src/zalo/messages.js';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';

const USER = '7248937185012345678';

let sandbox: ZaloSandbox;
let client: ZaloClient;

// A fresh sandbox per test: no test depends on tokens or users left by another.
beforeEach(async () => {
  sandbox = await startZaloSandbox();
  client = createZaloClient({
    apiBaseUrl: sandbox.url,
    getAccessToken: () => sandbox.currentTokens().accessToken,
    timeoutMs: 500,
  });
});

afterEach(async () => {
  await sandbox.close();
});

async function failure(promise: Promise<unknown>): Promise<ZaloError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ZaloError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('sendMessage', () => {
  it('sends over HTTP and returns the message id as a string', async () => {
    const message = textWithButtons('Ông/bà cần hỏi thủ tục nào ạ?', [
      { kind: 'query', title: 'Khai sinh', payload: '#khai_sinh' },
    ]);
    const result = await client.sendMessage(USER, message);
    expect(result.messageId).toMatch(/^[0-9a-f]{32}$/);
    expect(result.quotaType).toBe('reply');
    expect(typeof result.sentAt).toBe('number');
    expect(sandbox.sent).toHaveLength(1);
    expect(sandbox.sent[0]).toMatchObject({ userId: USER, message, messageId: result.messageId });
  });

  it('-216 (token invalid) is a ZaloApiError that asks for a token refresh', async () => {
    sandbox.failNext(1, 'token_expired');
    const err = await failure(client.sendMessage(USER, textMessage('Xin chào')));
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err).toMatchObject({ code: -216, method: 'sendMessage', endpoint: 'POST /v3.0/oa/message/cs' });
    expect(err.isTokenExpired).toBe(true);
    expect(err.isRetryable).toBe(false);
    expect(sandbox.sent).toHaveLength(0);
  });

  it('a stale or unknown token is refused the same way', async () => {
    const stale = createZaloClient({ apiBaseUrl: sandbox.url, getAccessToken: () => 'an-old-token' });
    const err = await failure(stale.sendMessage(USER, textMessage('Xin chào')));
    expect(err.isTokenExpired).toBe(true);

    sandbox.expireTokens();
    const expired = await failure(client.sendMessage(USER, textMessage('Xin chào')));
    expect(expired.isTokenExpired).toBe(true);
  });

  it('-32 (rate limit) is retryable', async () => {
    sandbox.failNext(1, 'rate_limit');
    const err = await failure(client.sendMessage(USER, textMessage('Xin chào')));
    expect(err).toMatchObject({ code: -32, isRetryable: true, isPermanent: false, disposition: 'retry' });
    // The next call goes through.
    await expect(client.sendMessage(USER, textMessage('Xin chào'))).resolves.toHaveProperty('messageId');
  });

  it('-230 (outside the 7-day window) is permanent, injected or from the user state', async () => {
    sandbox.failNext(1, 'outside_window');
    const injected = await failure(client.sendMessage(USER, textMessage('Xin chào')));
    expect(injected).toMatchObject({ code: -230, isPermanent: true, isRetryable: false, isTokenExpired: false });

    const silent = '7248937185012340001';
    sandbox.markOutsideWindow(silent);
    const err = await failure(client.sendMessage(silent, textMessage('Tin mới của xã')));
    expect(err).toMatchObject({ code: -230, isPermanent: true });
    sandbox.recordInteraction(silent);
    await expect(client.sendMessage(silent, textMessage('Tin mới của xã'))).resolves.toHaveProperty('messageId');
  });

  it('HTTP 500 is a retryable ZaloHttpError', async () => {
    sandbox.failNext(1, 'http_500');
    const err = await failure(client.sendMessage(USER, textMessage('Xin chào')));
    expect(err).toBeInstanceOf(ZaloHttpError);
    expect(err).toMatchObject({ status: 500, isRetryable: true, isPermanent: false });
  });

  it('a hung request times out as a retryable ZaloNetworkError that may have been delivered', async () => {
    sandbox.failNext(1, 'timeout');
    const started = Date.now();
    const err = await failure(client.sendMessage(USER, textMessage('Xin chào')));
    expect(err).toBeInstanceOf(ZaloNetworkError);
    expect(err).toMatchObject({ timedOut: true, isRetryable: true, maybeDelivered: true });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a lost response after delivery is still a timeout, and the sandbox shows the message went out', async () => {
    sandbox.failNext(1, 'lost_response');
    const err = await failure(client.sendMessage(USER, textMessage('Xin chào')));
    expect(err).toMatchObject({ timedOut: true, maybeDelivered: true });
    expect(sandbox.sent).toHaveLength(1);
  });

  it('a refused connection is a retryable network error that was not delivered', async () => {
    const dead = await startZaloSandbox();
    const deadUrl = dead.url;
    await dead.close();
    const offline = createZaloClient({ apiBaseUrl: deadUrl, getAccessToken: () => 'x', timeoutMs: 2_000 });
    const err = await failure(offline.sendMessage(USER, textMessage('Xin chào')));
    expect(err).toBeInstanceOf(ZaloNetworkError);
    expect(err).toMatchObject({ timedOut: false, isRetryable: true, maybeDelivered: false });
  });

  it('the sandbox rejects bodies that break Zalo limits even if a caller bypasses the builders', async () => {
    const err = await failure(client.sendMessage(USER, { text: 'a'.repeat(2001) }));
    expect(err).toMatchObject({ code: -210, isPermanent: true });
  });
});

describe('reading responses', () => {
  it('maps an unreadable 200 to ZaloProtocolError and a 4xx without envelope to ZaloHttpError', async () => {
    const fake = (status: number, body: string) =>
      createZaloClient({
        getAccessToken: () => 't',
        fetch: async () => new Response(body, { status, headers: { 'content-type': 'application/json' } }),
      });
    const garbage = await failure(fake(200, '<html>maintenance</html>').sendMessage(USER, textMessage('x')));
    expect(garbage).toBeInstanceOf(ZaloProtocolError);
    expect(garbage.isRetryable).toBe(false);

    const noId = await failure(fake(200, '{"error":0,"message":"Success","data":{}}').sendMessage(USER, textMessage('x')));
    expect(noId).toBeInstanceOf(ZaloProtocolError);

    const notFound = await failure(fake(404, 'Not Found').sendMessage(USER, textMessage('x')));
    expect(notFound).toMatchObject({ status: 404, isPermanent: true });

    const unauthorized = await failure(fake(401, '').sendMessage(USER, textMessage('x')));
    expect(unauthorized.isTokenExpired).toBe(true);
  });

  it('keeps a numeric message id exact', async () => {
    const numeric = createZaloClient({
      getAccessToken: () => 't',
      fetch: async () => new Response('{"error":0,"message":"Success","data":{"message_id":7248937185012345678}}'),
    });
    await expect(numeric.sendMessage(USER, textMessage('x'))).resolves.toMatchObject({ messageId: '7248937185012345678' });
  });
});

describe('users and followers', () => {
  it('getUserDetail returns typed fields with string ids', async () => {
    sandbox.addFollower(USER, {
      displayName: 'Trần Thị Bình',
      tagNames: ['tin-cai-cach'],
      lastInteractionAt: Date.UTC(2026, 0, 12, 20, 0), // 03:00 on 13/01 in Vietnam
    });
    const user = await client.getUserDetail(USER);
    expect(user).toMatchObject({
      userId: USER,
      displayName: 'Trần Thị Bình',
      isFollower: true,
      tagNames: ['tin-cai-cach'],
      lastInteractionDate: '2026-01-13',
    });
    expect(user.userIdByApp).toMatch(/^\d{19}$/);
  });

  it('getUserDetail of an unknown user is -213 (not following), permanent', async () => {
    const err = await failure(client.getUserDetail('7248937185099999999'));
    expect(err).toMatchObject({ code: -213, isPermanent: true });
  });

  it('getFollowers pages through followers only; iterateFollowers walks all pages', async () => {
    sandbox.addFollower(USER, { tagNames: ['tin-cai-cach'] });
    for (let i = 0; i < 120; i++) sandbox.addFollower(`72489371850${String(i).padStart(8, '0')}`);
    sandbox.upsertUser('7248937185077777777', { isFollower: false });

    const first = await client.getFollowers({ count: 50 });
    expect(first.count).toBe(50);
    expect(first.total).toBe(121);
    expect(first.userIds.every((id) => typeof id === 'string' && id.length === 19)).toBe(true);

    const all: string[] = [];
    for await (const id of client.iterateFollowers()) all.push(id);
    expect(all).toHaveLength(121);
    expect(new Set(all).size).toBe(121);
    expect(all).not.toContain('7248937185077777777');

    const tagged = await client.getFollowers({ tagName: 'tin-cai-cach' });
    expect(tagged.userIds).toEqual([USER]);
  });

  it('getQuota reports the last interaction', async () => {
    sandbox.recordInteraction(USER, 1_768_291_234_567);
    await expect(client.getQuota(USER)).resolves.toMatchObject({ lastInteractionAt: 1_768_291_234_567 });
  });
});
