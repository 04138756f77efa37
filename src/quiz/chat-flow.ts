import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import { fold } from '../catalog/fold.js';
import type { ChatContext, ChatHandler } from '../chat/context.js';
import { createChatWords } from '../chat/phrases.js';
import { typedNumber } from '../chat/typed-replies.js';
import { attemptOf, insertAttempt, loadQuiz, openQuizzes, type Participant, type Quiz } from './repo.js';
import { scoreAttempt, type QuizLinks } from './scoring.js';
import * as T from './texts.js';
import { QUIZ_PAYLOAD } from './texts.js';

const FLOW_KIND = 'quiz';

const flowSchema = z.object({
  kind: z.literal(FLOW_KIND),
  step: z.literal('question'),
  startedAt: z.string(),
  data: z.object({ quizId: z.string(), index: z.number().int().min(0), answers: z.array(z.number().int().nullable()) }),
});
type Flow = z.infer<typeof flowSchema>;

/** What residents type to join ("thi tìm hiểu", "dự thi"), folded. */
const START_PHRASES = ['thi tim hieu', 'cuoc thi', 'du thi', 'tham gia thi', 'lam bai thi', 'tham gia cuoc thi'];
/** Around a phrase, this many other syllables still make a wish to join ("cho tôi dự thi với"). */
const START_MAX_SYLLABLES = 6;
const STOP = new Set(['dung', 'dung lai', 'huy', 'thoi', 'ket thuc', 'khong thi nua']);

/**
 * A short message naming the quiz; a longer one that mentions a contest ("hỏi về cuộc thi tuyển
 * công chức…") is a question for the assistant.
 */
function wantsToStart(text: string): boolean {
  if (text === QUIZ_PAYLOAD.start) return true;
  const f = ` ${fold(text)} `;
  return f.trim().split(' ').length <= START_MAX_SYLLABLES && START_PHRASES.some((p) => f.includes(` ${p} `));
}

/**
 * The reform quiz by chat: "thi tìm hiểu" (or the #thi button of an announcement) starts the most
 * recently opened quiz; each question comes with numbered choices and buttons; the answers are
 * kept in the conversation's flow state and the attempt is recorded, once, after the last one,
 * with the score and every explanation. Another flow (a petition draft) is never interrupted.
 */
export function quizChatHandler(deps: { catalog: Catalog; links: QuizLinks }): ChatHandler {
  const procedureName = (id: string) => deps.catalog.current.index.get(id)?.name;

  function participant(ctx: ChatContext): Participant {
    return { channel: 'zalo', zaloUserId: ctx.userId, appUserId: ctx.event.userIdByApp };
  }

  async function start(ctx: ChatContext): Promise<void> {
    const quiz = (await openQuizzes(ctx.tx, ctx.communeId))[0];
    if (!quiz) return ctx.reply(T.noOpenQuiz());
    const done = await attemptOf(ctx.tx, quiz.id, participant(ctx));
    if (done) return ctx.reply(T.alreadyTaken(quiz.title, done.score, done.total));
    const flow: Flow = { kind: FLOW_KIND, step: 'question', startedAt: ctx.now.toISOString(), data: { quizId: quiz.id, index: 0, answers: [] } };
    ctx.state.flow = { ...flow, data: { ...flow.data } };
    ctx.reply(T.questionReply(quiz.questions[0]!, 0, quiz.questions.length, T.quizIntro(quiz.title, quiz.intro, quiz.questions.length)));
  }

  async function finish(ctx: ChatContext, quiz: Quiz, answers: Array<number | null>): Promise<void> {
    delete ctx.state.flow;
    const result = scoreAttempt(quiz.questions, answers, deps.links, procedureName);
    const recorded = await insertAttempt(ctx.tx, { quizId: quiz.id, who: participant(ctx), answers, score: result.score, total: result.total, now: ctx.now });
    if (!recorded) {
      const done = await attemptOf(ctx.tx, quiz.id, participant(ctx));
      return ctx.reply(T.alreadyTaken(quiz.title, done?.score ?? result.score, done?.total ?? result.total));
    }
    ctx.reply(T.resultReply(quiz.title, result));
  }

  async function answer(ctx: ChatContext, flow: Flow, text: string, next: () => Promise<void>): Promise<void> {
    const quiz = await loadQuiz(ctx.tx, flow.data.quizId, ctx.communeId).catch(() => undefined);
    if (!quiz || quiz.status !== 'open') {
      delete ctx.state.flow;
      return ctx.reply(quiz ? T.quizEnded(quiz.title) : T.noOpenQuiz());
    }
    const q = quiz.questions[flow.data.index];
    if (!q) return finish(ctx, quiz, flow.data.answers);
    const f = fold(text);
    if (text === QUIZ_PAYLOAD.stop || STOP.has(f) || createChatWords(deps.catalog.current.content.chatWords).isStop(text)) {
      delete ctx.state.flow;
      return ctx.reply(T.stopped());
    }
    const picked = text.startsWith(`${QUIZ_PAYLOAD.answer} `) ? Number(text.slice(QUIZ_PAYLOAD.answer.length + 1)) : typedNumber(text);
    if (picked === undefined || !(picked >= 1 && picked <= q.choices.length)) {
      if (text.startsWith('#') && !text.startsWith(QUIZ_PAYLOAD.answer)) {
        // A button of an earlier message (the menu, an answer): answer it, the quiz waits.
        await next();
      }
      return ctx.reply(T.questionReply(q, flow.data.index, quiz.questions.length, T.notAnAnswer(q.choices.length)));
    }
    const answers = [...flow.data.answers];
    answers[flow.data.index] = picked - 1;
    const index = flow.data.index + 1;
    if (index >= quiz.questions.length) return finish(ctx, quiz, answers);
    ctx.state.flow = { ...flow, data: { ...flow.data, index, answers } };
    ctx.reply(T.questionReply(quiz.questions[index]!, index, quiz.questions.length));
  }

  return async (ctx, next) => {
    if (ctx.event.kind !== 'text') return next();
    const text = ctx.event.text.normalize('NFC').trim();
    const flowState = ctx.state.flow;
    if (flowState?.kind === FLOW_KIND) {
      const parsed = flowSchema.safeParse(flowState);
      if (!parsed.success) {
        delete ctx.state.flow;
        return next();
      }
      return answer(ctx, parsed.data, text, next);
    }
    // Someone else's flow (a petition draft) reads its own messages.
    if (flowState || !wantsToStart(text)) return next();
    return start(ctx);
  };
}
