import type { Kysely, Migration } from 'kysely';

/**
 * A Zalo channel that heals itself (issue 13, part B):
 * - `zalo_channel_state`: one row per OA, shared by every instance: whether proactive sending is
 *   paused (and why), the token's last refresh error, and webhook counters (signature failures,
 *   events from another app, parked events).
 * - `zalo_oauth_requests`: PKCE verifiers waiting for the OA permission callback (10 minutes).
 * - `zalo_users.human_until` / `human_admin_id`: an OA admin answered in the OA chat tool; the bot
 *   stays quiet for that resident until then.
 * - `outbound_messages.reconcile_attempts`: bounded checks of an ambiguous send.
 */
export const zaloHeal: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('zalo_channel_state')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('paused_at', 'text')
      .addColumn('pause_code', 'integer')
      .addColumn('pause_reason', 'text')
      .addColumn('token_error', 'text')
      .addColumn('token_error_at', 'text')
      .addColumn('signature_failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_signature_failure_at', 'text')
      .addColumn('foreign_app_events', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('zalo_oauth_requests')
      .addColumn('state', 'text', (c) => c.primaryKey())
      .addColumn('code_verifier', 'text', (c) => c.notNull())
      .addColumn('redirect_uri', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('zalo_users').addColumn('human_until', 'text').execute();
    await db.schema.alterTable('zalo_users').addColumn('human_admin_id', 'text').execute();
    await db.schema.alterTable('outbound_messages').addColumn('reconcile_attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('outbound_messages').dropColumn('reconcile_attempts').execute();
    await db.schema.alterTable('zalo_users').dropColumn('human_admin_id').execute();
    await db.schema.alterTable('zalo_users').dropColumn('human_until').execute();
    await db.schema.dropTable('zalo_oauth_requests').execute();
    await db.schema.dropTable('zalo_channel_state').execute();
  },
};
