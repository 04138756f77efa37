import { FIELDS, type FieldId, type Procedure } from '../catalog/schema.js';
import { phoneLabel } from '../catalog/labels.js';
import { column, heading, SCALE_A5 } from './pdf-blocks.js';
import { drawLeafletBody, footerSpace, hotlineFooter, topBand, upper } from './leaflet-layout.js';
import { procedurePageUrlIn } from '../http/public-links.js';
import { publicFacts } from '../catalog/public-facts.js';
import type { PrintContext } from './leaflet-pdf.js';
import { COLOURS, drawQr, finish, forEachPage, mm, newDocument, type Doc } from './pdf-doc.js';

const scale = SCALE_A5;

/** The Mini App, which the cover's QR code opens: the whole catalog on the resident's phone. */
function miniAppUrl(publicBaseUrl: string): string {
  return `${publicBaseUrl}/app/`;
}

function cover(doc: Doc, ctx: PrintContext, count: number): void {
  const { commune } = ctx;
  const { x, width } = column(doc);
  topBand(doc, upper(commune.name), scale);
  doc.y = doc.page.height * 0.16;
  doc.font('bold').fontSize(30).fillColor(COLOURS.heading).text('SỔ TAY', x, doc.y, { width, align: 'center' });
  doc.fontSize(20).text('THỦ TỤC HÀNH CHÍNH', { width, align: 'center' });
  doc.moveDown(0.6);
  doc.font('regular').fontSize(scale.body + 1).fillColor(COLOURS.text);
  doc.text(`Giấy tờ cần chuẩn bị, thời gian, lệ phí và nơi nộp của ${count} thủ tục giải quyết tại ${commune.name}.`, x, doc.y, { width, align: 'center' });
  const qr = mm(34);
  const qrY = doc.y + scale.gap * 3;
  drawQr(doc, miniAppUrl(ctx.publicBaseUrl), x + (width - qr) / 2, qrY, qr);
  doc.font('regular').fontSize(scale.small).fillColor(COLOURS.muted).text('Quét mã để tra cứu trên điện thoại', x, qrY + qr + 2, { width, align: 'center' });
  doc.y += scale.gap * 2;
  doc.fillColor(COLOURS.text).font('semibold').fontSize(scale.body).text(commune.desk.name, x, doc.y, { width, align: 'center' });
  doc.font('regular').fontSize(scale.small + 0.5);
  for (const line of [commune.address, commune.office_hours.weekdays, commune.office_hours.saturday]) doc.text(line, { width, align: 'center' });
  doc.moveDown(0.6);
  doc.font('semibold').fontSize(scale.body);
  for (const h of commune.hotlines) doc.text(`${h.label}: ${phoneLabel(h)}`, { width, align: 'center' });
  const national = commune.national_portal.hotline;
  doc.font('regular').fontSize(scale.small + 0.5).text(`${national.label}: ${national.number}`, { width, align: 'center' });
}

/** "Mục lục" at the end, as Vietnamese books often have it: each field, its procedures and pages. */
function contents(doc: Doc, entries: Array<{ field: FieldId; name: string; page: number }>): void {
  doc.addPage();
  const { x, width } = column(doc);
  doc.font('bold').fontSize(scale.title).fillColor(COLOURS.heading).text('Mục lục', x, doc.y, { width });
  let field: FieldId | undefined;
  for (const e of entries) {
    if (e.field !== field) {
      field = e.field;
      heading(doc, FIELDS[field], scale);
    }
    doc.font('regular').fontSize(scale.body).fillColor(COLOURS.text);
    const pageWidth = scale.body * 2.5;
    const nameHeight = doc.heightOfString(e.name, { width: width - pageWidth - 6 });
    if (doc.y + nameHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    doc.text(e.name, x, top, { width: width - pageWidth - 6 });
    const bottom = doc.y;
    doc.text(String(e.page), x + width - pageWidth, top, { width: pageWidth, align: 'right' });
    doc.y = bottom + 2;
  }
}

/**
 * The commune's handbook (sổ tay) on A5: a cover with the Mini App's QR code and the numbers to
 * call, one leaflet per procedure (field by field, each on a new page), and the contents.
 */
export async function bookletPdf(procedures: Procedure[], ctx: PrintContext): Promise<Buffer> {
  const doc = newDocument({
    size: 'A5',
    margin: mm(11),
    title: `Sổ tay thủ tục hành chính – ${ctx.commune.name}`,
    author: ctx.commune.name,
    subject: 'Sổ tay thủ tục hành chính',
    createdAt: ctx.createdAt,
  });
  const setMargins = () => {
    doc.page.margins.bottom = footerSpace(scale);
  };
  doc.on('pageAdded', setMargins);
  setMargins();
  const ordered = (Object.keys(FIELDS) as FieldId[]).flatMap((field) => procedures.filter((p) => p.field === field));
  cover(doc, ctx, ordered.length);
  const entries: Array<{ field: FieldId; name: string; page: number }> = [];
  for (const p of ordered) {
    doc.addPage();
    entries.push({ field: p.field, name: p.name, page: doc.bufferedPageRange().count });
    drawLeafletBody(doc, publicFacts(p, ctx.commune, procedurePageUrlIn(ctx.publicBaseUrl, ctx.communeId, p.id)), scale);
  }
  contents(doc, entries);
  const hotline = { label: ctx.commune.hotlines[0]!.label, number: phoneLabel(ctx.commune.hotlines[0]!) };
  forEachPage(doc, (i) => {
    if (i > 0) hotlineFooter(doc, { hotline }, scale, `Trang ${i + 1}`);
  });
  return finish(doc);
}
