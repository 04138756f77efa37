import { containsPhrase, fold } from './fold.js';
import type { Synonyms } from './schema.js';

/**
 * Returns a function that lists the official terms for the colloquial phrases found in a query
 * ("mất sổ đỏ" → ["giấy chứng nhận quyền sử dụng đất"]). Matching is on folded text, so "so do"
 * works as well as "sổ đỏ". The caller searches them beside the query's own words, which stay:
 * they may match aliases directly.
 */
export function createSynonymExpander(synonyms: Synonyms): (query: string) => string[] {
  const rules = synonyms.groups.flatMap((g) =>
    g.colloquial.map((c) => ({ phrase: fold(c), official: g.official })),
  );
  return (query) => {
    const folded = fold(query);
    const additions = new Set<string>();
    for (const rule of rules) {
      if (containsPhrase(folded, rule.phrase) && !containsPhrase(folded, fold(rule.official))) {
        additions.add(rule.official);
      }
    }
    return [...additions];
  };
}
