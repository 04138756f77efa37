import type { SelectQueryBuilder } from 'kysely';
import type { Executor } from '../store/database.js';
import type { DB } from '../store/schema.js';
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
  /**
   * Whether the probe finds something owed to this resident. Every probe the chain's handlers
   * declare (`owes`) is answered by one query on the first ask: on most turns nothing is owed, and
   * one round trip to the database says so for all of them.
   */
  isOwed(probe: OwedProbe): Promise<boolean>;
  outcome?: TurnOutcome;
}

/** What a probe sees of the turn. */
export type OwedProbeContext = Pick<ChatContext, 'tx' | 'userId' | 'communeId' | 'event'>;
/**
 * What a handler may owe a resident from earlier (news missed outside Zalo's window, a desk's
 * reply held until they write): a query whose rows are what is owed, or undefined when nothing can
 * be for this event. Only its existence is asked in the combined query, so any tables and columns.
 */
export type OwedProbe = (ctx: OwedProbeContext) => SelectQueryBuilder<DB, any, any> | undefined;

/**
 * A step of the conversation: handle the event, or pass it on with `next()`. `owes`: the probes it
 * asks with `ctx.isOwed`, so the chain can ask them all at once.
 */
export type ChatHandler = ((ctx: ChatContext, next: () => Promise<void>) => Promise<void>) & { owes?: readonly OwedProbe[] };

/** A handler that declares the probes it asks. */
export function owingHandler(owes: readonly OwedProbe[], handler: (ctx: ChatContext, next: () => Promise<void>) => Promise<void>): ChatHandler {
  return Object.assign(handler, { owes });
}

/**
 * `ctx.isOwed` for one turn: the first ask runs every known probe in one query (EXISTS each);
 * a probe the chain did not declare is asked alone.
 */
export function owedAsker(probes: readonly OwedProbe[], ctx: OwedProbeContext) {
  let answers: Promise<Map<OwedProbe, boolean>> | undefined;
  const ask = async (list: readonly OwedProbe[]): Promise<Map<OwedProbe, boolean>> => {
    const found = new Map<OwedProbe, boolean>();
    const asked = list.flatMap((probe) => {
      const query = probe(ctx);
      if (!query) found.set(probe, false);
      return query ? [{ probe, query }] : [];
    });
    if (asked.length === 0) return found;
    const row = await ctx.tx.selectNoFrom((eb) => asked.map((a, i) => eb.exists(a.query).as(`p${i}`))).executeTakeFirstOrThrow();
    const values = row as Record<string, unknown>;
    // SQLite answers EXISTS with 0/1, PostgreSQL with a boolean.
    asked.forEach((a, i) => found.set(a.probe, Boolean(Number(values[`p${i}`]))));
    return found;
  };
  return async (probe: OwedProbe): Promise<boolean> => {
    answers ??= ask(probes);
    const known = (await answers).get(probe);
    return known ?? (await ask([probe])).get(probe)!;
  };
}

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
