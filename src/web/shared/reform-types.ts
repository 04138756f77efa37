/**
 * API shapes of the reform-communication features (src/quiz, src/survey, published answers),
 * shared by the Mini App and the console.
 */

export interface QuizSummary {
  id: string;
  title: string;
  intro: string;
  questions: number;
  openedAt: string | null;
}

export interface PublicQuiz {
  id: string;
  title: string;
  intro: string;
  status: QuizStatus;
  openedAt: string | null;
  closedAt: string | null;
  questions: Array<{ number: number; text: string; choices: string[] }>;
  attempt: QuizResult | null;
}

export type QuizStatus = 'draft' | 'open' | 'closed';

export interface QuizResult {
  score: number;
  total: number;
  items: Array<{
    number: number;
    question: string;
    chosen: string | null;
    correctAnswer: string;
    right: boolean;
    explanation: string;
    link: { title: string; url: string } | null;
  }>;
}

export interface QuizQuestionInput {
  text: string;
  choices: string[];
  answer: number;
  explanation: string;
  procedureId?: string;
  announcementId?: string;
}

export interface QuizInput {
  title: string;
  intro: string;
  questions: QuizQuestionInput[];
}

export interface StaffQuiz extends QuizInput {
  id: string;
  status: QuizStatus;
  authorId: string;
  openedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  participants?: number;
  results?: QuizResults;
}

export interface QuizResults {
  participants: number;
  byChannel: { zalo: number; miniapp: number };
  averageScore: number | null;
  distribution: Array<{ score: number; count: number }>;
  perQuestion: Array<{ number: number; text: string; correct: number; correctShare: number; choices: Array<{ text: string; count: number; right: boolean }> }>;
}

export type CriterionId = 'access' | 'procedure' | 'staff' | 'result' | 'feedback';

export interface SurveyCriteria {
  criteria: Array<{ id: CriterionId; name: string; question: string }>;
  scale: Array<{ value: number; label: string }>;
}

export interface CriterionFigure {
  id: CriterionId;
  name: string;
  average: number | null;
  satisfiedShare: number | null;
}

export interface SurveySummary {
  range: { from: string; to: string };
  responses: number;
  bySource: { chat: number; web: number; miniapp: number };
  criteria: CriterionFigure[];
  index: number | null;
  byMonth: Array<{ month: string; responses: number; index: number | null; criteria: CriterionFigure[] }>;
  pageUrl: string;
}

export interface PublishedAnswer {
  code: string;
  category: { id: string; name: string };
  summary: string;
  answer: string;
  submittedAt: string;
  answeredAt: string | null;
  publishedAt: string;
}

/** The survey's part of the periodic report (src/survey/figures.ts). */
export type SurveyFigures = Omit<SurveySummary, 'range' | 'pageUrl'>;

/** The quizzes' part of the periodic report (src/quiz/results.ts `quizReportFigures`). */
export interface QuizReportFigures {
  held: number;
  attempts: number;
  byChat: number;
  byMiniApp: number;
  averageShare: number | null;
  quizzes: Array<{ id: string; title: string; attempts: number }>;
}
