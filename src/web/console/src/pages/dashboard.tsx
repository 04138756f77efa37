import { Link } from 'react-router-dom';
import { ErrorBox, Loading, PageTitle, Stat } from '../components/ui';
import { formatDateTime } from '../lib/format';
import { useLoad } from '../lib/use-load';
import { api } from '../services/api';
import type { Me } from '../services/types';
import { hasRole, useMe } from '../session';

interface WorkItem {
  key: string;
  to: string;
  title: string;
  meta: string;
}

/** What waits for this person: new petitions (desk), news to approve (approver), returned drafts (editor). */
async function workFor(me: Me): Promise<Array<{ title: string; items: WorkItem[]; more: string }>> {
  const lists: Array<Promise<{ title: string; items: WorkItem[]; more: string }>> = [];
  if (hasRole(me, 'desk', 'leader')) {
    lists.push(
      api.petitions({ status: 'received', limit: 5 }).then((r) => ({
        title: 'Phản ánh mới cần nhận xử lý',
        more: '/phan-anh?status=received',
        items: r.items.map((p) => ({ key: p.id, to: `/phan-anh/${p.id}`, title: `${p.code} · ${p.category.name}`, meta: `hạn ${p.deadline.text}${p.overdue ? ' · quá hạn' : ''}` })),
      })),
    );
  }
  if (hasRole(me, 'approver')) {
    lists.push(
      api.announcements('submitted').then((r) => ({
        title: 'Tin chờ duyệt',
        more: '/tin?status=submitted',
        items: r.items.filter((a) => a.authorId !== me.id).slice(0, 5).map((a) => ({ key: a.id, to: `/tin/${a.id}`, title: a.title, meta: `gửi duyệt ${formatDateTime(a.updatedAt)}` })),
      })),
    );
  }
  if (hasRole(me, 'editor')) {
    lists.push(
      api.announcements('rejected').then((r) => ({
        title: 'Tin bị trả lại, cần sửa',
        more: '/tin?status=rejected',
        items: r.items.filter((a) => a.authorId === me.id).slice(0, 5).map((a) => ({ key: a.id, to: `/tin/${a.id}`, title: a.title, meta: a.rejectReason ?? '' })),
      })),
    );
  }
  return Promise.all(lists);
}

/** Today at a glance: questions, open and overdue petitions, news waiting to go out; then my work. */
export function DashboardPage() {
  const me = useMe();
  const { data, error, loading } = useLoad(() => api.dashboard(), []);
  const work = useLoad(() => workFor(me), [me.id]);
  const desk = hasRole(me, 'desk', 'leader');
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
      <ErrorBox error={work.error} />
      <div className="work-lists">
        {work.data?.map((list) => (
          <section key={list.title} className="panel">
            <h2>{list.title}</h2>
            {list.items.length === 0 ? (
              <p className="muted">Không có việc nào.</p>
            ) : (
              <ul className="work-list">
                {list.items.map((i) => (
                  <li key={i.key}>
                    <Link to={i.to}>{i.title}</Link>
                    {i.meta && <span className="muted small"> · {i.meta}</span>}
                  </li>
                ))}
              </ul>
            )}
            <Link to={list.more}>Xem tất cả</Link>
          </section>
        ))}
      </div>
    </>
  );
}
