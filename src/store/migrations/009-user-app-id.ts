import type { Kysely, Migration } from 'kysely';

/**
 * The app-scoped id of each Zalo user (webhook `user_id_by_app`), which is what the Mini App's
 * verified token tells us: it links a Mini App visitor to the OA follower we can message.
 */
export const userAppId: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('zalo_users').addColumn('user_id_by_app', 'text').execute();
    await db.schema.createIndex('zalo_users_by_app').on('zalo_users').column('user_id_by_app').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('zalo_users_by_app').execute();
    await db.schema.alterTable('zalo_users').dropColumn('user_id_by_app').execute();
  },
};
