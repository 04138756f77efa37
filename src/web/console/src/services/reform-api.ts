import type { QuizInput, StaffQuiz, SurveySummary } from '../../../shared/reform-types';
import { request } from './api';

/** Staff calls for quizzes and the satisfaction survey. */
export const reformApi = {
  quizzes: () => request<{ items: StaffQuiz[] }>('GET', '/api/admin/quizzes'),
  quiz: (id: string) => request<StaffQuiz>('GET', `/api/admin/quizzes/${encodeURIComponent(id)}`),
  createQuiz: (input: QuizInput) => request<StaffQuiz>('POST', '/api/admin/quizzes', input),
  editQuiz: (id: string, input: QuizInput) => request<StaffQuiz>('PUT', `/api/admin/quizzes/${encodeURIComponent(id)}`, input),
  quizAction: (id: string, action: 'open' | 'close') => request<StaffQuiz>('POST', `/api/admin/quizzes/${encodeURIComponent(id)}/${action}`, {}),
  quizResultsUrl: (id: string) => `/api/admin/quizzes/${encodeURIComponent(id)}/results.xlsx`,
  surveySummary: () => request<SurveySummary>('GET', '/api/admin/survey/summary'),
  surveyQrUrl: '/api/admin/survey/qr.pdf',
};

export const QUIZ_STATUS_LABELS = { draft: 'Bản nháp', open: 'Đang mở', closed: 'Đã kết thúc' } as const;
