import type { SparseVector } from './vectorizer.js';

/** One training item: a vector and the classes it belongs to (weights summing to 1). */
export interface TrainingItem {
  vector: SparseVector;
  targets: Array<{ classIndex: number; weight: number }>;
  /** How much this item counts (names and aliases may count less than residents' messages). */
  weight?: number;
}

export interface SoftmaxOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty, applied to the weights an item touches (lazy, as usual for sparse SGD). */
  l2: number;
  seed: number;
}

/**
 * The learning rate is the one chosen by 5-fold cross-validation over the corpus (bench/quality.ts):
 * at 0.6 the model was still underfitting (81.5 % overall); 2, 3 and 4 gave 84.3, 84.7 and 84.7 %,
 * and more epochs (16, 25) gave nothing more.
 */
export const defaultSoftmaxOptions: SoftmaxOptions = { epochs: 12, learningRate: 3, l2: 1e-5, seed: 7 };

/** The learned parameters: a row of classCount weights per feature, and a bias per class. */
export interface SoftmaxState {
  classCount: number;
  weights: Float32Array;
  bias: Float32Array;
}

/** A trained multinomial logistic regression over sparse vectors. */
export interface SoftmaxModel {
  readonly classCount: number;
  /** Class probabilities of a vector (softmax of the logits, at an optional temperature). */
  probabilities(vector: SparseVector, temperature?: number): Float64Array;
  readonly state: SoftmaxState;
}

/** Gradients smaller than this are skipped: they would not move a weight in any visible way. */
const GRADIENT_FLOOR = 1e-4;
/** Training yields to the event loop after this many items when run in the background. */
const ITEMS_PER_SLICE = 200;

/** mulberry32: a small seeded generator, so training is the same on every run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function softmaxInPlace(scores: Float64Array, temperature = 1): Float64Array {
  if (scores.length === 0) return scores;
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    const e = Math.exp((scores[c]! - max) / temperature);
    scores[c] = e;
    sum += e;
  }
  for (let c = 0; c < scores.length; c++) scores[c]! /= sum;
  return scores;
}

function logitsInto(weights: Float32Array | Float64Array, bias: ArrayLike<number>, C: number, vector: SparseVector, out: Float64Array) {
  for (let c = 0; c < C; c++) out[c] = bias[c]!;
  const { indices, values } = vector;
  for (let k = 0; k < indices.length; k++) {
    const row = indices[k]! * C;
    const v = values[k]!;
    for (let c = 0; c < C; c++) out[c]! += v * weights[row + c]!;
  }
  return out;
}

/**
 * Stochastic gradient descent on the cross-entropy, items in a seeded shuffled order each epoch,
 * with a learning rate that decays by epoch. A generator: it yields every few hundred items so a
 * retraining in a running server can give the event loop its turn. Weights are dense per feature
 * row (featureCount × classCount): fine for a catalog's few dozen classes.
 */
function* trainingSteps(items: readonly TrainingItem[], featureCount: number, classCount: number, options: SoftmaxOptions): Generator<void, SoftmaxState> {
  const C = classCount;
  const weights = new Float64Array(featureCount * C);
  const bias = new Float64Array(C);
  const random = seededRandom(options.seed);
  const order = items.map((_, i) => i);
  const scores = new Float64Array(C);
  const activeClasses = new Int32Array(C);
  let sinceYield = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const rate = options.learningRate / (1 + epoch * 0.5);
    for (const index of order) {
      const item = items[index]!;
      softmaxInPlace(logitsInto(weights, bias, C, item.vector, scores));
      for (const t of item.targets) scores[t.classIndex]! -= t.weight;
      // Most classes are already near zero: update only those whose gradient still matters.
      let active = 0;
      for (let c = 0; c < C; c++) if (Math.abs(scores[c]!) > GRADIENT_FLOOR) activeClasses[active++] = c;
      const step = rate * (item.weight ?? 1);
      const { indices, values } = item.vector;
      for (let k = 0; k < indices.length; k++) {
        const row = indices[k]! * C;
        const v = values[k]!;
        for (let a = 0; a < active; a++) {
          const c = activeClasses[a]!;
          const w = weights[row + c]!;
          weights[row + c] = w - step * (v * scores[c]! + options.l2 * w);
        }
      }
      for (let a = 0; a < active; a++) bias[activeClasses[a]!]! -= step * scores[activeClasses[a]!]!;
      if (++sinceYield === ITEMS_PER_SLICE) {
        sinceYield = 0;
        yield;
      }
    }
  }
  return { classCount: C, weights: Float32Array.from(weights), bias: Float32Array.from(bias) };
}

/** Trains in one go (start-up, benchmarks, tests). */
export function trainSoftmax(items: readonly TrainingItem[], featureCount: number, classCount: number, options: SoftmaxOptions = defaultSoftmaxOptions): SoftmaxModel {
  const steps = trainingSteps(items, featureCount, classCount, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return softmaxFromState(next.value);
  }
}

/** Trains in slices, letting the event loop run in between (retraining inside a running server). */
export async function trainSoftmaxInBackground(items: readonly TrainingItem[], featureCount: number, classCount: number, options: SoftmaxOptions = defaultSoftmaxOptions): Promise<SoftmaxModel> {
  const steps = trainingSteps(items, featureCount, classCount, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return softmaxFromState(next.value);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A model from saved parameters (the model cache). */
export function softmaxFromState(state: SoftmaxState): SoftmaxModel {
  const { classCount: C, weights, bias } = state;
  return {
    classCount: C,
    state,
    probabilities: (vector, temperature = 1) => softmaxInPlace(logitsInto(weights, bias, C, vector, new Float64Array(C)), temperature),
  };
}
