import { fold } from './fold.js';
import type { Procedure } from './schema.js';

/**
 * The words that name a procedure's own papers ("văn bản thỏa thuận chọn quốc tịch", "giám định
 * ADN"): a question in a conversation about that procedure that uses them ("có phải xét nghiệm ADN
 * không") asks about its documents, though it names neither the procedure nor a facet.
 *
 * Terms are runs of three folded syllables, and acronyms as written (ADN, CT01), found in the
 * papers of at most MAX_PROCEDURES procedures: "giấy tờ tùy thân" belongs to
 * every procedure and tells nothing; two syllables ("công an", "đăng ký") name offices and
 * procedures as often as papers.
 */
const MAX_PROCEDURES = 3;
const ACRONYM = /\b[A-ZĐ][A-ZĐ0-9]{1,5}\b/gu;

/** The terms of a text: its acronyms, and (`runs`) its runs of three syllables. */
function termsOf(text: string, runs = true): Set<string> {
  const terms = new Set<string>();
  for (const m of text.normalize('NFC').matchAll(ACRONYM)) terms.add(fold(m[0]));
  if (!runs) return terms;
  const syllables = fold(text).split(' ').filter(Boolean);
  for (let i = 0; i + 2 < syllables.length; i++) terms.add(syllables.slice(i, i + 3).join(' '));
  return terms;
}

/** A paper's name gives both kinds of term; its note only acronyms (notes also name offices: "hỏi Công an xã"). */
function paperTerms(p: Procedure): Set<string> {
  return new Set(p.documents.flatMap((d) => [...termsOf(d.name), ...termsOf(d.note ?? '', false)]));
}

interface DocumentTerms {
  /** Every term of each procedure's papers. */
  all: Map<string, Set<string>>;
  /** Those found in the papers of at most MAX_PROCEDURES procedures. */
  distinctive: Map<string, Set<string>>;
}

const cache = new WeakMap<readonly Procedure[], DocumentTerms>();

/** Each procedure's document terms, computed once per loaded catalog. */
function documentTerms(procedures: readonly Procedure[]): DocumentTerms {
  const known = cache.get(procedures);
  if (known) return known;
  const all = new Map(procedures.map((p) => [p.id, paperTerms(p)]));
  const spread = new Map<string, number>();
  for (const terms of all.values()) for (const t of terms) spread.set(t, (spread.get(t) ?? 0) + 1);
  const distinctive = new Map([...all].map(([id, terms]) => [id, new Set([...terms].filter((t) => spread.get(t)! <= MAX_PROCEDURES))]));
  const computed = { all, distinctive };
  cache.set(procedures, computed);
  return computed;
}

/**
 * Whether a message uses a term that names one of the procedure's own papers: a distinctive one,
 * or (`anyPaper`) any, for a question that says by itself it is about a paper's form ("giấy chứng
 * tử bản photo được không").
 */
export function mentionsDocumentOf(procedures: readonly Procedure[], id: string, message: string, anyPaper = false): boolean {
  const terms = (anyPaper ? documentTerms(procedures).all : documentTerms(procedures).distinctive).get(id);
  if (!terms?.size) return false;
  // Residents type acronyms in lower case too ("xét nghiệm adn"): any single word may be one.
  for (const t of [...termsOf(message), ...fold(message).split(' ')]) if (terms.has(t)) return true;
  return false;
}
