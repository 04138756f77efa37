import { RunnableLambda } from '@langchain/core/runnables';
import type { Catalog } from '../catalog/catalog.js';
import { caseLacks, conditionalStepTold, lifeEventIn } from './life-event-match.js';
import { publicFacts } from '../catalog/public-facts.js';
import { ProcedureRetriever } from '../catalog/retriever.js';
import { FACET_IDS, type Facet, type LifeEvent, type Procedure } from '../catalog/schema.js';
import { defaultPolicy, understandWith, type Understanding } from '../understanding/understand.js';
import { withNotWhen } from '../understanding/not-applying.js';
import { shortFormWriter } from '../understanding/text-preparer.js';
import { fold } from '../catalog/fold.js';
import {
  choiceAnswer,
  greetingAnswer,
  hotlineAnswer,
  hoursAnswer,
  lifeEventAnswer,
  lifeEventGreeting,
  newsPointerAnswer,
  noMatchAnswer,
  onlineGuideAnswer,
  outOfScopeAnswer,
  PICK_PAYLOAD,
  withAlternatives,
  type AnswerLinks,
} from './answers.js';
import { feedbackStartAnswer, statusPromptAnswer, subscribeQuestionAnswer, unsubscribeQuestionAnswer } from './flow-answers.js';
import { FACET_PAYLOAD, procedureReply } from './procedure-replies.js';
import type { Reply } from './reply.js';
import type { Executor } from '../store/database.js';

/** Zalo's limit for one message; longer letters are still read whole (the model reads any length). */
export const MAX_UNDERSTOOD_CHARS = 4000;
/** A non-procedure reading this sure is not overridden by a life event the message mentions. */
const CLEAR_NON_PROCEDURE = 0.6;
/** Up to this many words, a message that tells a life event is about it. */
const EVENT_IS_SUBJECT_WORDS = 20;
/** In a longer message, one of the event's steps must be among the model's this many likeliest. */
const EVENT_STEP_WITHIN = 3;
/**
 * A procedure reading this likely (though not sure) stands against a life event the message tells:
 * the event is background ("giấy phép kinh doanh thất lạc lúc chuyển nhà") or the model read which
 * of its cases it is ("chia đất cho hai con, mỗi đứa một sổ" → splitting the plot).
 */
const READING_OUTWEIGHS_EVENT = 0.5;
/** The topic read this likely among a message's first three procedures: the message is about it, an event told is background. */
const TOPIC_SEEN = 0.1;
/**
 * A conditional step of the event the model reads first stands when the message says its condition:
 * likely by itself (the policy's likelyAt), this many times likelier than any of the event's
 * unconditional steps, and the message (as the model reads it, official terms appended) holds
 * CONDITION_WORDS words of the step's name that no unconditional step's name has ("sắp cưới anh
 * người Hàn Quốc" → "… yếu tố nước ngoài": the foreign marriage, not the marriage at the commune).
 * The model alone is not enough: it reads "ông nội em vừa mất hôm qua" as a veteran's death benefits
 * at 0.44, and "chia đất cho hai con" as dividing an inheritance at 0.38.
 */
const CONDITION_READ_LEAD = 4;
const CONDITION_WORDS = 2;

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

/** What to answer: the message, what it was understood as, and the facet asked (if any). */
export interface AnswerRequest {
  message: string;
  understanding: Understanding;
  facet?: Facet;
  /** A follow-up on the conversation's topic: no life-event guide, no condolence again. */
  followUp?: boolean;
  /** Where the assistant may read from while answering (the caller's transaction, if any). */
  db?: Executor;
}

export interface AssistantTurn {
  message: string;
  understanding: Understanding;
  /** The facet answered ('overview' when the whole procedure was summarised). */
  facet?: Facet;
  reply: Reply;
  /** The procedure answered, if any (the conversation's topic, ratings, reports). */
  procedureId?: string;
  /** Procedures offered as a numbered list, in order: typing "2" picks the second. */
  numbered: string[];
  /**
   * The procedures offered in place of the one answered (alternatives, or the list to choose
   * from): picking one of them means the answer missed. Steps of a life event are not alternatives.
   */
  alternatives?: string[];
}

/** A button the resident pressed, or its typed equivalent: a procedure, maybe a facet of it. */
export interface Pick {
  procedureId: string;
  facet?: Facet;
}

const PICK = new RegExp(`^${PICK_PAYLOAD}\\s+([a-z0-9-]+)$`);
const FACET_PICK = new RegExp(`^${FACET_PAYLOAD}\\s+([a-z0-9-]+)\\s+([a-z]+)$`);

/**
 * The answer engine: understand (the learned model and one policy) → compose (content), as a
 * LangChain Runnable so a chat model can later replace or follow the compose step without
 * changing callers. Stateless: the chat core keeps the conversation (topic, pending choices).
 */
export function createAssistant(deps: AssistantDeps) {
  const retriever = new ProcedureRetriever(deps.catalog);

  /** What one message is about, by itself (the chat reads it again with its topic when needed). */
  function understand(raw: string): Understanding {
    return understandWith(deps.catalog.current.understanding, raw.normalize('NFC').slice(0, MAX_UNDERSTOOD_CHARS));
  }

  /** The procedure (and facet) a button or typed pick names, if it is one of ours. */
  function pickOf(message: string): Pick | undefined {
    const text = message.trim();
    const facetPick = FACET_PICK.exec(text);
    if (facetPick && deps.catalog.current.index.get(facetPick[1]!) && (FACET_IDS as readonly string[]).includes(facetPick[2]!)) {
      return { procedureId: facetPick[1]!, facet: facetPick[2] as Facet };
    }
    const pick = PICK.exec(text);
    return pick && deps.catalog.current.index.get(pick[1]!) ? { procedureId: pick[1]! } : undefined;
  }

  /** A life event the message tells, whose unconditional steps include the procedure understood. */
  function lifeEventOf(message: string, procedureId: string): { event: LifeEvent; guide: boolean } | undefined {
    const event = lifeEventIn(deps.catalog.current.content.lifeEvents, message);
    if (!event) return undefined;
    return { event, guide: event.steps.some((s) => !s.when && s.procedure === procedureId) };
  }

  function procedureTurn(r: AnswerRequest, top: Procedure, turn: (reply: Reply, extra?: Partial<AssistantTurn>) => AssistantTurn): AssistantTurn {
    const { content, index } = deps.catalog.current;
    const commune = content.commune;
    const life = r.followUp ? undefined : lifeEventOf(r.message, top.id);
    if (life?.guide && !r.facet) {
      const procedures = new Map(life.event.steps.flatMap((s) => (index.get(s.procedure) ? [[s.procedure, index.get(s.procedure)!] as const] : [])));
      return turn(lifeEventAnswer(life.event, procedures, commune), { procedureId: top.id, facet: 'overview', numbered: life.event.steps.map((s) => s.procedure) });
    }
    let reply = procedureReply(publicFacts(top, commune, deps.links.procedurePage(top.id)), r.facet, content.facets.facets);
    if (life) reply = { ...reply, text: `${lifeEventGreeting(life.event)}\n${reply.text.replace(/^Dạ, /, '')}` };
    if (r.understanding.certainty === 'likely' || r.understanding.certainty === 'unsure') {
      const alternatives = r.understanding.choices.slice(1).flatMap((c) => (index.get(c.id) ? [index.get(c.id)!] : []));
      return turn(withAlternatives(reply, alternatives), { procedureId: top.id, facet: r.facet ?? 'overview', numbered: alternatives.slice(0, 2).map((a) => a.id), alternatives: alternatives.slice(0, 2).map((a) => a.id) });
    }
    return turn(reply, { procedureId: top.id, facet: r.facet ?? 'overview' });
  }

  async function compose(r: AnswerRequest): Promise<AssistantTurn> {
    const { content, index } = deps.catalog.current;
    const commune = content.commune;
    const u = r.understanding;
    const turn = (reply: Reply, extra: Partial<AssistantTurn> = {}): AssistantTurn => ({ message: r.message, understanding: u, reply, numbered: [], ...extra });
    switch (u.intent) {
      case 'procedure': {
        const top = u.results[0] && index.get(u.results[0].id);
        if (!top || u.certainty === 'none') return turn(noMatchAnswer(commune));
        // A facet asked about a procedure the model cannot pin down: answer the likeliest on that
        // facet and offer the others, rather than a bare list.
        if (u.certainty === 'unsure' && !r.facet) {
          const procs = u.choices.flatMap((c) => (index.get(c.id) ? [index.get(c.id)!] : []));
          // The likeliest stays the topic: a follow-up ("cần gì") without a pick is about it.
          return turn(choiceAnswer(procs, commune), { procedureId: top.id, numbered: procs.slice(0, 3).map((p) => p.id), alternatives: procs.slice(0, 3).map((p) => p.id) });
        }
        return procedureTurn(r, top, turn);
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
        return turn(newsPointerAnswer((await deps.latestNews?.(r.db)) ?? [], commune));
      case 'feedback':
        return turn(feedbackStartAnswer(commune));
      case 'status':
        return turn(statusPromptAnswer(commune));
      // Acted on by the news capability when it is sure; here only when it was not: ask.
      case 'subscribe':
        return turn(subscribeQuestionAnswer());
      case 'unsubscribe':
        return turn(unsubscribeQuestionAnswer());
      case 'out_of_scope':
        return turn(outOfScopeAnswer(commune));
    }
  }

  const chain = RunnableLambda.from(compose);

  /** Answers one resident message understood by itself (no conversation). Never throws for any text. */
  async function respond(raw: string, context: { db?: Executor } = {}): Promise<AssistantTurn> {
    const message = raw.normalize('NFC');
    const pick = pickOf(message);
    const understanding = pick ? pickedUnderstanding(pick.procedureId) : readAlone(message);
    return chain.invoke({ message, understanding, facet: pick?.facet, db: context.db });
  }

  /** A message understood by itself, as a search or a first message is: within a life event it tells, and not as a procedure its words rule out. */
  function readAlone(message: string): Understanding {
    return notRuledOut(message, withLifeEvent(message, understand(message)));
  }

  /** A procedure the resident's own words rule out gives way to the one that applies then (catalog's `not_when`). */
  function notRuledOut(message: string, u: Understanding): Understanding {
    const { content, index } = deps.catalog.current;
    return withNotWhen(message, u, (id) => index.get(id)?.not_when ?? [], shortFormWriter(content.shorthand));
  }

  /** The model's best reading is a conditional step of the event, well ahead of every unconditional one, whose condition the message says. */
  function readsCondition(message: string, u: Understanding, steps: readonly string[], unconditional: readonly string[]): boolean {
    const top = u.results[0]!;
    const bestUnconditional = Math.max(0, ...u.results.filter((r) => unconditional.includes(r.id)).map((r) => r.score));
    if (!steps.includes(top.id) || top.score < defaultPolicy.likelyAt || top.score < CONDITION_READ_LEAD * bestUnconditional) return false;
    // Words of three letters or more: "có", "tố" say nothing by themselves.
    const nameWords = (id: string) => fold(deps.catalog.current.index.get(id)?.name ?? '').split(' ').filter((w) => w.length >= 3);
    const plain = new Set(unconditional.flatMap(nameWords));
    const said = new Set(deps.catalog.current.understanding.prepare(message).split(' '));
    return new Set(nameWords(top.id).filter((w) => !plain.has(w) && said.has(w))).size >= CONDITION_WORDS;
  }

  /**
   * A message that tells a life event ("bố tôi mất hôm qua") is read within that event: when the
   * model cannot place it, it is about the event's first step; when the model's best procedure is
   * not one of the event's steps and it is not sure, the likeliest step goes first. `topic`: the
   * conversation's topic, if any (what the resident wrote when it was set may have told the event).
   */
  function withLifeEvent(message: string, u: Understanding, topic?: { words?: string; procedureId: string }): Understanding {
    const told = caseOfLifeEvent(message, u, topic);
    if (told) return told;
    if (u.intent === 'procedure' ? u.certainty === 'sure' : u.confidence >= CLEAR_NON_PROCEDURE) return u;
    const event = lifeEventIn(deps.catalog.current.content.lifeEvents, message);
    if (!event) return u;
    // Told again while one of its steps is the topic ("còn bà nội, giờ ba mất rồi không ai nuôi"), the
    // event is background: the family is already being guided through it. So it is when the message
    // itself reads the topic among its first procedures ("bố tôi mất rồi thì ai đi làm thủ tục chấm
    // dứt được" while closing the father's business: the closing 0.14, third).
    if (topic && event.steps.some((s) => s.procedure === topic.procedureId)) return u;
    if (topic && u.intent === 'procedure' && u.results.slice(0, 3).some((r) => r.id === topic.procedureId && r.score >= TOPIC_SEEN)) return u;
    const known = event.steps.filter((s) => deps.catalog.current.index.get(s.procedure));
    const steps = known.map((s) => s.procedure);
    // Conditional steps ("if the deceased was a veteran…") are only for messages that say so.
    const unconditional = known.filter((s) => !s.when).map((s) => s.procedure);
    if (u.intent === 'procedure' && u.certainty === 'likely' && (unconditional.includes(u.results[0]!.id) || u.confidence >= READING_OUTWEIGHS_EVENT)) return u;
    if (u.intent === 'procedure' && u.certainty === 'likely' && readsCondition(message, u, steps, unconditional)) return u;
    // In a short message the event is the subject; in a long letter ("cha tôi mất năm 1994, …") it
    // may be background, so it counts only where the model itself sees one of its steps.
    if (message.split(/\s+/).length > EVENT_IS_SUBJECT_WORDS && !u.results.slice(0, EVENT_STEP_WITHIN).some((r) => steps.includes(r.id))) return u;
    const scored = u.results.filter((r) => steps.includes(r.id));
    const entry = scored.find((r) => unconditional.includes(r.id))?.id ?? unconditional[0];
    if (!entry) return u;
    return {
      intent: 'procedure',
      confidence: 0.5,
      certainty: 'likely',
      results: [{ id: entry, score: 0.5 }, ...u.results.filter((r) => r.id !== entry)],
      choices: [{ id: entry, score: 0.5 }, ...scored.filter((r) => r.id !== entry).slice(0, 2)],
      byLifeEvent: true,
    };
  }

  /**
   * A life event told together with the case of one of its conditional steps ("bà tôi đang hưởng
   * hưu trí xã hội vừa mất"): the model, even sure, reads the case (the pension) rather than what
   * the event now asks of the family (the funeral support for pensioners). That step goes first,
   * the event's first step beside it. `topic`: the conversation's topic; what the resident wrote
   * when it was set may have told the event.
   */
  function caseOfLifeEvent(message: string, u: Understanding, topic?: { words?: string; procedureId: string }): Understanding | undefined {
    const top = u.intent === 'procedure' ? u.results[0] : undefined;
    // In a long letter the event may be background to another question.
    if (!top || message.split(/\s+/).length > EVENT_IS_SUBJECT_WORDS) return undefined;
    // The event may have been told a message earlier ("bố tôi mất" … "ông đang lĩnh hưu trí xã hội").
    const toldHere = lifeEventIn(deps.catalog.current.content.lifeEvents, message);
    const event = toldHere ?? (topic?.words ? lifeEventIn(deps.catalog.current.content.lifeEvents, topic.words) : undefined);
    if (!event || event.steps.some((s) => s.procedure === top.id)) return undefined;
    // Told before, with the topic already the step of a case ("ông nhà tôi là thương binh, vừa mất":
    // the benefits of a person of merit), the case is known: a later message is not another one's.
    if (!toldHere && event.steps.some((s) => s.when && s.procedure === topic?.procedureId)) return undefined;
    const topName = deps.catalog.current.index.get(top.id)?.name ?? '';
    const step = conditionalStepTold(event, `${message} ${topName}`);
    const first = event.steps.find((s) => !s.when)?.procedure;
    if (!step || !deps.catalog.current.index.get(step)) return undefined;
    // The case is the lack of what the resident now asks for ("nếu cha mẹ chưa đăng ký kết hôn" and
    // "hai vợ chồng muốn đăng ký kết hôn luôn"): they ask for that procedure, not for the case.
    if (caseLacks(event.steps.find((s) => s.procedure === step)?.when ?? '', topName)) return undefined;
    const choices = [step, ...(first && first !== step ? [first] : [])].map((id) => ({ id, score: 0.5 }));
    return { intent: 'procedure', confidence: 0.5, certainty: 'likely', results: [...choices, ...u.results.filter((r) => !choices.some((c) => c.id === r.id))], choices, byLifeEvent: true };
  }

  return { respond, answer: (r: AnswerRequest) => chain.invoke(r), understand, readAlone, withLifeEvent, pickOf, retriever };
}

/** What a pick means: the resident chose this procedure, no guessing needed. */
export function pickedUnderstanding(procedureId: string): Understanding {
  return { intent: 'procedure', confidence: 1, certainty: 'sure', results: [{ id: procedureId, score: 1 }], choices: [] };
}

export type Assistant = ReturnType<typeof createAssistant>;
