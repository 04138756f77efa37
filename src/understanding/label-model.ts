import { createHash } from 'node:crypto';
import type { LabelledExample, Procedure } from '../catalog/schema.js';
import { fitVectorizer, defaultVectorizerOptions, vectorizerFromState, type VectorizerOptions } from './vectorizer.js';
import {
  defaultSoftmaxOptions,
  softmaxFromState,
  trainSoftmax,
  trainSoftmaxInBackground,
  type SoftmaxOptions,
  type TrainingItem,
} from './softmax-regression.js';
import { countFeatures } from './text-features.js';
import { readCachedModel, writeCachedModel, type SavedLabelModel } from './model-cache.js';
import { fitOnTrainingThread } from './training-thread.js';

/** A label (procedure id or intent) with the model's probability for it. */
export interface LabelScore {
  label: string;
  probability: number;
}

export interface LabelModelOptions {
  vectorizer: VectorizerOptions;
  softmax: SoftmaxOptions;
  /** Weight of a procedure's name and aliases as training items, relative to a resident's message. */
  catalogPhraseWeight: number;
  /**
   * Softmax temperature when classifying. It changes no ranking, only how sure the model says it
   * is: trained at the cross-validated learning rate, the model is overconfident at 1 (3.5 % of
   * procedure messages answered wrongly without alternatives in cross-validation); at 1.5 that is
   * 1.0 %, under the 2 % the policy promises (src/understanding/understand.ts).
   */
  temperature: number;
}

export const defaultLabelModelOptions: LabelModelOptions = {
  vectorizer: defaultVectorizerOptions,
  softmax: defaultSoftmaxOptions,
  catalogPhraseWeight: 1,
  temperature: 1.5,
};

/** Bump when features or training change, so cached models of the old kind are not reused. */
const MODEL_VERSION = 2;

export interface LabelModelInput {
  /** Residents' messages with their labels (content/examples and staff-added examples). */
  examples: readonly LabelledExample[];
  /** Procedures: their names and aliases are training items too (every procedure has some). */
  procedures: readonly Procedure[];
  /** Phrases staff linked to a procedure from unanswered questions. */
  learnedAliases?: ReadonlyArray<{ id: string; phrase: string }>;
  /** The model's view of a text: folded, synonyms added (one function for training and asking). */
  prepare: (text: string) => string;
  /**
   * Phrases that ask about one side of any procedure ("lệ phí", "mất bao lâu", "cần giấy tờ gì").
   * Each procedure's names are trained with some of them attached, so these words say nothing
   * about which procedure is meant: "đăng ký khai sinh cần giấy tờ gì" is not pulled towards the
   * procedures whose examples happen to mention "giấy tờ".
   */
  facetPhrases?: readonly string[];
}

/** How many facet phrases each name or alias is trained with. */
const FACET_PHRASES_PER_NAME = 2;

export interface LabelModel {
  readonly labels: readonly string[];
  /** Every label, most probable first. */
  classify(text: string): LabelScore[];
  readonly stats: { features: number; bytes: number; trainingItems: number; trainMs: number; fromCache: boolean; offThread?: boolean };
}

export interface TrainOptions {
  options?: LabelModelOptions;
  /** Folder of the model cache; none = always train. */
  cacheDir?: string;
}

export interface PreparedTraining {
  texts: string[];
  labels: string[][];
  weights: number[];
  labelList: string[];
  hash: string;
}

/** FNV-1a, 32 bits: a cheap, stable hash of a short string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The facet phrases a name or alias is trained with: the FACET_PHRASES_PER_NAME that hash highest
 * with it (rendezvous hashing). Spread evenly over the procedures like a round robin, but stable: a
 * phrase or alias added to the content changes only the pairs it takes part in, not every pair
 * after it, so the model does not shift everywhere for a one-line edit.
 */
function facetPhrasesFor(name: string, facetPhrases: readonly string[]): string[] {
  return facetPhrases
    .map((f) => ({ f, rank: fnv1a(`${name}\u0000${f}`) }))
    .sort((a, b) => b.rank - a.rank)
    .slice(0, FACET_PHRASES_PER_NAME)
    .map((x) => x.f);
}

function prepareTraining(input: LabelModelInput, options: LabelModelOptions): PreparedTraining {
  const texts: string[] = [];
  const labels: string[][] = [];
  const weights: number[] = [];
  const add = (text: string, itemLabels: string[], weight: number) => {
    texts.push(input.prepare(text));
    labels.push(itemLabels);
    weights.push(weight);
  };
  for (const e of input.examples) add(e.text, e.labels, 1);
  const facetPhrases = input.facetPhrases ?? [];
  for (const p of input.procedures) {
    for (const phrase of [p.name, ...p.aliases]) {
      add(phrase, [p.id], options.catalogPhraseWeight);
      for (const facet of facetPhrasesFor(phrase, facetPhrases)) add(`${phrase} ${facet}`, [p.id], options.catalogPhraseWeight);
    }
  }
  for (const a of input.learnedAliases ?? []) add(a.phrase, [a.id], 1);
  const labelList = [...new Set([...input.procedures.map((p) => p.id), ...labels.flat()])];
  const hash = createHash('sha256')
    .update(JSON.stringify({ v: MODEL_VERSION, options, texts, labels, weights, labelList }))
    .digest('hex')
    .slice(0, 32);
  return { texts, labels, weights, labelList, hash };
}

function fit(prepared: PreparedTraining, options: LabelModelOptions) {
  const counted = prepared.texts.map((text) => countFeatures(text, options.vectorizer.features));
  const vectorizer = fitVectorizer(counted, options.vectorizer);
  const labelIndex = new Map(prepared.labelList.map((l, i) => [l, i]));
  const items: TrainingItem[] = counted.map((counts, i) => ({
    vector: vectorizer.fromCounts(counts),
    targets: prepared.labels[i]!.map((l) => ({ classIndex: labelIndex.get(l)!, weight: 1 / prepared.labels[i]!.length })),
    weight: prepared.weights[i]!,
  }));
  return { vectorizer, items };
}

function assemble(input: LabelModelInput, options: LabelModelOptions, saved: SavedLabelModel, stats: Omit<LabelModel['stats'], 'features' | 'bytes'>): LabelModel {
  const vectorizer = vectorizerFromState(saved.vectorizer);
  const model = softmaxFromState(saved.softmax);
  const { labels } = saved;
  return {
    labels,
    classify(text) {
      const probabilities = model.probabilities(vectorizer.transform(input.prepare(text)), options.temperature);
      return labels.map((label, i) => ({ label, probability: probabilities[i]! })).sort((a, b) => b.probability - a.probability);
    },
    stats: { ...stats, features: vectorizer.size, bytes: saved.softmax.weights.byteLength + saved.vectorizer.idf.byteLength },
  };
}

/**
 * A multinomial logistic regression over character and word n-grams of the folded text, trained on
 * the example corpus plus every procedure's name and aliases. Labels are procedure ids and intents
 * in one softmax, so "which procedure" and "is it a procedure at all" are one decision. A model
 * trained on the same data with the same options is read from the cache instead of trained again.
 */
export function trainLabelModel(input: LabelModelInput, train: TrainOptions = {}): LabelModel {
  const options = train.options ?? defaultLabelModelOptions;
  const started = performance.now();
  const prepared = prepareTraining(input, options);
  const cached = train.cacheDir ? readCachedModel(train.cacheDir, prepared.hash) : undefined;
  if (cached) return assemble(input, options, cached, { trainingItems: prepared.texts.length, trainMs: performance.now() - started, fromCache: true });
  const saved = fitSaved(prepared, options);
  if (train.cacheDir) writeCachedModel(train.cacheDir, prepared.hash, saved);
  return assemble(input, options, saved, { trainingItems: prepared.texts.length, trainMs: performance.now() - started, fromCache: false });
}

/** Learns the parameters from prepared training data: pure computation, what the training thread runs. */
export function fitSaved(prepared: PreparedTraining, options: LabelModelOptions): SavedLabelModel {
  const { vectorizer, items } = fit(prepared, options);
  const softmax = trainSoftmax(items, vectorizer.size, prepared.labelList.length, options.softmax).state;
  return { labels: prepared.labelList, vectorizer: vectorizer.state, softmax };
}

/**
 * The same, for a running server: the training runs on a thread of its own, so answers are not held
 * up by it (on the main thread, even in slices, a retrain under load delayed answers by seconds). If
 * the thread cannot run, the model is trained here in slices: a server is never left without one.
 */
export async function trainLabelModelInBackground(input: LabelModelInput, train: TrainOptions = {}): Promise<LabelModel> {
  const options = train.options ?? defaultLabelModelOptions;
  const started = performance.now();
  const prepared = prepareTraining(input, options);
  const cached = train.cacheDir ? readCachedModel(train.cacheDir, prepared.hash) : undefined;
  if (cached) return assemble(input, options, cached, { trainingItems: prepared.texts.length, trainMs: performance.now() - started, fromCache: true });
  let saved: SavedLabelModel;
  let offThread = true;
  try {
    saved = await fitOnTrainingThread(prepared, options);
  } catch {
    offThread = false;
    const { vectorizer, items } = fit(prepared, options);
    const softmax = (await trainSoftmaxInBackground(items, vectorizer.size, prepared.labelList.length, options.softmax)).state;
    saved = { labels: prepared.labelList, vectorizer: vectorizer.state, softmax };
  }
  if (train.cacheDir) writeCachedModel(train.cacheDir, prepared.hash, saved);
  return assemble(input, options, saved, { trainingItems: prepared.texts.length, trainMs: performance.now() - started, fromCache: false, offThread });
}
