import type { Executor } from '../store/database.js';
import type { Catalog } from '../catalog/catalog.js';
import { hotlineButton, PICK_PAYLOAD } from '../assistant/answers.js';
import type { ChatHandler } from '../chat/context.js';
import { createChatWords } from '../chat/phrases.js';
import type { UserState } from '../chat/state.js';
import { questionSignature, wordSimilarity } from './unanswered.js';

/**
 * What the resident did right after an answer that shows the answer missed, although nobody rated
 * it: asked again in other words, picked one of the alternatives offered, or said it was wrong.
 */
export type FollowUp = 'rephrase' | 'choice' | 'complaint';
export const FOLLOW_UPS: readonly FollowUp[] = ['rephrase', 'choice', 'complaint'];

/** Only what comes this soon after an answer is read as a reaction to it. */
export const FOLLOW_UP_WINDOW_MS = 10 * 60_000;
/** A new question sharing this share of content words with the last one asks it again. */
const REPHRASE_SIMILARITY = 0.5;

export type LastQuestion = NonNullable<UserState['lastQuestion']>;

/** Marks a question as followed by a sign that its answer missed (the first sign counts). */
export async function markFollowUp(db: Executor, questionId: string, kind: FollowUp): Promise<void> {
  await db.updateTable('questions').set({ followed_by: kind }).where('id', '=', questionId).where('followed_by', 'is', null).execute();
}

function recent(last: LastQuestion | undefined, now: Date): last is LastQuestion {
  return !!last && now.getTime() - new Date(last.at).getTime() <= FOLLOW_UP_WINDOW_MS;
}

/**
 * A new written question about the last one: a procedure that was offered as an alternative to the
 * one answered, or nearly the same words again asking the same thing. A different subject is not
 * a rephrase, nor is a follow-up on another facet ("đăng ký kết hôn cần gì", then "đăng ký kết hôn
 * lệ phí bao nhiêu"): the first answer did its job.
 */
export function isRephrase(last: LastQuestion, next: NextQuestion): boolean {
  if (next.procedureId && next.procedureId !== last.procedureId && last.alternatives.includes(next.procedureId)) return true;
  if (next.facet && last.facet && next.facet !== last.facet) return false;
  const before = new Set(last.signature.split(' ').filter(Boolean));
  const after = new Set(questionSignature(next.text).split(' ').filter(Boolean));
  return before.size > 0 && after.size > 0 && wordSimilarity(before, after) >= REPHRASE_SIMILARITY;
}

/** The question just written, as the follow-up rules read it. */
export interface NextQuestion {
  text: string;
  /** The procedure answered, if any. */
  procedureId?: string;
  /** The facet answered ('overview' for the whole procedure). */
  facet?: string;
}

/** After a new question was recorded: was it the last one asked again? Then that one missed. */
export async function noteQuestionAfter(
  db: Executor,
  state: UserState,
  now: Date,
  next: NextQuestion,
): Promise<void> {
  const last = state.lastQuestion;
  if (recent(last, now) && isRephrase(last, next)) await markFollowUp(db, last.id, 'rephrase');
}

const PICK = new RegExp(`^${PICK_PAYLOAD}\\s+([a-z0-9-]+)$`);

/**
 * Reads the resident's reaction to the last answer before anything answers the message: a pick of
 * an alternative marks the question 'choice' (and goes on to be answered); "sai rồi", "không phải"
 * marks it 'complaint' and is answered with an apology, the alternatives and the hotline.
 */
export function followUpHandler(deps: { catalog: Catalog }): ChatHandler {
  return async (ctx, next) => {
    const last = ctx.state.lastQuestion;
    if (ctx.event.kind !== 'text' || ctx.state.flow || !recent(last, ctx.now)) return next();
    const text = ctx.event.text.trim();
    const pick = PICK.exec(text);
    if (pick) {
      if (last.alternatives.includes(pick[1]!)) await markFollowUp(ctx.tx, last.id, 'choice');
      return next();
    }
    if (!createChatWords(deps.catalog.current.content.chatWords).isComplaint(text)) return next();
    await markFollowUp(ctx.tx, last.id, 'complaint');
    delete ctx.state.lastQuestion;
    delete ctx.state.pending;
    const { index, content } = deps.catalog.current;
    const offered = last.alternatives.flatMap((id) => (index.get(id) ? [index.get(id)!] : []));
    ctx.reply({
      text: offered.length
        ? 'Dạ, xin lỗi ông/bà vì câu trả lời chưa đúng ý. Có phải ông/bà hỏi một trong các thủ tục dưới đây không ạ? Nếu không, ông/bà nhắn lại việc cần làm bằng lời của mình, hoặc gọi đường dây nóng để được hướng dẫn.'
        : 'Dạ, xin lỗi ông/bà vì câu trả lời chưa đúng ý. Ông/bà nhắn lại việc cần làm bằng lời của mình (ví dụ: "làm giấy khai sinh cho con"), hoặc gọi đường dây nóng để được hướng dẫn. Xã sẽ xem lại câu trả lời này.',
      buttons: [...offered.slice(0, 3).map((p) => ({ kind: 'query' as const, title: p.name, payload: `${PICK_PAYLOAD} ${p.id}` })), hotlineButton(content.commune)],
    });
    ctx.outcome = { intent: 'greeting', results: [], facet: null };
  };
}
