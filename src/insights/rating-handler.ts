import type { Catalog } from '../catalog/catalog.js';
import { hotlineButton } from '../assistant/answers.js';
import type { ChatHandler } from '../chat/context.js';

/** Payload of the "was this helpful?" buttons (and of a typed "có"/"không" to that question). */
export const RATE_PAYLOAD = '#danh-gia';
const RATE = /^#danh-gia ([01]) ([0-9a-f-]{36})$/;

/** The resident rated an answer: stored once per question (reports and the review queue use it). */
export function answerRatingHandler(deps: { catalog: Catalog }): ChatHandler {
  return async (ctx, next) => {
    if (ctx.event.kind !== 'text') return next();
    const rating = RATE.exec(ctx.event.text.trim());
    if (!rating) return next();
    await ctx.tx
      .insertInto('answer_ratings')
      .values({ question_id: rating[2]!, commune_id: ctx.communeId, procedure_id: ctx.state.lastProcedureId ?? null, helpful: Number(rating[1]), created_at: ctx.now.toISOString() })
      .onConflict((oc) => oc.column('question_id').doNothing())
      .execute();
    const pending = ctx.state.pending;
    if (pending && pending.ratingFor === rating[2]) ctx.state.pending = { ...pending, ratingFor: undefined };
    ctx.reply({
      text: rating[1] === '1' ? 'Dạ, cảm ơn ông/bà đã đánh giá!' : 'Dạ, cảm ơn ông/bà. Xã sẽ bổ sung thông tin. Ông/bà có thể gọi đường dây nóng để được hướng dẫn ngay.',
      buttons: rating[1] === '1' ? [] : [hotlineButton(deps.catalog.current.content.commune)],
    });
    ctx.outcome = { intent: 'greeting', results: [], facet: null };
  };
}
