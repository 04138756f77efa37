import type { Executor } from '../store/database.js';
import type { WebhookEvent } from '../zalo/events.js';
import type { Reply } from '../assistant/reply.js';
import type { Understanding } from '../understanding/understand.js';
import type { Facet } from '../catalog/schema.js';
import type { Intent } from '../catalog/intents.js';
import type { UserState } from './state.js';

/** What one turn amounted to, for reports and the dialogue evaluation: set by the handler that answered. */
export interface TurnOutcome {
  intent: Intent;
  /** Procedures ranked for this turn (the first is the one answered). */
  results: Array<{ id: string; score: number }>;
  facet: Facet | null;
}

/** Everything a handler sees about one event, and how it answers. */
export interface ChatContext {
  /** The transaction that also marks the event done: state and replies commit together. */
  tx: Executor;
  event: WebhookEvent;
  /** Id of the stored inbound event, for idempotent keys. */
  eventId: string;
  userId: string;
  /** The commune whose OA the event came to: what the resident writes, asks and files belongs to it. */
  communeId: string;
  now: Date;
  state: UserState;
  /** The user's last interaction before this event (null for a first contact). */
  previousInteractionAt: Date | null;
  /** The replies so far, in order (the channel renders them; nothing here knows Zalo's wire format). */
  replies: Reply[];
  /**
   * What a text message is about, understood once per event and shared by every handler
   * (undefined for events without text).
   */
  understanding(): Understanding | undefined;
  /**
   * Handles the message as if the resident had sent `text` (a typed "2" becomes the button it
   * stands for); the understanding is computed again for it.
   */
  rewrite(text: string): void;
  reply(reply: Reply): void;
  outcome?: TurnOutcome;
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
