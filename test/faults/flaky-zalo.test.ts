import { describe, expect, it } from 'vitest';
import { postEvent, useTestApp, textEvent, textsTo, waitFor } from '../helpers/app.js';

describe('Zalo failing 30 % of calls', () => {
  const h = useTestApp({ env: { ZALO_TIMEOUT_MS: '800', ZALO_RETRY_BASE_MS: '100' } });

  it('delivers every message eventually and none twice, even when answers are lost after delivery', async () => {
    const users = Array.from({ length: 40 }, (_, i) => `84${String(i).padStart(17, '0')}`);
    h.sandbox.setFailureRate(0.3, ['http_500', 'timeout', 'rate_limit', 'lost_response']);
    for (const u of users) expect((await postEvent(h.app, h.sandbox, textEvent(h.sandbox, u, 'chứng thực chữ ký'))).status).toBe(200);
    await waitFor(() => users.every((u) => textsTo(h.sandbox, u).length >= 2), 90_000, 'all delivered');
    h.sandbox.setFailureRate(0);
    await new Promise((r) => setTimeout(r, 1500));
    for (const u of users) {
      expect(textsTo(h.sandbox, u), u).toHaveLength(2);
      expect(textsTo(h.sandbox, u)[0]).toContain('Chứng thực chữ ký');
    }
    const failures = h.sandbox.requests.filter((r) => r.path === '/v3.0/oa/message/cs' && r.outcome !== 0).length;
    expect(failures).toBeGreaterThan(0);
  }, 120_000);

  it('refreshes the token exactly once when it expires under load, and loses nothing', async () => {
    const users = Array.from({ length: 60 }, (_, i) => `85${String(i).padStart(17, '0')}`);
    const before = h.sandbox.tokenRefreshes;
    const sending = (async () => {
      for (const [i, u] of users.entries()) {
        if (i === 20) h.sandbox.expireTokens();
        await postEvent(h.app, h.sandbox, textEvent(h.sandbox, u, 'đăng ký khai tử'));
      }
    })();
    await sending;
    await waitFor(() => users.every((u) => textsTo(h.sandbox, u).length >= 2), 60_000, 'all delivered');
    expect(h.sandbox.tokenRefreshes - before).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    for (const u of users) expect(textsTo(h.sandbox, u)).toHaveLength(2);
  }, 90_000);
});
