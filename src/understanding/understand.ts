import { fold } from '../catalog/fold.js';
import { isExampleIntent, type Intent } from '../catalog/intents.js';
import type { LabelModel, LabelScore } from './label-model.js';
import type { NameIndex } from './name-index.js';
import type { TaughtPhrases } from './taught-phrases.js';

/** What the understanding reads from: the learned model and the names of procedures it has not learned. */
export interface UnderstandingSources {
  model: LabelModel;
  /** Procedures without examples, found by their names and aliases. */
  names: NameIndex;
  /** The same preparation of text the model uses. */
  prepare: (text: string) => string;
  /** Messages and phrases taught word for word (corpus, staff): they decide first. */
  taught: TaughtPhrases;
}

/** Probability given to what was taught word for word. */
const TAUGHT = 0.97;

/** A procedure the message may be about, with the model's probability for it. */
export interface ProcedureCandidate {
  id: string;
  score: number;
}

/**
 * How sure the assistant is, which decides the reply: `sure` answers; `likely` answers the best
 * procedure and offers the close alternatives; `unsure` asks which one; `none` says plainly that
 * nothing fits and offers the hotline and the feedback form.
 */
export type Certainty = 'sure' | 'likely' | 'unsure' | 'none';

/** What the assistant made of one message. */
export interface Understanding {
  intent: Intent;
  /** 0..1: the model's probability for the decided intent (or, for procedures, the top one). */
  confidence: number;
  certainty: Certainty;
  /** Procedures by probability (a few, even for other intents: reports and follow-ups use them). */
  results: ProcedureCandidate[];
  /** Alternatives to offer beside or instead of an answer (empty when sure). */
  choices: ProcedureCandidate[];
  /** Petition tracking code found in the message, e.g. PA-2026-000123. */
  petitionCode?: string;
  /** Placed by a life event the resident told (src/assistant/assistant.ts withLifeEvent), not by the model alone. */
  byLifeEvent?: true;
  /**
   * For a procedure reading: the likeliest other intent and its probability. The chat weighs it where
   * the words say more than the model ("hồ sơ xin phép xây nhà nộp tháng trước giờ đến đâu rồi" reads
   * the building permit 0.55, where one's file stands 0.39).
   */
  runnerUpIntent?: { intent: Intent; confidence: number };
}

/** The thresholds of the one policy; calibrated by cross-validation (see bench/quality.ts). */
export interface UnderstandingPolicy {
  /** At or above: answer without alternatives. Keeps "confidently wrong" under 2 % of procedure messages. */
  sureAt: number;
  /** At or above (and below sureAt): answer and offer alternatives. Below: ask which procedure. */
  likelyAt: number;
  /**
   * A best procedure under likelyAt is still answered (with alternatives) when it stands out: at
   * least this likely and `clearLead` times the runner-up. Probabilities spread over a hundred labels
   * stay low for a message that tells a situation in its own words, even when one reading is plain.
   */
  leadAt: number;
  clearLead: number;
  /** Below this for the best label of all: nothing fits. */
  noneBelow: number;
  /** How many procedures to report and offer at most. */
  maxResults: number;
  maxChoices: number;
}

export const defaultPolicy: UnderstandingPolicy = {
  sureAt: 0.7,
  likelyAt: 0.3,
  leadAt: 0.15,
  clearLead: 2,
  noneBelow: 0.08,
  maxResults: 5,
  maxChoices: 3,
};

export const PETITION_CODE = /\bPA-(\d{4})-(\d{6})\b/i;

/**
 * "thôi hủy nhận tin nhắn của xã", "dừng nhận tin giúp em", "e muốn bỏ theo dõi tin xã": the words of
 * subscribing under a verb that stops it. The model weighs "muốn … theo dõi" and misses the one word
 * that turns it around (the last read as subscribing at 0.78), and subscribing someone who asked to
 * stop is the worst answer there is: the reading is turned, at the model's confidence. Folded, except
 * "bỏ": unmarked, "bo" is also "bố" ("cho bố theo dõi tin xã"). The verb right before, but for "hủy":
 * folded, "thời gian nhận tin", "dùng Zalo nhận tin" would stop nothing.
 */
const STOPS_THE_NEWS_FOLDED = /\b(?:huy(?: \p{L}+)?|ngung|dung|tat|thoi) (?:nhan tin|nhan thong bao|theo doi|dang ky nhan)\b|\bkhong (?:muon |can )?nhan (?:tin|thong bao)(?: \p{L}+){0,4} nua\b/u;
const STOPS_THE_NEWS_MARKED = /(?:^|\s)bỏ(?:\s+\p{L}+)?\s+(?:nhận tin|nhận thông báo|theo dõi|đăng ký nhận)(?=\s|$|[,.!?])/u;
function stopsTheNews(message: string): boolean {
  return STOPS_THE_NEWS_FOLDED.test(fold(message)) || STOPS_THE_NEWS_MARKED.test(message.toLowerCase().normalize('NFC'));
}

/**
 * A procedure found only by name competes with the learned ones through the square of its cosine
 * similarity: a message that is nearly its name (0.9 → 0.81) wins, a loose resemblance (0.4 → 0.16)
 * wins only when nothing learned is likely.
 */
function nameScore(similarity: number): number {
  return similarity * similarity;
}

/** Every label with a score, learned ones and name matches together, best first. */
function scoreLabels(sources: UnderstandingSources, message: string, limit: number): LabelScore[] {
  const prepared = sources.prepare(message);
  let scores = sources.model.classify(message);
  if (sources.names.size > 0) {
    const byName = sources.names.nearest(prepared, limit).map((m) => ({ label: m.id, probability: nameScore(m.similarity) }));
    scores = [...scores, ...byName];
  }
  const taught = sources.taught.lookup(prepared);
  if (taught.length > 0) {
    scores = [
      ...taught.map((label) => ({ label, probability: TAUGHT / taught.length })),
      ...scores.filter((s) => !taught.includes(s.label)).map((s) => ({ label: s.label, probability: s.probability * (1 - TAUGHT) })),
    ];
  }
  return scores.sort((a, b) => b.probability - a.probability);
}

function procedureCandidates(scores: readonly LabelScore[], limit: number): ProcedureCandidate[] {
  return scores
    .filter((s) => !isExampleIntent(s.label))
    .slice(0, limit)
    .map((s) => ({ id: s.label, score: s.probability }));
}

/**
 * Decides what a message is about from the learned model's probabilities, by one policy. A
 * petition code is a format, not language, and is read directly. A message with no words (emoji,
 * punctuation) is a greeting. Never throws, whatever the input.
 */
export function understandWith(sources: UnderstandingSources, message: string, policy: UnderstandingPolicy = defaultPolicy): Understanding {
  const code = PETITION_CODE.exec(message);
  if (code) {
    return { intent: 'status', confidence: 1, certainty: 'sure', results: [], choices: [], petitionCode: code[0].toUpperCase() };
  }
  if (!fold(message)) return { intent: 'greeting', confidence: 0.3, certainty: 'likely', results: [], choices: [] };

  const scores = scoreLabels(sources, message, policy.maxResults);
  const best = scores[0];
  if (!best) return { intent: 'procedure', confidence: 0, certainty: 'none', results: [], choices: [] };
  const results = procedureCandidates(scores, policy.maxResults);
  const top = results[0];
  const second = results[1]?.score ?? 0;
  const leads = !!top && top.score >= policy.leadAt && top.score >= policy.clearLead * second;
  // "Nothing of ours" only barely ahead of a procedure that stands out is no answer: the procedure
  // is offered with its alternatives (a wrong guess costs one tap; a wrong "out of scope" loses the resident).
  const weakNone = best.label === 'out_of_scope' && best.probability < policy.likelyAt && leads;
  if (isExampleIntent(best.label) && !weakNone) {
    const certainty: Certainty = best.probability >= policy.sureAt ? 'sure' : 'likely';
    const intent = best.label === 'subscribe' && stopsTheNews(message) ? 'unsubscribe' : best.label;
    return { intent, confidence: best.probability, certainty, results, choices: [] };
  }
  if (!top || top.score < policy.noneBelow) return { intent: 'procedure', confidence: top?.score ?? 0, certainty: 'none', results, choices: [] };
  const certainty: Certainty = top.score >= policy.sureAt ? 'sure' : top.score >= policy.likelyAt || leads ? 'likely' : 'unsure';
  const otherIntent = scores.find((s) => isExampleIntent(s.label));
  return {
    ...(otherIntent && { runnerUpIntent: { intent: otherIntent.label as Intent, confidence: otherIntent.probability } }),
    intent: 'procedure',
    confidence: top.score,
    certainty,
    results,
    // Below "sure" the runners-up are always offered: a wrong guess then costs one tap.
    choices: certainty === 'sure' ? [] : results.slice(0, policy.maxChoices),
  };
}
