import type { Executor } from '../store/database.js';
import { fold } from '../catalog/fold.js';
import { STOP_WORDS } from '../catalog/terms.js';
import { defaultPolicy } from '../understanding/understand.js';

/** Below the policy's "sure" a procedure answer offered alternatives: not answered well. */
export const LOW_CONFIDENCE = defaultPolicy.sureAt;
/** Two questions sharing this share of their content words are grouped together. */
const GROUP_SIMILARITY = 0.5;

/** The content words of a question, folded and sorted: equal for "Sổ đỏ mất?" and "mat so do". */
export function questionSignature(text: string): string {
  const words = new Set(fold(text).split(' ').filter((w) => w && !STOP_WORDS.has(w)));
  return [...words].sort().join(' ');
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

export interface UnansweredGroup {
  /** The group's id: the signature of its most frequent phrasing. */
  signature: string;
  /** The phrasing residents used most often (the default alias). */
  text: string;
  examples: string[];
  count: number;
  lastAskedAt: string;
  reasons: { outOfScope: number; lowConfidence: number; notHelpful: number };
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
}

/**
 * Questions the assistant could not answer well (out of scope, low confidence, rated not helpful),
 * not yet resolved by staff, grouped by similarity. Sorted most frequent first, then newest.
 */
export async function unansweredGroups(
  db: Executor,
  o: { since?: Date; limit?: number; sort?: 'frequent' | 'newest'; /** One commune's questions; every commune's when null or absent. */ communeId?: string | null } = {},
): Promise<UnansweredGroup[]> {
  let q = db
    .selectFrom('questions as q')
    .leftJoin('answer_ratings as r', 'r.question_id', 'q.id')
    .select(['q.id', 'q.text', 'q.intent', 'q.confidence', 'q.top_procedure', 'q.created_at', 'r.helpful'])
    .where((eb) =>
      eb.or([
        eb('q.intent', '=', 'out_of_scope'),
        eb.and([eb('q.intent', '=', 'procedure'), eb('q.confidence', '<', LOW_CONFIDENCE)]),
        eb('r.helpful', '=', 0),
      ]),
    )
    .orderBy('q.created_at', 'desc')
    .limit(5000);
  if (o.since) q = q.where('q.created_at', '>=', o.since.toISOString());
  if (o.communeId) q = q.where('q.commune_id', '=', o.communeId);
  const rows = (await q.execute()) as Row[];
  const resolved = new Set((await db.selectFrom('question_resolutions').select('signature').execute()).map((r) => r.signature));

  const groups: Array<{ words: Set<string>; rows: Row[]; signatures: Map<string, number> }> = [];
  for (const row of rows) {
    const signature = questionSignature(row.text);
    if (!signature || resolved.has(signature)) continue;
    const words = new Set(signature.split(' '));
    const group = groups.find((g) => jaccard(g.words, words) >= GROUP_SIMILARITY);
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
        lowConfidence: g.rows.filter((r) => r.intent === 'procedure' && r.confidence < LOW_CONFIDENCE).length,
        notHelpful: g.rows.filter((r) => r.helpful === 0).length,
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
