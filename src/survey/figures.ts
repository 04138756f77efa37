import type { Executor } from '../store/database.js';
import { VN_OFFSET_MS } from '../news/local-time.js';
import { SURVEY_CRITERIA, type CriterionId } from './criteria.js';

/**
 * Per-criterion scores and a SIPAS-style index. For each criterion: the average score (1–5) and
 * the share of answers "hài lòng" or "rất hài lòng" (4 or 5). The index is the mean of the five
 * shares, in percent. The official SIPAS method (sampling, weighting) is not reproduced here.
 */
export interface CriterionFigure {
  id: CriterionId;
  name: string;
  average: number | null;
  satisfiedShare: number | null;
}

export interface SurveyFigures {
  responses: number;
  bySource: { chat: number; web: number; miniapp: number };
  criteria: CriterionFigure[];
  /** 0–100, or null without answers. */
  index: number | null;
  byMonth: Array<{ month: string; responses: number; index: number | null; criteria: CriterionFigure[] }>;
}

type Row = { source: string; created_at: string } & Record<CriterionId, number>;

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function figuresOf(rows: Row[]): { criteria: CriterionFigure[]; index: number | null } {
  const criteria = SURVEY_CRITERIA.map((c): CriterionFigure => {
    if (rows.length === 0) return { id: c.id, name: c.name, average: null, satisfiedShare: null };
    const scores = rows.map((r) => r[c.id]);
    return {
      id: c.id,
      name: c.name,
      average: round(scores.reduce((s, x) => s + x, 0) / scores.length, 2),
      satisfiedShare: round(scores.filter((x) => x >= 4).length / scores.length, 3),
    };
  });
  const index = rows.length ? round((criteria.reduce((s, c) => s + (c.satisfiedShare ?? 0), 0) / criteria.length) * 100, 1) : null;
  return { criteria, index };
}

/** The Vietnam month "2026-11" of an instant. */
function vnMonth(iso: string): string {
  return new Date(Date.parse(iso) + VN_OFFSET_MS).toISOString().slice(0, 7);
}

/** `communeId` null: every commune's answers together (the province's roll-up). */
export async function surveyFigures(db: Executor, range: { start: string; end: string }, communeId: string | null): Promise<SurveyFigures> {
  const rows = (await db
    .selectFrom('survey_responses')
    .$if(communeId !== null, (q) => q.where('commune_id', '=', communeId!))
    .select(['source', 'created_at', 'access', 'procedure', 'staff', 'result', 'feedback'])
    .where('created_at', '>=', range.start)
    .where('created_at', '<', range.end)
    .orderBy('created_at')
    .execute()) as Row[];
  const months = [...new Set(rows.map((r) => vnMonth(r.created_at)))].sort();
  return {
    responses: rows.length,
    bySource: { chat: rows.filter((r) => r.source === 'chat').length, web: rows.filter((r) => r.source === 'web').length, miniapp: rows.filter((r) => r.source === 'miniapp').length },
    ...figuresOf(rows),
    byMonth: months.map((month) => {
      const list = rows.filter((r) => vnMonth(r.created_at) === month);
      return { month, responses: list.length, ...figuresOf(list) };
    }),
  };
}
