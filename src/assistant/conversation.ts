import type { Executor } from '../store/database.js';
import type { WebhookEvent } from '../zalo/events.js';
import type { OutboundMessage } from '../zalo/messages.js';
import { replyToZaloMessages } from '../zalo/render-reply.js';
import type { Reply } from './reply.js';
import type { Understanding } from '../understanding/understand.js';

/** What the conversation remembers about one Zalo user between messages. */
export interface UserState {
  /** A guided flow in progress (e.g. a petition draft); owned by the capability that started it. */
  flow?: { kind: string; step: string; data: Record<string, unknown>; startedAt: string; remindedAt?: string };
  /** The last procedure answered: "còn lệ phí thì sao" can refer to it later. */
  lastProcedureId?: string;
}

/** Everything a handler sees about one event, and how it answers. */
export interface ChatContext {
  /** The transaction that also marks the event done: state and replies commit together. */
  tx: Executor;
  event: WebhookEvent;
  /** Id of the stored inbound event, for idempotent keys. */
  eventId: string;
  userId: string;
  now: Date;
  state: UserState;
  /** The user's last interaction before this event (null for a first contact). */
  previousInteractionAt: Date | null;
  replies: OutboundMessage[];
  /**
   * What a text message is about, understood once per event and shared by every handler
   * (undefined for events without text).
   */
  understanding(): Understanding | undefined;
  reply(reply: Reply): void;
  send(message: OutboundMessage): void;
}

/** A step of the conversation: handle the event, or pass it on with `next()`. */
export type ChatHandler = (ctx: ChatContext, next: () => Promise<void>) => Promise<void>;

/** Runs handlers in order, each deciding whether to call the next (like middleware). */
export function composeHandlers(handlers: readonly ChatHandler[]): (ctx: ChatContext) => Promise<void> {
  return async (ctx) => {
    const run = async (i: number): Promise<void> => {
      const handler = handlers[i];
      if (handler) await handler(ctx, () => run(i + 1));
    };
    await run(0);
  };
}

async function loadUser(tx: Executor, userId: string) {
  return tx.selectFrom('zalo_users').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

function parseState(raw: string | null | undefined): UserState {
  if (!raw) return {};
  try {
    return JSON.parse(raw) as UserState;
  } catch {
    return {};
  }
}

/**
 * Handles one event from a user inside the caller's transaction: loads the user's state, runs the
 * handlers, saves the state and the last interaction time (which Zalo's 7-day rule depends on),
 * and returns the messages to queue.
 */
export function createConversation(handlers: readonly ChatHandler[], deps: { understand: (text: string) => Understanding }) {
  const run = composeHandlers(handlers);
  return async function handle(tx: Executor, o: { event: WebhookEvent; eventId: string; userId: string; now: Date }) {
    const row = await loadUser(tx, o.userId);
    const replies: OutboundMessage[] = [];
    let understood: Understanding | undefined;
    const ctx: ChatContext = {
      tx,
      event: o.event,
      eventId: o.eventId,
      userId: o.userId,
      now: o.now,
      state: parseState(row?.state),
      previousInteractionAt: row?.last_interaction_at ? new Date(row.last_interaction_at) : null,
      replies,
      understanding: () => {
        if (o.event.kind !== 'text') return undefined;
        understood ??= deps.understand(o.event.text);
        return understood;
      },
      reply: (r) => replies.push(...replyToZaloMessages(r)),
      send: (m) => replies.push(m),
    };
    await run(ctx);
    const now = o.now.toISOString();
    const following = o.event.kind === 'unfollow' ? 0 : o.event.kind === 'follow' ? 1 : (row?.following ?? 0);
    // An unfollow is not an interaction that opens the consultation window.
    const lastInteraction = o.event.kind === 'unfollow' ? (row?.last_interaction_at ?? null) : now;
    const byApp = o.event.userIdByApp ?? row?.user_id_by_app ?? null;
    await tx
      .insertInto('zalo_users')
      .values({
        user_id: o.userId,
        user_id_by_app: byApp,
        following,
        last_interaction_at: lastInteraction,
        state: JSON.stringify(ctx.state),
        state_updated_at: now,
        created_at: now,
      })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({
          user_id_by_app: byApp,
          following,
          last_interaction_at: lastInteraction,
          state: JSON.stringify(ctx.state),
          state_updated_at: now,
        }),
      )
      .execute();
    return replies;
  };
}

export type Conversation = ReturnType<typeof createConversation>;
