import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import type { RunningApp } from '../../src/main.js';
import { createSqliteTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { postEvent, startTestApp, textEvent, textsTo, waitFor } from '../helpers/app.js';

describe('Zalo failing 30 % of calls', () => {
  let sandbox: ZaloSandbox;
  let target: TestDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    sandbox = await startZaloSandbox();
    target = await createSqliteTestDatabase();
    app = await startTestApp({ sandbox, databaseUrl: target.url, env: { ZALO_TIMEOUT_MS: '800', ZALO_RETRY_BASE_MS: '100' } });
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await target?.cleanup();
  });

  it('delivers every message eventually and none twice, even when answers are lost after delivery', async () => {
    const users = Array.from({ length: 40 }, (_, i) => `84${String(i).padStart(17, '0')}`);
    sandbox.setFailureRate(0.3, ['http_500', 'timeout', 'rate_limit', 'lost_response']);
    for (const u of users) expect((await postEvent(app, sandbox, textEvent(sandbox, u, 'chứng thực chữ ký'))).status).toBe(200);
    await waitFor(() => users.every((u) => textsTo(sandbox, u).length >= 2), 90_000, 'all delivered');
    sandbox.setFailureRate(0);
    await new Promise((r) => setTimeout(r, 1500));
    for (const u of users) {
      expect(textsTo(sandbox, u), u).toHaveLength(2);
      expect(textsTo(sandbox, u)[0]).toContain('Chứng thực chữ ký');
    }
    const failures = sandbox.requests.filter((r) => r.path === '/v3.0/oa/message/cs' && r.outcome !== 0).length;
    expect(failures).toBeGreaterThan(0);
  }, 120_000);

  it('refreshes the token exactly once when it expires under load, and loses nothing', async () => {
    const users = Array.from({ length: 60 }, (_, i) => `85${String(i).padStart(17, '0')}`);
    const before = sandbox.tokenRefreshes;
    const sending = (async () => {
      for (const [i, u] of users.entries()) {
        if (i === 20) sandbox.expireTokens();
        await postEvent(app, sandbox, textEvent(sandbox, u, 'đăng ký khai tử'));
      }
    })();
    await sending;
    await waitFor(() => users.every((u) => textsTo(sandbox, u).length >= 2), 60_000, 'all delivered');
    expect(sandbox.tokenRefreshes - before).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    for (const u of users) expect(textsTo(sandbox, u)).toHaveLength(2);
  }, 90_000);
});
