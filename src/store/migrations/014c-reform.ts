import type { Kysely, Migration } from 'kysely';

/**
 * The rest of the reform-communication plan (issue 15): quizzes and their attempts, satisfaction
 * survey answers, and the per-procedure fingerprints and interests behind change alerts.
 */
export const reform: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('quizzes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('intro', 'text', (c) => c.notNull())
      // JSON array of { text, choices[], answer (index), explanation, procedureId?, announcementId? }.
      .addColumn('questions', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('quiz_attempts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('quiz_id', 'text', (c) => c.notNull())
      // "zalo:<OA-scoped id>" or "app:<app-scoped id>": one attempt each.
      .addColumn('participant', 'text', (c) => c.notNull())
      .addColumn('zalo_user_id', 'text')
      .addColumn('app_user_id', 'text')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('answers', 'text', (c) => c.notNull())
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('total', 'integer', (c) => c.notNull())
      .addColumn('finished_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('quiz_attempts_once', ['quiz_id', 'participant'])
      .execute();
    await db.schema.createIndex('quiz_attempts_app').on('quiz_attempts').columns(['quiz_id', 'app_user_id']).execute();

    await db.schema
      .createTable('survey_responses')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // 'chat' (after a petition closed, or asked for), 'web' (the desk's QR code), 'miniapp'.
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('petition_id', 'text')
      .addColumn('zalo_user_id', 'text')
      .addColumn('submission_key', 'text')
      .addColumn('access', 'integer', (c) => c.notNull())
      .addColumn('procedure', 'integer', (c) => c.notNull())
      .addColumn('staff', 'integer', (c) => c.notNull())
      .addColumn('result', 'integer', (c) => c.notNull())
      .addColumn('feedback', 'integer', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('survey_responses_key', ['submission_key'])
      .execute();
    await db.schema.createIndex('survey_responses_at').on('survey_responses').column('created_at').execute();

    await db.schema
      .createTable('procedure_fingerprints')
      .addColumn('procedure_id', 'text', (c) => c.primaryKey())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      // The compared facts as JSON, so the next change can say what changed.
      .addColumn('facts', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('procedure_interests')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('procedure_id', 'text', (c) => c.notNull())
      .addColumn('asked_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('procedure_interests_pk', ['user_id', 'procedure_id'])
      .execute();
    await db.schema.createIndex('procedure_interests_by_procedure').on('procedure_interests').columns(['procedure_id', 'asked_at']).execute();
    await db.schema
      .createTable('change_alerts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('procedure_id', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      // JSON array of the facets that changed: documents, fee, time, online.
      .addColumn('changed', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('change_alerts_once', ['procedure_id', 'fingerprint'])
      .execute();
    await db.schema
      .createTable('change_alert_deliveries')
      .addColumn('alert_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      // 'queued' (sent inside the free window) | 'waiting_digest' | 'digest_delivered'.
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('change_alert_deliveries_pk', ['alert_id', 'user_id'])
      .execute();
    await db.schema.createIndex('change_alert_deliveries_user').on('change_alert_deliveries').columns(['user_id', 'status']).execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['change_alert_deliveries', 'change_alerts', 'procedure_interests', 'procedure_fingerprints', 'survey_responses', 'quiz_attempts', 'quizzes']) {
      await db.schema.dropTable(t).execute();
    }
  },
};
