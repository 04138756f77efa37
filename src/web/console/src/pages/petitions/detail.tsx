import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Badge, ErrorBox, Field, Loading, PageTitle, useRevealFirstError } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { ApiError, api } from '../../services/api';
import type { PetitionDetail } from '../../services/types';
import { useMe } from '../../session';
import { CHANNEL_LABELS, DELIVERY_LABELS, FINAL, STATUS_TONE } from './labels';

/**
 * One petition in full (opening it is an audited read): the resident's text and contact, replies
 * with their delivery state, internal notes, history; assign, reply, note, close, mark out of
 * scope, publish an anonymised answer.
 */
export function PetitionDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { data: p, error, loading, set } = useLoad(() => api.petition(id), [id]);
  const [actionError, setActionError] = useState<unknown>();
  const [fields, setFields] = useState<Record<string, string>>({});
  useRevealFirstError(fields);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const [reply, setReply] = useState('');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [pubSummary, setPubSummary] = useState('');
  const [pubAnswer, setPubAnswer] = useState('');

  useEffect(() => {
    setPubSummary(p?.publicSummary ?? '');
    setPubAnswer(p?.publicAnswer ?? '');
  }, [p?.id, p?.publicSummary, p?.publicAnswer]);

  const run = async (what: string, fn: () => Promise<PetitionDetail>, after?: () => void) => {
    setBusy(true);
    setActionError(undefined);
    setFields({});
    setDone(undefined);
    try {
      set(await fn());
      setDone(what);
      after?.();
    } catch (err) {
      setActionError(err);
      if (err instanceof ApiError) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  };

  if (loading && !p) return <Loading />;
  if (!p) return <ErrorBox error={error} />;
  const open = !FINAL.includes(p.status);
  const answered = p.status === 'answered' || p.status === 'closed';

  const sendReply = (e: FormEvent) => {
    e.preventDefault();
    void run('Đã gửi trả lời cho người dân.', () => api.replyPetition(p.id, reply), () => setReply(''));
  };
  const addNote = (e: FormEvent) => {
    e.preventDefault();
    void run('Đã lưu ghi chú nội bộ.', () => api.notePetition(p.id, note), () => setNote(''));
  };
  const outOfScope = (e: FormEvent) => {
    e.preventDefault();
    void run('Đã báo người dân: không thuộc phạm vi của xã.', () => api.outOfScopePetition(p.id, reason), () => setReason(''));
  };
  const publish = (e: FormEvent) => {
    e.preventDefault();
    void run('Đã công khai câu trả lời.', () => api.publishPetition(p.id, pubSummary, pubAnswer));
  };

  return (
    <>
      <PageTitle actions={<Link to="/phan-anh">← Hộp phản ánh</Link>}>Phản ánh {p.code}</PageTitle>
      <p className="status-line">
        <Badge tone={STATUS_TONE[p.status]}>{p.statusText}</Badge> {p.overdue && <Badge tone="bad">Quá hạn</Badge>}{' '}
        <span className="muted">
          {p.category.name} · gửi {formatDateTime(p.submittedAt)} qua {CHANNEL_LABELS[p.channel] ?? p.channel} · hạn trả lời {p.deadline.text}
        </span>
      </p>
      {done && (
        <div className="info-box" role="status">
          {done}
        </div>
      )}
      <ErrorBox error={actionError} shownFields={['text', 'reason', 'summary', 'answer']} />

      <div className="columns">
        <section className="panel">
          <h2>Nội dung</h2>
          <p className="pre" data-testid="petition-content">
            {p.content}
          </p>
          {p.images.length > 0 && (
            <ul>
              {p.images.map((src, i) => (
                <li key={i}>
                  <a href={src}>Ảnh {i + 1}</a>
                </li>
              ))}
            </ul>
          )}
          <h2>Người gửi</h2>
          {p.contact ? (
            <dl className="facts">
              {p.contact.name && (
                <>
                  <dt>Họ tên</dt>
                  <dd>{p.contact.name}</dd>
                </>
              )}
              {p.contact.phone && (
                <>
                  <dt>Điện thoại</dt>
                  <dd>{p.contact.phone}</dd>
                </>
              )}
              {p.contact.address && (
                <>
                  <dt>Địa chỉ</dt>
                  <dd>{p.contact.address}</dd>
                </>
              )}
            </dl>
          ) : (
            <p className="muted">Không để lại thông tin liên hệ.</p>
          )}
          <p className="muted">
            {p.zaloLinked ? 'Trả lời sẽ được gửi qua Zalo.' : p.appLinked ? 'Người dân xem trả lời trong Mini App.' : 'Người dân xem trả lời khi tra cứu mã.'}
            {p.legalSource && ` Căn cứ thời hạn: ${p.legalSource}.`}
          </p>

          <h2>Trả lời đã gửi</h2>
          {p.replies.length === 0 && <p className="muted">Chưa có trả lời.</p>}
          <ol className="timeline" data-testid="replies">
            {p.replies.map((r) => (
              <li key={r.id}>
                <p className="pre">{r.text}</p>
                <p className="muted small">
                  {r.kind === 'out_of_scope' ? 'Không thuộc phạm vi · ' : ''}
                  {r.author?.displayName ?? ''} · {formatDateTime(r.at)} · {DELIVERY_LABELS[r.delivery] ?? r.delivery}
                </p>
              </li>
            ))}
          </ol>

          <h2>Ghi chú nội bộ</h2>
          {p.notes.length === 0 && <p className="muted">Chưa có ghi chú.</p>}
          <ol className="timeline">
            {p.notes.map((n) => (
              <li key={n.id}>
                <p className="pre">{n.text}</p>
                <p className="muted small">
                  {n.author?.displayName ?? ''} · {formatDateTime(n.at)}
                </p>
              </li>
            ))}
          </ol>
          <details>
            <summary>Lịch sử xử lý</summary>
            <ul>
              {p.history.map((h, i) => (
                <li key={i}>
                  {formatDateTime(h.at)} · {h.text}
                </li>
              ))}
            </ul>
          </details>
        </section>

        <aside className="panel">
          <h2>Xử lý</h2>
          {!open && (
            <p className="info-box" data-testid="why-not">
              Phản ánh đã ở trạng thái “{p.statusText}”: không còn phân công, trả lời hay đóng được nữa. Bạn vẫn thêm được ghi chú nội bộ.
            </p>
          )}
          {open && p.assignee && p.assignee.id !== me.id && (
            <p className="info-box" data-testid="why-not">
              {p.assignee.displayName} đang phụ trách phản ánh này, nên việc trả lời và đóng phản ánh là của {p.assignee.displayName}. Nếu cần làm thay, bấm “Nhận xử lý”
              (lịch sử ghi lại việc chuyển), hoặc để lại ghi chú nội bộ.
            </p>
          )}
          {open && (
            <div className="button-row">
              <span className="muted">Phụ trách: {p.assignee?.displayName ?? 'chưa phân công'}</span>
              {p.assignee?.id !== me.id && (
                <button type="button" className="btn" disabled={busy} onClick={() => void run('Đã nhận xử lý.', () => api.assignPetition(p.id, me.id))}>
                  {p.assignee ? 'Nhận xử lý thay' : 'Nhận xử lý'}
                </button>
              )}
              {p.assignee && (
                <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void run('Đã bỏ phân công.', () => api.assignPetition(p.id, null))}>
                  Bỏ phân công
                </button>
              )}
            </div>
          )}
          {open && (
            <form className="form compact" onSubmit={sendReply}>
              <Field label="Trả lời người dân" error={fields.text} hint={`${reply.length}/1500 ký tự. Gửi cho người dân và chuyển trạng thái sang “Đã trả lời”.`}>
                <textarea name="reply" rows={5} value={reply} onChange={(e) => setReply(e.target.value)} />
              </Field>
              <button type="submit" className="btn btn-primary" disabled={busy || !reply.trim()}>
                Gửi trả lời
              </button>
            </form>
          )}
          <form className="form compact" onSubmit={addNote}>
            <Field label="Ghi chú nội bộ (người dân không thấy)">
              <textarea name="note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
            </Field>
            <button type="submit" className="btn" disabled={busy || !note.trim()}>
              Lưu ghi chú
            </button>
          </form>
          {open && (
            <>
              <div className="button-row">
                <button
                  type="button"
                  className="btn"
                  disabled={busy}
                  onClick={() => {
                    if (window.confirm(`Đóng phản ánh ${p.code}? Người dân sẽ được mời đánh giá.`)) void run('Đã đóng phản ánh.', () => api.closePetition(p.id));
                  }}
                >
                  Đóng phản ánh
                </button>
              </div>
              <form className="form compact" onSubmit={outOfScope}>
                <Field label="Không thuộc phạm vi của xã: lý do (gửi cho người dân)" error={fields.reason}>
                  <textarea name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
                </Field>
                <button type="submit" className="btn btn-danger" disabled={busy || !reason.trim()}>
                  Báo không thuộc phạm vi
                </button>
              </form>
            </>
          )}
          {!answered && open && (
            <p className="muted" data-testid="why-not-publish">
              Công khai câu trả lời (không kèm thông tin cá nhân) làm được sau khi đã gửi trả lời cho người dân.
            </p>
          )}
          {answered && (
            <form className="form compact" onSubmit={publish}>
              <h3>Công khai câu trả lời</h3>
              {p.publishedAt && <p className="muted">Đã công khai lúc {formatDateTime(p.publishedAt)}.</p>}
              <Field label="Tóm tắt công khai (không ghi họ tên, số điện thoại)" error={fields.summary}>
                <textarea name="publicSummary" rows={2} value={pubSummary} onChange={(e) => setPubSummary(e.target.value)} />
              </Field>
              <Field label="Câu trả lời công khai" error={fields.answer}>
                <textarea name="publicAnswer" rows={3} value={pubAnswer} onChange={(e) => setPubAnswer(e.target.value)} />
              </Field>
              <div className="button-row">
                <button type="submit" className="btn btn-primary" disabled={busy}>
                  {p.publishedAt ? 'Cập nhật bản công khai' : 'Công khai'}
                </button>
                {p.publishedAt && (
                  <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void run('Đã gỡ khỏi danh sách công khai.', () => api.unpublishPetition(p.id))}>
                    Gỡ công khai
                  </button>
                )}
              </div>
            </form>
          )}
        </aside>
      </div>
    </>
  );
}
