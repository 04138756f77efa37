import type { Quiz } from './repo.js';

/** A quiz as residents see it before answering: no right answers, no explanations. */
export function publicQuizView(q: Quiz) {
  return {
    id: q.id,
    title: q.title,
    intro: q.intro,
    status: q.status,
    openedAt: q.opened_at,
    closedAt: q.closed_at,
    questions: q.questions.map((x, i) => ({ number: i + 1, text: x.text, choices: x.choices })),
  };
}

/** The whole quiz, as staff write it. */
export function staffQuizView(q: Quiz) {
  return {
    id: q.id,
    title: q.title,
    intro: q.intro,
    status: q.status,
    authorId: q.author_id,
    openedAt: q.opened_at,
    closedAt: q.closed_at,
    createdAt: q.created_at,
    updatedAt: q.updated_at,
    questions: q.questions,
  };
}
