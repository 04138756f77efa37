import type { Kysely, Migration } from 'kysely';

/**
 * Failed logins per (typed username, client address). Locking per account alone let anyone keep
 * an account locked forever from one address; per pair, the owner elsewhere still gets in. Keyed
 * by the username as typed, so unknown names lock exactly like real ones and tell nothing.
 * (staff_users.failed_logins and locked_until are no longer used.)
 */
export const loginThrottle: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('login_throttle')
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('login_throttle_pk', ['username', 'address'])
      .execute();
    await db.schema.createIndex('login_throttle_updated').on('login_throttle').column('updated_at').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('login_throttle').execute();
  },
};
