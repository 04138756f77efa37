import MiniSearch from 'minisearch';
import { BUNDLED_CONTENT_DIR } from '../src/catalog/content-dir.js';
import { loadContent, type Content } from '../src/catalog/load-content.js';
import { createProcedureIndex } from '../src/catalog/search-index.js';
import type { Procedure } from '../src/catalog/schema.js';
import { isExampleIntent } from '../src/catalog/intents.js';
import { createUnderstandingSources } from '../src/understanding/sources.js';
import { understandWith, type Understanding } from '../src/understanding/understand.js';
import { understand as understandByRules } from './baselines/rules-understand.js';
import { generateCatalog } from './generate-catalog.js';
import { loadQuestionSets, type QuestionCase } from './questions.js';
import { fmt, progress, round, summarize, type Row, type Summary } from './stats.js';

/** What a system answered for one question, in score.mjs's terms, and whether it offered choices. */
interface Answer {
  intent: string;
  ids: string[];
  /** Answered one procedure without offering alternatives. */
  committed: boolean;
}

type System = (q: string) => Answer;

export interface QualityFigures {
  questions: number;
  procedure_top1: number;
  procedure_top3: number;
  intent: number;
  overall: number;
  /** Share of procedure questions answered with one wrong procedure and no alternatives offered. */
  confidently_wrong: number;
  /** Share of procedure questions answered without alternatives (right or wrong). */
  answered_directly: number;
  latency: Summary;
}

const FOLDS = 5;

/** score.mjs's rules: top-1/top-3 count only when the intent is 'procedure'; intent may match `alt`. */
export function score(cases: readonly QuestionCase[], answers: readonly Answer[], latencies: number[]): QualityFigures {
  let p = 0, top1 = 0, top3 = 0, it = 0, itOk = 0, wrongCommitted = 0, committed = 0;
  cases.forEach((c, i) => {
    const a = answers[i]!;
    if (c.expect) {
      p++;
      const right = a.intent === 'procedure' && c.expect.includes(a.ids[0]!);
      if (right) top1++;
      if (a.intent === 'procedure' && a.ids.slice(0, 3).some((id) => c.expect!.includes(id))) top3++;
      if (a.intent === 'procedure' && a.committed) {
        committed++;
        if (!right) wrongCommitted++;
      }
    } else {
      it++;
      if (a.intent === c.intent || (c.alt ?? []).includes(a.intent)) itOk++;
    }
  });
  const pct = (x: number, n: number) => (n ? round((100 * x) / n, 1) : NaN);
  return {
    questions: cases.length,
    procedure_top1: pct(top1, p),
    procedure_top3: pct(top3, p),
    intent: pct(itOk, it),
    overall: pct(top1 + itOk, p + it),
    confidently_wrong: pct(wrongCommitted, p),
    answered_directly: pct(committed, p),
    latency: summarize(latencies),
  };
}

function answerAll(cases: readonly QuestionCase[], system: System): QualityFigures {
  for (const c of cases.slice(0, 20)) system(c.q); // warm-up
  const answers: Answer[] = [];
  const latencies: number[] = [];
  for (const c of cases) {
    const t = performance.now();
    answers.push(system(c.q));
    latencies.push(performance.now() - t);
  }
  return score(cases, answers, latencies);
}

function fromUnderstanding(u: Understanding): Answer {
  return { intent: u.intent, ids: u.results.map((r) => r.id), committed: u.intent === 'procedure' && u.certainty === 'sure' };
}

/** The learned model with its policy, as the assistant runs it. */
function modelSystem(content: Content): System {
  const sources = createUnderstandingSources(content);
  return (q) => fromUnderstanding(understandWith(sources, q));
}

/** The rule-based understanding over the tuned lexical search, as it was before the model. */
function rulesSystem(procedures: readonly Procedure[], content: Content): System {
  const index = createProcedureIndex(procedures, content.synonyms);
  return (q) => {
    const message = q.slice(0, 500);
    const u = understandByRules(message, index.search(message, { limit: 5 }));
    return { intent: u.intent, ids: u.results.map((r) => r.id), committed: u.intent === 'procedure' && u.close.length === 0 };
  };
}

/** The obvious alternative: MiniSearch with its defaults over the same procedures. */
function defaultMiniSearch(procedures: readonly Procedure[]): System {
  const index = new MiniSearch<{ id: string; name: string; aliases: string; documents: string; body: string }>({
    fields: ['name', 'aliases', 'documents', 'body'],
    storeFields: ['name'],
  });
  index.addAll(procedures.map((p) => ({ id: p.id, name: p.name, aliases: p.aliases.join(' . '), documents: p.documents.map((d) => d.name).join(' . '), body: p.body })));
  return (q) => {
    const results = index.search(q);
    return { intent: results.length > 0 ? 'procedure' : 'out_of_scope', ids: results.map((r) => String(r.id)), committed: results.length > 0 };
  };
}

export const BASELINE_RULE = "default MiniSearch: intent = 'procedure' when search(q) returns any result, else 'out_of_scope'";

/** The corpus as question cases (the first label decides procedure vs intent, as in the files). */
function corpusCases(content: Content, keep: (i: number) => boolean): QuestionCase[] {
  return content.examples.flatMap((e, i) => {
    if (!keep(i)) return [];
    return [isExampleIntent(e.labels[0]!) ? { q: e.text, intent: e.labels[0]!, alt: e.labels.slice(1) } : { q: e.text, expect: e.labels }];
  });
}

/**
 * k-fold cross-validation over the example corpus: each fold's model is trained on the other folds
 * only, so no message is scored by a model that saw it. The rule-based systems do not learn from
 * examples, so each fold is simply scored with them.
 */
function crossValidate(content: Content, systems: Record<string, (train: Content) => System>) {
  const figures: Record<string, QualityFigures[]> = {};
  for (let fold = 0; fold < FOLDS; fold++) {
    progress(`quality: cross-validation fold ${fold + 1}/${FOLDS}`);
    const train: Content = { ...content, examples: content.examples.filter((_, i) => i % FOLDS !== fold) };
    const test = corpusCases(content, (i) => i % FOLDS === fold);
    for (const [name, make] of Object.entries(systems)) (figures[name] ??= []).push(answerAll(test, make(train)));
  }
  // Folds are the same size within one: the mean of fold percentages is the corpus percentage.
  const mean = (xs: QualityFigures[], key: keyof Omit<QualityFigures, 'latency' | 'questions'>) => round(xs.reduce((s, x) => s + x[key], 0) / xs.length, 1);
  return Object.fromEntries(
    Object.entries(figures).map(([name, xs]) => [
      name,
      {
        questions: xs.reduce((s, x) => s + x.questions, 0),
        procedure_top1: mean(xs, 'procedure_top1'),
        procedure_top3: mean(xs, 'procedure_top3'),
        intent: mean(xs, 'intent'),
        overall: mean(xs, 'overall'),
        confidently_wrong: mean(xs, 'confidently_wrong'),
        answered_directly: mean(xs, 'answered_directly'),
        latency: xs[0]!.latency,
      } satisfies QualityFigures,
    ]),
  );
}

/** Per-query latency of each system on a generated catalog of `size` procedures (real ones included). */
function latencyAtScale(content: Content, size: number, queries: readonly string[]) {
  const procedures = generateCatalog(content.procedures, size);
  const big: Content = { ...content, procedures };
  const out: Record<string, Summary> = {};
  const systems: Record<string, () => System> = {
    model: () => modelSystem(big),
    rules: () => rulesSystem(procedures, big),
    miniSearchDefault: () => defaultMiniSearch(procedures),
  };
  for (const [name, make] of Object.entries(systems)) {
    progress(`quality: ${name} over ${size} procedures`);
    const system = make();
    for (const q of queries.slice(0, 20)) system(q);
    const samples: number[] = [];
    for (const q of queries) {
      const t = performance.now();
      system(q);
      samples.push(performance.now() - t);
    }
    out[name] = summarize(samples);
  }
  return out;
}

export async function runQuality() {
  const loaded = loadContent(BUNDLED_CONTENT_DIR);
  if (!loaded.ok) throw new Error('bench: bundled content is invalid');
  const content = loaded.content;
  const rows: Row[] = [];
  const cell = (f: QualityFigures) =>
    `${fmt.pct(f.procedure_top1)} | ${fmt.pct(f.procedure_top3)} | ${fmt.pct(f.intent)} | ${fmt.pct(f.overall)} | ${fmt.pct(f.confidently_wrong)}`;
  const NOTE = 'top1 | top3 | intent | overall | confidently wrong';

  const trainingStarted = performance.now();
  const model = modelSystem(content);
  const trainMs = performance.now() - trainingStarted;
  const systems = { model, rules: rulesSystem(content.procedures, content), miniSearchDefault: defaultMiniSearch(content.procedures) };

  const cv = crossValidate(content, {
    model: (train) => modelSystem(train),
    rules: () => systems.rules,
    miniSearchDefault: () => systems.miniSearchDefault,
  });
  for (const [name, f] of Object.entries(cv)) {
    rows.push({ section: 'Quality', metric: `${FOLDS}-fold cross-validation (${f.questions} corpus messages): ${name}`, value: cell(f), note: `${NOTE}; answered directly ${fmt.pct(f.answered_directly)}` });
  }

  const sets: Record<string, Record<string, QualityFigures>> = {};
  for (const set of loadQuestionSets()) {
    progress(`quality: ${set.name} (${set.cases.length} questions)`);
    sets[set.name] = {};
    for (const [name, system] of Object.entries(systems)) {
      const f = answerAll(set.cases, system);
      sets[set.name]![name] = f;
      rows.push({
        section: 'Quality',
        metric: `${set.name} (${set.cases.length} q): ${name}`,
        value: cell(f),
        note: `${NOTE}; answered directly ${fmt.pct(f.answered_directly)}; p50 ${fmt.ms(f.latency.p50)}, p99 ${fmt.ms(f.latency.p99)}`,
      });
    }
  }

  // The rule-based and default searches take a quarter of a second a query at this scale: a
  // sample of 300 questions (every k-th) keeps the run short and the percentiles meaningful.
  const all = loadQuestionSets().flatMap((s) => s.cases.map((c) => c.q));
  const step = Math.max(1, Math.floor(all.length / 300));
  const queries = all.filter((_, i) => i % step === 0).slice(0, 300);
  const scale = latencyAtScale(content, Number(process.env.BENCH_CATALOG_SIZE ?? 10_000), queries);
  for (const [name, s] of Object.entries(scale)) {
    rows.push({ section: 'Quality', metric: `latency over a generated 10,000-procedure catalog: ${name}`, value: `p50 ${fmt.ms(s.p50)}, p99 ${fmt.ms(s.p99)}`, note: `${s.n} queries` });
  }
  rows.push({ section: 'Quality', metric: 'model training on the bundled catalog', value: fmt.ms(trainMs), note: 'no cache; the server caches the trained model by a hash of its training data' });
  rows.push({ section: 'Quality', metric: 'baseline intent rule', value: '', note: BASELINE_RULE });
  return {
    json: {
      countedAs: 'scripts/eval/score.mjs (top1/top3 only when intent is procedure; intent matches intent or alt); confidently wrong = procedure questions answered with one wrong procedure and no alternatives',
      baselineRule: BASELINE_RULE,
      trainMs: round(trainMs),
      crossValidation: cv,
      sets,
      latencyAtScale: scale,
    },
    rows,
  };
}
