import { ErrorBox, Loading, PageTitle, Stat } from '../components/ui';
import { useLoad } from '../lib/use-load';
import { api } from '../services/api';
import { hasRole, useMe } from '../session';

/** Today at a glance: questions, open and overdue petitions, news waiting to go out. */
export function DashboardPage() {
  const me = useMe();
  const { data, error, loading } = useLoad(() => api.dashboard(), []);
  const desk = hasRole(me, 'desk');
  const news = hasRole(me, 'editor', 'approver');
  return (
    <>
      <PageTitle>Tổng quan</PageTitle>
      <p className="muted">Xin chào {me.displayName}.</p>
      <ErrorBox error={error} />
      {loading && <Loading />}
      {data && (
        <div className="stats" data-testid="dashboard">
          <Stat label="Câu hỏi hôm nay" value={data.questionsToday} href={hasRole(me, 'editor', 'approver', 'desk') ? '#/cau-hoi' : undefined} />
          <Stat label="Phản ánh đang mở" value={data.openPetitions} href={desk ? '#/phan-anh' : undefined} />
          <Stat label="Phản ánh quá hạn" value={data.overduePetitions} tone={data.overduePetitions > 0 ? 'bad' : undefined} href={desk ? '#/phan-anh?overdue=true' : undefined} />
          <Stat label="Tin đã hẹn giờ gửi" value={data.scheduledNews} href={news ? '#/tin?status=scheduled' : undefined} />
        </div>
      )}
    </>
  );
}
