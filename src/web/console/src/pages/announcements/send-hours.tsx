import { useState, type FormEvent } from 'react';
import { ErrorBox, Field, Loading } from '../../components/ui';
import { useLoad } from '../../lib/use-load';
import { ApiError, api } from '../../services/api';
import type { NewsSendHours, SendHoursSource } from '../../services/types';

const SOURCE_LABELS: Record<SendHoursSource, string> = {
  commune_setting: 'do xã đặt trên trang này',
  commune_profile: 'theo hồ sơ của xã',
  default: 'mặc định của hệ thống',
};

const span = (h: { from: number; until: number }) => `${h.from}h–${h.until}h`;

/**
 * For the commune's admin: the hours news may be sent in (a scheduled time outside them waits for
 * the next morning). The "real send time" editors and approvers see uses these hours.
 */
export function SendHoursPanel() {
  const { data, error, loading, set } = useLoad(() => api.newsSendHours(), []);
  const [form, setForm] = useState<{ from: string; until: string }>();
  const [saveError, setSaveError] = useState<unknown>();
  const [saved, setSaved] = useState<string>();
  if (loading && !data) return <Loading />;
  if (!data) return <ErrorBox error={error} />;
  const shown = form ?? { from: String(data.from), until: String(data.until) };
  const save = async (body: { from: number; until: number } | { reset: true }) => {
    setSaved(undefined);
    setSaveError(undefined);
    try {
      const next: NewsSendHours = await api.saveNewsSendHours(body);
      set(next);
      setForm(undefined);
      setSaved(`Đã lưu. Tin của xã gửi trong khung ${span(next)}.`);
    } catch (err) {
      setSaveError(err);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save({ from: Number(shown.from), until: Number(shown.until) });
  };
  const fields = saveError instanceof ApiError ? saveError.fields : {};
  return (
    <form className="panel form compact" onSubmit={submit} data-testid="send-hours">
      <h2>Khung giờ gửi tin của xã</h2>
      <p className="muted">
        Hiện tại: {span(data)} ({SOURCE_LABELS[data.source]}). Tin hẹn ngoài khung giờ này sẽ gửi vào đầu khung giờ kế tiếp.
      </p>
      <div className="form-row">
        <Field label="Gửi từ (giờ)" error={fields.from}>
          <input name="sendFrom" type="number" min={0} max={23} value={shown.from} onChange={(e) => setForm({ ...shown, from: e.target.value })} />
        </Field>
        <Field label="Đến trước (giờ)" error={fields.until}>
          <input name="sendUntil" type="number" min={1} max={24} value={shown.until} onChange={(e) => setForm({ ...shown, until: e.target.value })} />
        </Field>
      </div>
      <ErrorBox error={saveError} />
      {saved && <p role="status">{saved}</p>}
      <button type="submit" className="btn btn-primary">
        Lưu khung giờ
      </button>
      {data.source === 'commune_setting' && (
        <button type="button" className="btn" onClick={() => void save({ reset: true })}>
          Dùng lại khung giờ {span(data.inherited)} ({SOURCE_LABELS[data.inherited.source]})
        </button>
      )}
    </form>
  );
}
