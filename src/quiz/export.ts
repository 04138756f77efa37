import ExcelJS from 'exceljs';
import { formatInstant } from '../petitions/deadlines.js';
import { answersOf, type AttemptRow, type Quiz } from './repo.js';
import type { QuizResults } from './results.js';

const CHANNEL = { zalo: 'Zalo (tin nhắn)', miniapp: 'Mini App' } as const;

/**
 * The quiz's results as a workbook: a summary, the questions with their share of right answers,
 * and one row per attempt (numbered, never named: the resident's ids stay out of the file).
 */
export async function quizResultsXlsx(quiz: Quiz, results: QuizResults, attempts: AttemptRow[], communeName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = communeName;
  const summary = wb.addWorksheet('Tổng hợp');
  summary.addRow([`Kết quả cuộc thi: ${quiz.title}`]).font = { bold: true };
  summary.addRow([communeName]);
  summary.addRow([]);
  summary.addRow(['Số người tham gia', results.participants]);
  summary.addRow(['Qua tin nhắn Zalo', results.byChannel.zalo]);
  summary.addRow(['Qua Mini App', results.byChannel.miniapp]);
  summary.addRow(['Điểm trung bình', results.averageScore ?? '—', `trên ${quiz.questions.length}`]);
  summary.addRow([]);
  summary.addRow(['Số điểm', 'Số người']).font = { bold: true };
  for (const d of results.distribution) summary.addRow([d.score, d.count]);
  summary.columns = [{ width: 28 }, { width: 14 }, { width: 12 }];

  const questions = wb.addWorksheet('Theo câu hỏi');
  questions.addRow(['Câu', 'Câu hỏi', 'Đáp án đúng', 'Số người trả lời đúng', 'Tỷ lệ đúng']).font = { bold: true };
  for (const q of results.perQuestion) questions.addRow([q.number, q.text, q.choices.find((c) => c.right)?.text ?? '', q.correct, q.correctShare]);
  questions.getColumn(5).numFmt = '0.0%';
  questions.columns = [{ width: 6 }, { width: 70 }, { width: 40 }, { width: 22 }, { width: 12 }];

  const rows = wb.addWorksheet('Bài dự thi');
  rows.addRow(['STT', 'Kênh', 'Thời điểm nộp', 'Điểm', ...quiz.questions.map((_, i) => `Câu ${i + 1}`)]).font = { bold: true };
  attempts.forEach((a, i) => {
    const answers = answersOf(a);
    rows.addRow([i + 1, CHANNEL[a.channel], formatInstant(a.finished_at), `${a.score}/${a.total}`, ...quiz.questions.map((q, qi) => (answers[qi] === null || answers[qi] === undefined ? '' : (q.choices[answers[qi]!] ?? '')))]);
  });
  rows.columns = [{ width: 6 }, { width: 16 }, { width: 20 }, { width: 8 }, ...quiz.questions.map(() => ({ width: 24 }))];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
