import { Router } from 'express';
import { z } from 'zod';
import type { Executor } from '../store/database.js';
import type { Catalog } from '../catalog/catalog.js';
import { NotFound, Invalid } from '../errors.js';
import { parseOrThrow } from '../http/validate.js';
import { html, SafeHtml } from '../http/html.js';
import { renderMarkdown } from '../http/markdown.js';
import { communeScope, currentStaff, type StaffRouter } from '../staff/guard.js';
import { residentCommuneId } from '../communes/request-commune.js';
import { audit } from '../staff/audit.js';
import { approve, cancel, createDraft, editDraft, loadOwnAnnouncement, reject, schedule, STATUS_LABELS, submit, type AnnouncementRow } from './announcements.js';
import { announcementMessage, deliveryFigures, type NewsLinks } from './delivery.js';
import { formatLocal, parseLocalDateTime } from './local-time.js';
import { nextAllowedSendTime, type SendingHours } from '../messaging/rules.js';
import { renderRss, type FeedItem } from './feed.js';

const PUBLISHED = ['sending', 'sent'] as const;
/** One Zalo message holds the title, the summary and a link: keep the summary well under 2,000. */
export const MAX_SUMMARY_CHARS = 1000;

const optionalUrl = z
  .union([z.url({ protocol: /^https?$/, error: 'Đường link phải bắt đầu bằng http:// hoặc https://' }), z.literal(''), z.null()])
  .optional()
  .transform((v) => (v ? v : null));

function inputSchema(topics: string[]) {
  return z.object({
    title: z.string({ error: 'Vui lòng nhập tiêu đề.' }).trim().min(1, 'Vui lòng nhập tiêu đề.').max(200, 'Tiêu đề tối đa 200 ký tự.'),
    summary: z.string({ error: 'Vui lòng nhập tóm tắt.' }).trim().min(1, 'Vui lòng nhập tóm tắt gửi qua Zalo.').max(MAX_SUMMARY_CHARS, `Tóm tắt tối đa ${MAX_SUMMARY_CHARS} ký tự để vừa một tin nhắn Zalo.`),
    body: z.string({ error: 'Vui lòng nhập nội dung.' }).trim().min(1, 'Vui lòng nhập nội dung.').max(50_000, 'Nội dung quá dài.'),
    // Chosen by the editor, never assumed: the topic decides which subscribers receive the news.
    topic: z.enum(topics as [string, ...string[]], {
      error: (issue) => (issue.input === undefined || issue.input === '' ? 'Vui lòng chọn chủ đề: người đăng ký chủ đề đó sẽ nhận tin.' : 'Chủ đề không có trong danh sách.'),
    }),
    linkUrl: optionalUrl,
    imageUrl: optionalUrl,
  });
}

/**
 * When a message planned for `at` really goes out: at that time inside the commune's sending
 * hours, else at the start of the next window ("21:00" → "06:00 ngày hôm sau").
 */
export function sendTimeOf(at: Date, hours: SendingHours) {
  const actual = nextAllowedSendTime(at, hours);
  const held = actual.getTime() !== at.getTime();
  return {
    requestedLocal: formatLocal(at),
    actualAt: actual.toISOString(),
    actualLocal: formatLocal(actual),
    held,
    note: held
      ? `${formatLocal(at).slice(11)} ngoài khung giờ gửi tin của xã (${hours.fromHour}h–${hours.untilHour}h), nên tin sẽ gửi lúc ${formatLocal(actual).slice(11)} ngày ${formatLocal(actual).slice(0, 10)}.`
      : null,
  };
}

function view(a: AnnouncementRow, topicName: (id: string) => string, hours: SendingHours) {
  return {
    id: a.id,
    title: a.title,
    summary: a.summary,
    body: a.body,
    topic: a.topic,
    topicName: topicName(a.topic),
    linkUrl: a.link_url,
    imageUrl: a.image_url,
    status: a.status,
    statusLabel: STATUS_LABELS[a.status],
    authorId: a.author_id,
    approverId: a.approver_id,
    rejectReason: a.reject_reason,
    scheduledAt: a.scheduled_at,
    scheduledAtLocal: a.scheduled_at ? formatLocal(new Date(a.scheduled_at)) : null,
    /** When the news really goes out (the next sending window when the time chosen is outside it). */
    sendTime: a.scheduled_at ? sendTimeOf(new Date(a.scheduled_at), hours) : null,
    publishedAt: a.published_at,
    createdAt: a.created_at,
    updatedAt: a.updated_at,
  };
}

function publicView(a: AnnouncementRow, topicName: (id: string) => string, links: NewsLinks) {
  return {
    id: a.id,
    title: a.title,
    summary: a.summary,
    topic: a.topic,
    topicName: topicName(a.topic),
    linkUrl: a.link_url,
    imageUrl: a.image_url,
    publishedAt: a.published_at,
    url: links.article(a.id, a.commune_id),
  };
}

export function newsRoutes(o: {
  db: Executor;
  catalog: Catalog;
  clock: () => Date;
  staff: StaffRouter;
  links: NewsLinks;
  publicBaseUrl: string;
  /** The sending hours of a commune (src/news/send-hours.ts). */
  sendHoursFor: (communeId: string) => Promise<SendingHours>;
  feedSources?: Array<(limit: number, communeId: string) => Promise<FeedItem[]>> | undefined;
}) {
  const { db, staff } = o;
  const topics = () => o.catalog.current.content.commune.news_topics;
  const topicName = (id: string) => topics().find((t) => t.id === id)?.name ?? id;
  const schemaNow = () => inputSchema(topics().map((t) => t.id));
  const STAFF_ROLES = ['editor', 'approver'] as const;

  // ---- Staff ----
  /**
   * What residents will get, before it is saved: the Zalo message built by the same function the
   * delivery uses, and, for a time chosen, when it really goes out.
   */
  staff.post('/api/admin/announcements/preview', [...STAFF_ROLES], async (req, res) => {
    const body = parseOrThrow(
      z.object({ id: z.string().max(64).optional(), title: z.string().max(200).default(''), summary: z.string().max(MAX_SUMMARY_CHARS).default(''), at: z.string().max(40).optional() }),
      req.body ?? {},
    );
    const when = body.at ? parseLocalDateTime(body.at) : undefined;
    if (body.at && !when) throw new Invalid('Thời điểm gửi không hợp lệ.', { at: 'Dạng ngày giờ: 2026-12-01T08:00 (giờ Việt Nam).' });
    const message = announcementMessage(
      { id: body.id ?? 'ma-tin', title: body.title.trim() || '(tiêu đề)', summary: body.summary.trim() || '(tóm tắt)', commune_id: communeScope(res) },
      o.links,
    );
    const hours = await o.sendHoursFor(communeScope(res));
    res.json({
      text: message.text,
      buttons: message.attachment.payload.buttons.map((b) => b.title),
      sendTime: when ? sendTimeOf(when, hours) : null,
      sendHours: { from: hours.fromHour, until: hours.untilHour },
    });
  });

  staff.get('/api/admin/announcements', [...STAFF_ROLES], async (req, res) => {
    const status = typeof req.query.status === 'string' ? req.query.status : undefined;
    let q = db.selectFrom('announcements').selectAll().where('commune_id', '=', communeScope(res)).orderBy('updated_at', 'desc').limit(200);
    if (status) q = q.where('status', '=', status as AnnouncementRow['status']);
    const rows = await q.execute();
    const figures = await deliveryFigures(db, rows.map((r) => r.id));
    const hours = await o.sendHoursFor(communeScope(res));
    res.json({ items: rows.map((r) => ({ ...view(r, topicName, hours), delivery: figures.get(r.id) })) });
  });

  staff.get('/api/admin/announcements/:id', [...STAFF_ROLES], async (req, res) => {
    const row = await loadOwnAnnouncement(db, String(req.params.id), communeScope(res));
    const figures = await deliveryFigures(db, [row.id]);
    res.json({ ...view(row, topicName, await o.sendHoursFor(communeScope(res))), delivery: figures.get(row.id) });
  });

  staff.post('/api/admin/announcements', ['editor'], async (req, res) => {
    const input = parseOrThrow(schemaNow(), req.body);
    const me = currentStaff(res);
    const row = await createDraft(db, me, input, o.clock(), communeScope(res));
    await audit(db, me, 'announcement.create', { type: 'announcement', id: row.id }, o.clock());
    res.status(201).json(view(row, topicName, await o.sendHoursFor(communeScope(res))));
  });

  staff.patch('/api/admin/announcements/:id', ['editor'], async (req, res) => {
    const input = parseOrThrow(schemaNow().partial(), req.body);
    const me = currentStaff(res);
    await loadOwnAnnouncement(db, String(req.params.id), communeScope(res));
    const row = await editDraft(db, me, String(req.params.id), input, o.clock());
    await audit(db, me, 'announcement.edit', { type: 'announcement', id: row.id }, o.clock(), { fields: Object.keys(input) });
    res.json(view(row, topicName, await o.sendHoursFor(communeScope(res))));
  });

  const action = (path: string, roles: Array<'editor' | 'approver'>, name: string, run: (id: string, body: unknown, me: ReturnType<typeof currentStaff>) => Promise<AnnouncementRow>) =>
    staff.post(`/api/admin/announcements/:id/${path}`, roles, async (req, res) => {
      const me = currentStaff(res);
      await loadOwnAnnouncement(db, String(req.params.id), communeScope(res));
      const row = await run(String(req.params.id), req.body, me);
      await audit(db, me, `announcement.${name}`, { type: 'announcement', id: row.id }, o.clock(), row.scheduled_at ? { scheduledAt: row.scheduled_at } : undefined);
      res.json(view(row, topicName, await o.sendHoursFor(communeScope(res))));
    });

  action('submit', ['editor'], 'submit', (id, _b, me) => submit(db, me, id, o.clock()));
  action('approve', ['approver'], 'approve', (id, _b, me) => approve(db, me, id, o.clock()));
  action('reject', ['approver'], 'reject', (id, body, me) => {
    const { reason } = parseOrThrow(z.object({ reason: z.string({ error: 'Vui lòng ghi lý do trả lại.' }).trim().min(1, 'Vui lòng ghi lý do trả lại.').max(1000) }), body);
    return reject(db, me, id, reason, o.clock());
  });
  action('schedule', ['approver', 'editor'], 'schedule', (id, body) => {
    const { at } = parseOrThrow(z.object({ at: z.string({ error: 'Vui lòng chọn thời điểm gửi.' }) }), body);
    const when = parseLocalDateTime(at);
    if (!when) throw new Invalid('Thời điểm gửi không hợp lệ.', { at: 'Dạng ngày giờ: 2026-12-01T08:00 (giờ Việt Nam).' });
    return schedule(db, id, when, o.clock());
  });
  action('cancel', ['approver', 'editor'], 'cancel', (id) => cancel(db, id, o.clock()));

  // ---- Public ----
  const router = Router();
  const listQuery = z.object({
    topic: z.string().max(64).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(50).default(10),
  });

  router.get('/api/news', async (req, res) => {
    const q = parseOrThrow(listQuery, req.query);
    let base = db.selectFrom('announcements').where('commune_id', '=', residentCommuneId(res)).where('status', 'in', PUBLISHED);
    if (q.topic) base = base.where('topic', '=', q.topic);
    const [{ n }] = (await base.select((eb) => eb.fn.countAll<number>().as('n')).execute()) as [{ n: number }];
    const rows = await base.selectAll().orderBy('published_at', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    res.json({ items: rows.map((r) => publicView(r, topicName, o.links)), total: Number(n), page: q.page, pageSize: q.pageSize, topics: topics().map((t) => ({ id: t.id, name: t.name })) });
  });

  async function published(id: string, communeId: string): Promise<AnnouncementRow> {
    const row = await db
      .selectFrom('announcements')
      .selectAll()
      .where('id', '=', id)
      .where('commune_id', '=', communeId)
      .where('status', 'in', PUBLISHED)
      .executeTakeFirst();
    if (!row) throw new NotFound('Không tìm thấy tin này.');
    return row;
  }

  router.get('/api/news/:id', async (req, res) => {
    const row = await published(String(req.params.id), residentCommuneId(res));
    res.json({ ...publicView(row, topicName, o.links), body: row.body, bodyHtml: renderMarkdown(row.body) });
  });

  router.get('/tin/:id', async (req, res) => {
    const row = await published(String(req.params.id), residentCommuneId(res));
    const commune = o.catalog.current.content.commune;
    const page = html`<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${row.title} – ${commune.name}</title>
<style>body{font-family:system-ui,sans-serif;font-size:18px;line-height:1.55;margin:0;background:#f6f7f9;color:#1a1a1a}main{max-width:720px;margin:0 auto;padding:16px;background:#fff}h1{font-size:1.4em}.meta{color:#555;font-size:.9em}</style></head>
<body><main><p class="meta">${commune.name} · ${topicName(row.topic)} · ${row.published_at ? formatLocal(new Date(row.published_at), false) : ''}</p>
<h1>${row.title}</h1>${new SafeHtml(renderMarkdown(row.body))}
${row.link_url ? html`<p><a href="${row.link_url}">Xem thêm</a></p>` : ''}</main></body></html>`;
    res.type('html').send(page.value);
  });

  router.get('/feed.xml', async (_req, res) => {
    const rows = await db
      .selectFrom('announcements')
      .selectAll()
      .where('commune_id', '=', residentCommuneId(res))
      .where('status', 'in', PUBLISHED)
      .orderBy('published_at', 'desc')
      .limit(50)
      .execute();
    const commune = o.catalog.current.content.commune;
    res.type('application/rss+xml').send(
      renderRss({
        title: `Tin cải cách hành chính – ${commune.name}`,
        link: o.publicBaseUrl,
        description: `Thông báo và tin cải cách hành chính của ${commune.name}`,
        selfUrl: `${o.publicBaseUrl}/feed.xml`,
        items: [
          ...rows.map((r): FeedItem => ({ id: r.id, title: r.title, summary: r.summary, url: o.links.article(r.id, r.commune_id), publishedAt: r.published_at!, topicName: topicName(r.topic) })),
          ...(await Promise.all((o.feedSources ?? []).map((source) => source(50, residentCommuneId(res))))).flat(),
        ]
          .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
          .slice(0, 50),
      }),
    );
  });

  return router;
}
