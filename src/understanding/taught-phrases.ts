import { containsPhrase } from '../catalog/fold.js';

/**
 * What the assistant was told word for word, which decides before the model's weights do: a message
 * of the corpus or one staff labelled is answered as labelled, and a message containing a phrase
 * staff linked to a procedure is about that procedure. Takes effect at once when staff teach
 * something; the retrained model then generalises it to other wordings.
 */
export interface TaughtPhrases {
  addExample(text: string, labels: readonly string[]): void;
  addAlias(phrase: string, id: string): void;
  /** Labels decided by what was taught, or an empty list. */
  lookup(preparedMessage: string): string[];
}

export function createTaughtPhrases(prepare: (text: string) => string): TaughtPhrases {
  const exact = new Map<string, string[]>();
  const aliases: Array<{ phrase: string; id: string }> = [];
  return {
    addExample(text, labels) {
      const key = prepare(text);
      if (key) exact.set(key, [...labels]);
    },
    addAlias(phrase, id) {
      const prepared = prepare(phrase);
      if (prepared && !aliases.some((a) => a.phrase === prepared && a.id === id)) aliases.push({ phrase: prepared, id });
    },
    lookup(preparedMessage) {
      const known = exact.get(preparedMessage);
      if (known) return known;
      return [...new Set(aliases.filter((a) => containsPhrase(preparedMessage, a.phrase)).map((a) => a.id))];
    },
  };
}
