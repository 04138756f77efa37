import type { Kysely, Migration } from 'kysely';

/**
 * Feedback and petitions (phản ánh, kiến nghị): the petitions with their per-year code counter,
 * the desk's internal notes and replies to the resident, and an index of chat drafts in progress
 * (the draft itself lives in zalo_users.state; this table lets the scheduler find quiet drafts).
 */
export const petitions: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('petition_counters')
      // "PA-2026": one row per year, incremented in the transaction that inserts the petition.
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('petitions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      // zalo (chat) | miniapp (form with a verified Zalo user) | web (form without one).
      .addColumn('channel', 'text', (c) => c.notNull())
      // Idempotency of intake: chat:<event id>, or form:<client request id>.
      .addColumn('submission_key', 'text', (c) => c.unique())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('category_name', 'text', (c) => c.notNull())
      // Personal data from here to contact_address: desk and admin only, never logged.
      .addColumn('content', 'text', (c) => c.notNull())
      // JSON array of image URLs the resident sent.
      .addColumn('attachments', 'text', (c) => c.notNull())
      .addColumn('contact_name', 'text')
      .addColumn('contact_phone', 'text')
      .addColumn('contact_address', 'text')
      // OA-scoped id (chat) and app-scoped id (chat event's user_id_by_app, or a verified Mini App token).
      .addColumn('zalo_user_id', 'text')
      .addColumn('app_user_id', 'text')
      // received → in_progress → answered → closed; or out_of_scope.
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('assignee_id', 'text')
      // The last day to answer (Vietnam calendar date) and the instant it ends (UTC).
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('out_of_scope_reason', 'text')
      // Staff-written, anonymised: what GET /api/petitions/public shows.
      .addColumn('public_summary', 'text')
      .addColumn('public_answer', 'text')
      .addColumn('published_at', 'text')
      .addColumn('rating', 'integer')
      .addColumn('rated_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('answered_at', 'text')
      .addColumn('closed_at', 'text')
      .execute();
    await db.schema.createIndex('petitions_status').on('petitions').columns(['status', 'due_at']).execute();
    await db.schema.createIndex('petitions_created').on('petitions').column('created_at').execute();
    await db.schema.createIndex('petitions_zalo_user').on('petitions').column('zalo_user_id').execute();
    await db.schema.createIndex('petitions_app_user').on('petitions').column('app_user_id').execute();
    await db.schema.createIndex('petitions_published').on('petitions').column('published_at').execute();

    await db.schema
      .createTable('petition_notes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id').onDelete('cascade'))
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('petition_notes_petition').on('petition_notes').columns(['petition_id', 'created_at']).execute();

    await db.schema
      .createTable('petition_replies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id').onDelete('cascade'))
      .addColumn('author_id', 'text', (c) => c.notNull())
      // reply | out_of_scope (the reason, told to the resident).
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      // queued (outbox) | awaiting_interaction | delivered_in_chat | none (no Zalo identity).
      .addColumn('delivery', 'text', (c) => c.notNull())
      // The outbox dedupe key prefix when queued.
      .addColumn('outbox_key', 'text')
      .addColumn('delivered_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('petition_replies_petition').on('petition_replies').columns(['petition_id', 'created_at']).execute();
    await db.schema.createIndex('petition_replies_delivery').on('petition_replies').column('delivery').execute();

    await db.schema
      .createTable('petition_drafts')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      // Equals the flow's startedAt: a new draft of the same user is a different draft.
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('last_activity_at', 'text', (c) => c.notNull())
      .addColumn('reminded_at', 'text')
      .execute();
    await db.schema.createIndex('petition_drafts_activity').on('petition_drafts').column('last_activity_at').execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['petition_drafts', 'petition_replies', 'petition_notes', 'petitions', 'petition_counters']) {
      await db.schema.dropTable(t).execute();
    }
  },
};
