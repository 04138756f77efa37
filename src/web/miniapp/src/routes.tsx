import { AnimationRoutes, Route } from 'zmp-ui';
import HomePage from './pages/home';
import FieldPage from './pages/field';
import ProcedurePage from './pages/procedure';
import NewsPage from './pages/news';
import ArticlePage from './pages/news/article';
import FeedbackPage from './pages/feedback';
import TrackPage from './pages/track';
import ContactPage from './pages/contact';
import CommunePickerPage from './pages/commune';
import NotFoundPage from './pages/not-found';
import QuizPage from './pages/quiz';
import SurveyPage from './pages/survey';
import AnswersPage from './pages/answers';

/** Every screen of the Mini App, in one place. Paths are Vietnamese without diacritics. */
export function AppRoutes() {
  return (
    <AnimationRoutes>
      <Route path="/" element={<HomePage />} />
      <Route path="/linh-vuc/:field" element={<FieldPage />} />
      <Route path="/thu-tuc/:id" element={<ProcedurePage />} />
      <Route path="/tin-tuc" element={<NewsPage />} />
      <Route path="/tin-tuc/:id" element={<ArticlePage />} />
      <Route path="/gop-y" element={<FeedbackPage />} />
      <Route path="/tra-cuu" element={<TrackPage />} />
      <Route path="/lien-he" element={<ContactPage />} />
      <Route path="/chon-xa" element={<CommunePickerPage />} />
      <Route path="/thi" element={<QuizPage />} />
      <Route path="/danh-gia" element={<SurveyPage />} />
      <Route path="/phan-anh-da-tra-loi" element={<AnswersPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </AnimationRoutes>
  );
}
