import type { Content } from '../catalog/load-content.js';
import type { LabelledExample } from '../catalog/schema.js';
import { trainLabelModel, trainLabelModelInBackground, type LabelModel, type LabelModelInput } from './label-model.js';
import { createNameIndex } from './name-index.js';
import { createTextPreparer } from './text-preparer.js';
import { createTaughtPhrases } from './taught-phrases.js';
import type { UnderstandingSources } from './understand.js';

/** What staff taught on top of the content: phrases linked to procedures and labelled messages. */
export interface Taught {
  aliases: ReadonlyArray<{ id: string; phrase: string }>;
  examples: readonly LabelledExample[];
}

export const NOTHING_TAUGHT: Taught = { aliases: [], examples: [] };

/**
 * The model learns the procedures residents' messages were given for (corpus or staff); the rest
 * are found by name. With the bundled catalog every procedure has examples.
 */
function modelInput(content: Content, taught: Taught, prepare: (text: string) => string): { input: LabelModelInput; unlearned: Content['procedures'] } {
  const examples = [...content.examples, ...taught.examples];
  const labelled = new Set([...examples.flatMap((e) => e.labels), ...taught.aliases.map((a) => a.id)]);
  return {
    input: {
      examples,
      procedures: content.procedures.filter((p) => labelled.has(p.id)),
      learnedAliases: taught.aliases,
      prepare,
      facetPhrases: Object.values(content.facets.facets).flatMap((f) => f.phrases),
    },
    unlearned: content.procedures.filter((p) => !labelled.has(p.id)),
  };
}

function assemble(content: Content, taught: Taught, model: (input: LabelModelInput) => LabelModel): UnderstandingSources {
  const prepare = createTextPreparer(content);
  const { input, unlearned } = modelInput(content, taught, prepare);
  const phrases = unlearned.flatMap((p) => [p.name, ...p.aliases].map((text) => ({ id: p.id, text })));
  const taughtPhrases = createTaughtPhrases(prepare);
  for (const e of input.examples) taughtPhrases.addExample(e.text, e.labels);
  for (const a of taught.aliases) taughtPhrases.addAlias(a.phrase, a.id);
  return {
    model: model(input),
    names: createNameIndex(phrases, prepare),
    prepare,
    taught: taughtPhrases,
  };
}

/** Builds what understanding reads from the content and what staff taught (trained now, or cached). */
export function createUnderstandingSources(content: Content, taught: Taught = NOTHING_TAUGHT, cacheDir?: string): UnderstandingSources {
  return assemble(content, taught, (input) => trainLabelModel(input, { cacheDir }));
}

/**
 * The same, training in slices so a running server keeps answering meanwhile. What staff teach
 * during the training is read again at the end, so its word-for-word effect is never lost.
 */
export async function retrainUnderstandingSources(content: Content, taught: () => Taught, cacheDir?: string): Promise<UnderstandingSources> {
  const prepare = createTextPreparer(content);
  const model = await trainLabelModelInBackground(modelInput(content, taught(), prepare).input, { cacheDir });
  return assemble(content, taught(), () => model);
}
