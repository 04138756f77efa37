import type { Executor } from '../store/database.js';
import { answersOf, attemptsOf, type AttemptRow, type Quiz } from './repo.js';

export interface QuizResults {
  participants: number;
  byChannel: { zalo: number; miniapp: number };
  averageScore: number | null;
  /** How many got each score, 0…total. */
  distribution: Array<{ score: number; count: number }>;
  perQuestion: Array<{ number: number; text: string; correct: number; correctShare: number; choices: Array<{ text: string; count: number; right: boolean }> }>;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Participation and results of one quiz (counts only: nobody's identity). */
export function summariseAttempts(quiz: Quiz, attempts: AttemptRow[]): QuizResults {
  const total = quiz.questions.length;
  const distribution = Array.from({ length: total + 1 }, (_, score) => ({ score, count: attempts.filter((a) => a.score === score).length }));
  const answers = attempts.map(answersOf);
  return {
    participants: attempts.length,
    byChannel: { zalo: attempts.filter((a) => a.channel === 'zalo').length, miniapp: attempts.filter((a) => a.channel === 'miniapp').length },
    averageScore: attempts.length ? round(attempts.reduce((s, a) => s + a.score, 0) / attempts.length) : null,
    distribution,
    perQuestion: quiz.questions.map((q, i) => {
      const correct = answers.filter((a) => a[i] === q.answer).length;
      return {
        number: i + 1,
        text: q.text,
        correct,
        correctShare: attempts.length ? round(correct / attempts.length, 3) : 0,
        choices: q.choices.map((c, ci) => ({ text: c, count: answers.filter((a) => a[i] === ci).length, right: ci === q.answer })),
      };
    }),
  };
}

export async function quizResults(db: Executor, quiz: Quiz): Promise<QuizResults> {
  return summariseAttempts(quiz, await attemptsOf(db, quiz.id));
}

/** For the periodic report: quizzes open during the period, attempts finished in it, average score share. */
/** `communeId` null: every commune's quizzes together (the province's roll-up). */
export async function quizReportFigures(db: Executor, range: { start: string; end: string }, communeId: string | null) {
  const held = await db
    .selectFrom('quizzes')
    .$if(communeId !== null, (q) => q.where('commune_id', '=', communeId!))
    .select(['id', 'title'])
    .where('opened_at', 'is not', null)
    .where('opened_at', '<', range.end)
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', range.start)]))
    .execute();
  const attempts = await db
    .selectFrom('quiz_attempts')
    .$if(communeId !== null, (q) => q.where('quiz_id', 'in', (eb) => eb.selectFrom('quizzes').select('id').where('commune_id', '=', communeId!)))
    .select(['quiz_id', 'score', 'total', 'channel'])
    .where('finished_at', '>=', range.start)
    .where('finished_at', '<', range.end)
    .execute();
  const shares = attempts.filter((a) => a.total > 0).map((a) => a.score / a.total);
  return {
    held: held.length,
    attempts: attempts.length,
    byChat: attempts.filter((a) => a.channel === 'zalo').length,
    byMiniApp: attempts.filter((a) => a.channel === 'miniapp').length,
    averageShare: shares.length ? round(shares.reduce((s, x) => s + x, 0) / shares.length, 3) : null,
    quizzes: held.map((q) => ({ id: q.id, title: q.title, attempts: attempts.filter((a) => a.quiz_id === q.id).length })),
  };
}

export type QuizReportFigures = Awaited<ReturnType<typeof quizReportFigures>>;
