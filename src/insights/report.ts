import { sql } from 'kysely';
import type { Executor } from '../store/database.js';
import type { Catalog } from '../catalog/catalog.js';
import { FIELDS, type FieldId } from '../catalog/schema.js';
import { Invalid } from '../errors.js';
import { VN_OFFSET_MS } from '../news/local-time.js';
import { answeredWell, unansweredGroups } from './unanswered.js';
import { quizReportFigures, type QuizReportFigures } from '../quiz/results.js';
import { surveyFigures, type SurveyFigures } from '../survey/figures.js';

/** A reporting period in Vietnam dates, inclusive: 2026-01-01 … 2026-06-30. */
export interface ReportRange {
  from: string;
  to: string;
}

/** The UTC instants [start, end) of a range of Vietnam dates. */
export function rangeInstants(range: ReportRange): { start: string; end: string } {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(range.from) || !day.test(range.to)) throw new Invalid('Khoảng thời gian không hợp lệ.', { from: 'Dạng ngày: 2026-01-01.' });
  const start = Date.parse(`${range.from}T00:00:00Z`) - VN_OFFSET_MS;
  const end = Date.parse(`${range.to}T00:00:00Z`) - VN_OFFSET_MS + 24 * 3600_000;
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) throw new Invalid('Khoảng thời gian không hợp lệ.', { to: 'Ngày kết thúc phải sau ngày bắt đầu.' });
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((1000 * part) / whole) / 1000);
const days = (ms: number) => Math.round((ms / 86_400_000) * 10) / 10;

export interface Report {
  range: ReportRange;
  generatedAt: string;
  questions: {
    total: number;
    answeredWell: number;
    answeredWellShare: number;
    unanswered: number;
    unansweredShare: number;
    byIntent: Array<{ intent: string; count: number }>;
    topProcedures: Array<{ id: string; name: string; count: number }>;
    topGaps: Array<{ text: string; count: number }>;
  };
  news: { published: number; deliveries: number; sent: number; byDigest: number; notReached: number };
  petitions: {
    received: number;
    answered: number;
    overdue: number;
    averageDaysToAnswer: number | null;
    byCategory: Array<{ category: string; name: string; received: number; answered: number; overdue: number; averageDaysToAnswer: number | null }>;
  };
  satisfaction: {
    answers: { helpful: number; notHelpful: number; helpfulShare: number };
    byField: Array<{ field: string; name: string; helpful: number; notHelpful: number; helpfulShare: number }>;
    byProcedure: Array<{ id: string; name: string; helpful: number; notHelpful: number; helpfulShare: number }>;
    petitions: { ratings: number; average: number | null };
    /** The SIPAS-style survey: per-criterion scores and the index, by month. */
    survey: SurveyFigures;
  };
  /** Reform quizzes held and answered in the period. */
  quizzes: QuizReportFigures;
}

/** Every figure of the periodic report on reform communication, from what the assistant recorded. */
/** `communeId` null: the roll-up over every commune of the province (the province admin's report). */
export async function buildReport(db: Executor, catalog: Catalog, range: ReportRange, now: Date, communeId: string | null): Promise<Report> {
  const { start, end } = rangeInstants(range);
  const mine = <Q extends { where: (...args: any[]) => Q }>(q: Q, column: string): Q => (communeId === null ? q : q.where(column, '=', communeId));
  const procName = (id: string) => catalog.current.index.get(id)?.name ?? id;

  // ---- Questions ----
  const questions = await mine(
    db
      .selectFrom('questions as q')
      .leftJoin('answer_ratings as r', 'r.question_id', 'q.id')
      .select(['q.intent', 'q.confidence', 'q.top_procedure', 'q.followed_by', 'r.helpful'])
      .where('q.created_at', '>=', start)
      .where('q.created_at', '<', end),
    'q.commune_id',
  ).execute();
  const wellAnswered = questions.filter(answeredWell).length;
  const byIntent = new Map<string, number>();
  const byProcedure = new Map<string, number>();
  for (const q of questions) {
    byIntent.set(q.intent, (byIntent.get(q.intent) ?? 0) + 1);
    // What residents asked about, sure or not: the procedure the assistant answered first.
    if (q.intent === 'procedure' && q.top_procedure) byProcedure.set(q.top_procedure, (byProcedure.get(q.top_procedure) ?? 0) + 1);
  }
  const gaps = await unansweredGroups(db, { since: new Date(start), limit: 10, communeId });

  // ---- News ----
  const published = await mine(db.selectFrom('announcements').select('id').where('published_at', '>=', start).where('published_at', '<', end), 'commune_id').execute();
  const ids = published.map((p) => p.id);
  let sent = 0;
  let byDigest = 0;
  let deliveries = 0;
  if (ids.length) {
    const rows = await db
      .selectFrom('deliveries as d')
      .leftJoin('outbound_messages as m', (join) => join.on('m.dedupe_key', '=', sql<string>`'news:' || d.announcement_id || ':' || d.user_id`))
      .select(['d.status as delivery', 'm.status as outbound', (eb) => eb.fn.countAll<number>().as('n')])
      .where('d.announcement_id', 'in', ids)
      .groupBy(['d.status', 'm.status'])
      .execute();
    for (const r of rows) {
      const n = Number(r.n);
      deliveries += n;
      if (r.delivery === 'digest_delivered') byDigest += n;
      else if (r.outbound === 'sent') sent += n;
    }
  }

  // ---- Petitions ----
  const petitions = await mine(
    db.selectFrom('petitions').select(['category', 'category_name', 'created_at', 'answered_at', 'due_at']).where('created_at', '>=', start).where('created_at', '<', end),
    'commune_id',
  ).execute();
  const nowIso = now.toISOString();
  const isOverdue = (p: (typeof petitions)[number]) => (p.answered_at ? p.answered_at > p.due_at : p.due_at < nowIso);
  const categories = catalog.current.content.commune.petition_categories;
  const avgDays = (list: typeof petitions) => {
    const answered = list.filter((p) => p.answered_at);
    if (answered.length === 0) return null;
    return days(answered.reduce((sum, p) => sum + (Date.parse(p.answered_at!) - Date.parse(p.created_at)), 0) / answered.length);
  };
  const byCategory = categories.map((c) => {
    const list = petitions.filter((p) => p.category === c.id);
    return { category: c.id, name: c.name, received: list.length, answered: list.filter((p) => p.answered_at).length, overdue: list.filter(isOverdue).length, averageDaysToAnswer: avgDays(list) };
  });

  // ---- Satisfaction ----
  const ratings = await mine(
    db.selectFrom('answer_ratings').select(['procedure_id', 'helpful']).where('created_at', '>=', start).where('created_at', '<', end),
    'commune_id',
  ).execute();
  const tally = (list: typeof ratings) => {
    const helpful = list.filter((r) => r.helpful === 1).length;
    const notHelpful = list.length - helpful;
    return { helpful, notHelpful, helpfulShare: share(helpful, list.length) };
  };
  const fieldOf = (id: string | null) => (id ? catalog.current.index.get(id)?.field : undefined);
  const ratedFields = [...new Set(ratings.map((r) => fieldOf(r.procedure_id)).filter((f): f is FieldId => f !== undefined))];
  const ratedProcedures = [...new Set(ratings.map((r) => r.procedure_id).filter((p): p is string => p !== null))];
  const petitionRatings = await mine(
    db.selectFrom('petitions').select('rating').where('rated_at', '>=', start).where('rated_at', '<', end).where('rating', 'is not', null),
    'commune_id',
  ).execute();

  return {
    range,
    generatedAt: now.toISOString(),
    questions: {
      total: questions.length,
      answeredWell: wellAnswered,
      answeredWellShare: share(wellAnswered, questions.length),
      unanswered: questions.length - wellAnswered,
      unansweredShare: share(questions.length - wellAnswered, questions.length),
      byIntent: [...byIntent.entries()].sort((a, b) => b[1] - a[1]).map(([intent, count]) => ({ intent, count })),
      topProcedures: [...byProcedure.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([id, count]) => ({ id, name: procName(id), count })),
      topGaps: gaps.map((g) => ({ text: g.text, count: g.count })),
    },
    news: { published: ids.length, deliveries, sent, byDigest, notReached: deliveries - sent - byDigest },
    petitions: {
      received: petitions.length,
      answered: petitions.filter((p) => p.answered_at).length,
      overdue: petitions.filter(isOverdue).length,
      averageDaysToAnswer: avgDays(petitions),
      byCategory,
    },
    satisfaction: {
      answers: tally(ratings),
      byField: ratedFields.map((f) => ({ field: f, name: FIELDS[f], ...tally(ratings.filter((r) => fieldOf(r.procedure_id) === f)) })),
      byProcedure: ratedProcedures.map((id) => ({ id, name: procName(id), ...tally(ratings.filter((r) => r.procedure_id === id)) })),
      petitions: {
        ratings: petitionRatings.length,
        average: petitionRatings.length ? Math.round((petitionRatings.reduce((s, r) => s + (r.rating ?? 0), 0) / petitionRatings.length) * 100) / 100 : null,
      },
      survey: await surveyFigures(db, { start, end }, communeId),
    },
    quizzes: await quizReportFigures(db, { start, end }, communeId),
  };
}
