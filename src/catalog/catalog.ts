import { ContentError, loadContent, type Content, type ContentProblem } from './load-content.js';
import { createProcedureIndex, type ProcedureIndex } from './search-index.js';
import type { LabelledExample } from './schema.js';
import { DEFAULT_MODEL_CACHE_DIR } from '../understanding/model-cache.js';
import { createUnderstandingSources, retrainUnderstandingSources, type Taught } from '../understanding/sources.js';
import type { UnderstandingSources } from '../understanding/understand.js';
import { listCommunes, type CommuneListing } from './commune-view.js';
import { createCommuneViews } from './commune-views.js';
import type { Commune } from './schema.js';
import { createOldCommuneResolver, type OldCommuneResolver } from './old-communes.js';

/** The loaded content, its search index and what understanding reads, swapped together on reload. */
export interface CatalogSnapshot {
  content: Content;
  index: ProcedureIndex;
  understanding: UnderstandingSources;
  loadedAt: Date;
}

export type ReloadResult = { ok: true; procedures: number } | { ok: false; problems: ContentProblem[] };

export interface CatalogOptions {
  clock?: () => Date;
  /** Where trained models are cached; `false` trains every time (tests of training itself). */
  modelCacheDir?: string | false;
}

/**
 * A commune that is not in the content files (added at run time): its profile, and the province
 * whose layer it sits in (the first province when not said).
 */
export interface RuntimeCommune {
  provinceId?: string;
  profile: Commune;
}

/** A phrase or message staff taught the assistant from the questions it could not answer. */
export interface LearnedPhrase {
  label: string;
  text: string;
}

/**
 * Holds the current catalog. Start-up with broken content throws (the service must not run
 * without a catalog); a reload with broken content keeps the last good catalog and returns the
 * problems, so a clerk's typo never takes the assistant down. What staff teach (aliases, examples)
 * is searchable at once and the model is retrained in the background.
 */
export function createCatalog(dir: string, options: CatalogOptions = {}): Catalog {
  const clock = options.clock ?? (() => new Date());
  const cacheDir = options.modelCacheDir === false ? undefined : (options.modelCacheDir ?? DEFAULT_MODEL_CACHE_DIR);
  const aliases: Array<{ id: string; phrase: string }> = [];
  const examples: LabelledExample[] = [];
  const taught = (): Taught => ({ aliases: [...aliases], examples: [...examples] });

  function build(content: Content): CatalogSnapshot {
    const index = createProcedureIndex(content.procedures, content.synonyms);
    for (const a of aliases) if (index.get(a.id)) index.addAlias(a.id, a.phrase);
    return { content, index, understanding: createUnderstandingSources(content, taught(), cacheDir), loadedAt: clock() };
  }

  const first = loadContent(dir);
  if (!first.ok) throw new ContentError(first.problems);
  /** The shared snapshot: national procedures, one index and one model for every commune. */
  let current = build(first.content);
  let retraining: Promise<void> = Promise.resolve();

  let lastTrainingError: Error | undefined;

  /**
   * Retrains after the last change; answers meanwhile come from the previous model. Never rejects:
   * a failed training keeps the previous model and is reported by `trainingError`.
   */
  let queued = false;
  function retrain(): Promise<void> {
    // Changes that arrive together (a linked group: its alias and each of its examples) train
    // once: a training not yet started reads everything taught when it starts.
    if (queued) return retraining;
    queued = true;
    retraining = retraining.then(async () => {
      queued = false;
      const snapshot = current;
      try {
        const understanding = await retrainUnderstandingSources(snapshot.content, taught, cacheDir);
        if (current === snapshot) current = { ...snapshot, understanding };
        lastTrainingError = undefined;
      } catch (err) {
        lastTrainingError = err as Error;
      }
    });
    return retraining;
  }

  const snapshotFor = createCommuneViews(() => current);

  let resolverOf: CatalogSnapshot | undefined;
  let resolverKey = '';
  let resolver: OldCommuneResolver | undefined;

  const catalog: Catalog = {
    /**
     * Old communes → new, from every province layer's list (rebuilt after a reload). `extra`:
     * communes served beside the content's (added at run time), so a new unit links to them too.
     */
    oldCommunes(extra: readonly CommuneListing[] = []): OldCommuneResolver {
      const key = extra.map((c) => `${c.id}|${c.provinceId}|${c.unit ?? ''}`).join('\n');
      if (!resolver || resolverOf !== current || resolverKey !== key) {
        const declared = listCommunes(current.content.layers);
        const added = extra.filter((c) => !declared.some((d) => d.id === c.id));
        resolver = createOldCommuneResolver(current.content.layers.provinces, [...declared, ...added]);
        resolverOf = current;
        resolverKey = key;
      }
      return resolver;
    },
    /** The default (first) commune's view; `forCommune` gives any commune's. */
    get current(): CatalogSnapshot {
      return snapshotFor(current.content.commune.id);
    },
    /** The shared national snapshot (what the index and the model were built from). */
    get shared(): CatalogSnapshot {
      return current;
    },
    /** The communes the content declares, the default first. */
    communes(): CommuneListing[] {
      return listCommunes(current.content.layers);
    },
    /** Whether the content declares this commune. */
    hasCommune(communeId: string): boolean {
      return listCommunes(current.content.layers).some((c) => c.id === communeId);
    },
    /**
     * The catalog as one commune sees it, for every consumer that takes a Catalog (assistant,
     * Mini App API, print, radio…): its profile, its province's facts with their sources, its
     * own notes. Reloads and teaching go to the shared catalog. Throws NotFound for a commune
     * the content does not declare, unless its profile is given (a commune added at run time).
     */
    forCommune(communeId: string, runtime?: RuntimeCommune): Catalog {
      snapshotFor(communeId, runtime);
      return Object.create(catalog, {
        current: { get: () => snapshotFor(communeId, runtime) },
      }) as Catalog;
    },
    reload(): ReloadResult {
      const result = loadContent(dir);
      if (!result.ok) return { ok: false, problems: result.problems };
      current = build(result.content);
      return { ok: true, procedures: result.content.procedures.length };
    },
    /** Teaches the search and the model a resident's phrasing for a procedure (kept across reloads). */
    addAlias(id: string, phrase: string): Promise<void> {
      if (aliases.some((a) => a.id === id && a.phrase === phrase)) return retraining;
      current.index.addAlias(id, phrase);
      current.understanding.taught.addAlias(phrase, id);
      aliases.push({ id, phrase });
      return retrain();
    },
    /** Adds a labelled resident message (a procedure id or an intent) to what the model learns from. */
    addExample(example: LearnedPhrase): Promise<void> {
      if (examples.some((e) => e.labels[0] === example.label && e.text === example.text)) return retraining;
      current.understanding.taught.addExample(example.text, [example.label]);
      examples.push({ text: example.text, labels: [example.label], file: '(staff)' });
      return retrain();
    },
    /** Why the last retraining failed, if it did (the previous model keeps answering). */
    get trainingError(): Error | undefined {
      return lastTrainingError;
    },
    /** Resolves when the model has learned everything taught so far. */
    settled(): Promise<void> {
      return retraining;
    },
  };
  return catalog;
}

/** The catalog: the shared content, and each commune's view of it. */
export interface Catalog {
  /** The default (first) commune's view of the current content. */
  readonly current: CatalogSnapshot;
  /** The shared national snapshot (what the index and the model were built from). */
  readonly shared: CatalogSnapshot;
  communes(): CommuneListing[];
  oldCommunes(extra?: readonly CommuneListing[]): OldCommuneResolver;
  hasCommune(communeId: string): boolean;
  forCommune(communeId: string, runtime?: RuntimeCommune): Catalog;
  reload(): ReloadResult;
  addAlias(id: string, phrase: string): Promise<void>;
  addExample(example: LearnedPhrase): Promise<void>;
  readonly trainingError: Error | undefined;
  settled(): Promise<void>;
}
