import type { Catalog } from '../catalog/catalog.js';
import { fold } from '../catalog/fold.js';
import { PICK_PAYLOAD } from '../assistant/answers.js';
import { RATE_PAYLOAD } from '../insights/rating-handler.js';
import type { ChatHandler } from './context.js';
import { welcomeReply } from './lifecycle.js';
import { createChatWords } from './phrases.js';

/** A typed answer to a numbered list is only read as one this long after the list was sent. */
const PENDING_TTL_MS = 30 * 60_000;

/** "3", "số 3", "cái thứ 3", "thứ ba": which item of a numbered list the resident picked. */
const ORDINALS: Record<string, number> = { mot: 1, nhat: 1, hai: 2, nhi: 2, ba: 3, bon: 4, tu: 4, nam: 5 };
export function typedNumber(text: string): number | undefined {
  const words = fold(text).split(' ').filter((w) => !['so', 'cai', 'thu', 'muc', 'chon', 'a', 'ad', 'nhe', 'y', 'la'].includes(w));
  if (words.length !== 1) return undefined;
  const w = words[0]!;
  if (/^\d{1,2}$/.test(w)) return Number(w);
  return ORDINALS[w];
}

/**
 * Replies residents type to the assistant's own prompts, when no guided flow is open (a flow reads
 * its own): a number after a numbered list picks that item, "có"/"không" after "Thông tin này có
 * hữu ích không ạ?" rates the answer, "menu" shows the menu, and thanks get a short polite close
 * instead of the menu again. Picks and ratings are handed on as the buttons they stand for.
 */
/** How a thanks is answered, wherever it is typed (a guided flow adds where the resident stands). */
export const THANKS_CLOSE = 'Dạ, không có gì ạ.';

export function typedRepliesHandler(deps: { catalog: Catalog }): ChatHandler {
  return async (ctx, next) => {
    if (ctx.event.kind !== 'text' || ctx.state.flow) return next();
    const text = ctx.event.text.trim();
    if (text.startsWith('#')) return next();
    const words = createChatWords(deps.catalog.current.content.chatWords);
    const pending = ctx.state.pending;
    const fresh = pending && ctx.now.getTime() - new Date(pending.at).getTime() <= PENDING_TTL_MS;
    if (fresh && pending.choices) {
      const n = typedNumber(text);
      const id = n !== undefined ? pending.choices[n - 1] : undefined;
      if (id) {
        ctx.rewrite(`${PICK_PAYLOAD} ${id}`);
        return next();
      }
    }
    if (fresh && pending.ratingFor && (words.isYes(text) || words.isNo(text)) && !words.isThanks(text)) {
      ctx.rewrite(`${RATE_PAYLOAD} ${words.isYes(text) ? 1 : 0} ${pending.ratingFor}`);
      return next();
    }
    if (words.isMenu(text)) {
      delete ctx.state.pending;
      ctx.reply(welcomeReply(deps.catalog));
      return;
    }
    if (words.isThanks(text)) {
      delete ctx.state.pending;
      ctx.reply({ text: `${THANKS_CLOSE} Ông/bà cần hỏi thêm điều gì, cứ nhắn cho xã nhé.`, buttons: [] });
      ctx.outcome = { intent: 'greeting', results: [], facet: null };
      return;
    }
    await next();
  };
}
