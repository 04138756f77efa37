import type { Response } from 'express';
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import { parseOrThrow } from '../http/validate.js';
import { communeScope, type StaffRouter } from '../staff/guard.js';
import { printDocument, type PrintedFile, type PrintRequest } from './documents.js';

const leafletQuery = z.object({ size: z.enum(['A4', 'A5'], { error: 'Khổ giấy tờ rơi: A4 hoặc A5.' }).default('A4') });
const posterQuery = z.object({ size: z.enum(['A2', 'A3', 'A4'], { error: 'Khổ giấy áp phích: A2, A3 hoặc A4.' }).optional() });

function sendPdf(res: Response, file: PrintedFile): void {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(file.pdf);
}

/**
 * Staff downloads of printed material, for any signed-in role (the desk prints leaflets, editors
 * posters). Everything is drawn from the current catalog and the commune's profile on each request.
 */
export function printRoutes(o: {
  catalog: Catalog;
  staff: StaffRouter;
  publicBaseUrl: string;
  clock: () => Date;
  /** The commune whose own pages a commune's QR codes open (undefined: the old unprefixed pages). */
  ownPagesOf: (communeId: string) => string | undefined;
}): void {
  const ANY_STAFF = [] as const;
  const render = async (res: Response, request: PrintRequest) => {
    const { content } = o.catalog.current;
    // The QR codes open the staff member's commune's own pages.
    const communeId = o.ownPagesOf(communeScope(res));
    sendPdf(res, await printDocument(request, content.procedures, { commune: content.commune, publicBaseUrl: o.publicBaseUrl, communeId, createdAt: o.clock() }));
  };

  o.staff.get('/api/admin/print/procedures/:id/leaflet.pdf', ANY_STAFF, async (req, res) => {
    const { size } = parseOrThrow(leafletQuery, req.query);
    await render(res, { kind: 'leaflet', procedureId: String(req.params.id), size });
  });
  o.staff.get('/api/admin/print/fields/:field/poster.pdf', ANY_STAFF, async (req, res) => {
    const { size } = parseOrThrow(posterQuery, req.query);
    await render(res, { kind: 'field-poster', field: String(req.params.field), size });
  });
  o.staff.get('/api/admin/print/poster.pdf', ANY_STAFF, async (req, res) => {
    const { size } = parseOrThrow(posterQuery, req.query);
    await render(res, { kind: 'catalog-poster', size });
  });
  o.staff.get('/api/admin/print/booklet.pdf', ANY_STAFF, async (_req, res) => {
    await render(res, { kind: 'booklet' });
  });
}
