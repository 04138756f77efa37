import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharedRateLimiter, MINUTE_GUARD_MS } from '../../src/jobs/shared-rate-limiter.js';
import type { Database } from '../../src/store/database.js';
import { dialectCases, type TestDatabase } from '../helpers/databases.js';

for (const dialect of dialectCases()) {
  describe(`the per-app limit shared through the database (${dialect.name})`, () => {
    let target: TestDatabase;
    let database: Database;
    beforeAll(async () => {
      target = await dialect.create();
      database = await target.open();
    });
    afterAll(async () => {
      await database?.close();
      await target?.cleanup();
    });

    it('grants at most the limit per calendar minute to all instances together, and again the next minute', async () => {
      const minute = Date.UTC(2026, 10, 30, 3, 0, 0);
      let t = minute + 5_000;
      // Two "instances": separate limiters on one database, reserving several units per write.
      const a = createSharedRateLimiter({ db: database.db, name: 'test-app', perMinute: 10, chunk: 3, now: () => t });
      const b = createSharedRateLimiter({ db: database.db, name: 'test-app', perMinute: 10, chunk: 3, now: () => t });
      const grants = async (n: number) => {
        let granted = 0;
        for (let i = 0; i < n; i++) if (await (i % 2 === 0 ? a : b).takeNow()) granted += 1;
        return granted;
      };
      expect(await grants(30)).toBeLessThanOrEqual(10);
      expect(await grants(30)).toBe(0);
      const row = await database.db.selectFrom('rate_windows').selectAll().where('name', '=', 'test-app').executeTakeFirstOrThrow();
      expect(row.used).toBeLessThanOrEqual(10);
      // The next minute has its own allowance; its last second starts nothing.
      t = minute + 60_000 + 1_000;
      expect(await grants(4)).toBe(4);
      t = minute + 120_000 - MINUTE_GUARD_MS / 2;
      expect(await grants(4)).toBe(0);
    });

    it('lets concurrent callers of one instance share a reserved chunk without exceeding the limit', async () => {
      const t = Date.UTC(2026, 10, 30, 4, 0, 5);
      const limiter = createSharedRateLimiter({ db: database.db, name: 'test-burst', perMinute: 25, chunk: 4, now: () => t });
      const results = await Promise.all(Array.from({ length: 60 }, () => limiter.takeNow()));
      const granted = results.filter(Boolean).length;
      expect(granted).toBeGreaterThan(0);
      expect(granted).toBeLessThanOrEqual(25);
    });
  });
}
