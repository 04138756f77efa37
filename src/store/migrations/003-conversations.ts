import type { Kysely, Migration } from 'kysely';

/** Ratings of answers ("Thông tin này có hữu ích không?") and news topic subscriptions. */
export const conversations: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('answer_ratings')
      .addColumn('question_id', 'text', (c) => c.primaryKey())
      .addColumn('procedure_id', 'text')
      .addColumn('helpful', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('subscriptions')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('subscriptions_pk', ['user_id', 'topic'])
      .execute();
    await db.schema.createIndex('subscriptions_topic').on('subscriptions').columns(['topic', 'active']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('subscriptions').execute();
    await db.schema.dropTable('answer_ratings').execute();
  },
};
