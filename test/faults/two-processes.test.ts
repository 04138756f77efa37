import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import { signEvent } from '../../src/zalo/sandbox-webhook.js';
import { createPostgresTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { sandboxEnv, spawnServer, type ChildServer } from '../helpers/child-server.js';
import { awaitReplies, settled, textEvent, textsOf, textsTo } from '../helpers/app.js';
import type { SentMessage } from '../../src/zalo/sandbox-state.js';

const pgUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!pgUrl)('two server processes on one PostgreSQL', () => {
  let sandbox: ZaloSandbox;
  let target: TestDatabase;
  let servers: ChildServer[] = [];

  beforeAll(async () => {
    sandbox = await startZaloSandbox();
    target = await createPostgresTestDatabase(pgUrl!);
    const env = { ...sandboxEnv(sandbox), DATABASE_URL: target.url, ZALO_SEND_PER_MINUTE: '60000', LOG_LEVEL: 'warn' };
    servers = [await spawnServer(env), await spawnServer(env)];
  });
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await sandbox?.close();
    await target?.cleanup();
  });

  it('handles each event once, sends each message once, and refreshes the token once', async () => {
    const users = Array.from({ length: 120 }, (_, i) => `86${String(i).padStart(17, '0')}`);
    const before = sandbox.tokenRefreshes;
    const events = users.map((u) => textEvent(sandbox, u, 'giấy phép xây dựng'));
    for (const [i, event] of events.entries()) {
      if (i === 40) sandbox.expireTokens();
      const e = signEvent(event, { appId: sandbox.appId, oaSecretKey: sandbox.oaSecretKey });
      // Each event goes to one server; every fifth is redelivered to the other one.
      const res = await fetch(`${servers[i % 2]!.url}/webhooks/zalo`, { method: 'POST', headers: e.headers, body: e.body });
      expect(res.status).toBe(200);
      if (i % 5 === 0) expect((await fetch(`${servers[(i + 1) % 2]!.url}/webhooks/zalo`, { method: 'POST', headers: e.headers, body: e.body })).status).toBe(200);
    }
    // Every reply of every event, read from the servers' database (an answer is several messages).
    const database = await target.open();
    const replies: SentMessage[][] = [];
    try {
      for (const e of events) replies.push(await awaitReplies(database, sandbox, e, 60_000));
      await settled(database);
    } finally {
      await database.close();
    }
    for (const [i, u] of users.entries()) {
      expect(replies[i]!.length, u).toBeGreaterThan(0);
      expect(textsTo(sandbox, u), u).toEqual(textsOf(replies[i]!));
    }
    expect(sandbox.tokenRefreshes - before).toBe(1);
  }, 120_000);
});
