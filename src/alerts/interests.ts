import type { Executor } from '../store/database.js';
import type { ChatHandler } from '../chat/context.js';

/** Residents who asked about a procedure this recently are told when it changes. */
export const INTEREST_DAYS = 30;
export const INTEREST_MS = INTEREST_DAYS * 86_400_000;

/**
 * Remembers, after each answered turn, which procedure the resident asked about (the one the
 * assistant answered). One row per resident and procedure, with the last time; rows older than
 * 30 days are deleted by the change check, and all of a resident's on unfollow, so nothing is kept
 * longer than its purpose needs.
 */
export function interestHandler(): ChatHandler {
  return async (ctx, next) => {
    // Someone who leaves the OA is told nothing more: their interests go with them.
    if (ctx.event.kind === 'unfollow') {
      await ctx.tx.deleteFrom('procedure_interests').where('user_id', '=', ctx.userId).execute();
      return next();
    }
    await next();
    const o = ctx.outcome;
    const id = o?.intent === 'procedure' ? o.results[0]?.id : undefined;
    if (!id) return;
    await ctx.tx
      .insertInto('procedure_interests')
      .values({ user_id: ctx.userId, procedure_id: id, asked_at: ctx.now.toISOString() })
      .onConflict((oc) => oc.columns(['user_id', 'procedure_id']).doUpdateSet({ asked_at: ctx.now.toISOString() }))
      .execute();
  };
}

export async function pruneInterests(db: Executor, now: Date): Promise<void> {
  await db.deleteFrom('procedure_interests').where('asked_at', '<', new Date(now.getTime() - INTEREST_MS).toISOString()).execute();
}
