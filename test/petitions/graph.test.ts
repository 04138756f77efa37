import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZaloGraph } from '../../src/zalo/graph.js';
import { ZaloApiError, ZaloHttpError } from '../../src/zalo/errors.js';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';

describe('Graph API: Mini App user tokens against the sandbox', () => {
  let sandbox: ZaloSandbox;
  beforeAll(async () => {
    sandbox = await startZaloSandbox();
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('returns the app-scoped id (exact, beyond 2^53) of a valid token, with appsecret_proof', async () => {
    const graph = createZaloGraph({ graphBaseUrl: sandbox.url, appSecret: sandbox.appSecret });
    const token = sandbox.issueUserAccessToken('9007199254740993123', { name: 'Người dùng thử' });
    expect(await graph.verifyUserToken(token)).toEqual({ id: '9007199254740993123', name: 'Người dùng thử' });
    expect(sandbox.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v2.0/me', outcome: 200 });
  });

  it('throws ZaloApiError for an unknown or expired token, or a wrong proof', async () => {
    const graph = createZaloGraph({ graphBaseUrl: sandbox.url, appSecret: sandbox.appSecret });
    await expect(graph.verifyUserToken('sbx-ut-unknown')).rejects.toBeInstanceOf(ZaloApiError);
    const expired = sandbox.issueUserAccessToken('6012345678901234567', { ttlMs: -1 });
    await expect(graph.verifyUserToken(expired)).rejects.toMatchObject({ code: 453 });
    const wrongSecret = createZaloGraph({ graphBaseUrl: sandbox.url, appSecret: 'not-the-secret' });
    await expect(wrongSecret.verifyUserToken(sandbox.issueUserAccessToken('6012345678901234567'))).rejects.toMatchObject({ code: -242 });
  });

  it('reports a Graph outage as a retryable error', async () => {
    const graph = createZaloGraph({ graphBaseUrl: sandbox.url, appSecret: sandbox.appSecret });
    sandbox.failNext(1, 'http_500', 'graph');
    const err = await graph.verifyUserToken(sandbox.issueUserAccessToken('6012345678901234567')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloHttpError);
    expect((err as ZaloHttpError).isRetryable).toBe(true);
  });

  it('issues tokens over HTTP for local Mini App development', async () => {
    const res = await fetch(`${sandbox.url}/sandbox/user-token`, { method: 'POST', body: JSON.stringify({ user_id_by_app: '6012345678901234567' }) });
    const { access_token } = (await res.json()) as { access_token: string };
    const graph = createZaloGraph({ graphBaseUrl: sandbox.url, appSecret: sandbox.appSecret });
    expect((await graph.verifyUserToken(access_token)).id).toBe('6012345678901234567');
  });
});
