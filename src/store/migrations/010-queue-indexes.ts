import type { Kysely, Migration } from 'kysely';

/**
 * Both queues claim "each user's oldest pending row" with a NOT EXISTS on the same user: without
 * an index by user that subquery scans every pending row, and a backlog makes claims quadratic.
 */
export const queueIndexes: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createIndex('inbound_events_user_pending').on('inbound_events').columns(['user_id', 'status', 'received_at']).execute();
    await db.schema.createIndex('outbound_messages_user_pending').on('outbound_messages').columns(['user_id', 'status', 'created_at']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('outbound_messages_user_pending').execute();
    await db.schema.dropIndex('inbound_events_user_pending').execute();
  },
};
