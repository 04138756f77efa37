import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorBox, Loading, PageTitle } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { api } from '../../services/api';
import { hasRole, useMe } from '../../session';
import { AnnouncementBadge, STATUS_OPTIONS } from './status';
import { DeliverySettingsPanel } from './channels';
import { SendHoursPanel } from './send-hours';

/** Announcements with their status and delivery figures; filter by status. */
export function AnnouncementsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const { data, error, loading } = useLoad(() => api.announcements(status || undefined), [status]);

  return (
    <>
      <PageTitle
        actions={
          hasRole(me, 'editor') && (
            <button type="button" className="btn btn-primary" onClick={() => navigate('/tin/moi')}>
              Soạn tin mới
            </button>
          )
        }
      >
        Tin thông báo
      </PageTitle>
      <div className="filters">
        <label className="inline-field">
          <span>Trạng thái</span>
          <select value={status} onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {})}>
            {STATUS_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBox error={error} />
      {loading && <Loading />}
      {data && data.items.length === 0 && <p className="muted">Không có tin nào.</p>}
      {data && data.items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Tiêu đề</th>
              <th>Chủ đề</th>
              <th>Trạng thái</th>
              <th>Gửi lúc</th>
              <th className="num">Đã gửi / người nhận</th>
              <th>Cập nhật</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`/tin/${a.id}`}>{a.title}</Link>
                </td>
                <td>{a.topicName}</td>
                <td>
                  <AnnouncementBadge a={a} />
                </td>
                <td>{a.publishedAt ? formatDateTime(a.publishedAt) : (a.scheduledAtLocal ?? '')}</td>
                <td className="num">{a.delivery && a.delivery.subscribers > 0 ? `${a.delivery.sent + a.delivery.deliveredByDigest} / ${a.delivery.subscribers}` : '—'}</td>
                <td>{formatDateTime(a.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {me.roles.includes('admin') && <SendHoursPanel />}
      {me.roles.includes('admin') && <DeliverySettingsPanel />}
    </>
  );
}
