import { createHmac, randomUUID } from 'node:crypto';
import type { Executor } from '../store/database.js';
import type { Understanding } from '../understanding/understand.js';

export type Channel = 'zalo' | 'miniapp' | 'web' | 'cli';

/** Stable pseudonym of a user id for reports: the same person groups together, the id is not kept. */
export function pseudonymize(key: string, channel: Channel, userId: string): string {
  return createHmac('sha256', key).update(`${channel}:${userId}`).digest('hex').slice(0, 32);
}

export interface QuestionRecord {
  /** The commune asked (null: no commune, e.g. the command line). */
  communeId: string | null;
  channel: Channel;
  userRef: string | null;
  text: string;
  understanding: Understanding;
  at: Date;
}

/** The longest question text kept: enough to read what was asked, bounded for the database. */
export const MAX_STORED_QUESTION_CHARS = 1000;

/** Records one question with what the assistant made of it. */
export async function recordQuestion(db: Executor, q: QuestionRecord): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('questions')
    .values({
      id,
      commune_id: q.communeId,
      channel: q.channel,
      user_ref: q.userRef,
      text: q.text.slice(0, MAX_STORED_QUESTION_CHARS),
      intent: q.understanding.intent,
      top_procedure: q.understanding.results[0]?.id ?? null,
      confidence: q.understanding.confidence,
      created_at: q.at.toISOString(),
    })
    .execute();
  return id;
}
