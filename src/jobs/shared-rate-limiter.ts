import { sql } from 'kysely';
import type { Executor } from '../store/database.js';

export interface SharedRateLimiterOptions {
  db: Executor;
  /** Which limit: `zalo-app` for Zalo's per-app calls. */
  name: string;
  perMinute: number;
  /** Units reserved per database write; default 1 % of the limit (1–50). */
  chunk?: number;
  now?: () => number;
}

/**
 * The last part of each minute in which no call is started: a call begun at 59.9 s would reach
 * Zalo in the next minute and count there, on top of that minute's full allowance.
 */
export const MINUTE_GUARD_MS = 1_000;

/**
 * A per-minute limit shared by every process on one database: each call takes one unit of the
 * current calendar minute in `rate_windows` with a single conditional write, so the sum over all
 * instances never exceeds `perMinute` in any minute. When the minute is spent, `takeNow()` says no
 * and the caller tries again later (the outbox gives its claimed messages back meanwhile). Zalo's -32 says to retry "after the minute resets": it counts calendar minutes per
 * app, so the window here is the calendar minute, and no call starts in its last second.
 */
export function createSharedRateLimiter(o: SharedRateLimiterOptions) {
  const now = o.now ?? (() => Date.now());

  /**
   * Units are reserved from the database a few at a time (one write per chunk, not per call) and
   * handed out locally within the same minute. What a process reserved and did not use is lost at
   * the minute's end: the sum can fall short of the limit, never exceed it.
   */
  const chunk = o.chunk ?? Math.max(1, Math.min(50, Math.floor(o.perMinute / 100)));
  let local = { windowStart: '', remaining: 0 };

  async function reserve(windowStart: string, units: number): Promise<boolean> {
    const result = await o.db
      .updateTable('rate_windows')
      .set({ used: sql`used + ${units}` })
      .where('name', '=', o.name)
      .where('window_start', '=', windowStart)
      .where('used', '<=', o.perMinute - units)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async function tryTake(windowStart: string): Promise<boolean> {
    if (local.windowStart === windowStart && local.remaining > 0) {
      local.remaining -= 1;
      return true;
    }
    await o.db
      .insertInto('rate_windows')
      .values({ name: o.name, window_start: windowStart, used: 0 })
      .onConflict((oc) => oc.columns(['name', 'window_start']).doNothing())
      .execute();
    // A whole chunk when the minute has room for it, else the last single units.
    if (chunk > 1 && (await reserve(windowStart, chunk))) {
      local = { windowStart, remaining: chunk - 1 };
      return true;
    }
    return reserve(windowStart, 1);
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
    /**
     * About how many calls can start now without waiting: what this process holds for the current
     * minute plus one more chunk. An estimate for sizing claims; `takeNow()` still enforces the limit.
     */
    available(): number {
      const minute = new Date(Math.floor(now() / 60_000) * 60_000).toISOString();
      return (local.windowStart === minute ? local.remaining : 0) + chunk;
    },
    /** One unit now if the minute has one left (false in the minute's last second, or when spent). */
    async takeNow(): Promise<boolean> {
      const t = now();
      const minute = Math.floor(t / 60_000) * 60_000;
      if (t >= minute + 60_000 - MINUTE_GUARD_MS) return false;
      if (!(await tryTake(new Date(minute).toISOString()))) return false;
      await sweep(t);
      return true;
    },
  };
}
