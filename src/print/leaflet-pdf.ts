import type { Commune, Procedure } from '../catalog/schema.js';
import { drawLeafletBody, footerSpace, hotlineFooter } from './leaflet-layout.js';
import { procedurePageUrlIn } from '../http/public-links.js';
import { publicFacts } from '../catalog/public-facts.js';
import { SCALE_A4, SCALE_A5 } from './pdf-blocks.js';
import { finish, forEachPage, mm, newDocument } from './pdf-doc.js';

export type LeafletSize = 'A4' | 'A5';

export interface PrintContext {
  commune: Commune;
  /** Base of the public procedure pages the QR codes open (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
  /** The commune whose own pages the QR codes open; undefined: the default commune's (unprefixed) pages. */
  communeId?: string;
  /** The document's creation date; fixed in renders that must not change from run to run. */
  createdAt?: Date;
}

/** A one- or two-page leaflet for one procedure, A4 by default or A5 for the desk's counter. */
export async function leafletPdf(procedure: Procedure, ctx: PrintContext, size: LeafletSize = 'A4'): Promise<Buffer> {
  const model = publicFacts(procedure, ctx.commune, procedurePageUrlIn(ctx.publicBaseUrl, ctx.communeId, procedure.id));
  const scale = size === 'A4' ? SCALE_A4 : SCALE_A5;
  const doc = newDocument({
    size,
    margin: mm(size === 'A4' ? 14 : 10),
    title: `${model.name} – ${model.communeName}`,
    author: model.communeName,
    subject: `Tờ rơi hướng dẫn thủ tục ${model.name}`,
    createdAt: ctx.createdAt,
  });
  doc.page.margins.bottom = footerSpace(scale);
  doc.on('pageAdded', () => {
    doc.page.margins.bottom = footerSpace(scale);
  });
  drawLeafletBody(doc, model, scale);
  forEachPage(doc, (i, count) => hotlineFooter(doc, model, scale, count > 1 ? `Trang ${i + 1}/${count}` : undefined));
  return finish(doc);
}
