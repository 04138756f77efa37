/** Which n-grams describe a message for the learned model. */
export interface FeatureOptions {
  /** Character n-gram lengths over the folded text (spaces included, so grams span word joins). */
  charMin: number;
  charMax: number;
  /** Word unigrams and bigrams of the folded text. */
  words: boolean;
  wordBigrams: boolean;
}

export const defaultFeatureOptions: FeatureOptions = { charMin: 2, charMax: 5, words: true, wordBigrams: true };

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Seeds that keep the kinds of feature apart: the character gram "an" is not the word "an". */
const KIND = { char: 0x63, word: 0x77, wordPair: 0x62 } as const;

function mix(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME) >>> 0;
}

function hashString(kind: number, text: string): number {
  let h = mix(FNV_OFFSET, kind);
  for (let i = 0; i < text.length; i++) h = mix(h, text.charCodeAt(i));
  return h;
}

/**
 * Counts of the n-grams of an already folded text, each n-gram named by a 32-bit FNV-1a hash (no
 * strings are built, which keeps training and answering fast; collisions among a few tens of
 * thousands of features are negligible). Character grams are padded with a space at each end, so
 * "ho" at a word start differs from "ho" inside "kho".
 */
export function countFeatures(foldedText: string, options: FeatureOptions = defaultFeatureOptions): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (key: number) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const padded = ` ${foldedText} `;
  const codes = new Uint16Array(padded.length);
  for (let i = 0; i < padded.length; i++) codes[i] = padded.charCodeAt(i);
  for (let start = 0; start < codes.length; start++) {
    let h = mix(FNV_OFFSET, KIND.char);
    let letters = 0;
    for (let n = 1; n <= options.charMax && start + n <= codes.length; n++) {
      const code = codes[start + n - 1]!;
      h = mix(h, code);
      if (code !== 32) letters++;
      // Grams need two letters: "a " or " a" alone says nothing.
      if (n >= options.charMin && letters >= 2) add(h);
    }
  }
  const words = foldedText.split(' ').filter(Boolean);
  if (options.words) for (const w of words) add(hashString(KIND.word, w));
  if (options.wordBigrams) for (let i = 0; i + 1 < words.length; i++) add(hashString(KIND.wordPair, `${words[i]} ${words[i + 1]}`));
  return counts;
}
