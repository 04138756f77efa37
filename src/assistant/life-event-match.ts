import { fold, phraseFinder } from '../catalog/fold.js';
import type { LifeEvent } from '../catalog/schema.js';

/** Counting words that may stand before a paper's name ("cái giấy khai sinh mất rồi"). */
const CLASSIFIERS = new Set(['cai', 'to', 'quyen', 'cuon', 'tam', 'chiec', 'ban']);
/** Words that may open a clause before its subject ("mà", "nhưng", "còn"; folded). */
const CONJUNCTIONS = new Set(['ma', 'nhung', 'con', 'the', 'vay']);
/** Verbs that make "mất" mean "lose" ("em làm mất rồi", "bị mất rồi", "bị rách mất rồi"). */
const LOSING_VERBS = new Set(['lam', 'danh', 'bi', 'rach', 'chay', 'uot', 'nat']);
/** How many words before the phrase may name the paper that is lost. */
const NEAR_WORDS = 2;

/**
 * True when the situation phrase at this clause is told of a paper rather than of the event:
 * "giấy chứng tử của ông nội mất rồi" is a lost paper, "bố tôi mất rồi" a death. The clause must
 * open with one of the event's `not_about` words (after a counting word), or have one just before
 * the phrase, or the phrase follow a verb of losing.
 */
function toldOfPaper(clause: string, phrase: string, notAbout: string[]): boolean {
  const at = ` ${clause} `.indexOf(` ${phrase} `);
  if (at < 0) return false;
  const before = clause.slice(0, at).trim().split(' ').filter(Boolean);
  if (before.length > 0 && LOSING_VERBS.has(before[before.length - 1]!)) return true;
  // "bản" counts a paper ("bản giấy khai sinh") or starts its name ("bản gốc"): both readings. A
  // clause may open with a conjunction first ("mà giấy chứng nhận cũ em làm thất lạc đâu mất rồi").
  const opened = CONJUNCTIONS.has(before[0] ?? '') ? before.slice(1) : before;
  const openings = [opened.join(' '), ...(CLASSIFIERS.has(opened[0] ?? '') ? [opened.slice(1).join(' ')] : [])];
  // "sổ cũng mất rồi": a paper just before the phrase is its subject too.
  const near = ` ${before.slice(-NEAR_WORDS).join(' ')} `;
  return notAbout.some((w) => openings.some((o) => o === w || o.startsWith(`${w} `)) || near.includes(` ${w} `));
}

/**
 * What a paper is wanted for ("cần giấy chứng tử để chia đất mà nhà làm mất rồi"): the reason for
 * asking, not an event the resident is living through. "để lại" (to leave, as an estate) is no
 * purpose; nor is "de" typed without marks, which may as well be "đẻ" (to give birth).
 */
const PURPOSE = /(?:^|\s)để\s+(?!lại(?:\s|$))\S.*?(?=\s+(?:mà|ma|nhưng|nhung|thì|thi)\s|$)/giu;

/** The life event a message tells ("bố tôi mới mất"), if any. */
export function lifeEventIn(events: LifeEvent[], message: string): LifeEvent | undefined {
  // Clauses, so that "bố tôi mất rồi, giấy tờ làm sao" is still a death.
  const clauses = message
    .split(/[,.;:!?\n]+/)
    .map((c) => c.normalize('NFC').replace(PURPOSE, ' '))
    .filter((c) => fold(c))
    .map((c) => ({ folded: fold(c), has: phraseFinder(c) }));
  return events.find((e) => {
    const notAbout = (e.not_about ?? []).map(fold);
    return e.situations.some((s) => clauses.some((c) => c.has(s) && !toldOfPaper(c.folded, fold(s), notAbout)));
  });
}

/** Shared word pairs a conditional step's case must have with the message to be the one told. */
const CASE_PAIRS_AT = 3;

/** Adjacent syllable pairs of a folded text: "trợ cấp hưu trí" → "tro cap", "cap huu", "huu tri". */
function syllablePairs(text: string): Set<string> {
  const words = fold(text).split(' ').filter(Boolean);
  return new Set(words.slice(1).map((w, i) => `${words[i]} ${w}`));
}

/**
 * The conditional step whose case a message describes ("bà tôi đang hưởng hưu trí xã hội vừa
 * mất" → the funeral support for social-pension recipients), by the word pairs it shares with the
 * step's `when`. Only a clear winner counts: two steps sharing as much are a question to ask, not
 * one to guess.
 */
export function conditionalStepTold(event: LifeEvent, text: string): string | undefined {
  const told = syllablePairs(text);
  const scored = event.steps
    .filter((s) => s.when)
    .map((s) => ({ procedure: s.procedure, shared: [...syllablePairs(s.when!)].filter((p) => told.has(p)).length }))
    .sort((a, b) => b.shared - a.shared);
  const [best, second] = scored;
  if (!best || best.shared < CASE_PAIRS_AT || (second && second.shared === best.shared)) return undefined;
  return best.procedure;
}

/** Whether a step's case is told as the lack of a procedure: its name just after "chưa"/"không" (folded). */
export function caseLacks(when: string, procedureName: string): boolean {
  const name = fold(procedureName);
  return name !== '' && new RegExp(`\\b(?:chua|khong) ${name}\\b`).test(fold(when));
}
