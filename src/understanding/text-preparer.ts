import { fold } from '../catalog/fold.js';
import { createSynonymExpander } from '../catalog/synonyms.js';
import type { Shorthand, Synonyms } from '../catalog/schema.js';

/**
 * The model's view of a message: folded, chat short forms written out ("ko" → "khong", "gks" →
 * "giay khai sinh"), phrases whose words mislead rewritten ("mat bao lau" → "het bao lau"), then
 * the official terms of the colloquial phrases it contains appended ("so do" → "… quyen su dung
 * dat"). Training and answering use the same function.
 */
export function createTextPreparer(content: { shorthand: Shorthand; synonyms: Synonyms }): (text: string) => string {
  const writeOut = shortFormWriter(content.shorthand);
  const expand = createSynonymExpander(content.synonyms);
  return (text) => {
    const folded = writeOut(text);
    const additions = expand(folded);
    return additions.length ? `${folded} ${fold(additions.join(' '))}` : folded;
  };
}

const writers = new WeakMap<Shorthand, (text: string) => string>();

/**
 * The resident's words with chat short forms written out and misleading phrases rewritten, folded,
 * nothing added: where a rule looks for what the resident said ("đã đk" → "da dang ky"), the
 * official terms the model's view appends ("tiền mai táng" → "chi phí mai táng") were not said.
 */
export function shortFormWriter(shorthand: Shorthand): (text: string) => string {
  let writer = writers.get(shorthand);
  if (!writer) {
    const words = new Map(Object.entries(shorthand.words));
    const rewritePhrases = phraseRewriter(shorthand.phrases);
    writer = (text) =>
      rewritePhrases(
        fold(text)
          .split(' ')
          .map((w) => words.get(w) ?? w)
          .join(' '),
      );
    writers.set(shorthand, writer);
  }
  return writer;
}

/** Replaces whole phrases (longest first, on word boundaries) in folded text. */
function phraseRewriter(phrases: Record<string, string>): (folded: string) => string {
  const entries = Object.entries(phrases).sort((a, b) => b[0].length - a[0].length);
  if (entries.length === 0) return (folded) => folded;
  const pattern = new RegExp(`(?<=^| )(?:${entries.map(([p]) => p).join('|')})(?= |$)`, 'g');
  const replacement = new Map(entries);
  return (folded) => folded.replace(pattern, (p) => replacement.get(p)!);
}
