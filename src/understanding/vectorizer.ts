import { countFeatures, defaultFeatureOptions, type FeatureOptions } from './text-features.js';

/** A sparse, L2-normalised tf-idf vector: parallel arrays of feature indices and values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** What a fitted vectorizer consists of: enough to save it and load it again. */
export interface VectorizerState {
  features: FeatureOptions;
  /** Feature keys (n-gram hashes) in index order. */
  keys: Uint32Array;
  idf: Float32Array;
}

export interface Vectorizer {
  /** Number of known features (the model's input width). */
  readonly size: number;
  /** The vector of a folded text; unknown n-grams are ignored. */
  transform(foldedText: string): SparseVector;
  /** The same from n-gram counts already made (training counts each text once). */
  fromCounts(counts: Map<number, number>): SparseVector;
  readonly state: VectorizerState;
}

export interface VectorizerOptions {
  features: FeatureOptions;
  /** Features seen in fewer training texts are dropped: they cannot generalise and cost memory. */
  minDocumentFrequency: number;
}

export const defaultVectorizerOptions: VectorizerOptions = { features: defaultFeatureOptions, minDocumentFrequency: 2 };

/**
 * Learns the vocabulary and inverse document frequencies from the n-gram counts of the training
 * texts (see countFeatures). Term frequency is sublinear (1 + ln tf), so a long letter repeating a word does not drown the rest.
 */
export function fitVectorizer(counted: ReadonlyArray<Map<number, number>>, options: VectorizerOptions = defaultVectorizerOptions): Vectorizer {
  const documentFrequency = new Map<number, number>();
  for (const counts of counted) for (const key of counts.keys()) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
  const keys: number[] = [];
  const idf: number[] = [];
  const n = counted.length;
  for (const [key, df] of documentFrequency) {
    if (df < options.minDocumentFrequency) continue;
    keys.push(key);
    idf.push(Math.log((1 + n) / (1 + df)) + 1);
  }
  return vectorizerFromState({ features: options.features, keys: Uint32Array.from(keys), idf: Float32Array.from(idf) });
}

/** A vectorizer from a saved state (the model cache). */
export function vectorizerFromState(state: VectorizerState): Vectorizer {
  const indexOf = new Map<number, number>();
  state.keys.forEach((k, i) => indexOf.set(k, i));
  const { idf } = state;
  function fromCounts(counts: Map<number, number>): SparseVector {
    // Features in index order (typed-array sort, no comparator: this runs for every message),
    // so sums over a vector always add in the same order.
    const found: number[] = [];
    const tf = new Map<number, number>();
    for (const [key, count] of counts) {
      const i = indexOf.get(key);
      if (i === undefined) continue;
      found.push(i);
      tf.set(i, count);
    }
    const indices = Int32Array.from(found).sort();
    const weights = new Float64Array(indices.length);
    let norm = 0;
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      const w = (1 + Math.log(tf.get(i)!)) * idf[i]!;
      weights[k] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    const values = new Float32Array(indices.length);
    for (let k = 0; k < indices.length; k++) values[k] = weights[k]! / norm;
    return { indices, values };
  }
  return { size: state.keys.length, transform: (text) => fromCounts(countFeatures(text, state.features)), fromCounts, state };
}
