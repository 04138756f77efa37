import { Router } from 'express';
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import type { Executor } from '../store/database.js';
import { NotFound } from '../errors.js';
import { html, SafeHtml } from '../http/html.js';
import { publicPageHtml } from '../http/public-page.js';
import { parseOrThrow } from '../http/validate.js';
import { formatInstantDate } from './deadlines.js';
import { findPublished, PUBLISHED_PAGE_PATH, searchPublished } from './published.js';
import { publishedItem } from './views.js';

const STYLE =
  'article{border-top:1px solid #c9d3e0;padding:12px 0}form{display:flex;gap:8px;flex-wrap:wrap}input,select{font:inherit;min-height:44px}input{flex:1 1 220px}.q{font-weight:600}';

type Item = ReturnType<typeof publishedItem>;

function itemHtml(i: Item, withLink: boolean) {
  return html`<article><p class="meta">${i.code} · ${i.category.name} · gửi ${formatInstantDate(i.submittedAt)} · trả lời ${i.answeredAt ? formatInstantDate(i.answeredAt) : ''}</p>
<p class="q">${i.summary}</p><p>${i.answer}</p>${withLink ? html`<p><a href="${PUBLISHED_PAGE_PATH}/${i.code}">Đường dẫn</a></p>` : ''}</article>`;
}

/**
 * The public page of published answers ("đăng tải ý kiến phản ánh và kết quả trả lời"): a search
 * box, the list, and a page per answer (what the RSS feed links to). Server-rendered, no scripts.
 */
export function publishedPageRoutes(o: { db: Executor; catalog: Catalog }): Router {
  const router = Router();
  const query = z.object({
    q: z.string().max(200).optional(),
    category: z.string().max(64).optional(),
    page: z.coerce.number().int().min(1).max(1000).default(1),
  });
  const page = (title: string, body: SafeHtml) =>
    publicPageHtml({ title, communeName: o.catalog.current.content.commune.name, body, style: STYLE, head: html`<link rel="alternate" type="application/rss+xml" href="/feed.xml">` });

  router.get(PUBLISHED_PAGE_PATH, async (req, res) => {
    const q = parseOrThrow(query, req.query);
    const pageSize = 20;
    const { items, total } = await searchPublished(o.db, { q: q.q, category: q.category || undefined, limit: pageSize, offset: (q.page - 1) * pageSize });
    const categories = o.catalog.current.content.commune.petition_categories;
    const commune = o.catalog.current.content.commune;
    res.type('html').send(
      page(
        'Trả lời phản ánh, kiến nghị',
        html`<h1>Trả lời phản ánh, kiến nghị của người dân</h1>
<p>${commune.name} công khai các phản ánh, kiến nghị đã được trả lời (đã bỏ thông tin cá nhân của người gửi).</p>
<form method="get" action="${PUBLISHED_PAGE_PATH}" role="search"><input type="search" name="q" value="${q.q ?? ''}" placeholder="Tìm theo nội dung, ví dụ: đèn đường" aria-label="Tìm kiếm">
<select name="category" aria-label="Nhóm phản ánh"><option value="">Tất cả các nhóm</option>${categories.map((c) => html`<option value="${c.id}" ${q.category === c.id ? new SafeHtml('selected') : ''}>${c.name}</option>`)}</select>
<button type="submit">Tìm</button></form>
<p class="meta">${total} câu trả lời${q.q ? html` cho "${q.q}"` : ''}.</p>
${items.length ? items.map((i) => itemHtml(i, true)) : html`<p>Chưa có câu trả lời nào phù hợp.</p>`}
${total > q.page * pageSize ? html`<p><a href="${PUBLISHED_PAGE_PATH}?${new URLSearchParams({ ...(q.q ? { q: q.q } : {}), ...(q.category ? { category: q.category } : {}), page: String(q.page + 1) }).toString()}">Trang sau</a></p>` : ''}`,
      ),
    );
  });

  router.get(`${PUBLISHED_PAGE_PATH}/:code`, async (req, res) => {
    const p = await findPublished(o.db, String(req.params.code).slice(0, 40));
    if (!p) throw new NotFound('Không tìm thấy câu trả lời này.');
    res.type('html').send(page(`Trả lời phản ánh ${p.code}`, html`<h1>Trả lời phản ánh ${p.code}</h1>${itemHtml(publishedItem(p), false)}<p><a href="${PUBLISHED_PAGE_PATH}">Tất cả câu trả lời</a></p>`));
  });

  return router;
}
