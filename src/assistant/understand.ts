import { fold } from '../catalog/fold.js';
import { STOP_WORDS } from '../catalog/terms.js';
import type { SearchHit } from '../catalog/search-index.js';
import { findCues, type CueMatch, type Intent } from './intent-cues.js';

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
const CLOSE_RATIO = 0.8;

const CUE_CONFIDENCE = { strong: 0.9, weak: 0.6 } as const;

/** Intents whose strong cue wins even over a confident procedure match. */
const DECISIVE = new Set<Intent>(['feedback', 'status', 'subscribe', 'unsubscribe', 'news']);

function contentSyllables(message: string): string[] {
  return fold(message).split(' ').filter((s) => s && !STOP_WORDS.has(s));
}

/** Confidence of the top procedure: a name match, and how far it stands above the runner-up. */
function procedureConfidence(hits: SearchHit[]): number {
  const [top, second] = hits;
  if (!top) return 0;
  const margin = second ? Math.max(0, (top.score - second.score) / top.score) : 1;
  const base = top.strong ? 0.6 : top.nameTerms.length >= 2 ? 0.35 : 0.15;
  return Math.min(1, base + 0.4 * margin);
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

  if (strongCue && (DECISIVE.has(strongCue.intent) || !confident)) return fromCue(strongCue, results);
  if (confident) {
    return { intent: 'procedure', confidence: procedureConfidence(results), results, close: closeMatches(results) };
  }
  const weakCue = cues.find((c) => c.strength === 'weak' && c.intent !== 'greeting');
  if (weakCue) return fromCue(weakCue, results);

  const syllableCount = fold(message).split(' ').filter(Boolean).length;
  const greeting = cues.find((c) => c.intent === 'greeting');
  if (greeting && syllableCount <= MAX_GREETING_SYLLABLES) return fromCue(greeting, []);
  if (syllableCount === 0) return { intent: 'greeting', confidence: 0.3, results: [], close: [] };

  if (top && top.nameTerms.length >= 2 && contentSyllables(message).length > 0) {
    return { intent: 'procedure', confidence: procedureConfidence(results), results, close: closeMatches(results) };
  }
  return { intent: 'out_of_scope', confidence: 0.5, results: [], close: [] };
}
