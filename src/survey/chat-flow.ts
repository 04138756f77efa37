import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import { fold } from '../catalog/fold.js';
import type { ChatContext, ChatHandler } from '../chat/context.js';
import { createChatWords } from '../chat/phrases.js';
import { typedNumber } from '../chat/typed-replies.js';
import { findByCode, isOwner } from '../petitions/repo.js';
import { SURVEY_CRITERIA, type SurveyScores } from './criteria.js';
import { answeredForPetition, insertResponse, petitionKey } from './repo.js';
import * as T from './texts.js';
import { SURVEY_PAYLOAD } from './texts.js';

const FLOW_KIND = 'survey';
const flowSchema = z.object({
  kind: z.literal(FLOW_KIND),
  step: z.literal('score'),
  startedAt: z.string(),
  data: z.object({ petitionId: z.string().nullable(), scores: z.array(z.number().int().min(1).max(5)) }),
});
type Flow = z.infer<typeof flowSchema>;

/** What residents type to take the survey, folded ("khảo sát" alone is too often about land). */
const START_PHRASES = ['danh gia hai long', 'phieu danh gia', 'khao sat hai long', 'danh gia muc do hai long', 'phieu khao sat'];
const STOP = new Set(['dung', 'dung lai', 'huy', 'thoi', 'de sau']);

/**
 * The satisfaction survey by chat: from the invitation sent when a petition is closed (its button
 * carries the petition code: one answer per petition, by its owner), or on "đánh giá hài lòng".
 * Five criteria, one message each, scored 1–5 by button or typed number; the answer is stored
 * after the fifth. Another flow (a petition draft, a quiz) is never interrupted.
 */
export function surveyChatHandler(deps: { catalog: Catalog }): ChatHandler {
  async function start(ctx: ChatContext, code: string | undefined): Promise<void> {
    let petitionId: string | null = null;
    if (code) {
      const p = await findByCode(ctx.tx, code, ctx.communeId);
      if (p && isOwner(p, { zaloUserId: ctx.userId, appUserId: ctx.event.userIdByApp })) {
        if (await answeredForPetition(ctx.tx, p.id)) return ctx.reply(T.alreadyAnswered());
        petitionId = p.id;
      }
    }
    const flow: Flow = { kind: FLOW_KIND, step: 'score', startedAt: ctx.now.toISOString(), data: { petitionId, scores: [] } };
    ctx.state.flow = { ...flow, data: { ...flow.data } };
    ctx.reply(T.question(0, T.START_LEAD));
  }

  async function score(ctx: ChatContext, flow: Flow, text: string, next: () => Promise<void>): Promise<void> {
    if (text === SURVEY_PAYLOAD.later || STOP.has(fold(text)) || createChatWords(deps.catalog.current.content.chatWords).isStop(text)) {
      delete ctx.state.flow;
      return ctx.reply(T.stopped());
    }
    const n = text.startsWith(`${SURVEY_PAYLOAD.score} `) ? Number(text.slice(SURVEY_PAYLOAD.score.length + 1)) : typedNumber(text);
    const index = flow.data.scores.length;
    if (n === undefined || !(n >= 1 && n <= 5)) {
      if (text.startsWith('#') && !text.startsWith(SURVEY_PAYLOAD.score)) await next();
      return ctx.reply(T.question(index, T.NOT_A_SCORE));
    }
    const scores = [...flow.data.scores, n];
    if (scores.length < SURVEY_CRITERIA.length) {
      ctx.state.flow = { ...flow, data: { ...flow.data, scores } };
      return ctx.reply(T.question(scores.length));
    }
    delete ctx.state.flow;
    const byCriterion = Object.fromEntries(SURVEY_CRITERIA.map((c, i) => [c.id, scores[i]!])) as SurveyScores;
    const stored = await insertResponse(ctx.tx, {
      communeId: ctx.communeId,
      source: 'chat',
      scores: byCriterion,
      petitionId: flow.data.petitionId,
      zaloUserId: ctx.userId,
      // One answer per petition; a survey asked for by words is keyed by its event.
      submissionKey: flow.data.petitionId ? petitionKey(flow.data.petitionId) : `chat:${ctx.eventId}`,
      now: ctx.now,
    });
    ctx.reply(stored ? T.thanks() : T.alreadyAnswered());
  }

  return async (ctx, next) => {
    if (ctx.event.kind !== 'text') return next();
    const text = ctx.event.text.normalize('NFC').trim();
    const flowState = ctx.state.flow;
    if (flowState?.kind === FLOW_KIND) {
      const parsed = flowSchema.safeParse(flowState);
      if (!parsed.success) {
        delete ctx.state.flow;
        return next();
      }
      return score(ctx, parsed.data, text, next);
    }
    if (flowState) return next();
    if (text === SURVEY_PAYLOAD.later) return ctx.reply(T.later());
    if (text === SURVEY_PAYLOAD.start || text.startsWith(`${SURVEY_PAYLOAD.start} `)) {
      return start(ctx, text.slice(SURVEY_PAYLOAD.start.length).trim() || undefined);
    }
    const f = fold(text);
    if (f.split(' ').length <= 8 && START_PHRASES.some((p) => ` ${f} `.includes(` ${p} `))) return start(ctx, undefined);
    return next();
  };
}
