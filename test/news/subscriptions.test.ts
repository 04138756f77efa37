import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import { makeFollowEvent } from '../../src/zalo/sandbox-webhook.js';
import type { RunningApp } from '../../src/main.js';
import { createSqliteTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { newUserId, postEvent, startTestApp, textsTo, waitFor } from '../helpers/app.js';

describe('news subscriptions from the Mini App', () => {
  let sandbox: ZaloSandbox;
  let target: TestDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    sandbox = await startZaloSandbox();
    target = await createSqliteTestDatabase();
    app = await startTestApp({ sandbox, databaseUrl: target.url, env: { ZALO_GRAPH_BASE_URL: sandbox.url } });
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await target?.cleanup();
  });

  const call = (method: string, token: string | undefined, body?: unknown) =>
    fetch(`${app.url}/api/subscriptions`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { 'x-zalo-access-token': token } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('shows and changes the topics of a follower identified by their Zalo token', async () => {
    const user = newUserId();
    const appUserId = `5${user.slice(1)}`;
    await postEvent(app, sandbox, makeFollowEvent({ appId: sandbox.appId, oaId: sandbox.oaId, userId: user, userIdByApp: appUserId }));
    await waitFor(() => textsTo(sandbox, user).length === 1);
    const token = sandbox.issueUserAccessToken(appUserId);

    const before = (await (await call('GET', token)).json()) as { linked: boolean; topics: Array<{ id: string; subscribed: boolean }> };
    expect(before.linked).toBe(true);
    expect(before.topics.filter((t) => t.subscribed).map((t) => t.id).sort()).toEqual(['cai-cach-hanh-chinh', 'thong-bao-chung']);

    const res = await call('PUT', token, { topics: ['lich-tiep-cong-dan'] });
    expect(res.status).toBe(200);
    const after = (await res.json()) as { topics: Array<{ id: string; subscribed: boolean }> };
    expect(after.topics.filter((t) => t.subscribed).map((t) => t.id)).toEqual(['lich-tiep-cong-dan']);
  });

  it('asks to open Zalo without a token, and to follow the OA when not linked', async () => {
    expect((await call('GET', undefined)).status).toBe(401);
    const stranger = sandbox.issueUserAccessToken('5999999999999999999');
    expect(((await (await call('GET', stranger)).json()) as { linked: boolean }).linked).toBe(false);
    const res = await call('PUT', stranger, { topics: [] });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('quan tâm Official Account');
    expect((await call('PUT', stranger, { topics: ['khong-co'] })).status).toBe(400);
    expect((await call('GET', 'token-gia-mao')).status).toBe(401);
  });
});
