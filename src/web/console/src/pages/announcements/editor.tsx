import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ErrorBox, Field, Loading, PageTitle, useRevealFirstError } from '../../components/ui';
import { useLoad } from '../../lib/use-load';
import { ApiError, api } from '../../services/api';
import type { AnnouncementInput } from '../../services/types';
import { useAnnouncementPreview, ZaloMessagePreview } from './zalo-preview';

const EMPTY: AnnouncementInput = { title: '', summary: '', body: '', topic: '', linkUrl: '', imageUrl: '' };
const SUMMARY_MAX = 1000;

/** Write a new announcement or edit a draft; save as draft, or save and send for approval. */
export function AnnouncementEditorPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const topics = useLoad(() => api.newsTopics(), []);
  const existing = useLoad(() => (id ? api.announcement(id) : Promise.resolve(undefined)), [id]);
  const [form, setForm] = useState<AnnouncementInput>(EMPTY);
  const [error, setError] = useState<unknown>();
  const [fields, setFields] = useState<Record<string, string>>({});
  useRevealFirstError(fields);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const a = existing.data;
    if (a) setForm({ title: a.title, summary: a.summary, body: a.body, topic: a.topic, linkUrl: a.linkUrl ?? '', imageUrl: a.imageUrl ?? '' });
  }, [existing.data]);
  // The topic decides who receives the news: the editor chooses it, nothing is preselected.
  const preview = useAnnouncementPreview({ id, title: form.title, summary: form.summary });

  const set = (k: keyof AnnouncementInput) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [k]: e.target.value }));
    // A field's message goes away once it is changed.
    setFields(({ [k]: _gone, ...rest }) => rest);
    setError(undefined);
  };

  const save = async (andSubmit: boolean) => {
    setBusy(true);
    setError(undefined);
    setFields({});
    try {
      const saved = id ? await api.editAnnouncement(id, form) : await api.createAnnouncement(form);
      if (andSubmit) await api.announcementAction(saved.id, 'submit');
      navigate(`/tin/${saved.id}`, {
        replace: true,
        state: { done: andSubmit ? 'Đã gửi duyệt. Tin đang chờ một cán bộ có vai trò “Duyệt tin” (không phải người soạn) duyệt; trạng thái hiện ở đầu trang.' : 'Đã lưu nháp.' },
      });
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(false);
  };

  if (id && existing.loading) return <Loading />;
  return (
    <>
      <PageTitle>{id ? 'Sửa tin' : 'Soạn tin mới'}</PageTitle>
      <form className="form" onSubmit={onSubmit}>
        <ErrorBox error={error ?? existing.error ?? topics.error} shownFields={['title', 'summary', 'body', 'topic', 'linkUrl', 'imageUrl']} />
        <Field label="Tiêu đề" error={fields.title}>
          <input name="title" value={form.title} onChange={set('title')} maxLength={200} />
        </Field>
        <Field label="Tóm tắt gửi qua Zalo" error={fields.summary} hint={`${form.summary.length}/${SUMMARY_MAX} ký tự. Người dân đọc đoạn này trong tin nhắn Zalo.`}>
          <textarea name="summary" rows={3} value={form.summary} onChange={set('summary')} />
        </Field>
        <Field label="Nội dung đầy đủ" error={fields.body} hint="Có thể dùng **chữ đậm** và danh sách bắt đầu bằng dấu “-”.">
          <textarea name="body" rows={10} value={form.body} onChange={set('body')} />
        </Field>
        <ZaloMessagePreview preview={preview} />
        <div className="form-row">
          <Field label="Chủ đề" error={fields.topic}>
            <select name="topic" value={form.topic} onChange={set('topic')}>
              <option value="" disabled>
                — Chọn chủ đề (người đăng ký chủ đề này sẽ nhận tin) —
              </option>
              {topics.data?.news_topics.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Đường link thêm (không bắt buộc)" error={fields.linkUrl}>
            <input name="linkUrl" type="url" value={form.linkUrl} onChange={set('linkUrl')} placeholder="https://" />
          </Field>
          <Field label="Ảnh (đường link, không bắt buộc)" error={fields.imageUrl}>
            <input name="imageUrl" type="url" value={form.imageUrl} onChange={set('imageUrl')} placeholder="https://" />
          </Field>
        </div>
        <div className="button-row">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Lưu nháp
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => void save(true)}>
            Lưu và gửi duyệt
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => navigate(-1)}>
            Quay lại
          </button>
        </div>
      </form>
    </>
  );
}
