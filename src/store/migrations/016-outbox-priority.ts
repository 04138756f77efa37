import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Outbox priority: a resident waiting for an answer goes before messages about their case, and
 * those before news (0, 1, 2; see outboxPriority in src/zalo/outbox-repo.ts, which sets it for new
 * rows). Rows already queued get theirs from their purpose, as that rule stood when this was
 * written. The claim walks the index in priority order, so a 50,000-message fan-out queued ahead
 * does not delay replies.
 */
export const outboxPriority: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('outbound_messages').addColumn('priority', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    await sql`update outbound_messages set priority = case when purpose = 'reply' then 0 when purpose like 'news%' then 2 else 1 end`.execute(db);
    await db.schema.createIndex('outbound_messages_claim').on('outbound_messages').columns(['status', 'priority', 'next_attempt_at']).execute();
    await db.schema.createIndex('outbound_messages_user_priority').on('outbound_messages').columns(['user_id', 'status', 'priority', 'created_at']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('outbound_messages_user_priority').execute();
    await db.schema.dropIndex('outbound_messages_claim').execute();
    await db.schema.alterTable('outbound_messages').dropColumn('priority').execute();
  },
};
