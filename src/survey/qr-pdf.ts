import type { Commune } from '../catalog/schema.js';
import { COLOURS, drawQr, finish, mm, newDocument } from '../print/pdf-doc.js';
import { SURVEY_CRITERIA } from './criteria.js';

/**
 * The card for the one-stop desk (A5, portrait): "scan to rate us", the QR code to the survey
 * page, the five criteria it asks about. Drawn with the print module's font, colours and QR.
 */
export async function surveyQrPdf(o: { commune: Pick<Commune, 'name'>; url: string; createdAt: Date }): Promise<Buffer> {
  const margin = mm(14);
  const doc = newDocument({ size: 'A5', margin, title: `Phiếu đánh giá mức độ hài lòng – ${o.commune.name}`, author: o.commune.name, createdAt: o.createdAt });
  const width = doc.page.width - 2 * margin;
  doc.rect(0, 0, doc.page.width, mm(24)).fill(COLOURS.band);
  doc.fillColor(COLOURS.bandText).font('bold').fontSize(15).text(o.commune.name.toLocaleUpperCase('vi-VN'), margin, mm(8), { width, align: 'center' });
  doc.fillColor(COLOURS.heading).font('bold').fontSize(20).text('ÔNG/BÀ HÀI LÒNG CHƯA?', margin, mm(32), { width, align: 'center' });
  doc.fillColor(COLOURS.text).font('regular').fontSize(12).text('Quét mã QR bằng Zalo hoặc camera điện thoại để chấm điểm việc giải quyết thủ tục hôm nay (5 câu, không ghi tên).', margin, doc.y + 6, { width, align: 'center' });
  const size = mm(70);
  const top = doc.y + 12;
  drawQr(doc, o.url, (doc.page.width - size) / 2, top, size);
  doc.fillColor(COLOURS.muted).font('regular').fontSize(10).text(o.url.replace(/^https?:\/\//, ''), margin, top + size + 6, { width, align: 'center' });
  doc.fillColor(COLOURS.heading).font('semibold').fontSize(12).text('Ông/bà chấm điểm từ 1 đến 5 về:', margin, doc.y + 12, { width });
  doc.fillColor(COLOURS.text).font('regular').fontSize(11);
  for (const c of SURVEY_CRITERIA) doc.text(`• ${c.name}`, margin + mm(4), doc.y + 2, { width: width - mm(4) });
  return finish(doc);
}
