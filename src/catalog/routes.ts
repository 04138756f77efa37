import { Router } from 'express';
import { z } from 'zod';
import { FIELDS, type FieldId } from './schema.js';
import { procedureSummary, procedureView } from './procedure-view.js';
import { renderNotFoundPage, renderProcedurePage } from './procedure-page.js';
import { parseOrThrow } from '../http/validate.js';
import { NotFound } from '../errors.js';
import type { Catalog } from './catalog.js';
import { communeProcedurePageUrl, procedurePageUrl } from '../http/public-links.js';
import type { CatalogSnapshot } from './catalog.js';

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

/** Public catalog API for the Mini App, and the procedure pages that chat answers link to. */
export function catalogRoutes(catalog: Catalog, publicBaseUrl: string): Router {
  const router = Router();

  router.get('/api/procedures', (req, res) => {
    const { q, field, limit } = parseOrThrow(searchQuery, req.query);
    const { index, content } = catalog.current;
    if (!q?.trim()) {
      const items = content.procedures.filter((p) => !field || p.field === field).map(procedureSummary);
      res.json({ items, total: items.length });
      return;
    }
    const hits = index.search(q, { field, limit, prefix: true });
    const items = hits.flatMap((h) => {
      const p = index.get(h.id);
      return p ? [{ ...procedureSummary(p), score: Number(h.score.toFixed(3)) }] : [];
    });
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
    if (!p) throw new NotFound('Không tìm thấy thủ tục này.');
    const { commune } = catalog.current.content;
    res.type('html').send(renderProcedurePage(procedureView(p, commune, procedurePageUrl(publicBaseUrl, p.id)), commune));
  });

  /** One commune's view of one procedure: its province's facts with their acts, its own notes. */
  function communeProcedure(communeId: string, id: string) {
    if (!catalog.hasCommune(communeId)) throw new NotFound('Không có xã, phường này trong hệ thống.');
    const snapshot: CatalogSnapshot = catalog.forCommune(communeId).current;
    const p = snapshot.index.get(id);
    if (!p) throw new NotFound('Không tìm thấy thủ tục này.');
    const { commune } = snapshot.content;
    return { view: procedureView(p, commune, communeProcedurePageUrl(publicBaseUrl, communeId, p.id)), commune };
  }

  /** The Mini App's commune picker: old units (before 1 July 2025) by name, with the commune each is now. */
  router.get('/api/old-communes', (req, res) => {
    const { q, limit } = parseOrThrow(oldCommuneQuery, req.query);
    const items = catalog.oldCommunes().search(q, limit).map((old) => ({
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
  router.get('/api/communes/:commune/profile', (req, res) => {
    if (!catalog.hasCommune(req.params.commune)) throw new NotFound('Không có xã, phường này trong hệ thống.');
    res.json(catalog.forCommune(req.params.commune).current.content.commune);
  });

  router.get('/api/communes/:commune/procedures/:id', (req, res) => {
    const { view, commune } = communeProcedure(req.params.commune, req.params.id);
    res.json({ ...view, commune: { id: commune.id, name: commune.name, province: commune.province } });
  });

  router.get('/c/:commune/thu-tuc/:id', (req, res) => {
    try {
      const { view, commune } = communeProcedure(req.params.commune, req.params.id);
      res.type('html').send(renderProcedurePage(view, commune));
    } catch (err) {
      if (!(err instanceof NotFound)) throw err;
      res.status(404).type('html').send(renderNotFoundPage(err.message, catalog.current.content.commune.national_portal.url));
    }
  });

  return router;
}
