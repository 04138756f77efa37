import type { Kysely, Migration } from 'kysely';

/**
 * News delivery channels (issue 13): the channel each subscriber's delivery went by, one Broadcast
 * (an article sent to the OA's followers) per announcement at most, and what is known of each
 * Zalo user's follow status (checked through `user/detail` / `user/getlist`, not only `follow` events).
 */
export const newsChannels: Migration = {
  async up(db: Kysely<any>) {
    // cs_free | cs_paid | broadcast | digest; null for deliveries made before channels existed.
    await db.schema.alterTable('deliveries').addColumn('channel', 'text').execute();
    // When Zalo last told us whether this user follows the OA (null: only our own events know).
    await db.schema.alterTable('zalo_users').addColumn('follower_checked_at', 'text').execute();
    // When the user followed, if we saw it happen (a `follow` event); null for followers from before launch.
    await db.schema.alterTable('zalo_users').addColumn('followed_at', 'text').execute();

    await db.schema
      .createTable('news_broadcasts')
      .addColumn('announcement_id', 'text', (c) => c.primaryKey().references('announcements.id').onDelete('cascade'))
      // pending → article_pending (created, Zalo processing) → article_ready → sending → sent;
      // unknown (the broadcast call's answer was lost: never repeated automatically); failed.
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('article_token', 'text')
      .addColumn('article_id', 'text')
      .addColumn('zalo_message_id', 'text')
      // Subscribers whose delivery is this broadcast (the OA's other followers receive it as well).
      .addColumn('audience', 'integer', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('lease_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .execute();
    await db.schema.createIndex('news_broadcasts_due').on('news_broadcasts').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('deliveries_channel').on('deliveries').columns(['announcement_id', 'channel']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('news_broadcasts').execute();
    await db.schema.dropIndex('deliveries_channel').execute();
    await db.schema.alterTable('deliveries').dropColumn('channel').execute();
    await db.schema.alterTable('zalo_users').dropColumn('follower_checked_at').execute();
    await db.schema.alterTable('zalo_users').dropColumn('followed_at').execute();
  },
};
