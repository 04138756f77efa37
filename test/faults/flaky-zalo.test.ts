import { describe, expect, it } from 'vitest';
import type { SentMessage } from '../../src/zalo/sandbox-state.js';
import { awaitReplies, postEvent, useTestApp, textEvent, textsOf, textsTo, settled } from '../helpers/app.js';

describe('Zalo failing 30 % of calls', () => {
  const h = useTestApp({ env: { ZALO_TIMEOUT_MS: '800', ZALO_RETRY_BASE_MS: '100' } });

  it('delivers every message eventually and none twice, even when answers are lost after delivery', async () => {
    const users = Array.from({ length: 40 }, (_, i) => `84${String(i).padStart(17, '0')}`);
    h.sandbox.setFailureRate(0.3, ['http_500', 'timeout', 'rate_limit', 'lost_response']);
    const events = users.map((u) => textEvent(h.sandbox, u, 'chứng thực chữ ký'));
    for (const e of events) expect((await postEvent(h.app, h.sandbox, e)).status).toBe(200);
    // Every reply of every event (an answer is several messages), whatever Zalo did meanwhile.
    const replies: SentMessage[][] = [];
    for (const e of events) replies.push(await awaitReplies(h.app, h.sandbox, e, 90_000));
    h.sandbox.setFailureRate(0);
    await settled(h.app);
    for (const [i, u] of users.entries()) {
      expect(textsTo(h.sandbox, u), u).toEqual(textsOf(replies[i]!));
      expect(textsTo(h.sandbox, u)[0]).toContain('Chứng thực chữ ký');
    }
    const failures = h.sandbox.requests.filter((r) => r.path === '/v3.0/oa/message/cs' && r.outcome !== 0).length;
    expect(failures).toBeGreaterThan(0);
  }, 120_000);

  it('refreshes the token exactly once when it expires under load, and loses nothing', async () => {
    const users = Array.from({ length: 60 }, (_, i) => `85${String(i).padStart(17, '0')}`);
    const before = h.sandbox.tokenRefreshes;
    const events = users.map((u) => textEvent(h.sandbox, u, 'đăng ký khai tử'));
    for (const [i, e] of events.entries()) {
      if (i === 20) h.sandbox.expireTokens();
      await postEvent(h.app, h.sandbox, e);
    }
    const replies: SentMessage[][] = [];
    for (const e of events) replies.push(await awaitReplies(h.app, h.sandbox, e, 60_000));
    expect(h.sandbox.tokenRefreshes - before).toBe(1);
    await settled(h.app);
    for (const [i, u] of users.entries()) {
      expect(textsTo(h.sandbox, u), u).toEqual(textsOf(replies[i]!));
      expect(textsTo(h.sandbox, u)[0]).toContain('Đăng ký khai tử');
    }
  }, 90_000);
});
