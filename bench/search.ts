import { fold } from '../src/catalog/fold.js';
import { loadContent } from '../src/catalog/load-content.js';
import { BUNDLED_CONTENT_DIR } from '../src/catalog/content-dir.js';
import { createProcedureIndex, type ProcedureIndex } from '../src/catalog/search-index.js';
import type { Procedure, Synonyms } from '../src/catalog/schema.js';
import { generateCatalog, seededRandom } from './generate-catalog.js';
import { loadQuestionSets } from './questions.js';
import { collectGarbage, fmt, p50p99, progress, round, summarize, toMb, type Row, type Summary } from './stats.js';

/** Size of the generated catalog (BENCH_CATALOG_SIZE overrides). */
const GENERATED_SIZE = Number(process.env.BENCH_CATALOG_SIZE ?? 10_000);

export interface CatalogFigures {
  procedures: number;
  /** createProcedureIndex only (content already parsed); median of `buildRuns`. */
  buildMs: number;
  buildRuns: number;
  /** Retained heap of the index after a full GC (the procedures themselves not counted). */
  indexHeapMb: number;
  /** Retained heap of the procedure objects. */
  proceduresHeapMb: number;
  /** heapUsed of the whole bench process with this catalog and its index loaded. */
  heapUsedMb: number;
  /** index.search(q, { limit: 5 }), as the assistant's retriever calls it. */
  query: Summary;
  queries: number;
  passes: number;
}

/**
 * Queries: every question of both sets (residents' own words), plus 100 procedure names typed
 * without diacritics, as many residents write them.
 */
function queryList(generated: readonly Procedure[]): string[] {
  const questions = loadQuestionSets().flatMap((s) => s.cases.map((c) => c.q));
  const random = seededRandom(7);
  const names = Array.from({ length: 100 }, () => fold(generated[Math.floor(random() * generated.length)]!.name));
  return [...questions, ...names];
}

/**
 * Per-query latency: a warm-up (JIT, lazily built caches), then passes over the queries until the
 * time budget is spent (at least one pass, at most ten).
 */
function timeQueries(index: ProcedureIndex, queries: readonly string[], warmup: number, budgetMs: number) {
  for (const q of queries.slice(0, warmup)) index.search(q, { limit: 5 });
  const samples: number[] = [];
  const started = performance.now();
  let passes = 0;
  do {
    for (const q of queries) {
      const t = performance.now();
      index.search(q, { limit: 5 });
      samples.push(performance.now() - t);
    }
    passes++;
  } while (performance.now() - started < budgetMs && passes < 10);
  return { query: summarize(samples), passes };
}

function heapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

function measureCatalog(label: string, make: () => Procedure[], synonyms: Synonyms, queries: readonly string[], buildRuns: number): CatalogFigures {
  const h0 = heapUsed();
  const procedures = make();
  const h1 = heapUsed();
  const times: number[] = [];
  let index: ProcedureIndex | undefined;
  for (let i = 0; i < buildRuns; i++) {
    index = undefined;
    collectGarbage();
    progress(`search: building the index of ${label} (${procedures.length} procedures), run ${i + 1}/${buildRuns}`);
    const t = performance.now();
    index = createProcedureIndex(procedures, synonyms);
    times.push(performance.now() - t);
  }
  const h2 = heapUsed();
  // A large catalog answers slowly: time every other query once rather than all of them for minutes.
  const sample = procedures.length > 1000 ? queries.filter((_, i) => i % 2 === 0) : queries;
  progress(`search: timing ${sample.length} queries on ${label}`);
  const timed = procedures.length > 1000 ? timeQueries(index!, sample, 10, 0) : timeQueries(index!, sample, sample.length, 5_000);
  return {
    procedures: procedures.length,
    buildMs: round(summarize(times).p50, 1),
    buildRuns,
    indexHeapMb: toMb(h2 - h1),
    proceduresHeapMb: toMb(h1 - h0),
    heapUsedMb: toMb(h2),
    ...timed,
    queries: sample.length,
  };
}

export async function runSearch() {
  const loaded = loadContent(BUNDLED_CONTENT_DIR);
  if (!loaded.ok) throw new Error('bench: the bundled content does not load');
  const { procedures: real, synonyms } = loaded.content;
  const t = performance.now();
  const queries = queryList(generateCatalog(real, GENERATED_SIZE));
  const generateMs = round(performance.now() - t, 1);
  const loadMs = (() => {
    const t0 = performance.now();
    loadContent(BUNDLED_CONTENT_DIR);
    return round(performance.now() - t0, 1);
  })();

  const bundled = measureCatalog('the bundled catalog', () => real.map((p) => ({ ...p })), synonyms, queries, 5);
  const large = measureCatalog('the generated catalog', () => generateCatalog(real, GENERATED_SIZE), synonyms, queries, 1);

  const json = { contentLoadMs: loadMs, generateMs, bundled, generated: { ...large, seed: 20_261_122, includesBundled: real.length } };
  const rows: Row[] = [];
  for (const [name, f] of [[`bundled (${bundled.procedures})`, bundled], [`generated (${fmt.int(large.procedures)})`, large]] as const) {
    rows.push(
      { section: 'Search', metric: `${name}: index build`, value: fmt.ms(f.buildMs), note: f.buildRuns > 1 ? `median of ${f.buildRuns}` : 'one run' },
      { section: 'Search', metric: `${name}: query p50 / p99`, value: p50p99(f.query), note: `${fmt.int(f.query.n)} queries, max ${fmt.ms(f.query.max)}` },
      { section: 'Search', metric: `${name}: heap (index / total)`, value: `${fmt.mb(f.indexHeapMb)} / ${fmt.mb(f.heapUsedMb)}`, note: 'retained after GC' },
    );
  }
  rows.push({ section: 'Search', metric: 'content/ load + validate', value: fmt.ms(loadMs), note: 'YAML + zod, 50 files' });
  return { json, rows };
}
