import type { Kysely, Migration } from 'kysely';

/** Reform tables (quizzes and their attempts, survey answers) belong to a commune too. */
export const COMMUNE_OWNED_REFORM_TABLES = ['quizzes', 'quiz_attempts', 'survey_responses'] as const;

export const communesReform: Migration = {
  async up(db: Kysely<any>) {
    for (const table of COMMUNE_OWNED_REFORM_TABLES) await db.schema.alterTable(table).addColumn('commune_id', 'text').execute();
  },
  async down(db: Kysely<any>) {
    for (const table of COMMUNE_OWNED_REFORM_TABLES) await db.schema.alterTable(table).dropColumn('commune_id').execute();
  },
};
