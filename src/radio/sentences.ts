/**
 * Short sentences for reading aloud. Listeners cannot re-read: one idea per sentence, about twenty
 * words at most, so the announcer breathes at the full stops and not in the middle of a phrase.
 */
export const MAX_WORDS = 20;
/** Past this a clause is cut even without a comma or conjunction to cut at. */
const HARD_MAX_WORDS = 30;

/** Markdown as staff write it (paragraphs, "- " lists, **bold**) → plain lines, one per paragraph or item. */
export function markdownLines(markdown: string): string[] {
  return markdown
    .normalize('NFC')
    .split(/\n/)
    .map((line) =>
      line
        .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')
        .replace(/^#+\s*/, '')
        .replace(/\*\*(.+?)\*\*/g, '$1')
        .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
        .trim(),
    )
    .filter(Boolean);
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\d]/u.test(w)).length;
}

function finish(sentence: string): string {
  const trimmed = sentence.trim().replace(/[,;:\s]+$/, '');
  if (!trimmed) return '';
  const capital = trimmed.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** Splits a long stretch of words into pieces of at most `max` words, evenly. */
function evenPieces(words: string[], max: number): string[][] {
  const count = Math.ceil(words.length / max);
  const size = Math.ceil(words.length / count);
  const pieces: string[][] = [];
  for (let i = 0; i < words.length; i += size) pieces.push(words.slice(i, i + size));
  return pieces;
}

const DIGIT_WORD = /^(không|một|hai|ba|bốn|năm|sáu|bảy|tám|chín)$/u;

/**
 * Commas between digit words are the pauses inside a phone number or code ("không hai không không,
 * không không không"): never a place to end a sentence.
 */
function keepDigitGroups(pieces: string[]): string[] {
  const out: string[] = [];
  for (const piece of pieces) {
    const previous = out.at(-1);
    const lastWord = previous?.replace(/,$/, '').split(/\s+/).at(-1) ?? '';
    const firstWord = piece.split(/\s+/)[0] ?? '';
    if (previous?.endsWith(',') && DIGIT_WORD.test(lastWord) && DIGIT_WORD.test(firstWord)) out[out.length - 1] = `${previous} ${piece}`;
    else out.push(piece);
  }
  return out;
}

/** A sentence longer than `max` words, broken at commas, then at "và / nhưng / hoặc / để", then evenly. */
function breakLong(sentence: string, max: number): string[] {
  if (countWords(sentence) <= max) return [sentence];
  // "và", "nhưng", "hoặc" start a new clause; "vì", "để" too often belong to a phrase ("thay vì").
  const clauses = keepDigitGroups(sentence.split(/(?<=,)\s+|\s+(?=(?:và|nhưng|hoặc)\s)/u));
  const out: string[] = [];
  let current = '';
  for (const clause of clauses) {
    const joined = current ? `${current} ${clause}` : clause;
    if (countWords(joined) <= max) {
      current = joined;
      continue;
    }
    if (current) out.push(current);
    current = clause;
    if (countWords(current) > HARD_MAX_WORDS) {
      for (const piece of evenPieces(current.split(/\s+/), max)) out.push(piece.join(' '));
      current = '';
    }
  }
  if (current) out.push(current);
  return out;
}

/** Spoken text (numbers already in words) → short sentences, each ending with a full stop. */
export function shortSentences(spoken: string, max = MAX_WORDS): string[] {
  return spoken
    .split(/(?<=[.!?;:])\s+|\n+/)
    .flatMap((s) => breakLong(s.replace(/;$/, '.').replace(/:$/, '.'), max))
    .map(finish)
    .filter(Boolean);
}
