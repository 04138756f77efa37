import { fold } from './fold.js';
import type { Synonyms } from './schema.js';

/**
 * Returns a function that lists the official terms for the colloquial phrases found in a query
 * ("mất sổ đỏ" → ["giấy chứng nhận quyền sử dụng đất"]). Matching is on folded text, so "so do"
 * works as well as "sổ đỏ". The caller searches them beside the query's own words, which stay:
 * they may match aliases directly.
 */
export function createSynonymExpander(synonyms: Synonyms): (query: string) => string[] {
  // Phrases padded with spaces once: a whole-syllable match is then one substring test per rule.
  const rules = synonyms.groups.flatMap((g) =>
    g.colloquial.map((c) => ({ phrase: ` ${fold(c)} `, officialFolded: ` ${fold(g.official)} `, official: g.official })),
  );
  return (query) => {
    const padded = ` ${fold(query)} `;
    const additions = new Set<string>();
    for (const rule of rules) {
      if (padded.includes(rule.phrase) && !padded.includes(rule.officialFolded)) {
        additions.add(rule.official);
      }
    }
    return [...additions];
  };
}
