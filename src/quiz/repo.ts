import { randomUUID } from 'node:crypto';
import type { Executor } from '../store/database.js';
import type { QuizAttemptsTable, QuizzesTable } from '../store/schema.js';
import { Conflict, NotFound } from '../errors.js';
import { parseQuestions, type QuizInput, type QuizQuestion } from './quiz-schema.js';

export type QuizRow = QuizzesTable;
export type AttemptRow = QuizAttemptsTable;

export interface Quiz extends Omit<QuizRow, 'questions'> {
  questions: QuizQuestion[];
}

function toQuiz(row: QuizRow): Quiz {
  return { ...row, questions: parseQuestions(row.questions) };
}

/** A quiz of the commune (`null`: any commune's, for internal steps after a scoped load). */
export async function loadQuiz(db: Executor, id: string, communeId: string | null = null): Promise<Quiz> {
  let query = db.selectFrom('quizzes').selectAll().where('id', '=', id);
  if (communeId !== null) query = query.where('commune_id', '=', communeId);
  const row = await query.executeTakeFirst();
  if (!row) throw new NotFound('Không tìm thấy cuộc thi này.');
  return toQuiz(row);
}

export async function listQuizzes(db: Executor, communeId: string): Promise<Quiz[]> {
  const rows = await db.selectFrom('quizzes').selectAll().where('commune_id', '=', communeId).orderBy('created_at', 'desc').limit(200).execute();
  return rows.map(toQuiz);
}

/** Open quizzes, the most recently opened first (the chat offers the first). */
export async function openQuizzes(db: Executor, communeId: string): Promise<Quiz[]> {
  const rows = await db.selectFrom('quizzes').selectAll().where('commune_id', '=', communeId).where('status', '=', 'open').orderBy('opened_at', 'desc').execute();
  return rows.map(toQuiz);
}

export async function createQuiz(db: Executor, authorId: string, input: QuizInput, now: Date, communeId: string): Promise<Quiz> {
  const at = now.toISOString();
  const row: QuizRow = {
    id: randomUUID(),
    commune_id: communeId,
    title: input.title,
    intro: input.intro,
    questions: JSON.stringify(input.questions),
    status: 'draft',
    author_id: authorId,
    opened_at: null,
    closed_at: null,
    created_at: at,
    updated_at: at,
  };
  await db.insertInto('quizzes').values(row).execute();
  return toQuiz(row);
}

/** Questions change only before anyone could answer them: a draft. */
export async function editQuiz(db: Executor, id: string, input: QuizInput, now: Date): Promise<Quiz> {
  const r = await db
    .updateTable('quizzes')
    .set({ title: input.title, intro: input.intro, questions: JSON.stringify(input.questions), updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) {
    await loadQuiz(db, id);
    throw new Conflict('Chỉ sửa được cuộc thi chưa mở.');
  }
  return loadQuiz(db, id);
}

export async function openQuiz(db: Executor, id: string, now: Date): Promise<Quiz> {
  const q = await loadQuiz(db, id);
  if (q.status === 'open') return q;
  if (q.status === 'closed') throw new Conflict('Cuộc thi đã kết thúc, không mở lại được.');
  await db.updateTable('quizzes').set({ status: 'open', opened_at: now.toISOString(), updated_at: now.toISOString() }).where('id', '=', id).where('status', '=', 'draft').execute();
  return loadQuiz(db, id);
}

export async function closeQuiz(db: Executor, id: string, now: Date): Promise<Quiz> {
  const q = await loadQuiz(db, id);
  if (q.status === 'closed') return q;
  if (q.status === 'draft') throw new Conflict('Cuộc thi chưa mở.');
  await db.updateTable('quizzes').set({ status: 'closed', closed_at: now.toISOString(), updated_at: now.toISOString() }).where('id', '=', id).where('status', '=', 'open').execute();
  return loadQuiz(db, id);
}

/** Who is answering: a chat user (with the app-scoped id Zalo sent, if any) or a Mini App user. */
export type Participant = { channel: 'zalo'; zaloUserId: string; appUserId?: string | undefined } | { channel: 'miniapp'; appUserId: string };

/**
 * This resident's attempt at the quiz, whichever channel they used: the chat knows both ids once
 * Zalo sends `user_id_by_app`; the Mini App knows the app-scoped id, linked to a chat user through
 * zalo_users.
 */
export async function attemptOf(db: Executor, quizId: string, who: Participant): Promise<AttemptRow | undefined> {
  const linkedZaloIds =
    who.channel === 'miniapp'
      ? (await db.selectFrom('zalo_users').select('user_id').where('user_id_by_app', '=', who.appUserId).execute()).map((r) => r.user_id)
      : [who.zaloUserId];
  const appUserId = who.appUserId;
  return db
    .selectFrom('quiz_attempts')
    .selectAll()
    .where('quiz_id', '=', quizId)
    .where((eb) =>
      eb.or([
        ...(linkedZaloIds.length ? [eb('zalo_user_id', 'in', linkedZaloIds)] : []),
        ...(appUserId ? [eb('app_user_id', '=', appUserId)] : []),
        eb('participant', '=', participantKey(who)),
      ]),
    )
    .executeTakeFirst();
}

export function participantKey(who: Participant): string {
  return who.channel === 'zalo' ? `zalo:${who.zaloUserId}` : `app:${who.appUserId}`;
}

/** Records an attempt; false when this participant already has one (the unique key decides races). */
export async function insertAttempt(
  db: Executor,
  o: { quizId: string; who: Participant; answers: Array<number | null>; score: number; total: number; now: Date },
): Promise<boolean> {
  const r = await db
    .insertInto('quiz_attempts')
    .values({
      id: randomUUID(),
      // The attempt belongs to the quiz's commune.
      commune_id: db.selectFrom('quizzes').select('commune_id').where('id', '=', o.quizId),
      quiz_id: o.quizId,
      participant: participantKey(o.who),
      zalo_user_id: o.who.channel === 'zalo' ? o.who.zaloUserId : null,
      app_user_id: o.who.appUserId ?? null,
      channel: o.who.channel,
      answers: JSON.stringify(o.answers),
      score: o.score,
      total: o.total,
      finished_at: o.now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['quiz_id', 'participant']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function attemptsOf(db: Executor, quizId: string): Promise<AttemptRow[]> {
  return db.selectFrom('quiz_attempts').selectAll().where('quiz_id', '=', quizId).orderBy('finished_at').execute();
}

/** Reads a stored attempt's answers. */
export function answersOf(a: Pick<AttemptRow, 'answers'>): Array<number | null> {
  return JSON.parse(a.answers) as Array<number | null>;
}
