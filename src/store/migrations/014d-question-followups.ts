import type { Kysely, Migration } from 'kysely';

/**
 * What the resident did right after an answer, when it shows the answer missed: wrote the question
 * again in other words ('rephrase'), picked another procedure than the one answered ('choice'),
 * or said it was wrong ('complaint'). Null when nothing of the kind followed.
 */
export const questionFollowups: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('questions').addColumn('followed_by', 'text').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('questions').dropColumn('followed_by').execute();
  },
};
