import { fold, phraseLocator, syllables } from '../catalog/fold.js';
import type { Understanding } from './understand.js';

/** Words that deny what follows them (folded). */
const NEGATIONS = new Set(['khong', 'ko', 'k', 'kh', 'hong', 'chang', 'cha', 'chua', 'dau']);

/**
 * Words that make what follows a question whether it is needed ("có phải xin giấy xác nhận độc thân
 * không" during a marriage with a foreigner): a question on the procedure at hand, not a turn away (folded).
 */
const WHETHER_NEEDED = new Set(['phai', 'can']);

/** At most this many words between the two parts of a phrase written "A … B". */
const GAP_WORDS = 6;

/** A procedure's `not_when` entries (catalog): phrases the resident says, and the procedure that applies then. */
export type NotWhen = (procedureId: string) => ReadonlyArray<{ said: readonly string[]; use: string }>;

/**
 * The procedure that applies instead of the reading's first when the resident's own words rule that
 * one out ("cán bộ bảo sổ gốc vẫn còn lưu" for registering a lost birth again, which needs the
 * register lost too; "bố mất không để lại di chúc" for certifying a will). Said, not denied: "xã cũng
 * không còn lưu sổ" is the opposite of "còn lưu sổ"; nor asked whether needed. Read as typed, then with short forms written
 * out ("đã đk hộ kinh doanh").
 */
function procedureInstead(message: string, understanding: Understanding, notWhen: NotWhen, writeOut?: (text: string) => string): string | undefined {
  const top = understanding.intent === 'procedure' ? understanding.results[0]?.id : undefined;
  if (!top) return undefined;
  const entries = notWhen(top);
  if (entries.length === 0) return undefined;
  const views = [message, ...(writeOut ? [writeOut(message)] : [])].map((text) => ({ locate: phraseLocator(text), words: syllables(text).map(fold) }));
  const said = (phrase: string) =>
    views.some(({ locate, words }) => {
      // "giấy đăng ký kết hôn … làm mất": the second part follows the first within a few words
      // ("giấy đăng ký kết hôn của vợ chồng tôi làm mất rồi").
      const [first, second] = phrase.split(/\s*…\s*/);
      const at = locate(first!);
      if (at < 0 || words.slice(Math.max(0, at - 2), at).some((w) => NEGATIONS.has(w) || WHETHER_NEEDED.has(w))) return false;
      if (second === undefined) return true;
      const end = at + syllables(first!).length;
      const then = locate(second);
      return then >= end && then - end <= GAP_WORDS;
    });
  return entries.find((n) => n.said.some(said))?.use;
}

/** The reading with the procedure that applies instead first, when the resident's words rule out its first; otherwise the same reading. */
export function withNotWhen(message: string, understanding: Understanding, notWhen: NotWhen, writeOut?: (text: string) => string): Understanding {
  const instead = procedureInstead(message, understanding, notWhen, writeOut);
  if (!instead) return understanding;
  const ruledOut = understanding.results[0]!.id;
  return {
    intent: 'procedure',
    confidence: 1,
    certainty: 'sure',
    results: [{ id: instead, score: 1 }, ...understanding.results.filter((r) => r.id !== instead && r.id !== ruledOut)],
    choices: [],
  };
}
