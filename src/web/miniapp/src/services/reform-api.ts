import type { PublicQuiz, PublishedAnswer, QuizResult, QuizSummary, SurveyCriteria } from '../../../shared/reform-types';
import { inCommune, qs, request } from './api';

/** The Mini App's calls for quizzes, the satisfaction survey and published answers. */
export const reformApi = {
  quizzes: (signal?: AbortSignal) => request<{ items: QuizSummary[] }>(inCommune('/quizzes'), { signal }),
  quiz: (id: string, signal?: AbortSignal) => request<PublicQuiz>(inCommune(`/quizzes/${encodeURIComponent(id)}`), { signal, identify: true }),
  answerQuiz: (id: string, answers: Array<number | null>) =>
    request<QuizResult>(inCommune(`/quizzes/${encodeURIComponent(id)}/attempts`), { method: 'POST', body: { answers }, identify: true }),
  surveyCriteria: (signal?: AbortSignal) => request<SurveyCriteria>(inCommune('/survey/criteria'), { signal }),
  answerSurvey: (body: Record<string, number | string>) => request<{ message: string }>(inCommune('/survey/responses'), { method: 'POST', body }),
  publishedAnswers: (q: string, offset: number, signal?: AbortSignal) =>
    request<{ items: PublishedAnswer[]; total: number }>(inCommune(`/petitions/public${qs({ q, limit: 20, offset })}`), { signal }),
};
