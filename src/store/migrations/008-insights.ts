import type { Kysely, Migration } from 'kysely';

/** Staff decisions on unanswered questions: phrasings learned as aliases, groups set aside. */
export const insights: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('learned_aliases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('procedure_id', 'text', (c) => c.notNull())
      .addColumn('phrase', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('learned_aliases_unique', ['procedure_id', 'phrase'])
      .execute();

    await db.schema
      .createTable('question_resolutions')
      // The group's signature (folded content words): questions with it leave the unanswered list.
      .addColumn('signature', 'text', (c) => c.primaryKey())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('procedure_id', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('question_resolutions').execute();
    await db.schema.dropTable('learned_aliases').execute();
  },
};
