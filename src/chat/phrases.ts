import { containsPhrase, fold, phraseLocator } from '../catalog/fold.js';
import type { ChatWords, Facet, Facets } from '../catalog/schema.js';
import { FACET_IDS } from '../catalog/schema.js';

/** Polite particles and address words around a short reply ("dạ cảm ơn ạ", "ok ad nhé"). */
const PARTICLES = new Set(['a', 'ah', 'nha', 'nhe', 'nhen', 'nhé', 'ad', 'admin', 'oi', 'ơi', 'vay', 'nhieu', 'lam', 'xa', 'nhe']);

/**
 * Words that may stand around a thanks without making it a message of its own: particles, address
 * words and pronouns, "ok", "thôi" ("ok e cảm ơn ad nhiều nha", "thank ad nhìu", "thôi cảm ơn").
 */
const COURTESY = new Set([
  ...PARTICLES,
  ...['e', 'em', 'a', 'anh', 'chi', 'c', 'co', 'chu', 'bac', 'can', 'bo', 'ban', 'cac', 'ca', 'minh', 'toi', 't', 'chau', 'con', 'mn', 'moi', 'nguoi'],
  ...['da', 'vang', 'u', 'ok', 'oke', 'thoi', 'nhiu', 'rat', 'qua', 'luon', 'ne', 'nghen', 'hen', 'ha', 'ak', 'nhaa', 'roi', 'tran', 'trong', 'duoc', 'dc', 'vay'],
]);
/** Words that open the reason of a thanks ("đã", "vì"), folded… */
const REASON = new Set(['da', 'vi']);
/** A thanks phrase that thanks, not a mere assent ("ok", "rồi"), folded. */
const GRATITUDE = /\b(?:cam on|thank|thanks|tks)\b/;
/** …and words that would make it a question after all (folded). */
const ASKING = new Set(['khong', 'ko', 'k', 'gi', 'j', 'sao', 'nao', 'dau', 'bao', 'may', 'chua', 'hoi', 'xin']);
/** A thanks may be this long at most, courtesy words included. */
const THANKS_MAX_WORDS = 10;

/** A short reply folded, without the particles around it: "Dạ, cảm ơn ạ!" → "da cam on". */
export function coreOf(text: string): string {
  const words = fold(text).split(' ').filter(Boolean);
  while (words.length > 1 && PARTICLES.has(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

const chatWordMatchers = new WeakMap<ChatWords, ChatWordMatcher>();
/** The facet found in a text, with the length in words of the phrase that says it. */
type FacetFound = { id: Facet; words: number };
/** `counts`: which folded phrases may decide (all by default); `standardOnly`: leave the regional ones out. */
type FacetDetector = (text: string, counts?: (foldedPhrase: string) => boolean, standardOnly?: boolean) => FacetFound | undefined;
const facetDetectors = new WeakMap<Facets, FacetDetector>();

/**
 * Matches residents' short replies against chat-words.yaml (whole message, folded). Built once per
 * loaded catalog (handlers ask for it on every message).
 */
export function createChatWords(words: ChatWords): ChatWordMatcher {
  let matcher = chatWordMatchers.get(words);
  if (!matcher) chatWordMatchers.set(words, (matcher = buildChatWords(words)));
  return matcher;
}

function buildChatWords(words: ChatWords) {
  const sets = Object.fromEntries(Object.entries(words).map(([kind, list]) => [kind, new Set(list.map(fold))])) as Record<keyof ChatWords, Set<string>>;
  const is = (kind: keyof ChatWords, text: string) => {
    const core = coreOf(text);
    return sets[kind].has(core) || sets[kind].has(fold(text));
  };
  // Longest first, so "cảm ơn nhiều" is taken whole before "cảm ơn".
  const thanksPhrases = [...sets.thanks].sort((a, b) => b.length - a.length);
  /** Thanks phrases of the list with only courtesy words around them ("ok e cảm ơn ad nhiều nha"). */
  const politeThanks = (text: string) => {
    let rest = ` ${fold(text)} `;
    if (rest.trim().split(' ').length > THANKS_MAX_WORDS) return false;
    let found = false;
    let grateful = false;
    for (const phrase of thanksPhrases) {
      while (rest.includes(` ${phrase} `)) {
        rest = rest.replace(` ${phrase} `, ' ');
        found = true;
        grateful ||= GRATITUDE.test(phrase);
      }
    }
    if (!found) return false;
    const words = rest.trim().split(' ').filter(Boolean);
    const firstOther = words.findIndex((w) => !COURTESY.has(w));
    if (firstOther < 0) return true;
    // "cảm ơn ad đã tiếp nhận", "cảm ơn vì đã trả lời nhanh": the thanks with its reason, asking nothing.
    // Only a real thanks has a reason: "dạ đúng rồi, bé sinh ở bệnh viện tỉnh" ("rồi" an assent, "dạ"
    // folded like "đã") tells something.
    if (!grateful) return false;
    const reasonAt = words.findIndex((w) => REASON.has(w));
    return reasonAt >= 0 && reasonAt <= firstOther && !text.includes('?') && !words.slice(reasonAt).some((w) => ASKING.has(w));
  };
  return {
    isThanks: (text: string) => is('thanks', text) || politeThanks(text),
    isMenu: (text: string) => is('menu', text),
    isYes: (text: string) => is('yes', text),
    isNo: (text: string) => is('no', text),
    /** The resident says the last answer was wrong ("sai rồi", "không phải cái này"). */
    isComplaint: (text: string) => is('complaint', text),
    /** A wish to stop a guided flow: the message is a stop phrase, or starts with one and is short. */
    isStop: (text: string) => {
      if (is('stop', text)) return true;
      const folded = fold(text);
      return folded.split(' ').length <= 6 && [...sets.stop].some((s) => s.split(' ').length >= 2 && containsPhrase(folded, s));
    },
  };
}

export type ChatWordMatcher = ReturnType<typeof buildChatWords>;

/**
 * The facet a message asks about ("còn lệ phí?" → fee), from facets.yaml: the facet whose phrase in
 * the message is longest, so the words around a short phrase decide ("hết bao nhiêu ngày" asks the
 * time, not the cost; "bao lâu thì xã phải trả lời" the time, not "phải trả"); between phrases of
 * the same length, a question ("ở đâu", "bao lâu") nearer the end, where a Vietnamese question puts
 * what it asks ("cần giấy xác nhận để xin miễn học phí thì xin ở đâu" asks where; "cần mang gì lên xã"
 * still asks the papers: "lên xã" asks nothing; of two that overlap, "hết bao nhiêu lâu", the one that ends
 * the question), unless it directly follows "online" and qualifies it ("nộp online ở đâu" asks for the
 * online service; "nộp giấy tờ ở đâu" asks where); otherwise the facet listed first in the file.
 */
export function createFacetDetector(facets: Facets): FacetDetector {
  let detector = facetDetectors.get(facets);
  if (!detector) facetDetectors.set(facets, (detector = buildFacetDetector(facets)));
  return detector;
}

/**
 * The facet a resident's message asks about: read on their own words first, then with their short
 * forms written out (`writeOut`: "bn ngay" asks the time). Not on the official terms the model's
 * view appends: "có được hỗ trợ tiền mai táng không" does not ask a fee because "tiền mai táng" is
 * officially "chi phí mai táng".
 */
export function facetAsked(facets: Facets, writeOut: (text: string) => string, text: string): Facet | undefined {
  // "thôi để bà lên xã, còn phí một bản bao nhiêu": after "còn" comes what is asked now; what goes
  // before is said in passing. The whole message decides when the turn asks no facet of its own.
  const turn = TURNS_TO_ASK.exec(text);
  return (turn ? facetIn(facets, writeOut, text.slice(turn.index + turn[0].length)) : undefined) ?? facetIn(facets, writeOut, text);
}

/** The last "còn" as typed (folded, it is also "con", a child), after a clause: the question turns there. */
const TURNS_TO_ASK = /[,.;!?]\s*(?:(?:thế|vậy|mà)\s+)?còn\s+(?!.*[,.;!?]\s*(?:(?:thế|vậy|mà)\s+)?còn\s)/iu;

function facetIn(facets: Facets, writeOut: (text: string) => string, text: string): Facet | undefined {
  const detect = createFacetDetector(facets);
  // The resident's words are read with the marks they typed ("hợp đồng thuê" is not "đóng thuế");
  // the written-out view only adds what the expansion brought ("bn" → "bao nhiêu").
  const typed = fold(text);
  // Last, the words without any marks: a mark typed wrong ("những giáy tờ gì") is still the phrase.
  // Not a regional one: stripped of its marks, "cần chị hướng dẫn" would be the Central "cần chi" (what is needed).
  // A longer phrase the written-out view makes ("hết bn tiền" → "hết bao nhiêu tiền") outweighs a
  // shorter one typed in full ("10 bản photo … hết bn tiền" asks the fee).
  const asTyped = detect(text);
  const writtenOut = detect(writeOut(text), (phrase) => !containsPhrase(typed, phrase));
  const found = asTyped && (!writtenOut || writtenOut.words <= asTyped.words) ? asTyped : (writtenOut ?? detect(typed, undefined, true));
  return found?.id;
}

/**
 * Words that carry no subject of their own in a facet question ("thì", "có", "được", "vậy ad", "để xin",
 * "khoảng bao lâu": about), folded; not "khoản" (a sum): folded it is also "khoán" ("thuế khoán").
 */
const FUNCTION_WORDS = new Set([...COURTESY, ...ASKING, 'khoang', 'thi', 'the', 'ma', 'la', 'co', 'cai', 'nay', 'do', 'ay', 'nao', 'gi', 'j', 'hay', 'hong', 'hem', 'z', 'v', 'o', 'tai', 'len', 'ra', 've', 'di', 'den', 'phai', 'can', 'nop', 'lam', 'xin', 'de', 'ubnd', 'uy', 'ban', 'mot', 'cua', 'het', 'mat', 'tat', 'ca']);

/**
 * What a facet question asks about: the message folded, without the facets' phrases, the words of
 * the asked facet's phrases ("thuế phí các thứ hết bao nhiêu" asks the cost: "thuế" is its word),
 * numbers and the words that carry no subject ("thuế khoán nộp ở đâu ad" → "thue khoan"; "mất bao
 * lâu ạ" → ""). Give it the message with its short forms written out ("phí 1 bản bn" → nothing left).
 */
export function subjectOfFacetQuestion(facets: Facets, text: string, asked: Facet): string {
  const { phrases, facetWords } = facetVocabulary(facets);
  let padded = ` ${fold(text)} `;
  for (const phrase of phrases) while (padded.includes(` ${phrase} `)) padded = padded.replace(` ${phrase} `, ' ');
  return padded
    .split(' ')
    .filter((w) => w && !FUNCTION_WORDS.has(w) && !facetWords[asked].has(w) && !/^\d+$/.test(w))
    .join(' ');
}

/** Every facet phrase folded, longest first (removed before the shorter ones they contain), and each facet's words. */
interface FacetVocabulary {
  phrases: string[];
  facetWords: Record<Facet, Set<string>>;
}
const facetVocabularies = new WeakMap<Facets, FacetVocabulary>();
function facetVocabulary(facets: Facets): FacetVocabulary {
  let vocabulary = facetVocabularies.get(facets);
  if (!vocabulary) {
    const of = (id: Facet) => [...facets.facets[id].phrases, ...facets.facets[id].recognised_only, ...facets.facets[id].regional].map(fold);
    vocabulary = {
      phrases: [...new Set(FACET_IDS.flatMap(of))].sort((a, b) => b.split(' ').length - a.split(' ').length),
      facetWords: Object.fromEntries(FACET_IDS.map((id) => [id, new Set(of(id).flatMap((p) => p.split(' ')))])) as Record<Facet, Set<string>>,
    };
    facetVocabularies.set(facets, vocabulary);
  }
  return vocabulary;
}

/**
 * Question words (folded): a phrase holding one asks, and where it stands tells what is asked.
 * "nhieu" is the Southern "nhiêu" (bao nhiêu): in "hết nhiêu ngày" the unit after it ("ngày") tells
 * what is asked, not the verb before it ("hết nhiêu" alone asks a cost).
 */
const QUESTION_WORDS = new Set(['dau', 'nao', 'gi', 'bao', 'may', 'sao', 'ai', 'nhieu']);

function buildFacetDetector(facets: Facets): FacetDetector {
  const compiled = FACET_IDS.map((id) => {
    const yields = new Set(facets.facets[id].yields.map(fold));
    return {
      id,
      phrases: [...[...facets.facets[id].phrases, ...facets.facets[id].recognised_only].map((p) => [p, false] as const), ...facets.facets[id].regional.map((p) => [p, true] as const)].map(([p, regional]) => {
        const folded = fold(p);
        const syllables = folded.split(' ').length;
        // A phrase that yields weighs half a word less: it decides only against shorter phrases.
        return { text: p, folded, syllables, words: syllables - (yields.has(folded) ? 0.5 : 0), asks: folded.split(' ').some((w) => QUESTION_WORDS.has(w)), regional };
      }),
    };
  });
  return (text: string, counts: (foldedPhrase: string) => boolean = () => true, standardOnly = false): FacetFound | undefined => {
    const at = phraseLocator(text);
    let best: { id: Facet; words: number; syllables: number; at: number } | undefined;
    for (const f of compiled) {
      for (const p of f.phrases) {
        if (p.words < (best?.words ?? 1) || (standardOnly && p.regional)) continue;
        const where = at(p.text);
        if (where < 0 || !counts(p.folded)) continue;
        if (!best || p.words > best.words || (p.asks && where > best.at && !(best.id === 'online' && where === best.at + best.syllables))) best = { id: f.id, words: p.words, syllables: p.syllables, at: where };
      }
    }
    return best && { id: best.id, words: best.words };
  };
}
