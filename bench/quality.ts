import MiniSearch from 'minisearch';
import { createCatalog } from '../src/catalog/catalog.js';
import { BUNDLED_CONTENT_DIR } from '../src/catalog/content-dir.js';
import { createAssistant } from '../src/assistant/assistant.js';
import { loadQuestionSets, type QuestionCase } from './questions.js';
import { fmt, progress, round, summarize, type Row, type Summary } from './stats.js';

/** What a system answered for one question, in score.mjs's terms. */
interface Answer {
  intent: string;
  ids: string[];
}

export interface QualityFigures {
  questions: number;
  procedureQuestions: number;
  intentQuestions: number;
  /** Percentages, counted exactly as /work/shared/eval/score.mjs counts them. */
  procedure_top1: number;
  procedure_top3: number;
  intent: number;
  overall: number;
  /** Time to answer one question in-process (ms). */
  latency: Summary;
}

/** score.mjs's rules: top-1/top-3 count only when the intent is 'procedure'; intent may match `alt`. */
export function score(cases: readonly QuestionCase[], answers: readonly Answer[], latencies: number[]): QualityFigures {
  let p = 0, top1 = 0, top3 = 0, it = 0, itOk = 0;
  cases.forEach((c, i) => {
    const a = answers[i]!;
    if (c.expect) {
      p++;
      if (a.intent === 'procedure' && c.expect.includes(a.ids[0]!)) top1++;
      if (a.intent === 'procedure' && a.ids.slice(0, 3).some((id) => c.expect!.includes(id))) top3++;
    } else {
      it++;
      if (a.intent === c.intent || (c.alt ?? []).includes(a.intent)) itOk++;
    }
  });
  const pct = (x: number, n: number) => (n ? round((100 * x) / n, 1) : NaN);
  return {
    questions: cases.length,
    procedureQuestions: p,
    intentQuestions: it,
    procedure_top1: pct(top1, p),
    procedure_top3: pct(top3, p),
    intent: pct(itOk, it),
    overall: pct(top1 + itOk, p + it),
    latency: summarize(latencies),
  };
}

async function answerAll(cases: readonly QuestionCase[], answer: (q: string) => Promise<Answer> | Answer) {
  for (const c of cases.slice(0, 20)) await answer(c.q); // warm-up
  const answers: Answer[] = [];
  const latencies: number[] = [];
  for (const c of cases) {
    const t = performance.now();
    answers.push(await answer(c.q));
    latencies.push(performance.now() - t);
  }
  return score(cases, answers, latencies);
}

/** The obvious alternative: MiniSearch with its defaults over the same procedures. */
function defaultMiniSearch(procedures: ReturnType<typeof createCatalog>['current']['content']['procedures']) {
  const index = new MiniSearch<{ id: string; name: string; aliases: string; documents: string; body: string }>({
    fields: ['name', 'aliases', 'documents', 'body'],
    storeFields: ['name'],
  });
  index.addAll(procedures.map((p) => ({ id: p.id, name: p.name, aliases: p.aliases.join(' . '), documents: p.documents.map((d) => d.name).join(' . '), body: p.body })));
  return (q: string): Answer => {
    const results = index.search(q);
    return { intent: results.length > 0 ? 'procedure' : 'out_of_scope', ids: results.map((r) => String(r.id)) };
  };
}

export const BASELINE_RULE = "default MiniSearch: intent = 'procedure' when search(q) returns any result, else 'out_of_scope'";

export async function runQuality() {
  const catalog = createCatalog(BUNDLED_CONTENT_DIR);
  const assistant = createAssistant({ catalog, links: { procedurePage: (id) => `/thu-tuc/${id}` } });
  const ours = async (q: string): Promise<Answer> => {
    const { understanding: u } = await assistant.respond(q);
    return { intent: u.intent, ids: u.results.map((r) => r.id) };
  };
  const baseline = defaultMiniSearch(catalog.current.content.procedures);

  const sets: Record<string, { assistant: QualityFigures; miniSearchDefault: QualityFigures }> = {};
  const rows: Row[] = [];
  for (const set of loadQuestionSets()) {
    progress(`quality: ${set.name} (${set.cases.length} questions)`);
    const a = await answerAll(set.cases, ours);
    const b = await answerAll(set.cases, baseline);
    sets[set.name] = { assistant: a, miniSearchDefault: b };
    const cell = (f: QualityFigures) => `${fmt.pct(f.procedure_top1)} | ${fmt.pct(f.procedure_top3)} | ${fmt.pct(f.intent)}`;
    rows.push(
      { section: 'Quality', metric: `${set.name} (${set.cases.length} q): assistant`, value: cell(a), note: `top1 | top3 | intent; answer p50 ${fmt.ms(a.latency.p50)}, p99 ${fmt.ms(a.latency.p99)}` },
      { section: 'Quality', metric: `${set.name}: default MiniSearch`, value: cell(b), note: `same figures; search p50 ${fmt.ms(b.latency.p50)}` },
    );
  }
  rows.push({ section: 'Quality', metric: 'baseline intent rule', value: '', note: BASELINE_RULE });
  return {
    json: {
      countedAs: '/work/shared/eval/score.mjs (top1/top3 only when intent is procedure; intent matches intent or alt)',
      baselineRule: BASELINE_RULE,
      baselineConfig: "new MiniSearch({ fields: ['name','aliases','documents','body'], storeFields: ['name'] }), search(q) with default options; aliases and document names joined with ' . '",
      sets,
    },
    rows,
  };
}
