/**
 * Vietnamese text normalisation: the single place that decides what two spellings "mean the same".
 * Used for indexing, querying, synonyms and intent cues alike, so they can never disagree.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
// Anything that is not a letter or a digit separates words (punctuation, emoji, symbols).
const NON_WORD = /[^\p{L}\p{N}]+/gu;

/** NFC, lower case, punctuation and emoji turned into single spaces, trimmed. Keeps tone marks. */
export function normalizeText(input: string): string {
  return input.normalize('NFC').toLowerCase().replace(NON_WORD, ' ').trim();
}

/**
 * fold is pure and called on the same catalog phrases for every message (life-event situations,
 * facet and chat words): short inputs are remembered. Cleared whole when full, so it stays small.
 */
const foldMemo = new Map<string, string>();
const FOLD_MEMO_ENTRIES = 20_000;
const FOLD_MEMO_MAX_LENGTH = 200;

/**
 * Removes tone and vowel marks and maps đ to d ("Đăng ký" → "dang ky"), after normalizeText.
 * A final "y" after a consonant becomes "i" ("ky" → "ki", "lý" → "li"): both spellings are correct
 * Vietnamese and residents use them interchangeably. "ay"/"uy" keep their y, where it matters.
 * Idempotent: fold(fold(x)) === fold(x).
 */
export function fold(input: string): string {
  if (input.length > FOLD_MEMO_MAX_LENGTH) return foldNow(input);
  let folded = foldMemo.get(input);
  if (folded === undefined) {
    if (foldMemo.size >= FOLD_MEMO_ENTRIES) foldMemo.clear();
    foldMemo.set(input, (folded = foldNow(input)));
  }
  return folded;
}

function foldNow(input: string): string {
  return normalizeText(input)
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/\b([bcdghklmnpqrstvx]+)y\b/g, '$1i')
    .normalize('NFC');
}

/** Syllables of a text with marks kept (NFC, lower case). */
export function syllables(input: string): string[] {
  const text = normalizeText(input);
  return text ? text.split(' ') : [];
}

/** Syllables of a text, folded. */
export function foldedSyllables(input: string): string[] {
  const text = fold(input);
  return text ? text.split(' ') : [];
}

/** A Vietnamese mark in NFD text: a combining tone or vowel mark, or đ. */
const MARK = /[\u0300-\u036f]|đ/;

/** True when the text contains any Vietnamese mark, i.e. the writer typed diacritics. */
export function hasMarks(input: string): boolean {
  return MARK.test(normalizeText(input).normalize('NFD'));
}

/** Whether a folded phrase occurs in a folded text as whole syllables. */
export function containsPhrase(foldedText: string, foldedPhrase: string): boolean {
  if (!foldedPhrase) return false;
  return ` ${foldedText} `.includes(` ${foldedPhrase} `);
}

/** A syllable with its marks, "y" after a consonant spelt "i" as fold does ("ký" → "kí"). */
function markedSyllable(syllable: string): string {
  return syllable.normalize('NFD').replace(/\b([bcdghklmnpqrstvx]+)y\b/g, '$1i').normalize('NFC');
}

interface Syllables {
  folded: string[];
  /** With marks; undefined where the syllable was typed without any. */
  marked: Array<string | undefined>;
}

function syllablesOf(text: string): Syllables {
  const words = syllables(text);
  // The syllables are already normalised: hasMarks would normalise each again.
  return { folded: words.map(fold), marked: words.map((w) => (MARK.test(w.normalize('NFD')) ? markedSyllable(w) : undefined)) };
}

/** A phrase as phraseLocator compares it: each syllable folded, and with the marks it must match. */
interface Wanted {
  folded: string[];
  /** The marks a syllable typed with marks must carry (an unmarked phrase syllable: as fold spells it). */
  marked: string[];
}

/** Catalog phrases are few and asked about for every message: their syllables are kept. */
const phraseSyllables = new Map<string, Wanted>();

function wantedOf(phrase: string): Wanted {
  let wanted = phraseSyllables.get(phrase);
  if (!wanted) {
    if (phraseSyllables.size >= FOLD_MEMO_ENTRIES) phraseSyllables.clear();
    const { folded, marked } = syllablesOf(phrase);
    phraseSyllables.set(phrase, (wanted = { folded, marked: folded.map((f, k) => marked[k] ?? markedSyllable(f)) }));
  }
  return wanted;
}

/**
 * A test for phrases in one text, as whole syllables, the marks the writer typed respected:
 * folded, "chưa vợ để đi làm" contains "vợ đẻ" (a birth); as typed it does not. A syllable typed
 * without marks matches any marks, so text written without diacritics is read as before.
 * The text is split once, however many phrases are looked for.
 */
export function phraseFinder(text: string): (phrase: string) => boolean {
  const locate = phraseLocator(text);
  return (phrase) => locate(phrase) >= 0;
}

/** The same, telling where: the syllable index of the phrase's last occurrence, or -1. */
export function phraseLocator(text: string): (phrase: string) => number {
  const typed = syllablesOf(text);
  // Most phrases looked for are not in a message: their first syllable already says so.
  const present = new Set(typed.folded);
  return (phrase) => {
    const wanted = wantedOf(phrase);
    const n = wanted.folded.length;
    if (n === 0 || !present.has(wanted.folded[0]!)) return -1;
    for (let start = typed.folded.length - n; start >= 0; start--) {
      let all = true;
      for (let k = 0; k < n && all; k++) {
        const marked = typed.marked[start + k];
        all = typed.folded[start + k] === wanted.folded[k] && (marked === undefined || marked === wanted.marked[k]);
      }
      if (all) return start;
    }
    return -1;
  };
}

/** The same for one phrase. */
export function containsPhraseAsTyped(text: string, phrase: string): boolean {
  return phraseFinder(text)(phrase);
}
