import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { dialectCases, type TestDatabase } from '../helpers/databases.js';
import { sandboxEnv, spawnServer } from '../helpers/child-server.js';
import { seedFollowers } from '../helpers/seed.js';
import { waitFor } from '../helpers/app.js';

const SUBSCRIBERS = 3000;

for (const dialect of dialectCases()) {
  describe(`fan-out interrupted by a crash (${dialect.name})`, () => {
    let sandbox: ZaloSandbox;
    let target: TestDatabase;
    let database: Database;

    beforeAll(async () => {
      sandbox = await startZaloSandbox();
      target = await dialect.create();
      database = await target.open();
    });
    afterAll(async () => {
      await database?.close();
      await sandbox?.close();
      await target?.cleanup();
    });

    it('after kill -9 mid-fan-out and a restart, every subscriber gets the news exactly once', async () => {
      const users = Array.from({ length: SUBSCRIBERS }, (_, i) => `81${String(i).padStart(17, '0')}`);
      const now = new Date();
      await seedFollowers(database.db, users, now);
      const id = randomUUID();
      await database.db
        .insertInto('announcements')
        .values({
          id, title: 'Lịch tiếp công dân tháng 12', summary: 'Chủ tịch UBND xã tiếp công dân sáng thứ Năm hằng tuần.', body: 'Chi tiết.',
          topic: 'cai-cach-hanh-chinh', link_url: null, image_url: null, status: 'scheduled', author_id: 'a', approver_id: 'b',
          reject_reason: null, scheduled_at: new Date(now.getTime() + 1500).toISOString(), published_at: null, fanout_lease_until: null,
          created_at: now.toISOString(), updated_at: now.toISOString(),
        })
        .execute();

      const env = { ...sandboxEnv(sandbox), DATABASE_URL: target.url, ZALO_SEND_PER_MINUTE: '120000', NEWS_SEND_HOURS: '0-24', NEWS_FANOUT_BATCH: '25', LOG_LEVEL: 'info' };
      const first = await spawnServer(env);
      const counts = async () => {
        const rows = await database.db.selectFrom('deliveries').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('announcement_id', '=', id).groupBy('status').execute();
        return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
      };
      // Generous: on a loaded machine the child's start and its scheduler's first tick take a while.
      let seen: Record<string, number> = {};
      await waitFor(async () => {
        seen = await counts();
        return (seen.queued ?? 0) > 0 && (seen.pending ?? 0) > 0;
      }, 60_000, 'fan-out under way').catch((err) => {
        throw new Error(`${(err as Error).message}: deliveries ${JSON.stringify(seen)}; child output ${first.output.join('').slice(-2000)}`);
      });
      await first.crash();
      const atCrash = await database.db.selectFrom('announcements').select('status').where('id', '=', id).executeTakeFirstOrThrow();
      expect(atCrash.status).toBe('sending');
      const sentBeforeCrash = sandbox.sent.length;
      expect(sentBeforeCrash).toBeLessThan(SUBSCRIBERS);

      const second = await spawnServer(env);
      try {
        await waitFor(() => new Set(sandbox.sent.map((m) => m.userId)).size === SUBSCRIBERS, 90_000, 'every subscriber served').catch(async (err) => {
          const q = await database.db.selectFrom('outbound_messages').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
          console.error('DEBUG', new Set(sandbox.sent.map((m) => m.userId)).size, JSON.stringify(q), JSON.stringify(await counts()), second.output.join('').slice(-3000));
          throw err;
        });
        await new Promise((r) => setTimeout(r, 1000));
        const perUser = new Map<string, number>();
        for (const m of sandbox.sent) perUser.set(m.userId, (perUser.get(m.userId) ?? 0) + 1);
        expect(perUser.size).toBe(SUBSCRIBERS);
        expect([...perUser.values()].every((n) => n === 1)).toBe(true);
        const final = await database.db.selectFrom('announcements').select('status').where('id', '=', id).executeTakeFirstOrThrow();
        expect(final.status).toBe('sent');
      } finally {
        await second.stop();
      }
    }, 180_000);
  });
}
