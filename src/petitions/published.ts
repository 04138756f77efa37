import type { Executor } from '../store/database.js';
import { fold } from '../catalog/fold.js';
import type { PetitionRow } from './repo.js';
import { publishedItem } from './views.js';

/** Where the published answers are read without the Mini App. */
export const PUBLISHED_PAGE_PATH = '/phan-anh-da-tra-loi';

export interface PublishedQuery {
  q?: string | undefined;
  category?: string | undefined;
  limit: number;
  offset: number;
}

/** Published answers hold only what staff wrote for the public: searchable by its folded words. */
function matches(p: PetitionRow, words: string[]): boolean {
  if (words.length === 0) return true;
  const haystack = ` ${fold([p.code, p.category_name, p.public_summary ?? '', p.public_answer ?? ''].join(' '))} `;
  return words.every((w) => haystack.includes(` ${w}`));
}

/**
 * The published, anonymised answers, newest first, filtered by category and by words (with or
 * without diacritics, each word a prefix of a word of the summary, answer, category or code). A
 * commune publishes a few hundred a year: filtering in memory is simpler than a second index.
 */
export async function searchPublished(db: Executor, q: PublishedQuery, communeId: string): Promise<{ items: ReturnType<typeof publishedItem>[]; total: number }> {
  let base = db.selectFrom('petitions').selectAll().where('commune_id', '=', communeId).where('published_at', 'is not', null);
  if (q.category) base = base.where('category', '=', q.category);
  const words = q.q ? fold(q.q).split(' ').filter(Boolean) : [];
  if (words.length === 0) {
    const total = await db
      .selectFrom('petitions')
      .where('commune_id', '=', communeId)
      .where('published_at', 'is not', null)
      .$if(Boolean(q.category), (b) => b.where('category', '=', q.category!))
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await base.orderBy('published_at', 'desc').limit(q.limit).offset(q.offset).execute();
    return { items: rows.map(publishedItem), total: Number(total.n) };
  }
  const found = (await base.orderBy('published_at', 'desc').execute()).filter((p) => matches(p, words));
  return { items: found.slice(q.offset, q.offset + q.limit).map(publishedItem), total: found.length };
}

export async function findPublished(db: Executor, code: string, communeId: string): Promise<PetitionRow | undefined> {
  return db
    .selectFrom('petitions')
    .selectAll()
    .where('code', '=', code.toUpperCase())
    .where('commune_id', '=', communeId)
    .where('published_at', 'is not', null)
    .executeTakeFirst();
}

/** The latest published answers as feed items (the news feed lists them beside the articles). */
export async function publishedFeedItems(db: Executor, limit: number, pageUrl: (code: string) => string, communeId: string) {
  const rows = await db
    .selectFrom('petitions')
    .selectAll()
    .where('commune_id', '=', communeId)
    .where('published_at', 'is not', null)
    .orderBy('published_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((p) => ({
    id: `petition:${p.code}`,
    title: `Trả lời phản ánh ${p.code}: ${p.public_summary ?? ''}`.slice(0, 200),
    summary: p.public_answer ?? '',
    url: pageUrl(p.code),
    publishedAt: p.published_at!,
    topicName: 'Trả lời phản ánh, kiến nghị',
  }));
}
