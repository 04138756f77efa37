import { Route, Routes } from 'react-router-dom';
import { Layout } from './components/layout';
import { Loading } from './components/ui';
import { AnnouncementDetailPage } from './pages/announcements/detail';
import { AnnouncementEditorPage } from './pages/announcements/editor';
import { AnnouncementsPage } from './pages/announcements/list';
import { DashboardPage } from './pages/dashboard';
import { LoginPage } from './pages/login';
import { PetitionDetailPage } from './pages/petitions/detail';
import { PetitionsPage } from './pages/petitions/inbox';
import { PrintPage } from './pages/print';
import { QuestionsPage } from './pages/questions';
import { RadioBulletinPage } from './pages/radio/bulletin';
import { RadioPage } from './pages/radio/radio';
import { ReportPage } from './pages/report/report';
import { UsersPage } from './pages/users';
import { QuizzesPage } from './pages/quizzes/list';
import { QuizEditorPage } from './pages/quizzes/editor';
import { QuizDetailPage } from './pages/quizzes/detail';
import { SurveyPage } from './pages/survey';
import { ZaloPage } from './pages/zalo';
import { useSession } from './session';

/** Every page of the console; signed-out visitors see the login form at any address. */
export function AppRoutes() {
  const { state } = useSession();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'anonymous') return <LoginPage expired={state.expired} />;
  return (
    <Layout>
      <Routes>
        <Route path="/" element={<DashboardPage />} />
        <Route path="/tin" element={<AnnouncementsPage />} />
        <Route path="/tin/moi" element={<AnnouncementEditorPage />} />
        <Route path="/tin/:id" element={<AnnouncementDetailPage />} />
        <Route path="/tin/:id/sua" element={<AnnouncementEditorPage />} />
        <Route path="/phan-anh" element={<PetitionsPage />} />
        <Route path="/phan-anh/:id" element={<PetitionDetailPage />} />
        <Route path="/cau-hoi" element={<QuestionsPage />} />
        <Route path="/bao-cao" element={<ReportPage />} />
        <Route path="/in-an" element={<PrintPage />} />
        <Route path="/phat-thanh" element={<RadioPage />} />
        <Route path="/phat-thanh/tin/:id" element={<RadioBulletinPage />} />
        <Route path="/tai-khoan" element={<UsersPage />} />
        <Route path="/thi" element={<QuizzesPage />} />
        <Route path="/thi/moi" element={<QuizEditorPage />} />
        <Route path="/thi/:id" element={<QuizDetailPage />} />
        <Route path="/thi/:id/sua" element={<QuizEditorPage />} />
        <Route path="/danh-gia" element={<SurveyPage />} />
        <Route path="/zalo" element={<ZaloPage />} />
        <Route path="*" element={<DashboardPage />} />
      </Routes>
    </Layout>
  );
}
