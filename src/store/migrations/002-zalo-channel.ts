import type { Kysely, Migration } from 'kysely';

/** The Zalo channel: events in (inbox), messages out (outbox), the OA token, and per-user state. */
export const zaloChannel: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('inbound_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // msg_id, or event+user+timestamp: a redelivery hits this and is not stored twice.
      .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
      .addColumn('event_name', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('lease_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('processed_at', 'text')
      .execute();
    await db.schema.createIndex('inbound_events_status').on('inbound_events').columns(['status', 'received_at']).execute();

    await db.schema
      .createTable('outbound_messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // Who asked for this send (reply to an event, a news delivery…): makes every send idempotent.
      .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('lease_until', 'text')
      .addColumn('zalo_message_id', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .execute();
    await db.schema
      .createIndex('outbound_messages_due')
      .on('outbound_messages')
      .columns(['status', 'next_attempt_at'])
      .execute();
    await db.schema.createIndex('outbound_messages_user').on('outbound_messages').columns(['user_id', 'created_at']).execute();

    await db.schema
      .createTable('zalo_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('access_token', 'text', (c) => c.notNull())
      .addColumn('refresh_token', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      // Held by the one process refreshing: refresh tokens are single-use, two refreshes would lose one.
      .addColumn('refresh_lease_until', 'text')
      .addColumn('refresh_owner', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('zalo_users')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      .addColumn('following', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_interaction_at', 'text')
      .addColumn('state', 'text')
      .addColumn('state_updated_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['zalo_users', 'zalo_tokens', 'outbound_messages', 'inbound_events']) await db.schema.dropTable(t).execute();
  },
};
