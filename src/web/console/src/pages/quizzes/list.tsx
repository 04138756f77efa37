import { Link } from 'react-router-dom';
import { Badge, ErrorBox, Loading, PageTitle } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { QUIZ_STATUS_LABELS, reformApi } from '../../services/reform-api';

/** Quizzes on administrative reform: drafts, open and closed, with how many residents took part. */
export function QuizzesPage() {
  const { data, error, loading } = useLoad(() => reformApi.quizzes(), []);
  return (
    <>
      <PageTitle
        actions={
          <Link className="btn btn-primary" to="/thi/moi">
            Cuộc thi mới
          </Link>
        }
      >
        Thi tìm hiểu cải cách hành chính
      </PageTitle>
      <p className="muted">
        Người dân dự thi qua tin nhắn Zalo (nhắn “thi tìm hiểu”) hoặc trong Mini App, mỗi người một lần; kết quả và giải thích hiện ngay sau câu cuối.
      </p>
      {loading && !data && <Loading />}
      <ErrorBox error={error} />
      {data && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Cuộc thi</th>
              <th scope="col">Trạng thái</th>
              <th scope="col" className="num">
                Số câu
              </th>
              <th scope="col" className="num">
                Người dự thi
              </th>
              <th scope="col">Mở lúc</th>
            </tr>
          </thead>
          <tbody>
            {data.items.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  Chưa có cuộc thi nào.
                </td>
              </tr>
            )}
            {data.items.map((q) => (
              <tr key={q.id}>
                <td>
                  <Link to={`/thi/${q.id}`}>{q.title}</Link>
                </td>
                <td>
                  <Badge tone={q.status === 'open' ? 'ok' : q.status === 'draft' ? 'info' : 'neutral'}>{QUIZ_STATUS_LABELS[q.status]}</Badge>
                </td>
                <td className="num">{q.questions.length}</td>
                <td className="num">{q.participants ?? 0}</td>
                <td>{q.openedAt ? formatDateTime(q.openedAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
