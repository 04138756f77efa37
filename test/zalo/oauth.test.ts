import { afterEach, describe, expect, it } from 'vitest';
import { createZaloClient } from '../../src/zalo/client.js';
import { ZaloApiError, ZaloError, ZaloNetworkError } from '../../src/zalo/errors.js';
import { textMessage } from '../../src/zalo/messages.js';
import { buildOaPermissionUrl, createPkcePair, pkceChallenge } from '../../src/zalo/oauth-consent.js';
import { exchangeAuthorizationCode, needsRefresh, refreshAccessToken } from '../../src/zalo/oauth.js';
import { startZaloSandbox, type ZaloSandbox, type ZaloSandboxOptions } from '../../src/zalo/sandbox.js';

const USER = '7248937185012345678';
const HOUR = 3_600_000;

let sandbox: ZaloSandbox | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(options: ZaloSandboxOptions = {}): Promise<ZaloSandbox> {
  sandbox = await startZaloSandbox(options);
  return sandbox;
}

function refreshWith(sbx: ZaloSandbox, refreshToken: string, extra: { now?: () => number; timeoutMs?: number } = {}) {
  return refreshAccessToken({
    oauthBaseUrl: sbx.url,
    appId: sbx.appId,
    appSecret: sbx.appSecret,
    refreshToken,
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<ZaloError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ZaloError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('refreshAccessToken', () => {
  it('rotates the pair; the new access token works and the old one is refused', async () => {
    const sbx = await start();
    const before = sbx.currentTokens();
    const now = 1_768_291_234_567;

    const pair = await refreshWith(sbx, before.refreshToken, { now: () => now });
    expect(pair.accessToken).not.toBe(before.accessToken);
    expect(pair.refreshToken).not.toBe(before.refreshToken);
    // expires_in arrives as the string "90000" (25 h).
    expect(pair.expiresAt).toBe(now + 25 * HOUR);
    expect(sbx.tokenRefreshes).toBe(1);

    const fresh = createZaloClient({ apiBaseUrl: sbx.url, getAccessToken: () => pair.accessToken });
    await expect(fresh.sendMessage(USER, textMessage('Xin chào'))).resolves.toHaveProperty('messageId');
    const old = createZaloClient({ apiBaseUrl: sbx.url, getAccessToken: () => before.accessToken });
    expect((await failure(old.sendMessage(USER, textMessage('Xin chào')))).isTokenExpired).toBe(true);
  });

  it('rejects a refresh token that was already used, as a permanent error needing an operator', async () => {
    const sbx = await start();
    const first = sbx.currentTokens().refreshToken;
    const second = await refreshWith(sbx, first);

    const err = await failure(refreshWith(sbx, first));
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err).toMatchObject({ code: -14020, method: 'refreshAccessToken', disposition: 'operator', isPermanent: true });
    expect(err.message).not.toContain(first); // never leak tokens into logs

    // The rotated token still works, once.
    await expect(refreshWith(sbx, second.refreshToken)).resolves.toHaveProperty('accessToken');
    expect(sbx.tokenRefreshes).toBe(2);
  });

  it('lets only one of two concurrent refreshes with the same token win', async () => {
    const sbx = await start();
    const token = sbx.currentTokens().refreshToken;
    const results = await Promise.allSettled([refreshWith(sbx, token), refreshWith(sbx, token)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(sbx.tokenRefreshes).toBe(1);
  });

  it('a refresh whose answer is lost may still have rotated the token', async () => {
    const sbx = await start();
    const token = sbx.currentTokens().refreshToken;
    sbx.failNext(1, 'lost_response', 'oauth');
    const lost = await failure(refreshWith(sbx, token, { timeoutMs: 300 }));
    expect(lost).toBeInstanceOf(ZaloNetworkError);
    expect(lost.maybeDelivered).toBe(true);
    expect((await failure(refreshWith(sbx, token))).isPermanent).toBe(true);
  });

  it('rejects a wrong app secret', async () => {
    const sbx = await start();
    const err = await failure(
      refreshAccessToken({
        oauthBaseUrl: sbx.url,
        appId: sbx.appId,
        appSecret: 'wrong',
        refreshToken: sbx.currentTokens().refreshToken,
      }),
    );
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(sbx.tokenRefreshes).toBe(0);
  });

  it('a 500 from the OAuth host is retryable and does not consume the refresh token', async () => {
    const sbx = await start();
    const token = sbx.currentTokens().refreshToken;
    sbx.failNext(1, 'http_500', 'oauth');
    expect((await failure(refreshWith(sbx, token))).isRetryable).toBe(true);
    await expect(refreshWith(sbx, token)).resolves.toHaveProperty('accessToken');
  });
});

describe('access token lifetime', () => {
  it('expires after the configured TTL and needsRefresh says so beforehand', async () => {
    let now = 1_768_291_234_567;
    const sbx = await start({ clock: () => now, accessTokenTtlMs: 2 * HOUR });
    const pair = await refreshWith(sbx, sbx.currentTokens().refreshToken, { now: () => now });
    expect(pair.expiresAt).toBe(now + 2 * HOUR);
    const client = createZaloClient({ apiBaseUrl: sbx.url, getAccessToken: () => pair.accessToken });

    now += 2 * HOUR - 5 * 60_000;
    expect(needsRefresh(pair, now)).toBe(true); // inside the 10-minute margin
    await expect(client.sendMessage(USER, textMessage('Xin chào'))).resolves.toHaveProperty('messageId');

    now += 5 * 60_000;
    expect((await failure(client.sendMessage(USER, textMessage('Xin chào')))).isTokenExpired).toBe(true);
  });
});

describe('authorization code (first connection)', () => {
  it('exchanges a code with the matching PKCE verifier, once', async () => {
    const sbx = await start();
    const pkce = createPkcePair();
    expect(pkce.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pkceChallenge(pkce.codeVerifier)).toBe(pkce.codeChallenge);

    const url = new URL(
      buildOaPermissionUrl({ appId: sbx.appId, redirectUri: 'https://xa.example.gov.vn/zalo/callback', state: 's1', codeChallenge: pkce.codeChallenge }),
    );
    expect(url.origin + url.pathname).toBe('https://oauth.zaloapp.com/v4/oa/permission');
    expect(url.searchParams.get('code_challenge')).toBe(pkce.codeChallenge);
    expect(url.searchParams.has('code_challenge_method')).toBe(false);

    const code = sbx.issueAuthorizationCode({ codeChallenge: pkce.codeChallenge });
    const base = { oauthBaseUrl: sbx.url, appId: sbx.appId, appSecret: sbx.appSecret, code };

    const wrong = await failure(exchangeAuthorizationCode({ ...base, codeVerifier: createPkcePair().codeVerifier }));
    expect(wrong).toBeInstanceOf(ZaloApiError);

    const code2 = sbx.issueAuthorizationCode({ codeChallenge: pkce.codeChallenge });
    const pair = await exchangeAuthorizationCode({ ...base, code: code2, codeVerifier: pkce.codeVerifier });
    expect(pair).toMatchObject({
      accessToken: sbx.currentTokens().accessToken,
      refreshToken: sbx.currentTokens().refreshToken,
    });
    expect(await failure(exchangeAuthorizationCode({ ...base, code: code2, codeVerifier: pkce.codeVerifier }))).toBeInstanceOf(
      ZaloApiError,
    );
  });
});
