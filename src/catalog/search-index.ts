import MiniSearch, { type SearchResult } from 'minisearch';
import { fold, hasMarks } from './fold.js';
import { STOP_WORDS, isBigram, toTerms } from './terms.js';
import { createSynonymExpander } from './synonyms.js';
import type { FieldId, Procedure, Synonyms } from './schema.js';

/** How the procedure search weighs and forgives. */
export interface SearchOptions {
  /** Field boosts: what a procedure is called counts far more than what its guidance mentions. */
  boost: Record<IndexedField, number>;
  /** Edit distance allowed per term, by term length (typos in longer terms are forgiven). */
  fuzzy: (term: string) => number;
  /** Weight of fuzzy and prefix matches relative to exact ones. */
  weights: { fuzzy: number; prefix: number };
  /** Extra weight of two-syllable terms, which carry most of the meaning in Vietnamese. */
  bigramBoost: number;
  /** Weight of terms that come only from synonym expansion, relative to the resident's own words. */
  synonymWeight: number;
  /**
   * Re-ranking by phrase coverage: a procedure whose name or one alias is said in full by the query
   * ("đăng ký khai tử") beats one that shares only part of it ("đăng ký lại khai tử").
   * Score × (1 + coverageWeight × best coverage), coverage in 0..1.
   */
  coverageWeight: number;
  /**
   * BM25 parameters. Term-frequency saturation (k) and length normalisation (b) are lower than
   * MiniSearch's defaults: a procedure whose files repeat a word, or that lists more aliases, is
   * not for that reason a better answer.
   */
  bm25: { k: number; b: number; d: number };
}

type IndexedField = 'name' | 'aliases' | 'code' | 'documents' | 'body';

export const defaultSearchOptions: SearchOptions = {
  boost: { name: 4, aliases: 3, code: 4, documents: 1, body: 0.4 },
  fuzzy: (term) => {
    const letters = term.replace('_', '').length;
    return letters >= 10 ? 2 : letters >= 5 ? 1 : 0;
  },
  weights: { fuzzy: 0.35, prefix: 0.5 },
  bigramBoost: 2,
  synonymWeight: 0.5,
  coverageWeight: 1,
  bm25: { k: 0.6, b: 0.3, d: 0.5 },
};

/** One ranked procedure for a query. */
export interface SearchHit {
  id: string;
  score: number;
  /** Whether a two-syllable term of the query matched the name or aliases exactly (not by typo). */
  strong: boolean;
  /** Best share (0..1) of one name or alias phrase that the query contains. */
  coverage: number;
  /**
   * Terms of the name or aliases that matched (folded): exactly, or through a plausible typo of a
   * query term (same first letters, as in "kinh doan" for "kinh doanh"), never by a chance
   * one-letter neighbour ("co mua" does not stand for "tờ mua").
   */
  nameTerms: string[];
}

export interface SearchRequest {
  limit?: number;
  field?: FieldId;
  /** Search-as-you-type: the last word may be unfinished. */
  prefix?: boolean;
}

interface IndexedProcedure {
  id: string;
  name: string;
  aliases: string;
  code: string;
  documents: string;
  body: string;
  field: FieldId;
}

const NAME_FIELDS = new Set(['name', 'aliases', 'code']);
const RERANK_CANDIDATES = 50;

/** Words every procedure name shares; they say nothing about which one. */
const GENERIC_NAME_WORDS = new Set(['dang', 'ki', 'cap', 'giay', 'thu', 'tuc', 'viec', 'cua', 'va', 'co', 'do']);

function coreSyllables(name: string): Set<string> {
  return new Set(fold(name).split(' ').filter((s) => s && !GENERIC_NAME_WORDS.has(s) && !STOP_WORDS.has(s)));
}

/**
 * For each procedure, the siblings whose name it extends, and the words (and word pairs) it adds.
 * Candidates come from an inverted index of name words, so a large catalog is not compared pair by pair.
 */
function findNarrowerSiblings(procedures: readonly Procedure[]) {
  const cores = procedures.map((p) => ({ id: p.id, core: coreSyllables(p.name), bigrams: phraseBigrams(p.name) }));
  const withWord = new Map<string, number[]>();
  cores.forEach((c, i) => {
    for (const w of c.core) withWord.set(w, [...(withWord.get(w) ?? []), i]);
  });
  const result = new Map<string, Array<{ broader: string; extra: string[]; extraBigrams: string[] }>>();
  for (const broad of cores) {
    if (broad.core.size === 0) continue;
    // Procedures containing every word of `broad`: start from its rarest word's list.
    const lists = [...broad.core].map((w) => withWord.get(w) ?? []).sort((a, b) => a.length - b.length);
    for (const i of lists[0]!) {
      const narrow = cores[i]!;
      if (narrow.id === broad.id || narrow.core.size <= broad.core.size) continue;
      if (![...broad.core].every((w) => narrow.core.has(w))) continue;
      const extra = [...narrow.core].filter((w) => !broad.core.has(w));
      const extraBigrams = narrow.bigrams.filter((b) => !broad.bigrams.includes(b) && b.split('_').some((w) => extra.includes(w)));
      result.set(narrow.id, [...(result.get(narrow.id) ?? []), { broader: broad.id, extra, extraBigrams }]);
    }
  }
  return result;
}

/** The folded form of an index term ("kết_hôn" → "ket_hon"). */
function foldTerm(term: string): string {
  return isBigram(term) ? term.split('_').map(fold).join('_') : fold(term);
}

/** Whether `typed` could be a misspelling of `term`: same number of syllables, same first letters. */
function plausibleTypo(typed: string, term: string): boolean {
  const a = typed.split('_');
  const b = term.split('_');
  return a.length === b.length && a.every((s, i) => s[0] === b[i]![0]) && typed !== term;
}

/** Folded two-syllable terms of a phrase, the unit of phrase coverage. */
function phraseBigrams(phrase: string): string[] {
  return [...new Set(toTerms(fold(phrase)).filter(isBigram))];
}

function toIndexed(p: Procedure, extraAliases: readonly string[]): IndexedProcedure {
  return {
    id: p.id,
    name: p.name,
    aliases: [...p.aliases, ...extraAliases].join(' . '),
    code: p.code ?? '',
    documents: p.documents.map((d) => d.name).join(' . '),
    body: p.body,
    field: p.field,
  };
}

/**
 * The catalog's full-text index. Build once per catalog version; searching is synchronous and
 * cheap. Extra aliases (learned from staff linking unanswered questions) can be added at runtime.
 */
export function createProcedureIndex(
  procedures: readonly Procedure[],
  synonyms: Synonyms,
  options: SearchOptions = defaultSearchOptions,
) {
  const expand = createSynonymExpander(synonyms);
  const byId = new Map(procedures.map((p) => [p.id, p]));
  const learned = new Map<string, string[]>();
  const phrases = new Map(procedures.map((p) => [p.id, [p.name, ...p.aliases].map(phraseBigrams)]));
  const narrower = findNarrowerSiblings(procedures);
  // Every indexed term: a query term found here needs no typo search, the costliest part of a query.
  const vocabulary = new Set<string>();
  const index = new MiniSearch<IndexedProcedure>({
    fields: ['name', 'aliases', 'code', 'documents', 'body'],
    storeFields: ['field'],
    tokenize: (text, fieldName) => {
      const terms = fieldName === 'code' ? [text] : toTerms(text);
      for (const t of terms) vocabulary.add(t);
      return terms;
    },
    processTerm: (term) => term,
  });
  index.addAll(procedures.map((p) => toIndexed(p, [])));

  function search(query: string, request: SearchRequest = {}): SearchHit[] {
    const additions = expand(query);
    const ownTerms = toTerms(query);
    // Each official term is tokenised on its own: no two-syllable term across the join.
    const synonymOnly = new Set(additions.flatMap((a) => toTerms(a)).filter((t) => !ownTerms.includes(t)));
    const queryTerms = [...ownTerms, ...synonymOnly];
    const expanded = [query, ...additions].join(' . ');
    const codeMatch = /\b\d\.\d{6}\b/.exec(query)?.[0];
    if (codeMatch) queryTerms.push(codeMatch);
    if (queryTerms.length === 0) return [];
    const lastTerm = queryTerms[queryTerms.length - 1];
    const results = index.search(queryTerms.join(' '), {
        // Terms are already made by toTerms; they contain no spaces.
        tokenize: (q) => q.split(' '),
        processTerm: (term) => term,
        combineWith: 'OR',
        boost: options.boost,
        // Typos are looked for only in unmarked terms that are not words of the catalog.
        fuzzy: (term) => (term === codeMatch || vocabulary.has(term) || hasMarks(term) ? 0 : options.fuzzy(term)),
        prefix: request.prefix ? (term) => term === lastTerm && term.length >= 2 : false,
        weights: options.weights,
        bm25: options.bm25,
        boostTerm: (term) => (isBigram(term) ? options.bigramBoost : 1) * (synonymOnly.has(term) ? options.synonymWeight : 1),
        filter: request.field ? (r) => r.field === request.field : undefined,
    });
    const queryBigrams = new Set([query, ...additions].flatMap(phraseBigrams));
    const exactTerms = new Set(queryTerms.map(foldTerm));
    // Re-ranking looks at the best candidates only: the tail of an OR query is long and irrelevant.
    const hits = results.slice(0, RERANK_CANDIDATES).map((r) => toHit(r, queryBigrams, exactTerms));
    preferBroaderSiblings(hits, new Set(fold(expanded).split(' ')), queryBigrams);
    return hits.sort((a, b) => b.score - a.score).slice(0, request.limit ?? 10);
  }

  /**
   * Siblings whose names differ by a few words ("Đăng ký giám hộ" / "Đăng ký chấm dứt giám hộ",
   * "Đăng ký khai tử" / "Đăng ký lại khai tử") are told apart by those words alone: the narrower
   * one ranks above its broader sibling when the query says one of its extra words, below otherwise.
   */
  function preferBroaderSiblings(hits: SearchHit[], querySyllables: Set<string>, queryBigrams: Set<string>): void {
    const original = new Map(hits.map((h) => [h.id, h.score]));
    for (const hit of hits) {
      for (const { broader, extra, extraBigrams } of narrower.get(hit.id) ?? []) {
        const siblingScore = original.get(broader);
        if (siblingScore === undefined) continue;
        if (extraBigrams.some((b) => queryBigrams.has(b))) hit.score = Math.max(hit.score, siblingScore * 1.05);
        else if (!extra.some((s) => querySyllables.has(s))) hit.score = Math.min(hit.score, siblingScore * 0.9);
      }
    }
  }

  /** Best share of one name/alias phrase's two-syllable terms that the query contains. */
  function coverage(id: string, queryBigrams: Set<string>): number {
    let best = 0;
    for (const bigrams of phrases.get(id) ?? []) {
      if (bigrams.length === 0) continue;
      const found = bigrams.filter((b) => queryBigrams.has(b)).length;
      best = Math.max(best, found / bigrams.length);
    }
    return best;
  }

  function toHit(r: SearchResult, queryBigrams: Set<string>, exactTerms: Set<string>): SearchHit {
    const nameTerms = [
      ...new Set(
        Object.entries(r.match)
          .filter(([, fields]) => fields.some((f) => NAME_FIELDS.has(f)))
          .map(([term]) => foldTerm(term))
          .filter((t) => exactTerms.has(t) || [...exactTerms].some((q) => plausibleTypo(q, t))),
      ),
    ];
    const cover = coverage(String(r.id), queryBigrams);
    return {
      id: String(r.id),
      score: r.score * (1 + options.coverageWeight * cover),
      strong: nameTerms.some((t) => exactTerms.has(t) && (isBigram(t) || /^\d\.\d{6}$/.test(t))),
      coverage: cover,
      nameTerms,
    };
  }

  /** Adds a phrase residents used as an alias of a procedure; searchable at once. */
  function addAlias(id: string, phrase: string): void {
    const proc = byId.get(id);
    if (!proc) throw new Error(`catalog: unknown procedure "${id}"`);
    const list = learned.get(id) ?? [];
    if (list.includes(phrase)) return;
    list.push(phrase);
    learned.set(id, list);
    index.replace(toIndexed(proc, list));
    phrases.get(id)?.push(phraseBigrams(phrase));
  }

  return { search, addAlias, get: (id: string) => byId.get(id), size: procedures.length };
}

export type ProcedureIndex = ReturnType<typeof createProcedureIndex>;
