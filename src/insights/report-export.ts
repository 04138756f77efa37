import ExcelJS from 'exceljs';
import { html, SafeHtml } from '../http/html.js';
import type { Report } from './report.js';
import { viDateTime, viDay, viNumber, viPercent, viPoints } from '../web/shared/vi-format.js';

// Printed and exported figures read as Vietnamese write them: 80,3 %, 2,5 ngày, 30/11/2026.
const pct = viPercent;
const num = (x: number | null) => viNumber(x);

/** The report as labelled rows: one table that CSV, XLSX and HTML all render. */
export function summaryRows(r: Report): Array<[string, string, string | number]> {
  const rows: Array<[string, string, string | number]> = [
    ['Câu hỏi', 'Tổng số câu hỏi', r.questions.total],
    ['Câu hỏi', 'Trả lời tốt', r.questions.answeredWell],
    ['Câu hỏi', 'Tỷ lệ trả lời tốt', pct(r.questions.answeredWellShare)],
    ['Câu hỏi', 'Chưa trả lời được', r.questions.unanswered],
    ['Câu hỏi', 'Tỷ lệ chưa trả lời được', pct(r.questions.unansweredShare)],
    ...r.questions.topProcedures.map((p, i): [string, string, number] => ['Thủ tục được hỏi nhiều', `${i + 1}. ${p.name}`, p.count]),
    ...r.questions.topGaps.map((g, i): [string, string, number] => ['Câu hỏi chưa trả lời được nhiều', `${i + 1}. ${g.text}`, g.count]),
    ['Tin tức', 'Số tin đã đăng', r.news.published],
    ['Tin tức', 'Lượt gửi tới người theo dõi', r.news.deliveries],
    ['Tin tức', 'Đã gửi qua Zalo', r.news.sent],
    ['Tin tức', 'Nhận qua bản tin tóm tắt', r.news.byDigest],
    ['Tin tức', 'Chưa tới được', r.news.notReached],
    ['Phản ánh, kiến nghị', 'Tiếp nhận', r.petitions.received],
    ['Phản ánh, kiến nghị', 'Đã trả lời', r.petitions.answered],
    ['Phản ánh, kiến nghị', 'Quá hạn', r.petitions.overdue],
    ['Phản ánh, kiến nghị', 'Thời gian trả lời trung bình (ngày)', num(r.petitions.averageDaysToAnswer)],
    ...r.petitions.byCategory.flatMap((c): Array<[string, string, string | number]> => [
      [`Phản ánh: ${c.name}`, 'Tiếp nhận', c.received],
      [`Phản ánh: ${c.name}`, 'Đã trả lời', c.answered],
      [`Phản ánh: ${c.name}`, 'Quá hạn', c.overdue],
      [`Phản ánh: ${c.name}`, 'Thời gian trả lời trung bình (ngày)', num(c.averageDaysToAnswer)],
    ]),
    ['Mức độ hài lòng', 'Câu trả lời được đánh giá hữu ích', r.satisfaction.answers.helpful],
    ['Mức độ hài lòng', 'Câu trả lời được đánh giá chưa hữu ích', r.satisfaction.answers.notHelpful],
    ['Mức độ hài lòng', 'Tỷ lệ hữu ích', pct(r.satisfaction.answers.helpfulShare)],
    ...r.satisfaction.byField.map((f): [string, string, string] => ['Hài lòng theo lĩnh vực', f.name, `${pct(f.helpfulShare)} (${f.helpful}/${f.helpful + f.notHelpful})`]),
    ['Mức độ hài lòng', 'Số phản ánh được chấm điểm', r.satisfaction.petitions.ratings],
    ['Mức độ hài lòng', 'Điểm trung bình phản ánh (1–5)', num(r.satisfaction.petitions.average)],
    ['Phiếu đánh giá hài lòng', 'Số phiếu', r.satisfaction.survey.responses],
    ['Phiếu đánh giá hài lòng', 'Chỉ số hài lòng (% hài lòng và rất hài lòng)', viPoints(r.satisfaction.survey.index)],
    ...r.satisfaction.survey.criteria.map((c): [string, string, string] => ['Phiếu đánh giá hài lòng', c.name, c.average === null ? '—' : `${c.average} / 5 (${pct(c.satisfiedShare ?? 0)} hài lòng)`]),
    ...r.satisfaction.survey.byMonth.map((m): [string, string, string] => ['Chỉ số hài lòng theo tháng', `${m.month.slice(5)}/${m.month.slice(0, 4)}`, `${viPoints(m.index)} (${m.responses} phiếu)`]),
    ['Thi tìm hiểu cải cách hành chính', 'Số cuộc thi', r.quizzes.held],
    ['Thi tìm hiểu cải cách hành chính', 'Lượt dự thi', r.quizzes.attempts],
    ['Thi tìm hiểu cải cách hành chính', 'Qua tin nhắn Zalo / Mini App', `${r.quizzes.byChat} / ${r.quizzes.byMiniApp}`],
    ['Thi tìm hiểu cải cách hành chính', 'Tỷ lệ trả lời đúng trung bình', r.quizzes.averageShare === null ? '—' : pct(r.quizzes.averageShare)],
  ];
  return rows;
}

function csvCell(v: string | number): string {
  const s = String(v);
  // Quote always; neutralise spreadsheet formulas in text a resident wrote (top gaps).
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function reportCsv(r: Report): string {
  const lines = [['Mục', 'Chỉ tiêu', 'Giá trị'], ...summaryRows(r)].map((row) => row.map(csvCell).join(','));
  // BOM so that Excel opens UTF-8 Vietnamese correctly.
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export async function reportXlsx(r: Report, communeName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = communeName;
  wb.created = new Date(r.generatedAt);
  const summary = wb.addWorksheet('Tổng hợp');
  summary.addRow([`Báo cáo tuyên truyền cải cách hành chính – ${communeName}`]);
  summary.addRow([`Từ ngày ${viDay(r.range.from)} đến ngày ${viDay(r.range.to)}`]);
  summary.addRow([]);
  summary.addRow(['Mục', 'Chỉ tiêu', 'Giá trị']).font = { bold: true };
  for (const row of summaryRows(r)) summary.addRow(row);
  summary.columns = [{ width: 34 }, { width: 60 }, { width: 18 }];

  const procedures = wb.addWorksheet('Thủ tục được hỏi');
  procedures.addRow(['Mã thủ tục', 'Tên thủ tục', 'Số câu hỏi']).font = { bold: true };
  for (const p of r.questions.topProcedures) procedures.addRow([p.id, p.name, p.count]);
  procedures.columns = [{ width: 40 }, { width: 70 }, { width: 12 }];

  const petitions = wb.addWorksheet('Phản ánh theo nhóm');
  petitions.addRow(['Nhóm', 'Tiếp nhận', 'Đã trả lời', 'Quá hạn', 'Thời gian trả lời TB (ngày)']).font = { bold: true };
  for (const c of r.petitions.byCategory) petitions.addRow([c.name, c.received, c.answered, c.overdue, c.averageDaysToAnswer ?? '']);
  petitions.columns = [{ width: 34 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 26 }];

  const satisfaction = wb.addWorksheet('Mức độ hài lòng');
  satisfaction.addRow(['Thủ tục', 'Hữu ích', 'Chưa hữu ích', 'Tỷ lệ hữu ích']).font = { bold: true };
  for (const p of r.satisfaction.byProcedure) satisfaction.addRow([p.name, p.helpful, p.notHelpful, p.helpfulShare]);
  satisfaction.getColumn(4).numFmt = '0.0%';
  satisfaction.columns = [{ width: 70 }, { width: 10 }, { width: 14 }, { width: 14 }];

  const sipas = wb.addWorksheet('Chỉ số hài lòng theo tháng');
  sipas.addRow(['Tháng', 'Số phiếu', 'Chỉ số (%)', ...r.satisfaction.survey.criteria.map((c) => `${c.name} (TB 1–5)`)]).font = { bold: true };
  for (const m of r.satisfaction.survey.byMonth) sipas.addRow([m.month, m.responses, m.index ?? '', ...m.criteria.map((c) => c.average ?? '')]);
  sipas.columns = [{ width: 10 }, { width: 10 }, { width: 12 }, ...r.satisfaction.survey.criteria.map(() => ({ width: 24 }))];

  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function reportHtml(r: Report, communeName: string): string {
  const rows = summaryRows(r).map(([a, b, c]) => html`<tr><td>${a}</td><td>${b}</td><td class="n">${typeof c === 'number' ? viNumber(c, 0) : c}</td></tr>`);
  return html`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Báo cáo ${viDay(r.range.from)} – ${viDay(r.range.to)}</title>
<style>${new SafeHtml('body{font-family:"Times New Roman",serif;font-size:13pt;margin:2cm}h1{font-size:15pt;text-align:center}table{border-collapse:collapse;width:100%}td,th{border:1px solid #444;padding:4px 8px;vertical-align:top}td.n{text-align:right;white-space:nowrap}@media print{body{margin:1cm}}')}</style></head>
<body><h1>BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH<br>${communeName}</h1>
<p style="text-align:center">Từ ngày ${viDay(r.range.from)} đến ngày ${viDay(r.range.to)}</p>
<table><thead><tr><th>Mục</th><th>Chỉ tiêu</th><th>Giá trị</th></tr></thead><tbody>${rows}</tbody></table>
<p><small>Số liệu do Trợ lý hành chính công xã tổng hợp tự động lúc ${viDateTime(r.generatedAt)} (giờ Việt Nam).</small></p></body></html>`.value;
}
