import { COLOURS, type Doc } from './pdf-doc.js';

/**
 * Type sizes for one paper size. Leaflets are read by older residents at a desk or on a wall:
 * body text never below 10 pt on A5 and 11 pt on A4.
 */
export interface TypeScale {
  title: number;
  heading: number;
  body: number;
  small: number;
  gap: number;
}

export const SCALE_A4: TypeScale = { title: 26, heading: 14.5, body: 12.5, small: 10, gap: 8 };
export const SCALE_A5: TypeScale = { title: 18, heading: 11.5, body: 10, small: 8.5, gap: 6 };

/** Left edge and width of the text column on the current page. */
export function column(doc: Doc): { x: number; width: number } {
  const { left, right } = doc.page.margins;
  return { x: left, width: doc.page.width - left - right };
}

function bottomLimit(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page when fewer than `height` points are left, so a block is never cut. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottomLimit(doc)) {
    doc.addPage();
  }
}

/** A section heading with a thin rule under it, kept together with the first lines that follow. */
export function heading(doc: Doc, text: string, scale: TypeScale): void {
  const { x, width } = column(doc);
  doc.font('bold').fontSize(scale.heading);
  ensureSpace(doc, doc.heightOfString(text, { width }) + scale.body * 3);
  doc.moveDown(0.35);
  doc.fillColor(COLOURS.heading).text(text, x, doc.y, { width });
  const ruleY = doc.y + 1.5;
  doc.save().moveTo(x, ruleY).lineTo(x + width, ruleY).lineWidth(0.6).strokeColor(COLOURS.rule).stroke().restore();
  doc.y = ruleY + 3;
  doc.fillColor(COLOURS.text).font('regular');
}

/** Body text across the column; pdfkit carries long text onto the next page on its own. */
export function paragraph(doc: Doc, text: string, scale: TypeScale, o: { font?: 'regular' | 'semibold' | 'bold'; colour?: string; size?: number; indent?: number } = {}): void {
  const { x, width } = column(doc);
  const indent = o.indent ?? 0;
  doc
    .font(o.font ?? 'regular')
    .fontSize(o.size ?? scale.body)
    .fillColor(o.colour ?? COLOURS.text)
    .text(text, x + indent, doc.y, { width: width - indent, lineGap: 1.5 });
  doc.fillColor(COLOURS.text);
}

/** "Label: text" on one flow, the label in semibold. */
export function labelled(doc: Doc, label: string, text: string, scale: TypeScale): void {
  const { x, width } = column(doc);
  doc.fontSize(scale.body).font('semibold').fillColor(COLOURS.text).text(`${label}: `, x, doc.y, { width, continued: true, lineGap: 1.5 });
  doc.font('regular').text(text, { width, lineGap: 1.5 });
}

/**
 * One document to bring: an empty box to tick, its name (and form), and under it its condition in
 * smaller type. Kept on one page.
 */
export function checkItem(doc: Doc, o: { name: string; detail?: string; condition?: string }, scale: TypeScale): void {
  const { x, width } = column(doc);
  const box = scale.body * 0.85;
  const indent = box + scale.body * 0.7;
  const textWidth = width - indent;
  const name = o.detail ? `${o.name} (${o.detail})` : o.name;
  doc.font('regular').fontSize(scale.body);
  const nameHeight = doc.heightOfString(name, { width: textWidth, lineGap: 1.5 });
  doc.font('regular').fontSize(scale.small);
  const conditionHeight = o.condition ? doc.heightOfString(o.condition, { width: textWidth, lineGap: 1 }) + 2 : 0;
  ensureSpace(doc, nameHeight + conditionHeight + 4);
  const top = doc.y + 2;
  doc.save().rect(x + 1, top + scale.body * 0.12, box, box).lineWidth(0.9).strokeColor(COLOURS.text).stroke().restore();
  doc.font('regular').fontSize(scale.body).fillColor(COLOURS.text).text(name, x + indent, top, { width: textWidth, lineGap: 1.5 });
  if (o.condition) {
    doc.font('regular').fontSize(scale.small).fillColor(COLOURS.muted).text(o.condition, x + indent, doc.y + 1, { width: textWidth, lineGap: 1 });
    doc.fillColor(COLOURS.text);
  }
  doc.y += scale.gap * 0.45;
}

/** A tinted box with a coloured edge for the one line residents must not miss. */
export function noteBox(doc: Doc, text: string, scale: TypeScale): void {
  const { x, width } = column(doc);
  const pad = scale.body * 0.7;
  doc.font('semibold').fontSize(scale.body);
  const height = doc.heightOfString(text, { width: width - 2 * pad - 4, lineGap: 1.5 }) + 2 * pad;
  doc.moveDown(0.5);
  ensureSpace(doc, height + 4);
  const top = doc.y;
  doc.save().rect(x, top, width, height).fill(COLOURS.noteFill).rect(x, top, 4, height).fill(COLOURS.noteEdge).restore();
  doc.fillColor(COLOURS.text).text(text, x + pad + 4, top + pad, { width: width - 2 * pad - 4, lineGap: 1.5 });
  doc.y = top + height + 2;
  doc.font('regular');
}

/**
 * One line of text that must stay one line (bands, footers): the type shrinks until it fits
 * `width` instead of wrapping, which in a footer would spill onto a new page.
 */
export function fitLine(doc: Doc, text: string, x: number, y: number, width: number, o: { size: number; font: 'regular' | 'semibold' | 'bold'; align?: 'left' | 'center' | 'right' }): void {
  doc.font(o.font).fontSize(o.size);
  const natural = doc.widthOfString(text);
  const size = natural > width ? (o.size * width) / natural - 0.1 : o.size;
  doc.fontSize(size).text(text, x, y + (o.size - size) * 0.5, { width, align: o.align ?? 'left', lineBreak: false, height: size * 1.5 });
}
