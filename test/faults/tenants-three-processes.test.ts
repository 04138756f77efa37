import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import { makeTextEvent, signEvent } from '../../src/zalo/sandbox-webhook.js';
import { createCommuneRegistry } from '../../src/communes/registry.js';
import { createOaChannels } from '../../src/communes/channels.js';
import { createLogger } from '../../src/logger.js';
import { readCommuneSeeds } from '../../src/communes/seed.js';
import { BUNDLED_CONTENT_DIR } from '../../src/catalog/content-dir.js';
import type { SentMessage } from '../../src/zalo/sandbox-state.js';
import { createPostgresTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { sandboxEnv, spawnServer, type ChildServer } from '../helpers/child-server.js';
import { awaitReplies, settled, textsOf, textsTo } from '../helpers/app.js';

const pgUrl = process.env.TEST_DATABASE_URL;
/** Zalo's per-app calls per minute, set low so the three processes must share it. */
const PER_MINUTE = 15;
const EXTRA_COMMUNES = [
  { id: 'xa-hai', oaId: '6660000000000000002' },
  { id: 'xa-ba', oaId: '6660000000000000003' },
];

describe.skipIf(!pgUrl)('three server processes, several communes, one PostgreSQL', () => {
  let sandbox: ZaloSandbox;
  let target: TestDatabase;
  let servers: ChildServer[] = [];

  beforeAll(async () => {
    sandbox = await startZaloSandbox();
    target = await createPostgresTestDatabase(pgUrl!);
    const env = { ...sandboxEnv(sandbox), DATABASE_URL: target.url, ZALO_SEND_PER_MINUTE: String(PER_MINUTE), LOG_LEVEL: 'warn' };
    // Two communes added as `communes:add` would (the registry table and their OAs' tokens).
    const database = await target.open();
    try {
      const log = createLogger('silent');
      const registry = createCommuneRegistry({ db: database.db, log, clock: () => new Date() });
      await registry.seed(readCommuneSeeds(BUNDLED_CONTENT_DIR));
      const channels = createOaChannels({ db: database.db, log, clock: () => new Date(), appId: sandbox.appId, appSecret: sandbox.appSecret, apiBaseUrl: sandbox.url, oauthBaseUrl: sandbox.url, timeoutMs: 5_000 });
      for (const c of EXTRA_COMMUNES) {
        await registry.add({ id: c.id, name: `UBND ${c.id}`, provinceId: 'tinh-mau', oaId: c.oaId });
        await channels.seedTokens(c.id, sandbox.addOa(c.oaId));
      }
    } finally {
      await database.close();
    }
    for (let i = 0; i < 3; i++) servers.push(await spawnServer(env));
  }, 300_000);
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await sandbox?.close();
    await target?.cleanup();
  });

  it('answers every event once through its own OA, refreshes each OA once, and keeps the per-app limit across processes', async () => {
    const oas = [sandbox.oaId, ...EXTRA_COMMUNES.map((c) => c.oaId)];
    const events = oas.flatMap((oaId, c) =>
      Array.from({ length: 4 }, (_, i) => {
        const userId = `86${c}${String(i).padStart(16, '0')}`;
        return { oaId, userId, event: makeTextEvent({ appId: sandbox.appId, oaId, userId, text: 'giấy phép xây dựng' }) };
      }),
    );
    for (const [i, { event }] of events.entries()) {
      // Every OA's access token dies mid-run: each must be refreshed once, by one process.
      if (i === 5) for (const oa of oas) sandbox.expireTokens(oa);
      const e = signEvent(event, { appId: sandbox.appId, oaSecretKey: sandbox.oaSecretKey });
      const res = await fetch(`${servers[i % 3]!.url}/webhooks/zalo`, { method: 'POST', headers: e.headers, body: e.body });
      expect(res.status).toBe(200);
      // Every third event is redelivered to another process.
      if (i % 3 === 0) expect((await fetch(`${servers[(i + 1) % 3]!.url}/webhooks/zalo`, { method: 'POST', headers: e.headers, body: e.body })).status).toBe(200);
    }
    const database = await target.open();
    const replies: SentMessage[][] = [];
    try {
      for (const { event } of events) replies.push(await awaitReplies(database, sandbox, event, 170_000));
      await settled(database, 60_000);
    } finally {
      await database.close();
    }
    for (const [i, { oaId, userId: user }] of events.entries()) {
      expect(replies[i]!.length, user).toBeGreaterThan(0);
      expect(textsTo(sandbox, user), user).toEqual(textsOf(replies[i]!));
      expect(new Set(replies[i]!.map((m) => m.oaId)), user).toEqual(new Set([oaId]));
    }
    for (const oa of oas) expect(sandbox.refreshesOf(oa), oa).toBe(1);
    // The sum over the three processes, per calendar minute as Zalo counts, never above the limit.
    const perMinute = new Map<number, number>();
    for (const m of sandbox.sent) perMinute.set(Math.floor(m.at / 60_000), (perMinute.get(Math.floor(m.at / 60_000)) ?? 0) + 1);
    expect(sandbox.sent.length).toBeGreaterThan(PER_MINUTE);
    expect(Math.max(...perMinute.values())).toBeLessThanOrEqual(PER_MINUTE);
  }, 200_000);
});
