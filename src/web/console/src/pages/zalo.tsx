import { useEffect, useState } from 'react';
import { Badge, ErrorBox, Loading, PageTitle, Stat } from '../components/ui';
import { formatDateTime } from '../lib/format';
import { useLoad } from '../lib/use-load';
import { api, errorMessage } from '../services/api';
import { hasRole, useMe } from '../session';

/** Fired after an action on the page, so the banner reads the state again. */
const STATUS_CHANGED = 'zalo-status-changed';

/**
 * The OA connection of the staff member's commune (a province admin picks the commune): whether proactive sending is paused and why (with the resume button), the
 * token's age and last error (with the connect button), webhook counters, events Zalo sent that
 * could not be read, and the residents a clerk is answering in the OA chat tool.
 */
export function ZaloPage() {
  const me = useMe();
  const admin = hasRole(me, 'admin');
  // A province admin looks after every commune's OA: they pick which one this page shows.
  const province = me.roles.includes('province_admin');
  const communes = useLoad(() => (province ? api.communes() : Promise.resolve({ items: [] })), [province]);
  const [picked, setPicked] = useState<string>();
  const status = useLoad(() => api.zaloStatus(picked), [picked]);
  const human = useLoad(() => api.zaloHumanHands(picked), [picked]);
  const parked = useLoad(() => (admin ? api.zaloParked() : Promise.resolve({ events: [] })), [admin]);
  const [notice, setNotice] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();

  async function act(run: () => Promise<string>) {
    setActionError(undefined);
    try {
      setNotice(await run());
      status.reload();
      human.reload();
      window.dispatchEvent(new Event(STATUS_CHANGED));
    } catch (err) {
      setActionError(err);
    }
  }

  const s = status.data;
  return (
    <>
      <PageTitle>Kết nối Zalo</PageTitle>
      {province && (communes.data?.items.length ?? 0) > 0 && (
        <div className="filters">
          <label className="inline-field">
            <span>OA của xã</span>
            <select value={picked ?? s?.communeId ?? ''} onChange={(e) => setPicked(e.target.value)}>
              {communes.data!.items
                .filter((c) => c.active)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </select>
          </label>
        </div>
      )}
      <ErrorBox error={status.error} />
      <ErrorBox error={actionError} />
      {notice && (
        <div className="info-box" role="status">
          {notice}
        </div>
      )}
      {status.loading && !s && <Loading />}
      {s && (
        <>
          <section className="panel" data-testid="zalo-sending">
            <h2>Gửi tin chủ động</h2>
            {s.sending.paused ? (
              <>
                <p>
                  <Badge tone="bad">Đang tạm dừng</Badge> từ {formatDateTime(s.sending.pausedAt)} (mã lỗi Zalo {s.sending.code})
                </p>
                <p>{s.sending.advice}</p>
                <p className="muted small">Tin chưa gửi được giữ lại. Khi đã khắc phục, bấm tiếp tục: mỗi tin đang chờ được gửi một lần.</p>
                {admin && (
                  <button type="button" className="btn btn-primary" onClick={() => void act(async () => `Đã tiếp tục gửi: ${(await api.zaloResume(picked)).held} tin đang chờ.`)}>
                    Tiếp tục gửi tin
                  </button>
                )}
              </>
            ) : (
              <p>
                <Badge tone="ok">Đang hoạt động</Badge>
              </p>
            )}
          </section>

          <section className="panel" data-testid="zalo-tokens">
            <h2>Mã truy cập OA</h2>
            {s.tokens.present ? (
              <p>
                Làm mới lần cuối {formatDateTime(s.tokens.updatedAt)} ({s.tokens.ageHours} giờ trước), hết hạn {formatDateTime(s.tokens.expiresAt)}.
              </p>
            ) : (
              <p>Chưa có mã truy cập.</p>
            )}
            {s.tokens.lastError && (
              <div className="warn-box">
                Lỗi làm mới lúc {formatDateTime(s.tokens.lastErrorAt)}: {s.tokens.lastError}. Cần quản trị viên OA cấp quyền lại.
              </div>
            )}
            {admin && (
              <button
                type="button"
                className="btn"
                onClick={() =>
                  void act(async () => {
                    const { url } = await api.zaloConnect(picked);
                    window.open(url, '_blank', 'noopener');
                    return 'Đã mở trang cấp quyền của Zalo: quản trị viên OA đăng nhập và bấm đồng ý (trong 30 phút).';
                  })
                }
              >
                Kết nối lại OA
              </button>
            )}
          </section>

          <div className="stats">
            <Stat label="Sự kiện sai chữ ký" value={s.webhook.signatureFailures} tone={s.webhook.signatureFailures > 0 ? 'warn' : undefined} note={s.webhook.lastSignatureFailureAt ? `lần cuối ${formatDateTime(s.webhook.lastSignatureFailureAt)}` : undefined} />
            <Stat label="Sự kiện của ứng dụng khác" value={s.webhook.foreignAppEvents} tone={s.webhook.foreignAppEvents > 0 ? 'warn' : undefined} />
            <Stat label="Sự kiện chưa đọc được (đã lưu)" value={s.webhook.parkedEvents} tone={s.webhook.parkedEvents > 0 ? 'warn' : undefined} />
          </div>
        </>
      )}

      <section className="panel" data-testid="zalo-human">
        <h2>Người dân đang được cán bộ trả lời trực tiếp</h2>
        <p className="muted small">Khi cán bộ trả lời trong công cụ chat của OA, trợ lý tạm ngừng trả lời người đó.</p>
        <ErrorBox error={human.error} />
        {human.data?.residents.length === 0 && <p className="muted">Không có ai.</p>}
        <ul className="work-list">
          {human.data?.residents.map((r) => (
            <li key={r.userId}>
              Người dùng …{r.userId.slice(-6)} · trợ lý im lặng đến {formatDateTime(r.until)}{' '}
              <button type="button" className="btn btn-ghost" onClick={() => void act(async () => (await api.zaloHandBack(r.userId, picked), 'Đã trả người dân này cho trợ lý.'))}>
                Trả lại cho trợ lý
              </button>
            </li>
          ))}
        </ul>
      </section>

      {admin && (
        <section className="panel" data-testid="zalo-parked">
          <h2>Sự kiện Zalo chưa đọc được</h2>
          <ErrorBox error={parked.error ? errorMessage(parked.error) : undefined} />
          {parked.data?.events.length === 0 && <p className="muted">Không có.</p>}
          <ul className="work-list">
            {parked.data?.events.map((e) => (
              <li key={e.id}>
                {e.event_name} · {formatDateTime(e.received_at)} <span className="muted small">{e.last_error}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/**
 * A banner on every page while Zalo sending is paused or the tokens are dead: of the staff member's
 * commune's OA, or for a province admin, of every commune's OA that was connected and cannot send.
 */
export function ZaloBanner() {
  const me = useMe();
  const province = me.roles.includes('province_admin');
  const { data, reload } = useLoad(() => (province ? Promise.resolve(undefined) : api.zaloStatus().catch(() => undefined)), [province]);
  const oas = useLoad(() => (province ? api.zaloOas().catch(() => undefined) : Promise.resolve(undefined)), [province]);
  const reloadOas = oas.reload;
  useEffect(() => {
    const both = () => {
      reload();
      reloadOas();
    };
    window.addEventListener(STATUS_CHANGED, both);
    return () => window.removeEventListener(STATUS_CHANGED, both);
  }, [reload, reloadOas]);
  if (province) {
    // A commune being set up (no pair yet) is not a fault.
    const troubled = oas.data?.oas.filter((o) => !o.ok && o.state !== 'no_tokens') ?? [];
    if (troubled.length === 0) return null;
    return (
      <div className="error-box" role="alert" data-testid="zalo-banner">
        {troubled.map((o) => (
          <p key={o.communeId}>
            {o.name}: {o.problem}
          </p>
        ))}
        <a href="#/zalo">Xem chi tiết</a>
      </div>
    );
  }
  if (!data || data.ok) return null;
  return (
    <div className="error-box" role="alert" data-testid="zalo-banner">
      {data.problem} <a href="#/zalo">Xem chi tiết</a>
    </div>
  );
}
