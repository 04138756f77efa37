import type { Executor } from '../store/database.js';
import { fold, normalizeText } from '../catalog/fold.js';
import { MARKED_STOP_WORDS, STOP_WORDS } from '../catalog/terms.js';
import { defaultPolicy } from '../understanding/understand.js';

/**
 * Below the policy's "likely" the assistant was not sure which procedure was meant: it asked which
 * one, or (when one reading clearly led the others) answered it with alternatives beside. Either
 * way the question is worth a clerk's look.
 */
export const ANSWERED_AT = defaultPolicy.likelyAt;
/**
 * Two questions are grouped for review only when they are nearly the same: the same content words
 * but for one in four ("giá vàng hôm nay" and "giá vàng hôm nay sjc", not "giá xăng hôm nay").
 */
const NEAR_IDENTICAL = 0.75;

/**
 * The content words of a question, folded and sorted: equal for "Xin giấy bìa xanh!" and "xin giay
 * bia xanh". A word written with marks is a stop word only as written ("sổ" is not "sơ", "đỏ" is
 * not "đó"); one written without can only be compared folded. A question of stop words only keeps
 * them all.
 */
export function questionSignature(text: string): string {
  const marked = normalizeText(text).split(' ').filter(Boolean);
  const folded = marked.map((w) => fold(w));
  const content = folded.filter((f, i) => (f === marked[i] ? !STOP_WORDS.has(f) : !MARKED_STOP_WORDS.has(marked[i]!)));
  return [...new Set(content.length ? content : folded)].sort().join(' ');
}

/** Shared words over all words (Jaccard): 1 for the same words, 0 for none in common. */
export function wordSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

/** What a recorded question amounts to for the review and the report. */
export interface AnsweredQuestion {
  intent: string;
  confidence: number;
  /** The resident's rating: 1 helpful, 0 not, null when not rated. */
  helpful: number | null;
  /** 'rephrase' | 'choice' | 'complaint' when the resident's next move showed the answer missed. */
  followed_by: string | null;
}

/**
 * The one rule behind "Trả lời tốt" and the review queue: an answer was right when the resident
 * said so, or when it answered (not out of scope, not a question back) and the resident neither
 * rated it down nor asked again, picked an alternative or said it was wrong.
 */
export function answeredWell(q: AnsweredQuestion): boolean {
  if (q.helpful === 1) return true;
  if (q.helpful === 0 || q.followed_by) return false;
  if (q.intent === 'out_of_scope') return false;
  return q.intent !== 'procedure' || q.confidence >= ANSWERED_AT;
}

export interface UnansweredGroup {
  /** The group's id: the signature of its most frequent phrasing. */
  signature: string;
  /** The phrasing residents used most often (the default alias). */
  text: string;
  examples: string[];
  count: number;
  lastAskedAt: string;
  reasons: { outOfScope: number; lowConfidence: number; notHelpful: number; rephrased: number; choseOther: number; complained: number };
  topProcedure: string | null;
  /** Every signature in the group (resolving the group resolves them all). */
  members: string[];
}

interface Row {
  id: string;
  text: string;
  intent: string;
  confidence: number;
  top_procedure: string | null;
  created_at: string;
  helpful: number | null;
  followed_by: string | null;
}

/**
 * Questions the assistant did not answer well (see `answeredWell`: out of scope, asked which
 * procedure, rated not helpful, asked again, an alternative picked, said to be wrong), not yet
 * resolved by staff, grouped when nearly identical. Sorted most frequent first, then newest.
 */
export async function unansweredGroups(
  db: Executor,
  o: { since?: Date; limit?: number; sort?: 'frequent' | 'newest'; /** One commune's questions; every commune's when null or absent. */ communeId?: string | null } = {},
): Promise<UnansweredGroup[]> {
  let q = db
    .selectFrom('questions as q')
    .leftJoin('answer_ratings as r', 'r.question_id', 'q.id')
    .select(['q.id', 'q.text', 'q.intent', 'q.confidence', 'q.top_procedure', 'q.created_at', 'q.followed_by', 'r.helpful'])
    // A coarse filter for the database; `answeredWell` below decides.
    .where((eb) =>
      eb.or([
        eb('q.intent', '=', 'out_of_scope'),
        eb.and([eb('q.intent', '=', 'procedure'), eb('q.confidence', '<', ANSWERED_AT)]),
        eb('r.helpful', '=', 0),
        eb('q.followed_by', 'is not', null),
      ]),
    )
    .orderBy('q.created_at', 'desc')
    .limit(5000);
  if (o.since) q = q.where('q.created_at', '>=', o.since.toISOString());
  if (o.communeId) q = q.where('q.commune_id', '=', o.communeId);
  const rows = ((await q.execute()) as Row[]).filter((r) => !answeredWell(r));
  const resolved = new Set((await db.selectFrom('question_resolutions').select('signature').execute()).map((r) => r.signature));

  const groups: Array<{ words: Set<string>; rows: Row[]; signatures: Map<string, number> }> = [];
  for (const row of rows) {
    const signature = questionSignature(row.text);
    if (!signature || resolved.has(signature)) continue;
    const words = new Set(signature.split(' '));
    const group = groups.find((g) => wordSimilarity(g.words, words) >= NEAR_IDENTICAL);
    if (group) {
      group.rows.push(row);
      group.signatures.set(signature, (group.signatures.get(signature) ?? 0) + 1);
    } else {
      groups.push({ words, rows: [row], signatures: new Map([[signature, 1]]) });
    }
  }

  const result = groups.map((g): UnansweredGroup => {
    const texts = new Map<string, number>();
    for (const r of g.rows) texts.set(r.text.trim(), (texts.get(r.text.trim()) ?? 0) + 1);
    const byCount = [...texts.entries()].sort((a, b) => b[1] - a[1]);
    const topSignature = [...g.signatures.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const procedures = new Map<string, number>();
    for (const r of g.rows) if (r.top_procedure) procedures.set(r.top_procedure, (procedures.get(r.top_procedure) ?? 0) + 1);
    return {
      signature: topSignature,
      text: byCount[0]![0],
      examples: byCount.slice(0, 5).map(([t]) => t),
      count: g.rows.length,
      lastAskedAt: g.rows[0]!.created_at,
      reasons: {
        outOfScope: g.rows.filter((r) => r.intent === 'out_of_scope').length,
        lowConfidence: g.rows.filter((r) => r.intent === 'procedure' && r.confidence < ANSWERED_AT).length,
        notHelpful: g.rows.filter((r) => r.helpful === 0).length,
        rephrased: g.rows.filter((r) => r.followed_by === 'rephrase').length,
        choseOther: g.rows.filter((r) => r.followed_by === 'choice').length,
        complained: g.rows.filter((r) => r.followed_by === 'complaint').length,
      },
      topProcedure: [...procedures.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null,
      members: [...g.signatures.keys()],
    };
  });
  result.sort((a, b) =>
    o.sort === 'newest' ? b.lastAskedAt.localeCompare(a.lastAskedAt) : b.count - a.count || b.lastAskedAt.localeCompare(a.lastAskedAt),
  );
  return result.slice(0, o.limit ?? 100);
}
