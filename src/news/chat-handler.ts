import type { Catalog } from '../catalog/catalog.js';
import { subscribeNeedsFollowAnswer, subscribedAnswer, unsubscribedAnswer } from '../assistant/flow-answers.js';
import type { ChatHandler } from '../chat/context.js';
import { subscribe, unsubscribe } from './subscriptions.js';

const ACT_AT = 0.6;

/**
 * "đăng ký nhận tin" / "hủy nhận tin" in the resident's own words: the news capability acts on them,
 * and says truthfully whether news will reach them (only followers of the OA receive it).
 */
export function subscriptionHandler(deps: { catalog: Catalog }): ChatHandler {
  return async (ctx, next) => {
    const u = ctx.understanding();
    // Subscribing or unsubscribing someone by a guess would be worse than asking: below this, the
    // assistant asks instead (with a button that says it in words).
    const intent = u && u.confidence >= ACT_AT ? u.intent : undefined;
    if (intent === 'subscribe') {
      const topics = deps.catalog.current.content.commune.news_topics.filter((t) => t.default).map((t) => t.id);
      await subscribe(ctx.tx, ctx.userId, topics, ctx.now);
      // Only followers receive news: the reply must not claim a subscription that delivers nothing.
      const user = await ctx.tx.selectFrom('zalo_users').select('following').where('user_id', '=', ctx.userId).executeTakeFirst();
      ctx.reply(user?.following === 1 ? subscribedAnswer() : subscribeNeedsFollowAnswer());
    } else if (intent === 'unsubscribe') {
      await unsubscribe(ctx.tx, ctx.userId, ctx.now);
      ctx.reply(unsubscribedAnswer());
    } else {
      return next();
    }
    ctx.outcome = { intent, results: [], facet: null };
  };
}
