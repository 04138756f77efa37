import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { ErrorBox, Field, Loading, PageTitle, Stat, useRevealFirstError } from '../../components/ui';
import { describeLocalInput, formatDateTime, localInputValue } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { ApiError, api } from '../../services/api';
import type { Announcement } from '../../services/types';
import { hasRole, useMe } from '../../session';
import { AnnouncementBadge } from './status';
import { AudiencePreview, ChannelFiguresTable } from './channels';
import { useAnnouncementPreview, ZaloMessagePreview } from './zalo-preview';

const EDITABLE = ['draft', 'rejected'];
const CANCELLABLE = ['draft', 'submitted', 'approved', 'rejected', 'scheduled'];

/**
 * One announcement and the next step of its workflow for the signed-in role:
 * draft → (editor) submit → (another approver) approve or return → schedule → sent, with figures.
 */
export function AnnouncementDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const { data: a, error, loading, set } = useLoad(() => api.announcement(id), [id]);
  const [actionError, setActionError] = useState<unknown>();
  const [fields, setFields] = useState<Record<string, string>>({});
  useRevealFirstError(fields);
  const [busy, setBusy] = useState(false);
  const [at, setAt] = useState(() => localInputValue(30));
  const [reason, setReason] = useState('');
  const location = useLocation();
  // A confirmation carried over from the editor ("Đã gửi duyệt…").
  const [done, setDone] = useState<string | undefined>(() => (location.state as { done?: string } | null)?.done);
  const sendPreview = useAnnouncementPreview({ id, at });
  const messagePreview = useAnnouncementPreview({ id, title: a?.title ?? '', summary: a?.summary ?? '' });

  const run = async (what: string | ((result: Announcement) => string), fn: () => Promise<Announcement>) => {
    setBusy(true);
    setActionError(undefined);
    setFields({});
    setDone(undefined);
    try {
      const next = await fn();
      // Actions answer without delivery figures: read them again.
      set(await api.announcement(next.id).catch(() => next));
      setDone(typeof what === 'string' ? what : what(next));
    } catch (err) {
      setActionError(err);
      if (err instanceof ApiError) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  };

  if (loading && !a) return <Loading />;
  if (!a) return <ErrorBox error={error} />;

  const author = a.authorId === me.id;
  const isAdmin = me.roles.includes('admin');
  const canEdit = hasRole(me, 'editor') && EDITABLE.includes(a.status) && (author || isAdmin);
  const canApprove = hasRole(me, 'approver') && a.status === 'submitted' && !author;
  const canSchedule = hasRole(me, 'editor', 'approver') && (a.status === 'approved' || a.status === 'scheduled');
  const canCancel = hasRole(me, 'editor', 'approver') && CANCELLABLE.includes(a.status);

  const schedule = (e: FormEvent) => {
    e.preventDefault();
    void run(
      (next) => (next.sendTime?.held ? `Đã hẹn giờ gửi. ${next.sendTime.note}` : `Đã hẹn giờ gửi: ${next.sendTime?.actualLocal ?? ''}.`),
      () => api.scheduleAnnouncement(a.id, at),
    );
  };
  const reject = (e: FormEvent) => {
    e.preventDefault();
    void run('Đã trả lại cho người soạn.', () => api.rejectAnnouncement(a.id, reason));
  };

  return (
    <>
      <PageTitle actions={<Link to="/tin">← Danh sách tin</Link>}>{a.title}</PageTitle>
      <p className="status-line">
        <AnnouncementBadge a={a} /> <span className="muted">Chủ đề: {a.topicName}</span>
        {a.sendTime && a.status === 'scheduled' && <span data-testid="scheduled-at"> · Gửi lúc {a.sendTime.actualLocal}</span>}
        {a.sendTime?.held && a.status === 'scheduled' && <span className="muted"> (hẹn {a.sendTime.requestedLocal}; {a.sendTime.note})</span>}
        {a.publishedAt && <span> · Đăng lúc {formatDateTime(a.publishedAt)}</span>}
      </p>
      {done && (
        <div className="info-box" role="status">
          {done}
        </div>
      )}
      <ErrorBox error={actionError} shownFields={['at', 'reason']} />
      {a.status === 'rejected' && a.rejectReason && <div className="warn-box">Lý do trả lại: {a.rejectReason}</div>}

      <div className="columns">
        <section className="panel">
          <h2>Tin nhắn gửi qua Zalo</h2>
          <ZaloMessagePreview preview={messagePreview} />
          <h2>Nội dung</h2>
          <p className="pre">{a.body}</p>
          {a.linkUrl && (
            <p>
              Đường link: <a href={a.linkUrl}>{a.linkUrl}</a>
            </p>
          )}
        </section>

        <aside className="panel">
          <h2>Thao tác</h2>
          {canEdit && (
            <div className="button-row">
              <button type="button" className="btn" onClick={() => navigate(`/tin/${a.id}/sua`)} disabled={busy}>
                Sửa
              </button>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => void run('Đã gửi duyệt. Tin đang chờ một cán bộ có vai trò “Duyệt tin” (không phải người soạn) duyệt.', () => api.announcementAction(a.id, 'submit'))}
                disabled={busy}
              >
                Gửi duyệt
              </button>
            </div>
          )}
          {a.status === 'submitted' && author && !isAdmin && <p className="muted">Tin đang chờ một cán bộ khác duyệt.</p>}
          {['approved', 'scheduled', 'sending', 'sent'].includes(a.status) && (
            <p>
              <Link to={`/phat-thanh/tin/${encodeURIComponent(a.id)}`}>Bản tin phát thanh</Link>
            </p>
          )}
          {canApprove && (
            <>
              <div className="button-row">
                <button type="button" className="btn btn-primary" onClick={() => void run('Đã duyệt tin.', () => api.announcementAction(a.id, 'approve'))} disabled={busy}>
                  Duyệt
                </button>
              </div>
              <form className="form compact" onSubmit={reject}>
                <Field label="Lý do trả lại" error={fields.reason}>
                  <textarea name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
                </Field>
                <button type="submit" className="btn btn-danger" disabled={busy}>
                  Trả lại người soạn
                </button>
              </form>
            </>
          )}
          {canSchedule && (
            <form className="form compact" onSubmit={schedule}>
              <Field label="Thời điểm gửi (giờ Việt Nam)" error={fields.at} hint={`Tin chỉ gửi trong khung giờ gửi tin của xã${sendPreview ? ` (${sendPreview.sendHours.from}h–${sendPreview.sendHours.until}h)` : ''}; hẹn ngoài giờ sẽ gửi vào đầu khung giờ kế tiếp.`}>
                <input name="at" type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} required />
              </Field>
              {sendPreview?.sendTime?.held ? (
                <p className="warn-box" data-testid="send-time">
                  {sendPreview.sendTime.note}
                </p>
              ) : (
                describeLocalInput(at) && (
                  <p className="muted" data-testid="send-time">
                    Sẽ gửi lúc {describeLocalInput(at)} (giờ Việt Nam).
                  </p>
                )
              )}
              <button type="submit" className="btn btn-primary" disabled={busy}>
                {a.status === 'scheduled' ? 'Đổi giờ gửi' : 'Hẹn giờ gửi'}
              </button>
            </form>
          )}
          {canCancel && (
            <div className="button-row">
              <button
                type="button"
                className="btn btn-ghost"
                disabled={busy}
                onClick={() => {
                  if (window.confirm('Hủy tin này? Tin đã hủy sẽ không được gửi.')) void run('Đã hủy tin.', () => api.announcementAction(a.id, 'cancel'));
                }}
              >
                Hủy tin
              </button>
            </div>
          )}
          {!canEdit && !canApprove && !canSchedule && !canCancel && <p className="muted">Không có thao tác nào cho tin ở trạng thái này.</p>}
        </aside>
      </div>

      {hasRole(me, 'editor', 'approver') && ['submitted', 'approved', 'scheduled'].includes(a.status) && <AudiencePreview id={a.id} />}

      {a.delivery && (a.status === 'sending' || a.status === 'sent' || a.delivery.subscribers > 0) && (
        <section className="panel">
          <h2>Kết quả gửi</h2>
          <div className="stats small">
            <Stat label="Người nhận" value={a.delivery.subscribers} />
            <Stat label="Đã gửi" value={a.delivery.sent} />
            <Stat label="Đang chờ gửi" value={a.delivery.pending} />
            <Stat label="Chờ gửi gộp" value={a.delivery.waitingDigest} />
            <Stat label="Đã gửi gộp" value={a.delivery.deliveredByDigest} />
            <Stat label="Lỗi" value={a.delivery.failed} tone={a.delivery.failed > 0 ? 'bad' : undefined} />
          </div>
          <ChannelFiguresTable delivery={a.delivery} />
        </section>
      )}
    </>
  );
}
