import type { Logger } from 'pino';
import type { Executor } from '../store/database.js';
import type { ZaloClient } from '../zalo/client.js';
import { ZaloApiError } from '../zalo/errors.js';
import { MAX_LIST_OFFSET_HINT } from './rules.js';

/**
 * What we know of who follows the OA. `follow` events fire only at the moment someone follows, so
 * people who followed before the assistant was connected would never be known: they are found
 * here through `user/detail` (`user_is_follower`, on first contact) and `user/getlist` (a backfill
 * of the whole list, resumable by a cursor kept in the database). Newly found followers get the
 * default news topics, as a `follow` would have given them, unless they already chose.
 */

/** One cursor per OA (each commune's follower list is its own OA's). */
const cursorName = (communeId: string) => `messaging.follower_sync:${communeId}`;
/** The cursor of the single-OA deployment: the first commune's (adoptSingleOaFollowerCursor). */
const OLD_SINGLE_OA_CURSOR = 'messaging.follower_sync';
const PAGE = 50;
/** A completed backfill is repeated after this long (followers from outside our events drift). */
const RESYNC_AFTER_MS = 24 * 3600_000;
/** Zalo's `user/detail` code for "User has not followed OA". */
const NOT_FOLLOWER = -213;

export interface FollowerSyncCursor {
  offset: number;
  total: number | null;
  startedAt: string;
  finishedAt: string | null;
  /** Zalo stops paging near 10,000 users: later followers were not listed (reference §6). */
  truncated: boolean;
}

export async function readSyncCursor(db: Executor, communeId: string): Promise<FollowerSyncCursor | undefined> {
  const row = await db.selectFrom('settings').select('value').where('name', '=', cursorName(communeId)).executeTakeFirst();
  return row ? (JSON.parse(row.value) as FollowerSyncCursor) : undefined;
}

async function saveCursor(db: Executor, communeId: string, cursor: FollowerSyncCursor): Promise<void> {
  const value = JSON.stringify(cursor);
  await db.insertInto('settings').values({ name: cursorName(communeId), value }).onConflict((oc) => oc.column('name').doUpdateSet({ value })).execute();
}

/** The single-OA deployment's cursor becomes the first commune's (dropped if that one has its own). Idempotent. */
export async function adoptSingleOaFollowerCursor(db: Executor, firstCommuneId: string): Promise<void> {
  const own = await db.selectFrom('settings').select('name').where('name', '=', cursorName(firstCommuneId)).executeTakeFirst();
  if (own) await db.deleteFrom('settings').where('name', '=', OLD_SINGLE_OA_CURSOR).execute();
  else await db.updateTable('settings').set({ name: cursorName(firstCommuneId) }).where('name', '=', OLD_SINGLE_OA_CURSOR).execute();
}

/** Gives the default topics to followers who never chose (no subscription row at all). */
async function subscribeNewFollowers(db: Executor, userIds: string[], topics: readonly string[], now: Date): Promise<void> {
  if (userIds.length === 0) return;
  for (const topic of topics) {
    await db
      .insertInto('subscriptions')
      .columns(['user_id', 'topic', 'active', 'updated_at'])
      .expression((eb) =>
        eb
          .selectFrom('zalo_users as u')
          .select((s) => ['u.user_id', s.val(topic).as('topic'), s.val(1).as('active'), s.val(now.toISOString()).as('updated_at')])
          .where('u.user_id', 'in', userIds)
          .where((w) => w.not(w.exists(w.selectFrom('subscriptions as s').select('s.user_id').whereRef('s.user_id', '=', 'u.user_id')))),
      )
      .onConflict((oc) => oc.columns(['user_id', 'topic']).doNothing())
      .execute();
  }
}

/** Records followers confirmed by Zalo (one page of the list). */
async function markFollowers(db: Executor, userIds: string[], now: Date, communeId: string): Promise<void> {
  if (userIds.length === 0) return;
  const at = now.toISOString();
  await db
    .insertInto('zalo_users')
    .values(userIds.map((user_id) => ({ user_id, commune_id: communeId, following: 1, follower_checked_at: at, last_interaction_at: null, state: null, state_updated_at: null, created_at: at })))
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ following: 1, follower_checked_at: at }))
    .execute();
}

/** What resolveOnContact reads of a resident first. */
interface ContactRow {
  follower_checked_at?: string | null;
  following: number;
  user_id_by_app?: string | null;
}

/**
 * Reads residents' rows for resolveOnContact, the calls made in one turn of the event loop with
 * one query: the inbox resolves a group's residents side by side, and on PostgreSQL each statement
 * costs about as much CPU as the rest of a short turn (measured in `npm run bench -- answering`).
 */
function createContactRowReader(db: Executor): (userId: string) => Promise<ContactRow | undefined> {
  let waiting: Map<string, Array<{ resolve: (row: ContactRow | undefined) => void; reject: (err: unknown) => void }>> | undefined;
  const flush = async (batch: NonNullable<typeof waiting>) => {
    try {
      const rows = await db
        .selectFrom('zalo_users')
        .select(['user_id', 'follower_checked_at', 'following', 'user_id_by_app'])
        .where('user_id', 'in', [...batch.keys()])
        .execute();
      const byId = new Map(rows.map((r) => [r.user_id, r]));
      for (const [userId, callers] of batch) for (const c of callers) c.resolve(byId.get(userId));
    } catch (err) {
      for (const callers of batch.values()) for (const c of callers) c.reject(err);
    }
  };
  return (userId) =>
    new Promise((resolve, reject) => {
      if (!waiting) {
        const batch = (waiting = new Map());
        queueMicrotask(() => {
          waiting = undefined;
          void flush(batch);
        });
      }
      const callers = waiting.get(userId);
      if (callers) callers.push({ resolve, reject });
      else waiting.set(userId, [{ resolve, reject }]);
    });
}

export interface FollowerSync {
  /**
   * On a resident's first contact (no follow status from Zalo yet): asks `user/detail` and stores
   * the answer. Failures are logged and left for later: the reply must not wait on them.
   */
  resolveOnContact(userId: string, now: Date): Promise<void>;
  /** Pages through `user/getlist` from the stored cursor; returns the users listed by this run. */
  backfill(now: Date, options?: { maxPages?: number; restart?: boolean }): Promise<{ listed: number; cursor: FollowerSyncCursor }>;
  /** Whether a backfill should run now (never finished, unfinished, or older than a day). */
  backfillDue(now: Date): Promise<boolean>;
  /**
   * At start, before the workers: the first page of a due backfill (small OAs are done at once;
   * larger ones continue on the scheduler's ticks). Never fails the start.
   */
  startup(now: Date): Promise<void>;
  /** Looks up app-scoped ids (for Mini App linking) of followers found by the list who never wrote. */
  fillAppIds(now: Date, limit?: number): Promise<number>;
}

export function createFollowerSync(o: {
  db: Executor;
  client: ZaloClient;
  log: Logger;
  defaultTopics: () => readonly string[];
  /** The commune whose OA `client` calls: the followers it finds are that commune's. */
  communeId: string;
}): FollowerSync {
  const { db } = o;
  const contactRow = createContactRowReader(db);

  /** `known.existing`: the resident's row as the caller read it just before (one query less). */
  async function detail(userId: string, now: Date, known?: { existing: { following: number; user_id_by_app: string | null } | undefined }): Promise<void> {
    const at = now.toISOString();
    let following = 0;
    let byApp: string | null = null;
    try {
      const d = await o.client.getUserDetail(userId);
      following = d.isFollower ? 1 : 0;
      byApp = d.userIdByApp ?? null;
    } catch (err) {
      if (!(err instanceof ZaloApiError && err.code === NOT_FOLLOWER)) throw err;
    }
    const existing = known ? known.existing : await db.selectFrom('zalo_users').select(['following', 'user_id_by_app']).where('user_id', '=', userId).executeTakeFirst();
    await db
      .insertInto('zalo_users')
      .values({ user_id: userId, commune_id: o.communeId, user_id_by_app: byApp, following, follower_checked_at: at, last_interaction_at: null, state: null, state_updated_at: null, created_at: at })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ following, follower_checked_at: at, user_id_by_app: existing?.user_id_by_app || byApp || null }))
      .execute();
    if (following === 1 && existing?.following !== 1) await subscribeNewFollowers(db, [userId], o.defaultTopics(), now);
  }

  const api: FollowerSync = {
    async startup(now) {
      try {
        if (await api.backfillDue(now)) await api.backfill(now, { maxPages: 1 });
      } catch (err) {
        o.log.warn({ communeId: o.communeId, err: { name: (err as Error).name, message: (err as Error).message } }, 'follower list not read at start; will try again');
      }
    },

    async resolveOnContact(userId, now) {
      const row = await contactRow(userId);
      if (row?.follower_checked_at) return;
      try {
        await detail(userId, now, { existing: row && { following: row.following, user_id_by_app: row.user_id_by_app ?? null } });
      } catch (err) {
        o.log.warn({ err: { name: (err as Error).name, message: (err as Error).message } }, 'follow status lookup failed; will ask again later');
      }
    },

    async backfillDue(now) {
      const cursor = await readSyncCursor(db, o.communeId);
      return !cursor || !cursor.finishedAt || now.getTime() - Date.parse(cursor.finishedAt) >= RESYNC_AFTER_MS;
    },

    async backfill(now, options = {}) {
      let cursor = await readSyncCursor(db, o.communeId);
      if (!cursor || options.restart || cursor.finishedAt) {
        cursor = { offset: 0, total: null, startedAt: now.toISOString(), finishedAt: null, truncated: false };
      }
      let listed = 0;
      for (let pages = 0; pages < (options.maxPages ?? Infinity); pages++) {
        if (cursor.offset > MAX_LIST_OFFSET_HINT) {
          cursor = { ...cursor, finishedAt: now.toISOString(), truncated: true };
          o.log.warn({ communeId: o.communeId, total: cursor.total }, 'follower list longer than Zalo pages through; the rest is found on contact');
          break;
        }
        const page = await o.client.getFollowers({ offset: cursor.offset, count: PAGE, isFollower: true });
        await db.transaction().execute(async (tx) => {
          await markFollowers(tx, page.userIds, now, o.communeId);
          await subscribeNewFollowers(tx, page.userIds, o.defaultTopics(), now);
          cursor = { ...cursor!, offset: cursor!.offset + page.userIds.length, total: page.total };
          if (page.userIds.length === 0 || cursor.offset >= page.total) cursor = { ...cursor, finishedAt: now.toISOString() };
          await saveCursor(tx, o.communeId, cursor);
        });
        listed += page.userIds.length;
        if (cursor.finishedAt) break;
      }
      await saveCursor(db, o.communeId, cursor);
      return { listed, cursor };
    },

    async fillAppIds(now, limit = 50) {
      // Followers the list found who never wrote (anyone who wrote brought their id with the event).
      const rows = await db
        .selectFrom('zalo_users')
        .select('user_id')
        .where('commune_id', '=', o.communeId)
        .where('following', '=', 1)
        .where('user_id_by_app', 'is', null)
        .where('last_interaction_at', 'is', null)
        .limit(limit)
        .execute();
      for (const r of rows) {
        try {
          await detail(r.user_id, now);
        } catch (err) {
          o.log.warn({ err: { name: (err as Error).name, message: (err as Error).message } }, 'follower detail lookup failed');
          return 0;
        }
        // Zalo may not give an app-scoped id: remember that we asked ('' never matches a Mini App id).
        await db.updateTable('zalo_users').set({ user_id_by_app: '' }).where('user_id', '=', r.user_id).where('user_id_by_app', 'is', null).execute();
      }
      return rows.length;
    },
  };
  return api;
}
