import { checkItem, column, fitLine, heading, labelled, noteBox, paragraph, type TypeScale } from './pdf-blocks.js';
import { COLOURS, drawQr, type Doc } from './pdf-doc.js';
import type { PublicFacts } from '../catalog/public-facts.js';

/** Vietnamese upper case ("hộ tịch" → "HỘ TỊCH"), for bands and poster titles. */
export const upper = (text: string) => text.toLocaleUpperCase('vi-VN');

/** The coloured band at the top of a page: who speaks (the commune) and about what. */
export function topBand(doc: Doc, text: string, scale: TypeScale): void {
  const height = scale.body * 2.2;
  doc.save().rect(0, 0, doc.page.width, height).fill(COLOURS.band).restore();
  doc.fillColor(COLOURS.bandText);
  fitLine(doc, text, doc.page.margins.left, height / 2 - (scale.small + 0.5) * 0.62, column(doc).width, { size: scale.small + 0.5, font: 'semibold' });
  doc.fillColor(COLOURS.text);
}

/**
 * One procedure as a leaflet body on the current page (band, title and QR code, then the facts):
 * shared by the single leaflet and the booklet, which add their own footers.
 */
export function drawLeafletBody(doc: Doc, m: PublicFacts, scale: TypeScale): void {
  topBand(doc, upper(`${m.communeName} · Thủ tục hành chính · ${m.fieldLabel}`), scale);
  const { x, width } = column(doc);
  const qrSize = scale.title * 4.6;
  const top = Math.max(doc.page.margins.top, scale.body * 2.2 + scale.gap * 1.5);
  const titleWidth = width - qrSize - scale.gap * 2;

  drawQr(doc, m.url, x + width - qrSize, top - 4, qrSize);
  doc.font('regular').fontSize(scale.small - 1).fillColor(COLOURS.muted);
  doc.text('Quét mã để xem đầy đủ', x + width - qrSize, top - 4 + qrSize, { width: qrSize, align: 'center' });
  const qrBottom = doc.y;

  doc.font('bold').fontSize(scale.title).fillColor(COLOURS.text).text(m.name, x, top, { width: titleWidth, lineGap: 1 });
  if (m.code) doc.font('regular').fontSize(scale.small + 0.5).fillColor(COLOURS.muted).text(`Mã thủ tục: ${m.code}`, x, doc.y + 2, { width: titleWidth });
  if (m.applicants) {
    doc.moveDown(0.4);
    doc.font('regular').fontSize(scale.body).fillColor(COLOURS.text).text(`Ai làm: ${m.applicants}`, x, doc.y, { width: titleWidth, lineGap: 1.5 });
  }
  doc.y = Math.max(doc.y, qrBottom) + scale.gap * 0.5;
  doc.fillColor(COLOURS.text);

  heading(doc, 'Giấy tờ cần chuẩn bị', scale);
  for (const d of m.documents) checkItem(doc, d, scale);

  heading(doc, 'Thời gian giải quyết', scale);
  paragraph(doc, m.time, scale);

  heading(doc, 'Lệ phí', scale);
  paragraph(doc, m.fee, scale);
  if (m.feeExemptions) labelled(doc, 'Miễn, giảm', m.feeExemptions, scale);
  // The act a province set the fee by: a resident can ask for it at the desk.
  const feeActs = m.citations.filter((c) => c.fact === 'fee' || c.fact === 'feeExemptions').map((c) => c.source);
  if (feeActs.length) paragraph(doc, `Căn cứ: ${[...new Set(feeActs)].join('; ')}.`, scale, { size: scale.small, colour: COLOURS.muted });

  heading(doc, 'Nộp ở đâu', scale);
  paragraph(doc, m.where, scale);
  paragraph(doc, `${m.desk.name}: ${m.desk.location}. ${m.desk.hours}.`, scale, { size: scale.small, colour: COLOURS.muted });

  heading(doc, m.canSubmitOnline ? 'Nộp trực tuyến' : 'Nộp trực tuyến được không?', scale);
  paragraph(doc, m.online, scale);

  if (m.caution) noteBox(doc, m.caution, scale);
}

/** The hotline band at the foot of a page, the last thing a resident reads before calling. */
export function hotlineFooter(doc: Doc, m: Pick<PublicFacts, 'hotline'>, scale: TypeScale, pageText?: string): void {
  const height = scale.body * 2.6;
  const top = doc.page.height - height;
  const { x, width } = column(doc);
  doc.save().rect(0, top, doc.page.width, height).fill(COLOURS.band).restore();
  const text = `Cần hỏi thêm, xin gọi ${m.hotline.label}: ${m.hotline.number}`;
  doc.fillColor(COLOURS.bandText);
  fitLine(doc, text, x, top + height / 2 - scale.heading * 0.62, pageText ? width - scale.body * 4.5 : width, { size: scale.heading, font: 'bold' });
  if (pageText) fitLine(doc, pageText, x + width - scale.body * 4, top + height / 2 - scale.small * 0.62, scale.body * 4, { size: scale.small, font: 'regular', align: 'right' });
  doc.fillColor(COLOURS.text);
}

/** Bottom margin a page needs for `hotlineFooter` plus a little air. */
export function footerSpace(scale: TypeScale): number {
  return scale.body * 2.6 + scale.gap * 2;
}
