import type { Kysely, Migration } from 'kysely';

/**
 * Every queued message updates every index of the outbox, and a 50,000-subscriber fan-out queues
 * 50,000 of them: two indexes that newer ones already cover go. `(status, next_attempt_at)` is a
 * prefix-equivalent of the claim index `(status, priority, next_attempt_at)`, and
 * `(user_id, status, created_at)` of `(user_id, status, priority, created_at)` (migration 016).
 */
export const outboxLeanIndexes: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.dropIndex('outbound_messages_due').execute();
    await db.schema.dropIndex('outbound_messages_user_pending').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.createIndex('outbound_messages_due').on('outbound_messages').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('outbound_messages_user_pending').on('outbound_messages').columns(['user_id', 'status', 'created_at']).execute();
  },
};
