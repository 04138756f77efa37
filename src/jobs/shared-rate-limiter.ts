import { sql } from 'kysely';
import type { Executor } from '../store/database.js';

export interface SharedRateLimiterOptions {
  db: Executor;
  /** Which limit: `zalo-app` for Zalo's per-app calls. */
  name: string;
  perMinute: number;
  now?: () => number;
}

/**
 * A per-minute limit shared by every process on one database: each call takes one unit of the
 * current calendar minute in `rate_windows` with a single conditional write, so the sum over all
 * instances never exceeds `perMinute` in any minute. When the minute is spent, `take()` waits for
 * the next one. (Zalo counts calls per app per minute; a fixed window is the strict reading.)
 */
export function createSharedRateLimiter(o: SharedRateLimiterOptions) {
  const now = o.now ?? (() => Date.now());

  async function tryTake(windowStart: string): Promise<boolean> {
    await o.db
      .insertInto('rate_windows')
      .values({ name: o.name, window_start: windowStart, used: 0 })
      .onConflict((oc) => oc.columns(['name', 'window_start']).doNothing())
      .execute();
    const result = await o.db
      .updateTable('rate_windows')
      .set({ used: sql`used + 1` })
      .where('name', '=', o.name)
      .where('window_start', '=', windowStart)
      .where('used', '<', o.perMinute)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  let lastSweep = 0;
  async function sweep(t: number): Promise<void> {
    // Old windows are only history: keep the table small.
    if (t - lastSweep < 10 * 60_000) return;
    lastSweep = t;
    const before = new Date(t - 60 * 60_000).toISOString();
    await o.db.deleteFrom('rate_windows').where('name', '=', o.name).where('window_start', '<', before).execute();
  }

  return {
    async take(): Promise<void> {
      for (;;) {
        const t = now();
        const minute = Math.floor(t / 60_000) * 60_000;
        if (await tryTake(new Date(minute).toISOString())) {
          await sweep(t);
          return;
        }
        await new Promise((r) => setTimeout(r, Math.max(10, minute + 60_000 - now())));
      }
    },
  };
}
