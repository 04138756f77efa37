import type { Kysely, Migration } from 'kysely';

/** Announcements with their approval workflow, per-subscriber deliveries, recurring schedules, staff notices. */
export const news: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('announcements')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('link_url', 'text')
      .addColumn('image_url', 'text')
      // draft → submitted → approved | rejected → scheduled → sending → sent; cancelled.
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('approver_id', 'text')
      .addColumn('reject_reason', 'text')
      .addColumn('scheduled_at', 'text')
      .addColumn('published_at', 'text')
      // Held by the process fanning out; another takes over when it runs out.
      .addColumn('fanout_lease_until', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('announcements_status').on('announcements').columns(['status', 'scheduled_at']).execute();

    await db.schema
      .createTable('deliveries')
      .addColumn('announcement_id', 'text', (c) => c.notNull().references('announcements.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      // pending → queued (handed to the outbox) | waiting_digest → digest_delivered.
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('deliveries_pk', ['announcement_id', 'user_id'])
      .execute();
    await db.schema.createIndex('deliveries_user').on('deliveries').columns(['user_id', 'status']).execute();
    await db.schema.createIndex('deliveries_status').on('deliveries').columns(['announcement_id', 'status']).execute();

    await db.schema
      .createTable('recurring_jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('cron', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('next_run_at', 'text', (c) => c.notNull())
      .addColumn('last_run_at', 'text')
      .execute();

    await db.schema
      .createTable('staff_notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('link', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('read_at', 'text')
      .execute();
    await db.schema.createIndex('staff_notifications_user').on('staff_notifications').columns(['user_id', 'created_at']).execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['staff_notifications', 'recurring_jobs', 'deliveries', 'announcements']) await db.schema.dropTable(t).execute();
  },
};
