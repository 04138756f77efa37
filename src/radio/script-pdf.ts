import { column, fitLine, heading, paragraph, SCALE_A4 } from '../print/pdf-blocks.js';
import { topBand, upper } from '../print/leaflet-layout.js';
import { COLOURS, finish, forEachPage, mm, newDocument } from '../print/pdf-doc.js';
import type { RadioScript } from './script.js';
import { scriptFacts } from './script-render.js';

/** Large type for reading under the booth's lamp, one sentence per paragraph. */
const READ = { ...SCALE_A4, body: 15, heading: 12 };

/** The script as an A4 PDF for the radio booth and the archive of what was broadcast. */
export async function scriptPdf(script: RadioScript, createdAt?: Date): Promise<Buffer> {
  const doc = newDocument({ size: 'A4', margin: mm(18), title: `${script.title} – ${script.communeName}`, author: script.communeName, subject: 'Kịch bản phát thanh', createdAt });
  const { x, width } = column(doc);
  topBand(doc, upper(`${script.communeName} · ${script.station}`), SCALE_A4);
  doc.font('bold').fontSize(20).fillColor(COLOURS.text).text(script.title, x, mm(20), { width });
  doc.moveDown(0.3);
  paragraph(doc, scriptFacts(script), SCALE_A4, { colour: COLOURS.muted, size: 11 });
  paragraph(doc, 'Số, ngày, giờ, số điện thoại và mã đã viết thành chữ như khi đọc. Tiêu đề các phần chỉ để xem, không đọc.', SCALE_A4, { colour: COLOURS.muted, size: 10 });
  for (const section of script.sections) {
    heading(doc, upper(section.heading), READ);
    for (const sentence of section.sentences) {
      paragraph(doc, sentence, READ);
      doc.y += 3;
    }
  }
  forEachPage(doc, (i, count) => {
    doc.fillColor(COLOURS.muted);
    fitLine(doc, `${script.title} · trang ${i + 1}/${count}`, x, doc.page.height - mm(12), width, { size: 9, font: 'regular', align: 'center' });
  });
  return finish(doc);
}
