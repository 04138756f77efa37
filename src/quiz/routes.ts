import { Router } from 'express';
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import type { Executor } from '../store/database.js';
import { Conflict, Invalid, Unauthorized } from '../errors.js';
import { parseOrThrow } from '../http/validate.js';
import { audit } from '../staff/audit.js';
import { currentStaff, type StaffRouter } from '../staff/guard.js';
import { identityUnavailableHandler, type ResidentIdentity } from '../zalo/resident-identity.js';
import { quizResultsXlsx } from './export.js';
import { quizInputSchema, type QuizInput } from './quiz-schema.js';
import { attemptOf, attemptsOf, closeQuiz, createQuiz, editQuiz, insertAttempt, listQuizzes, loadQuiz, openQuiz, openQuizzes, answersOf, type Quiz } from './repo.js';
import { quizResults, summariseAttempts } from './results.js';
import { scoreAttempt, type QuizLinks } from './scoring.js';
import { publicQuizView, staffQuizView } from './views.js';

const STAFF = ['editor', 'approver'] as const;

export interface QuizRoutesDeps {
  db: Executor;
  catalog: Catalog;
  clock: () => Date;
  staff: StaffRouter;
  links: QuizLinks;
  residentOf: ResidentIdentity;
}

/**
 * Staff (editors and approvers) write, open and close quizzes and read their results:
 *   GET  /api/admin/quizzes, POST /api/admin/quizzes, GET|PUT /api/admin/quizzes/:id,
 *   POST /api/admin/quizzes/:id/open|close, GET /api/admin/quizzes/:id/results.xlsx
 * Residents (the Mini App) read open quizzes and answer once, identified by their Zalo token:
 *   GET /api/quizzes, GET /api/quizzes/:id, POST /api/quizzes/:id/attempts { answers: number[] }
 */
export function quizRoutes(o: QuizRoutesDeps): Router {
  const { db, staff } = o;
  const procedureName = (id: string) => o.catalog.current.index.get(id)?.name;

  /** Links of explanations must lead somewhere: a procedure of the catalog, an existing article. */
  async function checkLinks(input: QuizInput): Promise<void> {
    const fields: Record<string, string> = {};
    for (const [i, q] of input.questions.entries()) {
      if (q.procedureId && !procedureName(q.procedureId)) fields[`questions.${i}.procedureId`] = 'Thủ tục không có trong danh mục.';
      if (q.announcementId) {
        const a = await db.selectFrom('announcements').select('id').where('id', '=', q.announcementId).executeTakeFirst();
        if (!a) fields[`questions.${i}.announcementId`] = 'Không tìm thấy bài viết này.';
      }
    }
    if (Object.keys(fields).length) throw new Invalid('Liên kết của phần giải thích chưa đúng.', fields);
  }

  const withResults = async (q: Quiz) => ({ ...staffQuizView(q), results: await quizResults(db, q) });

  staff.get('/api/admin/quizzes', [...STAFF], async (_req, res) => {
    const quizzes = await listQuizzes(db);
    const counts = await db.selectFrom('quiz_attempts').select(['quiz_id', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('quiz_id').execute();
    const byQuiz = new Map(counts.map((c) => [c.quiz_id, Number(c.n)]));
    res.json({ items: quizzes.map((q) => ({ ...staffQuizView(q), participants: byQuiz.get(q.id) ?? 0 })) });
  });

  staff.post('/api/admin/quizzes', ['editor'], async (req, res) => {
    const input = parseOrThrow(quizInputSchema, req.body ?? {});
    await checkLinks(input);
    const me = currentStaff(res);
    const quiz = await createQuiz(db, me.id, input, o.clock());
    await audit(db, me, 'quiz.create', { type: 'quiz', id: quiz.id }, o.clock());
    res.status(201).json(staffQuizView(quiz));
  });

  staff.get('/api/admin/quizzes/:id', [...STAFF], async (req, res) => {
    res.json(await withResults(await loadQuiz(db, String(req.params.id))));
  });

  staff.put('/api/admin/quizzes/:id', ['editor'], async (req, res) => {
    const input = parseOrThrow(quizInputSchema, req.body ?? {});
    await checkLinks(input);
    const me = currentStaff(res);
    const quiz = await editQuiz(db, String(req.params.id), input, o.clock());
    await audit(db, me, 'quiz.edit', { type: 'quiz', id: quiz.id }, o.clock());
    res.json(staffQuizView(quiz));
  });

  for (const [action, run] of [
    ['open', openQuiz],
    ['close', closeQuiz],
  ] as const) {
    staff.post(`/api/admin/quizzes/:id/${action}`, [...STAFF], async (req, res) => {
      const me = currentStaff(res);
      const quiz = await run(db, String(req.params.id), o.clock());
      await audit(db, me, `quiz.${action}`, { type: 'quiz', id: quiz.id }, o.clock());
      res.json(await withResults(quiz));
    });
  }

  staff.get('/api/admin/quizzes/:id/results.xlsx', [...STAFF], async (req, res) => {
    const quiz = await loadQuiz(db, String(req.params.id));
    const attempts = await attemptsOf(db, quiz.id);
    const file = await quizResultsXlsx(quiz, summariseAttempts(quiz, attempts), attempts, o.catalog.current.content.commune.name);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="ket-qua-cuoc-thi-${quiz.id.slice(0, 8)}.xlsx"`);
    res.send(file);
  });

  // ---- Residents ----
  const router = Router();
  const attemptBody = (count: number) =>
    z.object({
      answers: z
        .array(z.number().int().min(0).nullable(), { error: 'Vui lòng trả lời các câu hỏi.' })
        .length(count, `Vui lòng trả lời đủ ${count} câu hỏi.`),
    });

  router.get('/api/quizzes', async (_req, res) => {
    res.json({ items: (await openQuizzes(db)).map((q) => ({ id: q.id, title: q.title, intro: q.intro, questions: q.questions.length, openedAt: q.opened_at })) });
  });

  router.get('/api/quizzes/:id', async (req, res) => {
    const quiz = await loadQuiz(db, String(req.params.id));
    if (quiz.status === 'draft') throw new Conflict('Cuộc thi chưa mở.');
    const who = await o.residentOf(req);
    const done = who.appUserId ? await attemptOf(db, quiz.id, { channel: 'miniapp', appUserId: who.appUserId }) : undefined;
    res.json({
      ...publicQuizView(quiz),
      attempt: done ? scoreAttempt(quiz.questions, answersOf(done), o.links, procedureName) : null,
    });
  });

  router.post('/api/quizzes/:id/attempts', async (req, res) => {
    const who = await o.residentOf(req);
    if (!who.appUserId) throw new Unauthorized('Vui lòng mở cuộc thi trong Zalo để mỗi người được tính một lần.');
    const quiz = await loadQuiz(db, String(req.params.id));
    if (quiz.status !== 'open') throw new Conflict(quiz.status === 'closed' ? 'Cuộc thi đã kết thúc.' : 'Cuộc thi chưa mở.');
    const { answers } = parseOrThrow(attemptBody(quiz.questions.length), req.body ?? {});
    const bad = answers.findIndex((a, i) => a !== null && a >= quiz.questions[i]!.choices.length);
    if (bad >= 0) throw new Invalid('Đáp án không hợp lệ.', { [`answers.${bad}`]: 'Phương án không có trong câu hỏi.' });
    const participant = { channel: 'miniapp', appUserId: who.appUserId } as const;
    if (await attemptOf(db, quiz.id, participant)) throw new Conflict('Ông/bà đã tham gia cuộc thi này rồi. Mỗi người chỉ được làm một lần.');
    const result = scoreAttempt(quiz.questions, answers, o.links, procedureName);
    const recorded = await insertAttempt(db, { quizId: quiz.id, who: participant, answers, score: result.score, total: result.total, now: o.clock() });
    if (!recorded) throw new Conflict('Ông/bà đã tham gia cuộc thi này rồi. Mỗi người chỉ được làm một lần.');
    res.status(201).json(result);
  });

  router.use(identityUnavailableHandler);
  return router;
}
