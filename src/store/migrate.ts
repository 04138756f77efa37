import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { foundation } from './migrations/001-foundation.js';
import { zaloChannel } from './migrations/002-zalo-channel.js';
import { conversations } from './migrations/003-conversations.js';
import { staff } from './migrations/004-staff.js';
import { news } from './migrations/005-news.js';
import { petitions } from './migrations/006-petitions.js';
import { outboxAttempts } from './migrations/007-outbox-attempts.js';
import { insights } from './migrations/008-insights.js';
import { userAppId } from './migrations/009-user-app-id.js';
import { queueIndexes } from './migrations/010-queue-indexes.js';
import { loginThrottle } from './migrations/011-login-throttle.js';
import { learnedExamples } from './migrations/012-learned-examples.js';
import { petitionRoute } from './migrations/013-petition-route.js';
import { newsChannels } from './migrations/014a-news-channels.js';
import { zaloHeal } from './migrations/014b-zalo-heal.js';
import { reform } from './migrations/014c-reform.js';
import { questionFollowups } from './migrations/014d-question-followups.js';
import { communes } from './migrations/015-communes.js';
import { communesReform } from './migrations/015-communes-reform.js';
import { outboxPriority } from './migrations/016-outbox-priority.js';
import { outboxLeanIndexes } from './migrations/017-outbox-lean-indexes.js';

/** Every migration, in order. Names are stable: they are recorded in the database. */
export const MIGRATIONS: Record<string, Migration> = {
  '001-foundation': foundation,
  '002-zalo-channel': zaloChannel,
  '003-conversations': conversations,
  '004-staff': staff,
  '005-news': news,
  '006-petitions': petitions,
  '007-outbox-attempts': outboxAttempts,
  '008-insights': insights,
  '009-user-app-id': userAppId,
  '010-queue-indexes': queueIndexes,
  '011-login-throttle': loginThrottle,
  '012-learned-examples': learnedExamples,
  '013-petition-route': petitionRoute,
  '014a-news-channels': newsChannels,
  '014b-zalo-heal': zaloHeal,
  '014c-reform': reform,
  '014d-question-followups': questionFollowups,
  '015-communes': communes,
  '015-communes-reform': communesReform,
  '016-outbox-priority': outboxPriority,
  '017-outbox-lean-indexes': outboxLeanIndexes,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Runs pending migrations; Kysely's lock table makes concurrent starts of several processes safe.
 * On PostgreSQL the migration tables live in the connection's current schema: otherwise Kysely
 * would find another schema's lock table and skip creating its own.
 */
export async function migrateToLatest(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const migrationTableSchema =
    dialect === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const { error, results } = await new Migrator({ db, provider, migrationTableSchema }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`store: migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? error}`);
  }
}
