import type { Executor } from '../store/database.js';

/** Subscribes a Zalo user to topics (idempotent; re-activates a past unsubscription). */
export async function subscribe(db: Executor, userId: string, topics: readonly string[], now: Date): Promise<void> {
  for (const topic of topics) {
    await db
      .insertInto('subscriptions')
      // The subscriber's commune is the one whose OA they follow.
      .values({ user_id: userId, topic, active: 1, updated_at: now.toISOString(), commune_id: db.selectFrom('zalo_users').select('commune_id').where('user_id', '=', userId) })
      .onConflict((oc) => oc.columns(['user_id', 'topic']).doUpdateSet({ active: 1, updated_at: now.toISOString() }))
      .execute();
  }
}

/** Unsubscribes from the given topics, or from all when none are given ("hủy nhận tin" always works). */
export async function unsubscribe(db: Executor, userId: string, now: Date, topics?: readonly string[]): Promise<void> {
  if (topics && topics.length === 0) return;
  let q = db.updateTable('subscriptions').set({ active: 0, updated_at: now.toISOString() }).where('user_id', '=', userId);
  if (topics) q = q.where('topic', 'in', topics);
  await q.execute();
}

export async function activeTopics(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('subscriptions').select('topic').where('user_id', '=', userId).where('active', '=', 1).execute();
  return rows.map((r) => r.topic);
}
