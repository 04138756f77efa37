import type { Kysely, Migration } from 'kysely';

/** Every question residents ask, from any channel: the raw material of the unanswered-questions review. */
export const foundation: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('questions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('channel', 'text', (c) => c.notNull())
      // Pseudonymous: a keyed hash of the channel's user id, never the id itself.
      .addColumn('user_ref', 'text')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('intent', 'text', (c) => c.notNull())
      .addColumn('top_procedure', 'text')
      .addColumn('confidence', 'real', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('questions_created_at').on('questions').column('created_at').execute();
    await db.schema.createIndex('questions_intent').on('questions').columns(['intent', 'created_at']).execute();

    // Small named values the service generates once and keeps (e.g. the pseudonymisation key).
    await db.schema
      .createTable('settings')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('settings').execute();
    await db.schema.dropTable('questions').execute();
  },
};
