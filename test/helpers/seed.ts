import type { Executor } from '../../src/store/database.js';
import { adoptUnownedRows } from '../../src/communes/registry.js';

/**
 * Rows a test wrote straight into the database (without a commune) go to the first commune, as
 * rows from before communes existed do at start-up.
 */
export async function adoptSeededRows(db: Executor): Promise<void> {
  const first = await db.selectFrom('communes').select('id').orderBy('position').orderBy('created_at').limit(1).executeTakeFirst();
  if (first) await adoptUnownedRows(db, first.id);
}

/** A Zalo follower subscribed to `topics`, whose last interaction was `lastInteraction`. */
export async function seedFollower(db: Executor, userId: string, lastInteraction: Date, topics = ['cai-cach-hanh-chinh', 'thong-bao-chung']): Promise<void> {
  const at = lastInteraction.toISOString();
  await db.insertInto('zalo_users').values({ user_id: userId, following: 1, last_interaction_at: at, state: null, state_updated_at: null, created_at: at }).execute();
  for (const topic of topics) {
    await db.insertInto('subscriptions').values({ user_id: userId, topic, active: 1, updated_at: at }).execute();
  }
  await adoptSeededRows(db);
}

/** Many followers at once (for fan-out tests), in batches. */
export async function seedFollowers(db: Executor, userIds: string[], lastInteraction: Date, topic = 'cai-cach-hanh-chinh'): Promise<void> {
  const at = lastInteraction.toISOString();
  for (let i = 0; i < userIds.length; i += 500) {
    const chunk = userIds.slice(i, i + 500);
    await db.insertInto('zalo_users').values(chunk.map((user_id) => ({ user_id, following: 1, last_interaction_at: at, state: null, state_updated_at: null, created_at: at }))).execute();
    await db.insertInto('subscriptions').values(chunk.map((user_id) => ({ user_id, topic, active: 1, updated_at: at }))).execute();
  }
  await adoptSeededRows(db);
}
