import { Router, type Response } from 'express';
import { z } from 'zod';
import { FIELDS, type FieldId } from './schema.js';
import { procedureSummary, procedureView } from './procedure-view.js';
import { renderNotFoundPage, renderProcedureNotFoundPage, renderProcedurePage } from './procedure-page.js';
import { parseOrThrow } from '../http/validate.js';
import { NotFound } from '../errors.js';
import type { Catalog } from './catalog.js';
import { communeProcedurePageUrl, procedurePageUrl } from '../http/public-links.js';
import type { CatalogSnapshot } from './catalog.js';
import type { CommuneListing } from './commune-view.js';
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

const oldCommuneQuery = z.object({
  q: z.string({ error: 'Nhập tên xã, phường cũ.' }).trim().min(1, 'Nhập tên xã, phường cũ.').max(100, 'Tên tối đa 100 ký tự.'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export interface CatalogRoutesOptions {
  /** The request's commune view (the first commune's on the old unprefixed routes). */
  catalog: Catalog;
  publicBaseUrl: string;
  understand?: UnderstandQuery;
  /**
   * A served commune's view: one the content declares or one added at run time (the registry is
   * the one list of communes served); undefined for an unknown or inactive commune.
   */
  communeCatalog: (communeId: string) => Promise<Catalog | undefined>;
  /** Communes served beyond the content's (added at run time), for the old-commune picker. */
  addedCommunes?: () => Promise<CommuneListing[]>;
}

const NO_SUCH_COMMUNE = 'Không có xã, phường này trong hệ thống.';

/** Public catalog API for the Mini App, and the procedure pages that chat answers link to. */
export function catalogRoutes(o: CatalogRoutesOptions): Router {
  const { catalog, publicBaseUrl, understand } = o;
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

  /** A procedure page that does not exist: the closest procedures of that commune, the list and its hotline. */
  function procedureNotFound(res: Response, view: Catalog, slug: string, pagePath: (id: string) => string) {
    // The slug's words ("dang-ky-ket-hn") find what the link probably meant.
    const words = slug.replace(/[-_]+/g, ' ').slice(0, 200);
    const suggestions = searchProcedureIds(view, understand, words, { limit: 3 }).map((id) => ({ id, name: view.current.index.get(id)!.name, url: pagePath(id) }));
    res.status(404).type('html').send(renderProcedureNotFoundPage(view.current.content.commune, suggestions, '/app/'));
  }

  router.get('/thu-tuc/:id', (req, res) => {
    const p = catalog.current.index.get(req.params.id);
    const { commune } = catalog.current.content;
    if (!p) return procedureNotFound(res, catalog, req.params.id, (id) => `/thu-tuc/${encodeURIComponent(id)}`);
    res.type('html').send(renderProcedurePage(procedureView(p, commune, procedurePageUrl(publicBaseUrl, p.id)), commune));
  });

  /** One commune's view of one procedure: its province's facts with their acts, its own notes. */
  function communeProcedure(view: Catalog, communeId: string, id: string) {
    const snapshot: CatalogSnapshot = view.current;
    const p = snapshot.index.get(id);
    if (!p) throw new NotFound('Không tìm thấy thủ tục này.');
    const { commune } = snapshot.content;
    return { view: procedureView(p, commune, communeProcedurePageUrl(publicBaseUrl, communeId, p.id)), commune };
  }

  /** A served commune's view, or NotFound (Vietnamese, in the API's error shape). */
  async function requireCommune(communeId: string): Promise<Catalog> {
    const view = await o.communeCatalog(communeId);
    if (!view) throw new NotFound(NO_SUCH_COMMUNE);
    return view;
  }

  /** The Mini App's commune picker: old units (before 1 July 2025) by name, with the commune each is now. */
  router.get('/api/old-communes', async (req, res) => {
    const { q, limit } = parseOrThrow(oldCommuneQuery, req.query);
    const items = catalog.oldCommunes(await o.addedCommunes?.()).search(q, limit).map((old) => ({
      unit: old.unit,
      district: old.district,
      province: old.province,
      now: old.targets.map((t) => ({ unit: t.unit, share: t.share, commune: t.commune ? { id: t.commune.id, name: t.commune.name } : null })),
      source: old.source,
      example: old.example,
    }));
    res.json({ items, total: items.length });
  });

  /** One commune's profile (hotlines, hours, desk, its province's portal): the Mini App of a chosen commune. */
  router.get('/api/communes/:commune/profile', async (req, res) => {
    res.json((await requireCommune(req.params.commune)).current.content.commune);
  });

  router.get('/api/communes/:commune/procedures/:id', async (req, res) => {
    const { view, commune } = communeProcedure(await requireCommune(req.params.commune), req.params.commune, req.params.id);
    res.json({ ...view, commune: { id: commune.id, name: commune.name, province: commune.province } });
  });

  router.get('/c/:commune/thu-tuc/:id', async (req, res) => {
    const communeId = req.params.commune;
    const view = await o.communeCatalog(communeId);
    if (!view) {
      res.status(404).type('html').send(renderNotFoundPage(NO_SUCH_COMMUNE, catalog.current.content.commune.national_portal.url));
      return;
    }
    if (!view.current.index.get(req.params.id)) return procedureNotFound(res, view, req.params.id, (id) => `/c/${encodeURIComponent(communeId)}/thu-tuc/${encodeURIComponent(id)}`);
    const { view: page, commune } = communeProcedure(view, communeId, req.params.id);
    res.type('html').send(renderProcedurePage(page, commune));
  });

  return router;
}
