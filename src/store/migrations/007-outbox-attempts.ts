import type { Kysely, Migration } from 'kysely';

/**
 * When the current send attempt started. Set just before the call to Zalo and cleared with its
 * result: a row still carrying it after a crash had an attempt whose outcome is unknown, so the
 * outbox checks the conversation before sending again.
 */
export const outboxAttempts: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('outbound_messages').addColumn('attempt_started_at', 'text').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('outbound_messages').dropColumn('attempt_started_at').execute();
  },
};
