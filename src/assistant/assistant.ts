import { RunnableLambda } from '@langchain/core/runnables';
import type { Catalog } from '../catalog/catalog.js';
import { ProcedureRetriever } from '../catalog/retriever.js';
import type { Procedure } from '../catalog/schema.js';
import { understandWith, type Understanding } from '../understanding/understand.js';
import {
  choiceAnswer,
  greetingAnswer,
  hotlineAnswer,
  hoursAnswer,
  likelyAnswer,
  newsPointerAnswer,
  noMatchAnswer,
  onlineGuideAnswer,
  outOfScopeAnswer,
  procedureAnswer,
  type AnswerLinks,
} from './answers.js';
import { feedbackStartAnswer, statusPromptAnswer, subscribedAnswer, unsubscribedAnswer } from './flow-answers.js';
import type { Reply } from './reply.js';
import type { Executor } from '../store/database.js';

/** Zalo's limit for one message; longer letters are still read whole (the model reads any length). */
export const MAX_UNDERSTOOD_CHARS = 4000;
/** Payload of the "pick this procedure" buttons: the resident chose, no guessing needed. */
const PICK_PROCEDURE = /^#thu-tuc\s+([a-z0-9-]+)$/;

export interface AssistantDeps {
  catalog: Catalog;
  links: AnswerLinks;
  /**
   * Latest published news for the "news" intent; none by default. Reads through `db` when given:
   * inside the conversation's transaction, on SQLite's single connection, a second reader would wait
   * for the transaction forever.
   */
  latestNews?: (db?: Executor) => Promise<Array<{ title: string; url: string }>>;
}

/** Where the assistant may read from while answering (the caller's transaction, if any). */
export interface RespondContext {
  db?: Executor;
  /** What the message was understood as, when the caller already knows (chat context). */
  understanding?: Understanding;
}

export interface AssistantTurn {
  message: string;
  understanding: Understanding;
  reply: Reply;
  /** The procedure answered, if any (for ratings and reports). */
  procedureId?: string;
}

/**
 * The answer pipeline: understand (the learned model and one policy) → compose (content), as
 * LangChain Runnables so a chat model can later replace or follow the compose step without
 * changing callers. Stateless: conversation flows (petitions, subscriptions) act on the intent.
 */
export function createAssistant(deps: AssistantDeps) {
  const retriever = new ProcedureRetriever(deps.catalog);

  /** What one message is about (the chat keeps this on its context: one understanding per event). */
  function understand(raw: string): Understanding {
    const message = raw.normalize('NFC').slice(0, MAX_UNDERSTOOD_CHARS);
    const picked = PICK_PROCEDURE.exec(message.trim());
    const chosen = picked && deps.catalog.current.index.get(picked[1]!);
    if (chosen) return { intent: 'procedure', confidence: 1, certainty: 'sure', results: [{ id: chosen.id, score: 1 }], choices: [] };
    return understandWith(deps.catalog.current.understanding, message);
  }

  async function compose(message: string, u: Understanding, context: RespondContext = {}): Promise<AssistantTurn> {
    const { content, index } = deps.catalog.current;
    const commune = content.commune;
    const turn = (reply: Reply, procedureId?: string): AssistantTurn => ({ message, understanding: u, reply, procedureId });
    const procedures = (ids: Array<{ id: string }>) => ids.map((h) => index.get(h.id)).filter((p): p is Procedure => p !== undefined);
    switch (u.intent) {
      case 'procedure': {
        const top = u.results[0] && index.get(u.results[0].id);
        if (!top || u.certainty === 'none') return turn(noMatchAnswer(commune));
        if (u.certainty === 'unsure') return turn(choiceAnswer(procedures(u.choices), commune));
        if (u.certainty === 'likely') return turn(likelyAnswer(top, procedures(u.choices.slice(1)), commune, deps.links), top.id);
        return turn(procedureAnswer(top, commune, deps.links), top.id);
      }
      case 'hotline':
        return turn(hotlineAnswer(commune));
      case 'hours':
        return turn(hoursAnswer(commune));
      case 'online_guide':
        return turn(onlineGuideAnswer(commune));
      case 'greeting':
        return turn(greetingAnswer(commune));
      case 'news':
        return turn(newsPointerAnswer((await deps.latestNews?.(context.db)) ?? [], commune));
      case 'feedback':
        return turn(feedbackStartAnswer(commune));
      case 'status':
        return turn(statusPromptAnswer(commune));
      case 'subscribe':
        return turn(subscribedAnswer());
      case 'unsubscribe':
        return turn(unsubscribedAnswer());
      case 'out_of_scope':
        return turn(outOfScopeAnswer(commune));
    }
  }

  const chain = RunnableLambda.from(async ({ message, context }: { message: string; context: RespondContext }) =>
    compose(message, context.understanding ?? understand(message), context),
  );

  /** Answers one resident message. Never throws for any text input. */
  async function respond(raw: string, context: RespondContext = {}): Promise<AssistantTurn> {
    return chain.invoke({ message: raw.normalize('NFC'), context });
  }

  return { respond, understand, retriever };
}

export type Assistant = ReturnType<typeof createAssistant>;
