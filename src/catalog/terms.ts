import { fold, normalizeText } from './fold.js';

/**
 * Words that carry no meaning for finding a procedure: pronouns, particles, question words.
 * Folded forms. They are dropped as single terms but still join neighbours into two-syllable terms,
 * so "người có công" keeps "co_cong".
 */
const STOP_WORD_LIST = [
    'a', 'à', 'ạ', 'ah', 'ak', 'ơi', 'nhé', 'nha', 'nhỉ', 'vậy', 'thế', 'nào', 'sao', 'gì', 'đâu', 'không', 'ko', 'k',
    'có', 'được', 'đc', 'dc', 'là', 'thì', 'mà', 'và', 'với', 'của', 'cho', 'để', 'ở', 'tại', 'trong', 'về', 'ra',
    'tôi', 'toi', 'em', 'anh', 'chị', 'mình', 'bác', 'cô', 'chú', 'ông', 'bà', 'cháu', 'con', 'tao', 'nó',
    'muốn', 'cần', 'phải', 'bị', 'đã', 'đang', 'sẽ', 'rồi', 'này', 'kia', 'đó', 'nữa', 'cũng', 'hỏi', 'xin',
    'làm', 'thủ', 'tục', 'hồ', 'sơ', 'giấy', 'tờ', 'gồm', 'những', 'các', 'một', 'mấy', 'bao', 'nhiêu', 'lâu',
    'ai', 'khi', 'nếu', 'như', 'hay', 'hoặc', 'thôi', 'giúp', 'ạh', 'vs', 'cách', 'việc',
];
export const STOP_WORDS = new Set(STOP_WORD_LIST.map((w) => fold(w)));
/**
 * The same words with their marks, for text written with marks: folded, "sổ đỏ" would be "sơ đó",
 * two stop words, and "hôm nay" would lose "này".
 */
export const MARKED_STOP_WORDS = new Set(STOP_WORD_LIST.map((w) => normalizeText(w)));

export interface TermOptions {
  /** Emit two-syllable terms ("ket_hon") beside single syllables. */
  bigrams: boolean;
}

/**
 * Splits text into search terms: every syllable folded, plus its marked form where it has marks,
 * plus the same for each pair of neighbouring syllables. Indexing and querying both use this, so a
 * query typed with marks matches a document's marked terms as well as its folded ones and ranks
 * exact-accent matches first, while a query typed without marks still finds everything.
 */
export function toTerms(text: string, options: TermOptions = { bigrams: true }): string[] {
  const marked = normalizeText(text).split(' ').filter(Boolean);
  const folded = fold(text).split(' ').filter(Boolean);
  if (marked.length !== folded.length) throw new Error('catalog: folding changed the syllable count');
  const terms: string[] = [];
  for (let i = 0; i < folded.length; i++) {
    const f = folded[i]!;
    const m = marked[i]!;
    if (!STOP_WORDS.has(f)) {
      terms.push(f);
      if (m !== f) terms.push(m);
    }
    if (options.bigrams && i + 1 < folded.length) {
      const f2 = folded[i + 1]!;
      const m2 = marked[i + 1]!;
      // A pair of two stop words ("thủ tục", "hồ sơ") says nothing about which procedure.
      if (STOP_WORDS.has(f) && STOP_WORDS.has(f2)) continue;
      terms.push(`${f}_${f2}`);
      if (m !== f || m2 !== f2) terms.push(`${m}_${m2}`);
    }
  }
  return terms;
}

/** True for a two-syllable term. */
export function isBigram(term: string): boolean {
  return term.includes('_');
}
