import { useState, type FormEvent } from 'react';
import { ErrorBox, Field, Loading, Stat } from '../../components/ui';
import { useLoad } from '../../lib/use-load';
import { ApiError, api } from '../../services/api';
import type { DeliveryFigures, NewsChannel, NewsDeliverySettings } from '../../services/types';

export const CHANNEL_LABELS: Record<NewsChannel | 'legacy', string> = {
  cs_free: 'Tin tư vấn miễn phí (trong 48 giờ)',
  cs_paid: 'Tin tư vấn trả phí (48 giờ – 7 ngày)',
  broadcast: 'Broadcast (bài viết gửi người quan tâm)',
  digest: 'Gửi gộp khi người dân nhắn tin',
  legacy: 'Gửi trước khi có kênh',
};

const ORDER: NewsChannel[] = ['cs_free', 'cs_paid', 'broadcast', 'digest'];

/** Before approving: who would get the news by which channel, and how many billed messages it costs. */
export function AudiencePreview({ id }: { id: string }) {
  const { data, error, loading } = useLoad(() => api.announcementAudience(id), [id]);
  if (loading && !data) return <Loading />;
  if (!data) return <ErrorBox error={error} />;
  return (
    <section className="panel" data-testid="audience-preview">
      <h2>Người nhận dự kiến theo kênh</h2>
      <p className="muted">
        {data.subscribers} người đăng ký chủ đề này · gửi từ {data.sendAtLocal} (trong khung giờ gửi tin của xã)
      </p>
      <div className="stats small">
        {ORDER.map((c) => (
          <Stat key={c} label={CHANNEL_LABELS[c]} value={data.audience[c]} />
        ))}
        <Stat label="Tin trả phí ước tính" value={data.estimatedPaidMessages} tone={data.estimatedPaidMessages > 0 ? 'warn' : undefined} note={data.paidSending.enabled ? `còn ${data.paidSending.leftThisMonth} trong hạn mức tháng này` : 'xã chưa bật tin trả phí'} />
      </div>
      {data.broadcast.planned ? (
        <p className="warn-box">
          Tin sẽ gửi bằng Broadcast: Zalo gửi tới mọi người quan tâm OA (tối đa {data.broadcast.monthlyCap} Broadcast mỗi người một tháng), kể cả{' '}
          {data.broadcast.otherFollowersReached} người không đăng ký chủ đề này hoặc đã hủy nhận tin. Zalo duyệt bài trước khi gửi.
        </p>
      ) : (
        data.broadcast.reason && <p className="muted">Không dùng Broadcast: {data.broadcast.reason}</p>
      )}
    </section>
  );
}

/** After sending: the figures per channel. */
export function ChannelFiguresTable({ delivery }: { delivery: DeliveryFigures }) {
  if (!delivery.channels) return null;
  const rows = ([...ORDER, 'legacy'] as const).filter((c) => delivery.channels![c].assigned > 0);
  if (rows.length === 0) return null;
  return (
    <>
      <table className="table" data-testid="channel-figures">
        <thead>
          <tr>
            <th>Kênh</th>
            <th className="num">Người nhận</th>
            <th className="num">Đã gửi</th>
            <th className="num">Đang chờ</th>
            <th className="num">Chờ gửi gộp</th>
            <th className="num">Đã gửi gộp</th>
            <th className="num">Lỗi</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => {
            const f = delivery.channels![c];
            return (
              <tr key={c}>
                <td>{CHANNEL_LABELS[c]}</td>
                <td className="num">{f.assigned}</td>
                <td className="num">{f.sent}</td>
                <td className="num">{f.pending}</td>
                <td className="num">{f.waitingDigest}</td>
                <td className="num">{f.deliveredByDigest}</td>
                <td className="num">{f.failed}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">
        Tin trả phí đã gửi: {delivery.paidMessagesSent ?? 0}
        {delivery.broadcast && ` · Broadcast: ${BROADCAST_LABELS[delivery.broadcast.status] ?? delivery.broadcast.status}`}
      </p>
    </>
  );
}

const BROADCAST_LABELS: Record<string, string> = {
  pending: 'đang chuẩn bị bài viết',
  article_pending: 'Zalo đang xử lý bài viết',
  article_ready: 'chờ đến giờ gửi',
  sending: 'đang gửi',
  sent: 'đã gửi',
  unknown: 'chưa rõ đã gửi hay chưa (kiểm tra trên trang quản lý OA)',
  failed: 'không gửi được, người nhận chờ bản tin gộp',
};

const PACKAGES: Array<{ value: NewsDeliverySettings['broadcast']['oaPackage']; label: string }> = [
  { value: 'none', label: 'Không dùng Broadcast (OA chưa xác thực hoặc chưa có gói)' },
  { value: 'basic', label: 'Gói Cơ bản: 1 Broadcast mỗi người một tháng' },
  { value: 'trial', label: 'Gói Dùng thử: 4 mỗi người một tháng' },
  { value: 'advanced', label: 'Gói Nâng cao: 4 mỗi người một tháng' },
  { value: 'premium', label: 'Gói Premium: 6 mỗi người một tháng' },
];

/** For admins: paid cs (on/off, monthly budget) and the OA package that sets the Broadcast caps. */
export function DeliverySettingsPanel() {
  const { data, error, loading, set } = useLoad(() => api.newsDeliverySettings(), []);
  const [saveError, setSaveError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  if (loading && !data) return <Loading />;
  if (!data) return <ErrorBox error={error} />;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setSaveError(undefined);
    try {
      set(await api.saveNewsDeliverySettings(data));
      setSaved(true);
    } catch (err) {
      setSaveError(err);
    }
  };
  const fields = saveError instanceof ApiError ? saveError.fields : {};
  return (
    <form className="panel form compact" onSubmit={(e) => void submit(e)} data-testid="delivery-settings">
      <h2>Kênh gửi tin của xã</h2>
      <label className="inline-field">
        <input type="checkbox" checked={data.paidCs.enabled} onChange={(e) => set({ ...data, paidCs: { ...data.paidCs, enabled: e.target.checked } })} />
        <span>Dùng tin tư vấn trả phí cho người nhắn tin từ 48 giờ đến 7 ngày trước</span>
      </label>
      <Field label="Hạn mức tin trả phí mỗi tháng" error={fields['paidCs.monthlyBudget']}>
        <input type="number" min={0} value={data.paidCs.monthlyBudget} onChange={(e) => set({ ...data, paidCs: { ...data.paidCs, monthlyBudget: Number(e.target.value) } })} />
      </Field>
      <Field label="Gói OA (Broadcast chỉ dành cho OA đã xác thực)" error={fields['broadcast.oaPackage']}>
        <select value={data.broadcast.oaPackage} onChange={(e) => set({ ...data, broadcast: { ...data.broadcast, oaPackage: e.target.value as NewsDeliverySettings['broadcast']['oaPackage'] } })}>
          {PACKAGES.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Ảnh bìa mặc định cho bài Broadcast (đường link)" error={fields['broadcast.coverImageUrl']}>
        <input type="url" value={data.broadcast.coverImageUrl ?? ''} onChange={(e) => set({ ...data, broadcast: { ...data.broadcast, coverImageUrl: e.target.value || null } })} />
      </Field>
      <ErrorBox error={saveError} />
      {saved && <p role="status">Đã lưu.</p>}
      <button type="submit" className="btn btn-primary">
        Lưu
      </button>
    </form>
  );
}
