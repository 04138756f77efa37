import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import { signEvent } from '../../src/zalo/sandbox-webhook.js';
import { createSqliteTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { sandboxEnv, spawnServer, type ChildServer } from '../helpers/child-server.js';
import { awaitReplies, textEvent, textsOf, textsTo, waitFor } from '../helpers/app.js';
import type { SentMessage } from '../../src/zalo/sandbox-state.js';

const EVENTS = 200;

describe('kill -9 while acknowledging a stream of signed events', () => {
  let sandbox: ZaloSandbox;
  let target: TestDatabase;

  beforeAll(async () => {
    sandbox = await startZaloSandbox();
    target = await createSqliteTestDatabase();
  });
  afterAll(async () => {
    await sandbox?.close();
    await target?.cleanup();
  });

  it('answers every acknowledged event exactly once after a restart; Zalo redelivers the rest', async () => {
    const env = { ...sandboxEnv(sandbox), DATABASE_URL: target.url, ZALO_SEND_PER_MINUTE: '60000', LOG_LEVEL: 'warn' };
    const users = Array.from({ length: EVENTS }, (_, i) => `83${String(i).padStart(17, '0')}`);
    const plain = users.map((u) => textEvent(sandbox, u, 'đăng ký kết hôn'));
    const events = plain.map((e) => signEvent(e, { appId: sandbox.appId, oaSecretKey: sandbox.oaSecretKey }));
    const acked = new Set<number>();
    const post = async (server: ChildServer, i: number) => {
      const e = events[i]!;
      const res = await fetch(`${server.url}/webhooks/zalo`, { method: 'POST', headers: e.headers, body: e.body }).catch(() => undefined);
      if (res?.status === 200) acked.add(i);
    };

    const first = await spawnServer(env);
    let next = 0;
    const stream = Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < EVENTS) await post(first, next++);
      }),
    );
    await waitFor(() => acked.size >= EVENTS / 3, 30_000, 'a third acknowledged');
    await first.crash();
    await stream;
    const ackedBeforeCrash = new Set(acked);
    expect(ackedBeforeCrash.size).toBeLessThan(EVENTS);

    const second = await spawnServer(env);
    try {
      // Zalo redelivers what was not acknowledged (and, harmlessly, a few that were).
      for (let i = 0; i < EVENTS; i++) if (!ackedBeforeCrash.has(i) || i % 10 === 0) await post(second, i);
      expect(acked.size).toBe(EVENTS);
      // Every reply of every event, read from the server's database (an answer is several messages).
      const database = await target.open();
      const replies: SentMessage[][] = [];
      try {
        for (const e of plain) replies.push(await awaitReplies(database, sandbox, e, 60_000));
      } finally {
        await database.close();
      }
      // Anything handled or sent twice would arrive as extra messages: give it the time to.
      await new Promise((r) => setTimeout(r, 1000));
      for (const [i, u] of users.entries()) {
        expect(replies[i]!.length, u).toBeGreaterThan(0);
        expect(textsTo(sandbox, u), u).toEqual(textsOf(replies[i]!));
      }
    } finally {
      await second.stop();
    }
  }, 120_000);
});
