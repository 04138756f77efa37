import { Router } from 'express';
import { z } from 'zod';
import { FIELDS, type FieldId } from './schema.js';
import { procedureSummary, procedureView } from './procedure-view.js';
import { renderProcedureNotFoundPage, renderProcedurePage } from './procedure-page.js';
import { parseOrThrow } from '../http/validate.js';
import { NotFound } from '../errors.js';
import type { Catalog } from './catalog.js';
import { procedurePageUrl } from '../http/public-links.js';
import type { Understanding } from '../understanding/understand.js';

/** How the chat understands a message; the Mini App search reads a query the same way. */
export type UnderstandQuery = (text: string) => Understanding;

/** A procedure the model gives at least this probability is offered among the results. */
const UNDERSTOOD_AT = 0.08;

/**
 * The procedures a query is about, best first: what the chat would understand from it (no
 * diacritics, short forms, situations such as "vợ tôi mới sinh"), then what the lexical search
 * finds by name as the resident types ("dang k…"). When the model is unsure the lexical matches
 * come first; when nothing fits, only they are shown.
 */
export function searchProcedureIds(
  catalog: Catalog,
  understand: UnderstandQuery | undefined,
  q: string,
  o: { field?: FieldId; limit: number },
): string[] {
  const { index } = catalog.current;
  const lexical = index.search(q, { field: o.field, limit: o.limit, prefix: true }).map((h) => h.id);
  const u = understand?.(q);
  const understood =
    u && u.intent === 'procedure' && u.certainty !== 'none'
      ? u.results.filter((r) => r.score >= UNDERSTOOD_AT && (!o.field || index.get(r.id)?.field === o.field)).map((r) => r.id)
      : [];
  const ordered = u?.certainty === 'unsure' ? [...lexical, ...understood] : [...understood, ...lexical];
  return [...new Set(ordered)].filter((id) => index.get(id)).slice(0, o.limit);
}

const fieldIds = Object.keys(FIELDS) as [FieldId, ...FieldId[]];
const searchQuery = z.object({
  q: z.string().max(200, 'Từ khóa tối đa 200 ký tự.').optional(),
  field: z.enum(fieldIds, { error: 'Lĩnh vực không có trong danh mục.' }).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** Public catalog API for the Mini App, and the procedure pages that chat answers link to. */
export function catalogRoutes(catalog: Catalog, publicBaseUrl: string, understand?: UnderstandQuery): Router {
  const router = Router();

  router.get('/api/procedures', (req, res) => {
    const { q, field, limit } = parseOrThrow(searchQuery, req.query);
    const { index, content } = catalog.current;
    if (!q?.trim()) {
      const items = content.procedures.filter((p) => !field || p.field === field).map(procedureSummary);
      res.json({ items, total: items.length });
      return;
    }
    const items = searchProcedureIds(catalog, understand, q, { field, limit }).map((id) => procedureSummary(index.get(id)!));
    res.json({ items, total: items.length });
  });

  router.get('/api/procedures/:id', (req, res) => {
    const p = catalog.current.index.get(req.params.id);
    if (!p) throw new NotFound('Không tìm thấy thủ tục này.');
    res.json(procedureView(p, catalog.current.content.commune, procedurePageUrl(publicBaseUrl, p.id)));
  });

  router.get('/api/fields', (_req, res) => {
    const { procedures } = catalog.current.content;
    res.json({
      items: fieldIds.map((id) => ({ id, label: FIELDS[id], count: procedures.filter((p) => p.field === id).length })),
    });
  });

  router.get('/api/commune', (_req, res) => {
    res.json(catalog.current.content.commune);
  });

  router.get('/thu-tuc/:id', (req, res) => {
    const p = catalog.current.index.get(req.params.id);
    const { commune } = catalog.current.content;
    if (!p) {
      // The slug's words ("dang-ky-ket-hn") find what the link probably meant.
      const words = req.params.id.replace(/[-_]+/g, ' ').slice(0, 200);
      const suggestions = searchProcedureIds(catalog, understand, words, { limit: 3 }).map((id) => ({ id, name: catalog.current.index.get(id)!.name }));
      res.status(404).type('html').send(renderProcedureNotFoundPage(commune, suggestions, '/app/'));
      return;
    }
    res.type('html').send(renderProcedurePage(procedureView(p, commune, procedurePageUrl(publicBaseUrl, p.id)), commune));
  });

  return router;
}
