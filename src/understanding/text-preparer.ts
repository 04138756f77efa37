import { fold } from '../catalog/fold.js';
import { createSynonymExpander } from '../catalog/synonyms.js';
import type { Shorthand, Synonyms } from '../catalog/schema.js';

/**
 * The model's view of a message: folded, chat short forms written out ("ko" → "khong", "gks" →
 * "giay khai sinh"), then the official terms of the colloquial phrases it contains appended
 * ("so do" → "… quyen su dung dat"). Training and answering use the same function.
 */
export function createTextPreparer(content: { shorthand: Shorthand; synonyms: Synonyms }): (text: string) => string {
  const words = new Map(Object.entries(content.shorthand.words));
  const expand = createSynonymExpander(content.synonyms);
  return (text) => {
    const folded = fold(text)
      .split(' ')
      .map((w) => words.get(w) ?? w)
      .join(' ');
    const additions = expand(folded);
    return additions.length ? `${folded} ${fold(additions.join(' '))}` : folded;
  };
}
