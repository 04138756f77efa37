import { RunnableLambda, RunnableSequence } from '@langchain/core/runnables';
import type { Document } from '@langchain/core/documents';
import type { Catalog } from '../catalog/catalog.js';
import { ProcedureRetriever, hitsFromDocuments, type ProcedureDocumentMetadata } from '../catalog/retriever.js';
import type { Procedure } from '../catalog/schema.js';
import { understand, type Understanding } from './understand.js';
import {
  choiceAnswer,
  greetingAnswer,
  hotlineAnswer,
  hoursAnswer,
  newsPointerAnswer,
  onlineGuideAnswer,
  outOfScopeAnswer,
  procedureAnswer,
  type AnswerLinks,
} from './answers.js';
import { feedbackStartAnswer, statusPromptAnswer, subscribedAnswer, unsubscribedAnswer } from './flow-answers.js';
import type { Reply } from './reply.js';
import type { Executor } from '../store/database.js';

/** Messages longer than this are read only in part: no procedure question needs more. */
export const MAX_UNDERSTOOD_CHARS = 500;
/** Below this confidence, close alternatives are offered as a choice rather than one answer. */
const CHOICE_BELOW = 0.75;
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
}

interface ChainInput {
  message: string;
  context: RespondContext;
}

export interface AssistantTurn {
  message: string;
  understanding: Understanding;
  reply: Reply;
  /** The procedure answered, if any (for ratings and reports). */
  procedureId?: string;
}

/**
 * The answer pipeline: retrieve (LangChain retriever) → understand (rules) → compose (content).
 * Built from Runnables so a chat model can later replace or follow the compose step without
 * changing callers. Stateless: conversation flows (petitions, subscriptions) act on the intent.
 */
export function createAssistant(deps: AssistantDeps) {
  const retriever = new ProcedureRetriever(deps.catalog);

  async function compose(message: string, u: Understanding, context: RespondContext = {}): Promise<AssistantTurn> {
    const { content, index } = deps.catalog.current;
    const commune = content.commune;
    const turn = (reply: Reply, procedureId?: string): AssistantTurn => ({ message, understanding: u, reply, procedureId });
    switch (u.intent) {
      case 'procedure': {
        const procs = (u.confidence < CHOICE_BELOW ? u.close : [])
          .map((h) => index.get(h.id))
          .filter((p): p is Procedure => p !== undefined);
        if (procs.length >= 2) return turn(choiceAnswer(procs, commune));
        const top = u.results[0] && index.get(u.results[0].id);
        return top ? turn(procedureAnswer(top, commune, deps.links), top.id) : turn(outOfScopeAnswer(commune));
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

  const chain = RunnableSequence.from<ChainInput, AssistantTurn>([
    {
      message: (input: ChainInput) => input.message,
      docs: (input: ChainInput) => retriever.invoke(input.message),
      context: (input: ChainInput) => input.context,
    },
    RunnableLambda.from(
      async ({ message, docs, context }: { message: string; docs: Document<ProcedureDocumentMetadata>[]; context: RespondContext }) =>
        compose(message, understand(message, hitsFromDocuments(docs)), context),
    ),
  ]);

  /** Answers one resident message. Never throws for any text input. */
  async function respond(raw: string, context: RespondContext = {}): Promise<AssistantTurn> {
    const message = raw.normalize('NFC').slice(0, MAX_UNDERSTOOD_CHARS);
    const picked = PICK_PROCEDURE.exec(message.trim());
    const chosen = picked && deps.catalog.current.index.get(picked[1]!);
    if (chosen) {
      const u: Understanding = { intent: 'procedure', confidence: 1, results: [{ id: chosen.id, score: 1, strong: true, coverage: 1, nameTerms: [] }], close: [] };
      return compose(message, u, context);
    }
    return chain.invoke({ message, context });
  }

  return { respond, retriever };
}

export type Assistant = ReturnType<typeof createAssistant>;
