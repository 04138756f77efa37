import type { Catalog } from '../catalog/catalog.js';
import { recordQuestion, pseudonymize } from '../insights/questions.js';
import { RATE_PAYLOAD } from '../insights/rating-handler.js';
import { noteQuestionAfter } from '../insights/followups.js';
import { questionSignature } from '../insights/unanswered.js';
import type { ChatHandler } from '../chat/context.js';
import { mentionsDocumentOf } from '../catalog/document-terms.js';
import { facetAsked, subjectOfFacetQuestion } from '../chat/phrases.js';
import { shortFormWriter } from '../understanding/text-preparer.js';
import { activeTopic, readInContext, topicAfter, type ContextualReading } from '../chat/topic.js';
import { pickedUnderstanding, type Assistant } from './assistant.js';

/**
 * The answer engine's part of the conversation: any text no earlier handler took. A message is
 * read in the light of the conversation's topic (follow-ups such as "còn lệ phí?"), answered on
 * the facet it asks, and recorded (pseudonymous user); a procedure answer is followed by the
 * "was this helpful?" question. Buttons of earlier answers (a procedure, a facet of it) are picks.
 */
export function assistantHandler(deps: { assistant: Assistant; catalog: Catalog; pseudonymKey: string }): ChatHandler {
  return async (ctx, next) => {
    if (ctx.event.kind !== 'text') return next();
    const text = ctx.event.text;
    const { content, index } = deps.catalog.current;
    const pick = deps.assistant.pickOf(text);
    const facet = pick ? pick.facet : facetAsked(content.facets, shortFormWriter(content.shorthand), text);
    const topic = activeTopic(ctx.state, ctx.now);
    const reading: ContextualReading = pick
      ? { understanding: pickedUnderstanding(pick.procedureId), followUp: true }
      : readInContext({
          message: text,
          alone: deps.assistant.withLifeEvent(text, ctx.understanding()!, topic),
          facet,
          topic,
          understand: deps.assistant.understand,
          topicName: (id) => index.get(id)?.name,
          paperForOthers: (id) => index.get(id)?.paper_for_others ?? false,
          mentionsDocument: (id, message, anyPaper) => mentionsDocumentOf(content.procedures, id, message, anyPaper),
          notWhen: (id) => index.get(id)?.not_when ?? [],
          writeOut: shortFormWriter(content.shorthand),
          subjectOfFacetQuestion: (message, asked) => subjectOfFacetQuestion(content.facets, shortFormWriter(content.shorthand)(message), asked),
        });
    const turn = await deps.assistant.answer({ message: text, understanding: reading.understanding, facet: reading.facet ?? facet, followUp: reading.followUp, db: ctx.tx });
    // Buttons are not questions: only what the resident wrote is recorded.
    const questionId = pick
      ? undefined
      : await recordQuestion(ctx.tx, {
          communeId: ctx.communeId,
          channel: 'zalo',
          userRef: pseudonymize(deps.pseudonymKey, 'zalo', ctx.userId),
          text,
          understanding: turn.understanding,
          at: ctx.now,
        });
    if (questionId) {
      await noteQuestionAfter(ctx.tx, ctx.state, ctx.now, { text, procedureId: turn.procedureId, facet: turn.facet });
      ctx.state.lastQuestion = {
        id: questionId,
        at: ctx.now.toISOString(),
        procedureId: turn.procedureId,
        facet: turn.facet,
        alternatives: turn.alternatives ?? [],
        signature: questionSignature(text),
      };
    }
    ctx.reply(turn.reply);
    ctx.outcome = { intent: turn.understanding.intent, results: turn.understanding.results.slice(0, 5), facet: turn.facet ?? null };

    const at = ctx.now.toISOString();
    if (turn.procedureId) {
      ctx.state.topic = topicAfter(topic, { procedureId: turn.procedureId, facet: turn.facet, message: text, followUp: reading.followUp, pick: pick !== undefined, now: ctx.now, paper: reading.paper });
      ctx.state.lastProcedureId = turn.procedureId;
    }
    const answered = turn.procedureId !== undefined && turn.facet !== undefined;
    const ratingFor = answered && turn.numbered.length === 0 ? questionId : undefined;
    ctx.state.pending = turn.numbered.length || ratingFor ? { choices: turn.numbered.length ? turn.numbered : undefined, ratingFor, at } : undefined;
    if (ratingFor) {
      ctx.reply({
        text: 'Thông tin này có hữu ích không ạ?',
        buttons: [
          { kind: 'query', title: 'Có, hữu ích', payload: `${RATE_PAYLOAD} 1 ${ratingFor}` },
          { kind: 'query', title: 'Chưa hữu ích', payload: `${RATE_PAYLOAD} 0 ${ratingFor}` },
        ],
      });
    }
  };
}
