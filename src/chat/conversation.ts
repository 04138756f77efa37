import type { Executor } from '../store/database.js';
import type { WebhookEvent } from '../zalo/events.js';
import type { Reply } from '../assistant/reply.js';
import type { Understanding } from '../understanding/understand.js';
import { composeHandlers, owedAsker, type ChatContext, type ChatHandler, type TurnOutcome } from './context.js';
import { readWithMatter, rememberMatter } from './matter.js';
import { parseState } from './state.js';
import { inHumanHands } from './takeover.js';

/**
 * A handler threw while answering (a bug, or data it did not expect). Retrying would fail the same
 * way and leave the resident waiting: the inbox answers with an apology and the hotline instead.
 */
export class HandlerError extends Error {
  override readonly name = 'HandlerError';
  constructor(
    readonly eventKind: string,
    override readonly cause: unknown,
  ) {
    super(`chat: a handler failed on a ${eventKind} event: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

async function loadUser(tx: Executor, userId: string) {
  return tx.selectFrom('zalo_users').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export interface TurnResult {
  replies: Reply[];
  outcome?: TurnOutcome;
}

/**
 * Handles one event from a user inside the caller's transaction: loads the user's state, runs the
 * handlers, saves the state and the last interaction time (which Zalo's consultation windows depend
 * on), and returns the replies to send. A handler that throws is reported as a HandlerError.
 */
export function createConversation(handlers: readonly ChatHandler[], deps: { understand: (text: string) => Understanding }) {
  const run = composeHandlers(handlers);
  const probes = handlers.flatMap((h) => h.owes ?? []);
  /**
   * While a clerk has this resident in hand (human takeover) no handler runs and nothing is
   * answered, but the interaction is still recorded; a follow or unfollow is handled all the same.
   * `communeId`: the commune whose OA was written to.
   */
  return async function handle(
    tx: Executor,
    o: { event: WebhookEvent; eventId: string; userId: string; communeId: string; now: Date },
  ): Promise<TurnResult> {
    const row = await loadUser(tx, o.userId);
    const quiet = o.event.kind !== 'follow' && o.event.kind !== 'unfollow' && inHumanHands(row, o.now);
    const replies: Reply[] = [];
    let understood: Understanding | undefined;
    const ctx: ChatContext = {
      tx,
      event: o.event,
      eventId: o.eventId,
      userId: o.userId,
      communeId: o.communeId,
      now: o.now,
      state: parseState(row?.state),
      previousInteractionAt: row?.last_interaction_at ? new Date(row.last_interaction_at) : null,
      replies,
      understanding: () => {
        if (ctx.event.kind !== 'text') return undefined;
        understood ??= readWithMatter(ctx.state, o.now, ctx.event.text, deps.understand(ctx.event.text), deps.understand);
        return understood;
      },
      rewrite: (text) => {
        if (ctx.event.kind !== 'text') return;
        ctx.event = { ...ctx.event, text };
        understood = undefined;
      },
      reply: (r) => replies.push(r),
      isOwed: (probe) => owed(probe),
    };
    const owed = owedAsker(probes, ctx);
    try {
      if (!quiet) await run(ctx);
    } catch (err) {
      throw new HandlerError(o.event.kind, err);
    }
    if (ctx.event.kind === 'text') rememberMatter(ctx.state, o.now, ctx.event.text, ctx.outcome);
    const now = o.now.toISOString();
    const following = o.event.kind === 'unfollow' ? 0 : o.event.kind === 'follow' ? 1 : (row?.following ?? 0);
    // An unfollow is not an interaction that opens the consultation window.
    const lastInteraction = o.event.kind === 'unfollow' ? (row?.last_interaction_at ?? null) : interactionTime(o.event, o.now, row?.last_interaction_at ?? null);
    const byApp = o.event.userIdByApp ?? row?.user_id_by_app ?? null;
    // A follow or unfollow is Zalo telling us the follow status; a follow also dates it (Broadcast caps).
    const followFacts =
      o.event.kind === 'follow' ? { followed_at: now, follower_checked_at: now } : o.event.kind === 'unfollow' ? { follower_checked_at: now } : {};
    await tx
      .insertInto('zalo_users')
      .values({
        user_id: o.userId,
        commune_id: o.communeId,
        user_id_by_app: byApp,
        following,
        last_interaction_at: lastInteraction,
        state: JSON.stringify(ctx.state),
        state_updated_at: now,
        created_at: now,
        ...followFacts,
      })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({
          // A user id belongs to the OA it wrote to (a row may exist already from follower sync).
          commune_id: o.communeId,
          user_id_by_app: byApp,
          following,
          last_interaction_at: lastInteraction,
          state: JSON.stringify(ctx.state),
          state_updated_at: now,
          ...followFacts,
        }),
      )
      .execute();
    return { replies, outcome: ctx.outcome };
  };
}

/**
 * When the resident interacted: the event's own timestamp (Zalo's windows run from when the
 * resident wrote, not from when we processed it, reference §4.2), never in the future, and never
 * earlier than an interaction already recorded (redeliveries and retries arrive late).
 */
export function interactionTime(event: WebhookEvent, now: Date, previous: string | null): string {
  const at = new Date(Math.min(event.timestamp, now.getTime())).toISOString();
  return previous !== null && previous > at ? previous : at;
}

export type Conversation = ReturnType<typeof createConversation>;
export type { ChatContext, ChatHandler };
