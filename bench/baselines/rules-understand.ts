// BENCHMARK BASELINE ONLY: the rule-based understanding the assistant used before the learned model
// (src/assistant as of 2026-11-22), kept unchanged so `npm run bench -- quality` can compare the two.
// Nothing in src/ imports it.
import { containsPhrase, fold } from '../../src/catalog/fold.js';
import { STOP_WORDS, isBigram } from '../../src/catalog/terms.js';
import type { SearchHit } from '../../src/catalog/search-index.js';
import { findCues, type CueMatch, type Intent } from './rules-intent-cues.js';

/** What the assistant made of one message. */
export interface Understanding {
  intent: Intent;
  /** 0..1: how sure the assistant is of `intent` (and, for procedures, of the top result). */
  confidence: number;
  /** Ranked procedures (empty when none fits). */
  results: SearchHit[];
  /** Petition tracking code found in the message, e.g. PA-2026-000123. */
  petitionCode?: string;
  /** Procedures close enough to the top one to offer as a choice instead of guessing. */
  close: SearchHit[];
}

export const PETITION_CODE = /\bPA-(\d{4})-(\d{6})\b/i;
/** Greeting-only messages are short; a long message that starts with "chào" asks something. */
const MAX_GREETING_SYLLABLES = 5;
/** Second and third results within this share of the top score are offered as choices. */
const CLOSE_RATIO = 0.65;

const CUE_CONFIDENCE = { strong: 0.9, weak: 0.6 } as const;
/**
 * Weak cues ("điện thoại", "ở đâu") are everyday words: "mua điện thoại ở đâu rẻ" is not for the
 * commune. They decide only in a short message or beside a word about the commune's services.
 */
const WEAK_CUE_MAX_SYLLABLES = 4;
const COMMUNE_CONTEXT = ['xa', 'phuong', 'uy ban', 'ubnd', 'mot cua', 'can bo', 'cong an', 'bo phan', 'chu tich',
  'thu tuc', 'ho so', 'hanh chinh', 'dich vu cong', 'tiep dan', 'chinh quyen', 'le phi', 'giay to', 'dang ki', 'chung thuc'];

function hasCommuneContext(foldedMessage: string): boolean {
  return COMMUNE_CONTEXT.some((w) => containsPhrase(foldedMessage, w));
}

/**
 * A procedure beats another strong cue (hotline, hours, online guide) only when the message says
 * most of its name or of one alias: "số điện thoại để đăng ký kết hôn" is still about the procedure,
 * "gọi ai khi cán bộ gây khó dễ" is not about complaints procedure just because it says "cán bộ".
 */
const OVERRIDE_COVERAGE = 0.5;

function contentSyllables(message: string): string[] {
  return fold(message).split(' ').filter((s) => s && !STOP_WORDS.has(s));
}

/**
 * Confidence of the top procedure: how it matched (a two-syllable term of its name or an alias),
 * how much of one name or alias the message says, and how far it stands above the runner-up.
 */
function procedureConfidence(hits: SearchHit[]): number {
  const [top, second] = hits;
  if (!top) return 0;
  const margin = second ? Math.max(0, (top.score - second.score) / top.score) : 1;
  const base = top.strong ? 0.55 : top.nameTerms.length >= 2 ? 0.3 : 0.15;
  return Math.min(1, base + 0.25 * top.coverage + 0.3 * margin);
}

function closeMatches(hits: SearchHit[]): SearchHit[] {
  const [top, ...rest] = hits;
  if (!top) return [];
  const close = rest.filter((h) => h.score >= top.score * CLOSE_RATIO && (h.strong || !top.strong)).slice(0, 2);
  return close.length ? [top, ...close] : [];
}

function fromCue(cue: CueMatch, results: SearchHit[]): Understanding {
  return { intent: cue.intent, confidence: CUE_CONFIDENCE[cue.strength], results, close: [] };
}

/**
 * Decides what a resident's message is about. Rules, in order: a petition code means status; a
 * decisive cue (phản ánh, hủy nhận tin…) wins; a procedure named in the message wins over weaker
 * cues; a weak cue decides when no procedure fits; a loose procedure match is offered as choices;
 * anything else is out of scope. Never throws, whatever the input.
 */
export function understand(message: string, results: SearchHit[]): Understanding {
  const code = PETITION_CODE.exec(message);
  if (code) {
    return { intent: 'status', confidence: 1, results, petitionCode: code[0].toUpperCase(), close: [] };
  }
  const cues = findCues(message);
  const strongCue = cues.find((c) => c.strength === 'strong');
  const top = results[0];
  const confident = top?.strong === true;

  const overrides = confident && top.coverage >= OVERRIDE_COVERAGE;
  if (strongCue && (strongCue.decisive || !overrides)) return fromCue(strongCue, results);
  if (confident) {
    return { intent: 'procedure', confidence: procedureConfidence(results), results, close: closeMatches(results) };
  }
  const folded = fold(message);
  const syllableCount = folded.split(' ').filter(Boolean).length;
  const weakCue = cues.find((c) => c.strength === 'weak' && c.intent !== 'greeting');
  if (weakCue && (syllableCount <= WEAK_CUE_MAX_SYLLABLES || hasCommuneContext(folded))) return fromCue(weakCue, results);

  const greeting = cues.find((c) => c.intent === 'greeting');
  if (greeting && syllableCount <= MAX_GREETING_SYLLABLES) return fromCue(greeting, []);
  if (syllableCount === 0) return { intent: 'greeting', confidence: 0.3, results: [], close: [] };

  // A two-syllable term of a name or alias matched only through a typo: offer it, with choices.
  if (top && top.nameTerms.some(isBigram) && contentSyllables(message).length > 0) {
    return { intent: 'procedure', confidence: procedureConfidence(results), results, close: closeMatches(results) };
  }
  return { intent: 'out_of_scope', confidence: 0.5, results: [], close: [] };
}
