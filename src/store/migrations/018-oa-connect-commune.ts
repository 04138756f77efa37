import type { Kysely, Migration } from 'kysely';

/**
 * Each commune connects its own OA: a connect request remembers whose it is, so the OAuth callback
 * stores the new pair as that commune's tokens. Requests from before (at most 30 minutes old, and
 * for the only OA there was) have none: they are the first commune's.
 */
export const oaConnectCommune: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('zalo_oauth_requests').addColumn('commune_id', 'text').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('zalo_oauth_requests').dropColumn('commune_id').execute();
  },
};
