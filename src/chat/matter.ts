import type { Understanding } from '../understanding/understand.js';
import type { TurnOutcome } from './context.js';
import type { UserState } from './state.js';
import { activeTopic, TOPIC_TTL_MS } from './topic.js';

/**
 * The resident's own matter the conversation is about when it is not a procedure: a file handed in
 * (status) or a complaint (feedback). "vậy bao giờ có kết quả" after "hồ sơ khai sinh nộp từ thứ 2
 * chưa thấy gì" is about that file, though by itself it names nothing.
 */
const MATTER_INTENTS = ['status', 'feedback'] as const;
type MatterIntent = (typeof MATTER_INTENTS)[number];
const isMatterIntent = (intent: string | undefined): intent is MatterIntent => MATTER_INTENTS.includes(intent as MatterIntent);
/** Under this, a reading of another kind is unclear, and the matter may explain the message. */
const UNCLEAR_BELOW = 0.5;

/**
 * A reading that says little by itself: an unsure procedure, or nothing in scope, or a matter
 * intent, under UNCLEAR_BELOW. A request of its own, however unsure ("số một cửa là gì": the
 * hotline), is not read as the matter.
 */
function unclear(u: Understanding): boolean {
  if (u.intent === 'procedure') return u.certainty === 'unsure' || u.certainty === 'none';
  return (u.intent === 'out_of_scope' || isMatterIntent(u.intent)) && u.confidence < UNCLEAR_BELOW;
}

/**
 * Reads an unclear message with the words that opened the resident's matter; the matter's reading
 * is taken only when it is the same matter.
 */
export function readWithMatter(state: UserState, now: Date, text: string, alone: Understanding, understand: (text: string) => Understanding): Understanding {
  const matter = state.matter;
  if (!matter || now.getTime() - new Date(matter.at).getTime() > TOPIC_TTL_MS || !unclear(alone)) return alone;
  // While a procedure is the topic, an unclear message may be a follow-up on it ("tóm tắt lại thủ
  // tục liên thông đó" after asking where a file stands): src/chat/topic.ts reads it.
  if (activeTopic(state, now)) return alone;
  const read = understand(`${matter.words}. ${text}`);
  return read.intent === matter.intent ? read : alone;
}

/** After a turn: a matter answered is remembered (with the words that opened it), a procedure ends it. */
export function rememberMatter(state: UserState, now: Date, text: string, outcome: TurnOutcome | undefined): void {
  if (!outcome) return;
  if (outcome.intent === 'procedure') {
    delete state.matter;
    return;
  }
  if (!isMatterIntent(outcome.intent)) return;
  const words = state.matter?.intent === outcome.intent ? state.matter.words : text.slice(0, 300);
  state.matter = { intent: outcome.intent, at: now.toISOString(), words };
}
