import { countFeatures } from './text-features.js';
import { fitVectorizer, type Vectorizer, type VectorizerOptions, defaultVectorizerOptions } from './vectorizer.js';

/** n-grams found in more than this share of all phrases are skipped at query time. */
const COMMON_SHARE = 0.03;

/** A procedure found by its name or an alias, with the cosine similarity of the best phrase. */
export interface NameMatch {
  id: string;
  similarity: number;
}

export interface NameIndex {
  readonly size: number;
  /** The procedures whose name or an alias is most like the (prepared) message. */
  nearest(preparedText: string, limit: number): NameMatch[];
}

/**
 * Nearest names: the same n-gram tf-idf vectors as the model, over every name and alias of the
 * procedures the model has no examples for (a province's own additions, a national catalog of
 * thousands), searched through an inverted index so a query touches only the phrases that share
 * one of its n-grams. Typos cost little: most character grams of a misspelt word still match.
 */
export function createNameIndex(
  phrases: ReadonlyArray<{ id: string; text: string }>,
  prepare: (text: string) => string,
  options: VectorizerOptions = { ...defaultVectorizerOptions, minDocumentFrequency: 1 },
): NameIndex {
  if (phrases.length === 0) return { size: 0, nearest: () => [] };
  const counted = phrases.map((p) => countFeatures(prepare(p.text), options.features));
  const vectorizer: Vectorizer = fitVectorizer(counted, options);
  // Postings: for each feature, the phrases that have it and their weight (CSR layout).
  const postingCount = new Int32Array(vectorizer.size + 1);
  const vectors = counted.map((c) => vectorizer.fromCounts(c));
  for (const v of vectors) for (const i of v.indices) postingCount[i + 1]!++;
  for (let i = 0; i < vectorizer.size; i++) postingCount[i + 1]! += postingCount[i]!;
  const postingPhrase = new Int32Array(postingCount[vectorizer.size]!);
  const postingWeight = new Float32Array(postingPhrase.length);
  const fill = postingCount.slice(0, vectorizer.size);
  vectors.forEach((v, phrase) => {
    v.indices.forEach((feature, k) => {
      const at = fill[feature]!++;
      postingPhrase[at] = phrase;
      postingWeight[at] = v.values[k]!;
    });
  });
  const ids = [...new Set(phrases.map((p) => p.id))];
  const idIndex = new Map(ids.map((id, i) => [id, i]));
  const procedureOf = Int32Array.from(phrases, (p) => idIndex.get(p.id)!);
  const phraseScore = new Float32Array(phrases.length);
  const procedureBest = new Float32Array(ids.length);
  // n-grams shared by a large share of all phrases ("ng", " d") weigh little (low idf) and cost the
  // most: a query skips them.
  const maxPostings = Math.max(50, Math.floor(phrases.length * COMMON_SHARE));

  return {
    size: ids.length,
    nearest(preparedText, limit) {
      const query = vectorizer.transform(preparedText);
      const touched: number[] = [];
      query.indices.forEach((feature, k) => {
        const from = postingCount[feature]!;
        const to = postingCount[feature + 1]!;
        if (to - from > maxPostings) return;
        const weight = query.values[k]!;
        for (let at = from; at < to; at++) {
          const phrase = postingPhrase[at]!;
          if (phraseScore[phrase] === 0) touched.push(phrase);
          phraseScore[phrase]! += weight * postingWeight[at]!;
        }
      });
      const candidates: number[] = [];
      for (const phrase of touched) {
        const procedure = procedureOf[phrase]!;
        if (procedureBest[procedure] === 0) candidates.push(procedure);
        if (procedureBest[procedure]! < phraseScore[phrase]!) procedureBest[procedure] = phraseScore[phrase]!;
        phraseScore[phrase] = 0;
      }
      // The best `limit` by insertion: candidates can be thousands, a full sort would dominate.
      const best: NameMatch[] = [];
      for (const procedure of candidates) {
        const similarity = procedureBest[procedure]!;
        if (best.length === limit && similarity <= best[limit - 1]!.similarity) continue;
        let at = best.length === limit ? limit - 1 : best.length;
        while (at > 0 && best[at - 1]!.similarity < similarity) at--;
        best.splice(at, 0, { id: ids[procedure]!, similarity });
        if (best.length > limit) best.pop();
      }
      for (const procedure of candidates) procedureBest[procedure] = 0;
      return best;
    },
  };
}
