import { FIELDS, type FieldId, type Procedure } from '../catalog/schema.js';
import { phoneLabel } from '../catalog/labels.js';
import { NotFound } from '../errors.js';
import { upper } from './leaflet-layout.js';
import { procedurePageUrlIn } from '../http/public-links.js';
import { publicFacts, type PublicFacts } from '../catalog/public-facts.js';
import type { PrintContext } from './leaflet-pdf.js';
import { fitLine } from './pdf-blocks.js';
import { COLOURS, drawQr, finish, forEachPage, mm, newDocument, PAPER, type Doc, type PaperSize } from './pdf-doc.js';

export type PosterSize = 'A2' | 'A3' | 'A4';

interface PosterGroup {
  heading?: string;
  items: PublicFacts[];
}

/** Sizes on a poster, scaled with the paper so an A2 reads from further away than an A4. */
function posterScale(size: PosterSize, density = 1) {
  const paper = PAPER[size][0] / PAPER.A3[0];
  const k = paper * density;
  return {
    k,
    margin: mm(14) * paper,
    // The title and subtitle keep the paper's size: only the cards grow to fill a sparse poster.
    title: 34 * paper * Math.min(density, 1),
    subtitle: 14 * paper * Math.min(density, 1),
    group: 17 * k,
    name: 12.5 * k,
    small: 9.5 * k,
    qr: mm(25) * k,
    gap: 10 * k,
    /** Narrowest card: a QR code and a name of about four short lines beside it. Larger type on
     *  a poster with few procedures fills the sheet with bigger cards, not with fewer columns. */
    minCard: mm(74) * paper * Math.min(density, 1),
  };
}
type Scale = ReturnType<typeof posterScale>;

function headerHeight(doc: Doc, title: string, subtitle: string, s: Scale): number {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const titleHeight = doc.font('bold').fontSize(s.title).heightOfString(title, { width, align: 'center', lineGap: 2 });
  const subtitleHeight = doc.font('regular').fontSize(s.subtitle).heightOfString(subtitle, { width, align: 'center' });
  return s.subtitle * 2.4 + s.gap * 1.6 + titleHeight + s.gap * 0.6 + subtitleHeight + s.gap * 1.5;
}

function header(doc: Doc, title: string, subtitle: string, communeName: string, s: Scale): void {
  const { left, right } = doc.page.margins;
  const width = doc.page.width - left - right;
  const band = s.subtitle * 2.4;
  doc.save().rect(0, 0, doc.page.width, band).fill(COLOURS.band).restore();
  doc.fillColor(COLOURS.bandText);
  fitLine(doc, upper(communeName), left, band / 2 - s.subtitle * 0.62, width, { size: s.subtitle, font: 'semibold', align: 'center' });
  doc.font('bold').fontSize(s.title).fillColor(COLOURS.heading).text(title, left, band + s.gap * 1.6, { width, align: 'center', lineGap: 2 });
  doc.font('regular').fontSize(s.subtitle).fillColor(COLOURS.text).text(subtitle, left, doc.y + s.gap * 0.6, { width, align: 'center' });
  doc.y += s.gap * 1.5;
}

function footer(doc: Doc, ctx: PrintContext, s: Scale, pageText?: string): void {
  const { left, right } = doc.page.margins;
  const width = doc.page.width - left - right;
  const hotline = ctx.commune.hotlines[0]!;
  const height = s.subtitle * 4.4;
  const top = doc.page.height - height;
  doc.save().rect(0, top, doc.page.width, height).fill(COLOURS.band).restore();
  doc.fillColor(COLOURS.bandText);
  fitLine(doc, `Cần hỏi thêm, xin gọi ${hotline.label}: ${phoneLabel(hotline)}`, left, top + s.subtitle * 0.7, width, { size: s.subtitle * 1.25, font: 'bold', align: 'center' });
  const where = `${ctx.commune.desk.name}: ${ctx.commune.desk.location}. ${ctx.commune.office_hours.weekdays}.${pageText ? `   ${pageText}` : ''}`;
  fitLine(doc, where, left, top + s.subtitle * 2.6, width, { size: s.small, font: 'regular', align: 'center' });
  doc.fillColor(COLOURS.text);
}

function footerHeight(s: Scale): number {
  return s.subtitle * 4.4 + s.gap;
}

/** One card: the QR code, and beside it the procedure's name and code. Returns its height. */
function card(doc: Doc, m: PublicFacts, x: number, y: number, width: number, s: Scale, draw: boolean): number {
  const textX = x + s.qr + s.gap * 0.8;
  const textWidth = width - s.qr - s.gap * 1.8;
  doc.font('semibold').fontSize(s.name);
  const nameHeight = doc.heightOfString(m.name, { width: textWidth, lineGap: 1 });
  const codeText = m.code ? `Mã ${m.code}` : '';
  const height = Math.max(s.qr, nameHeight + (codeText ? s.small * 1.6 : 0));
  if (draw) {
    drawQr(doc, m.url, x, y, s.qr);
    doc.fillColor(COLOURS.text).text(m.name, textX, y + s.qr * 0.08, { width: textWidth, lineGap: 1 });
    if (codeText) doc.font('regular').fontSize(s.small).fillColor(COLOURS.muted).text(codeText, textX, doc.y + 2, { width: textWidth });
    doc.fillColor(COLOURS.text);
  }
  return height;
}

type Slot = { kind: 'heading'; text: string } | { kind: 'card'; model: PublicFacts };

/** A field's name as a tile the size of a card, so fields follow each other without empty cells. */
function headingTile(doc: Doc, text: string, x: number, y: number, width: number, height: number, s: Scale): void {
  doc.save().rect(x, y, width - s.gap, height).fill(COLOURS.band).restore();
  doc.font('bold').fontSize(s.group).fillColor(COLOURS.bandText);
  const textHeight = doc.heightOfString(upper(text), { width: width - s.gap * 2.2 });
  doc.text(upper(text), x + s.gap * 0.6, y + (height - textHeight) / 2, { width: width - s.gap * 2.2, align: 'center' });
  doc.fillColor(COLOURS.text);
}

interface Row {
  slots: Slot[];
  height: number;
}

/** The rows of cards: as many columns as the paper allows, a field's name as a tile before its cards. */
function rows(doc: Doc, groups: PosterGroup[], s: Scale): { rows: Row[]; cardWidth: number } {
  const { left, right } = doc.page.margins;
  const width = doc.page.width - left - right;
  const columns = Math.max(1, Math.floor(width / s.minCard));
  const cardWidth = width / columns;
  const slots: Slot[] = groups.flatMap((g) => [...(g.heading ? [{ kind: 'heading' as const, text: g.heading }] : []), ...g.items.map((model) => ({ kind: 'card' as const, model }))]);
  const out: Row[] = [];
  for (let i = 0; i < slots.length; i += columns) {
    const row = slots.slice(i, i + columns);
    out.push({ slots: row, height: Math.max(s.qr, ...row.map((slot) => (slot.kind === 'card' ? card(doc, slot.model, 0, 0, cardWidth, s, false) : 0))) });
  }
  return { rows: out, cardWidth };
}

/** Draws the rows from the current position; a row that does not fit goes to a new page. */
function drawCards(doc: Doc, groups: PosterGroup[], s: Scale, onNewPage: () => void): void {
  const left = doc.page.margins.left;
  const layout = rows(doc, groups, s);
  for (const row of layout.rows) {
    if (doc.y + row.height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      onNewPage();
    }
    const top = doc.y;
    row.slots.forEach((slot, c) => {
      const x = left + c * layout.cardWidth;
      if (slot.kind === 'card') card(doc, slot.model, x, top, layout.cardWidth, s, true);
      else headingTile(doc, slot.text, x, top, layout.cardWidth, row.height, s);
    });
    doc.y = top + row.height + s.gap * 1.2;
  }
}

/**
 * The largest type and codes (from `max` down to `min` times the paper's own scale) with which
 * everything fits on one sheet: a field with six procedures gets big codes, the whole catalog
 * small ones. If nothing fits even at `min`, the poster continues on a second sheet.
 */
function fittedScale(doc: Doc, o: { title: string; subtitle: string; groups: PosterGroup[]; size: PosterSize }, density: { min: number; max: number }): Scale {
  for (let d = density.max; d >= density.min - 1e-9; d -= 0.05) {
    const s = posterScale(o.size, d);
    const available = doc.page.height - footerHeight(s) - headerHeight(doc, o.title, o.subtitle, s);
    const needed = rows(doc, o.groups, s).rows.reduce((sum, r) => sum + r.height + s.gap * 1.2, 0);
    if (needed <= available) return s;
  }
  return posterScale(o.size, density.min);
}

async function poster(o: { title: string; subtitle: string; groups: PosterGroup[]; ctx: PrintContext; size: PosterSize; subject: string; density: { min: number; max: number } }): Promise<Buffer> {
  const doc = newDocument({ size: o.size as PaperSize, margin: posterScale(o.size).margin, title: `${o.title} – ${o.ctx.commune.name}`, author: o.ctx.commune.name, subject: o.subject, createdAt: o.ctx.createdAt });
  const s = fittedScale(doc, o, o.density);
  const setMargins = () => {
    doc.page.margins.bottom = footerHeight(s);
  };
  setMargins();
  header(doc, o.title, o.subtitle, o.ctx.commune.name, s);
  drawCards(doc, o.groups, s, setMargins);
  forEachPage(doc, (i, count) => footer(doc, o.ctx, s, count > 1 ? `Tờ ${i + 1}/${count}` : undefined));
  return finish(doc);
}

const SUBTITLE = 'Quét mã QR bằng Zalo hoặc camera điện thoại để xem giấy tờ cần chuẩn bị, thời gian, lệ phí và nơi nộp của từng thủ tục.';

/** The poster of one field (lĩnh vực) for the notice board: every procedure with its QR code. */
export async function fieldPosterPdf(field: FieldId, procedures: Procedure[], ctx: PrintContext, size: PosterSize = 'A3'): Promise<Buffer> {
  const items = procedures.filter((p) => p.field === field).map((p) => publicFacts(p, ctx.commune, procedurePageUrlIn(ctx.publicBaseUrl, ctx.communeId, p.id)));
  if (items.length === 0) throw new NotFound(`Lĩnh vực "${FIELDS[field]}" chưa có thủ tục nào trong danh mục.`);
  return poster({ title: `Thủ tục hành chính lĩnh vực ${FIELDS[field]}`, subtitle: SUBTITLE, groups: [{ items }], ctx, size, subject: `Áp phích thủ tục lĩnh vực ${FIELDS[field]}`, density: { min: 0.7, max: 1.6 } });
}

/** Every procedure of the commune on one poster (A2 by default), grouped by field. */
export async function catalogPosterPdf(procedures: Procedure[], ctx: PrintContext, size: PosterSize = 'A2'): Promise<Buffer> {
  const groups = (Object.keys(FIELDS) as FieldId[])
    .map((field) => ({ heading: FIELDS[field], items: procedures.filter((p) => p.field === field).map((p) => publicFacts(p, ctx.commune, procedurePageUrlIn(ctx.publicBaseUrl, ctx.communeId, p.id))) }))
    .filter((g) => g.items.length > 0);
  return poster({ title: 'Các thủ tục hành chính giải quyết tại xã', subtitle: SUBTITLE, groups, ctx, size, subject: 'Áp phích các thủ tục hành chính của xã', density: { min: 0.6, max: 1.2 } });
}
