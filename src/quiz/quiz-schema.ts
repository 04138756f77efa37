import { z } from 'zod';

/**
 * What staff write: a quiz of 1–20 questions, each with 2–4 choices (Zalo shows at most 5 buttons
 * under a message: the choices fit), the right one, and a short explanation that may point to a
 * procedure of the catalog or a published article.
 */
export const MAX_QUESTIONS = 20;
export const MAX_CHOICES = 4;

const text = (label: string, max: number) =>
  z
    .string({ error: `Vui lòng nhập ${label}.` })
    .trim()
    .min(1, `Vui lòng nhập ${label}.`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} tối đa ${max} ký tự.`);
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v === null ? undefined : v);

export const questionSchema = z
  .object({
    text: text('câu hỏi', 300),
    choices: z
      .array(text('phương án', 100), { error: 'Vui lòng nhập các phương án trả lời.' })
      .min(2, 'Mỗi câu cần ít nhất 2 phương án.')
      .max(MAX_CHOICES, `Mỗi câu tối đa ${MAX_CHOICES} phương án.`),
    answer: z.number({ error: 'Vui lòng chọn đáp án đúng.' }).int().min(0),
    explanation: text('giải thích', 600),
    procedureId: z.preprocess(blank, z.string().max(120).optional()),
    announcementId: z.preprocess(blank, z.string().max(64).optional()),
  })
  .refine((q) => q.answer < q.choices.length, { message: 'Đáp án đúng phải là một trong các phương án.', path: ['answer'] });

export const quizInputSchema = z.object({
  title: text('tên cuộc thi', 200),
  intro: z.preprocess((v) => v ?? '', z.string().trim().max(1000, 'Lời giới thiệu tối đa 1000 ký tự.')),
  questions: z
    .array(questionSchema, { error: 'Vui lòng thêm câu hỏi.' })
    .min(1, 'Cuộc thi cần ít nhất một câu hỏi.')
    .max(MAX_QUESTIONS, `Tối đa ${MAX_QUESTIONS} câu hỏi.`),
});

export type QuizQuestion = z.infer<typeof questionSchema>;
export type QuizInput = z.infer<typeof quizInputSchema>;

/** Stored questions, read back through the same schema (a bad row fails loudly, not silently). */
export function parseQuestions(json: string): QuizQuestion[] {
  return z.array(questionSchema).parse(JSON.parse(json));
}
