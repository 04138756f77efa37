import type { QuizQuestion } from './quiz-schema.js';

export interface QuizLinks {
  procedure: (id: string) => string;
  article: (id: string) => string;
}

export interface ScoredItem {
  number: number;
  question: string;
  chosen: string | null;
  correctAnswer: string;
  right: boolean;
  explanation: string;
  link: { title: string; url: string } | null;
}

export interface QuizResult {
  score: number;
  total: number;
  items: ScoredItem[];
}

/** The link of an explanation: the procedure's public page, or the article. */
export function explanationLink(q: QuizQuestion, links: QuizLinks, procedureName: (id: string) => string | undefined): ScoredItem['link'] {
  if (q.procedureId) return { title: procedureName(q.procedureId) ?? 'Xem thủ tục', url: links.procedure(q.procedureId) };
  if (q.announcementId) return { title: 'Xem bài viết', url: links.article(q.announcementId) };
  return null;
}

/** One scoring rule for the chat and the Mini App: a point per right choice, explanations for all. */
export function scoreAttempt(
  questions: QuizQuestion[],
  answers: Array<number | null>,
  links: QuizLinks,
  procedureName: (id: string) => string | undefined,
): QuizResult {
  const items = questions.map((q, i): ScoredItem => {
    const chosen = answers[i] ?? null;
    return {
      number: i + 1,
      question: q.text,
      chosen: chosen === null ? null : (q.choices[chosen] ?? null),
      correctAnswer: q.choices[q.answer]!,
      right: chosen === q.answer,
      explanation: q.explanation,
      link: explanationLink(q, links, procedureName),
    };
  });
  return { score: items.filter((i) => i.right).length, total: questions.length, items };
}
