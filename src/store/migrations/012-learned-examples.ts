import type { Kysely, Migration } from 'kysely';

/** Residents' messages staff labelled (a procedure or an intent): the model learns from them. */
export const learnedExamples: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('learned_examples')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('learned_examples_unique', ['label', 'text'])
      .execute();
    await db.schema.createIndex('learned_examples_created').on('learned_examples').column('created_at').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('learned_examples').execute();
  },
};
