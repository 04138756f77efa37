import type { Kysely, Migration } from 'kysely';

/**
 * Who handles a petition: the one-stop desk, or the commune's leadership (complaints about the
 * desk's own staff must not land on the desk). Fixed when the petition is received.
 */
export const petitionRoute: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('petitions').addColumn('handled_by', 'text', (c) => c.notNull().defaultTo('desk')).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('petitions').dropColumn('handled_by').execute();
  },
};
