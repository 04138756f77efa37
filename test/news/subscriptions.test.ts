import { describe, expect, it } from 'vitest';
import { makeFollowEvent } from '../../src/zalo/sandbox-webhook.js';
import { newUserId, sendAndAwaitReplies, useTestApp } from '../helpers/app.js';

describe('news subscriptions from the Mini App', () => {
  // startTestApp points the Graph API (Mini App token checks) at the sandbox.
  const h = useTestApp();

  const call = (method: string, token: string | undefined, body?: unknown) =>
    fetch(`${h.app.url}/api/subscriptions`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { 'x-zalo-access-token': token } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('shows and changes the topics of a follower identified by their Zalo token', async () => {
    const user = newUserId();
    const appUserId = `5${user.slice(1)}`;
    await sendAndAwaitReplies(h.app, h.sandbox, makeFollowEvent({ appId: h.sandbox.appId, oaId: h.sandbox.oaId, userId: user, userIdByApp: appUserId }));
    const token = h.sandbox.issueUserAccessToken(appUserId);

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
    const stranger = h.sandbox.issueUserAccessToken('5999999999999999999');
    expect(((await (await call('GET', stranger)).json()) as { linked: boolean }).linked).toBe(false);
    const res = await call('PUT', stranger, { topics: [] });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('quan tâm Official Account');
    expect((await call('PUT', stranger, { topics: ['khong-co'] })).status).toBe(400);
    expect((await call('GET', 'token-gia-mao')).status).toBe(401);
  });
});
