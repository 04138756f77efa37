import type { Executor } from '../store/database.js';
import type { AnnouncementStatus } from '../store/schema.js';
import { Conflict, NotFound } from '../errors.js';
import { monthRange, type RadioAnnouncement } from './script.js';

/** Only what a second person approved goes on air; drafts, returned and cancelled news never do. */
const ON_AIR: AnnouncementStatus[] = ['approved', 'scheduled', 'sending', 'sent'];
const PUBLISHED: AnnouncementStatus[] = ['sending', 'sent'];

type Row = { id: string; title: string; summary: string; body: string; status: AnnouncementStatus; published_at: string | null };

function toRadio(row: Row, articleUrl: (id: string) => string): RadioAnnouncement {
  return { id: row.id, title: row.title, summary: row.summary, body: row.body, publishedAt: row.published_at, url: PUBLISHED.includes(row.status) ? articleUrl(row.id) : undefined };
}

/** One announcement for a bulletin: NotFound if absent, Conflict unless approved or published. */
export async function announcementForRadio(db: Executor, id: string, articleUrl: (id: string) => string, communeId: string | null): Promise<RadioAnnouncement> {
  let query = db.selectFrom('announcements').select(['id', 'title', 'summary', 'body', 'status', 'published_at']).where('id', '=', id);
  if (communeId !== null) query = query.where('commune_id', '=', communeId);
  const row = await query.executeTakeFirst();
  if (!row) throw new NotFound('Không tìm thấy tin này.');
  if (!ON_AIR.includes(row.status)) throw new Conflict('Tin chưa được duyệt nên chưa làm được bản tin phát thanh. Vui lòng gửi duyệt trước.');
  return toRadio(row, articleUrl);
}

/** The announcements published in `month` (YYYY-MM, Vietnam time), oldest first. */
export async function publishedInMonth(db: Executor, month: string, articleUrl: (id: string) => string, communeId: string | null): Promise<RadioAnnouncement[]> {
  const { from, to } = monthRange(month);
  let query = db.selectFrom('announcements');
  if (communeId !== null) query = query.where('commune_id', '=', communeId);
  const rows = await query
    .select(['id', 'title', 'summary', 'body', 'status', 'published_at'])
    .where('status', 'in', PUBLISHED)
    .where('published_at', '>=', from.toISOString())
    .where('published_at', '<', to.toISOString())
    .orderBy('published_at', 'asc')
    .execute();
  return rows.map((r) => toRadio(r, articleUrl));
}
