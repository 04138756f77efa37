import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui';
import { formatDateTime, todayVn } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { api } from '../../services/api';
import { ScriptDownloads, ScriptView } from './script-view';

const ON_AIR = ['approved', 'scheduled', 'sending', 'sent'];

/**
 * The loudspeaker radio (đài truyền thanh): the month's reform column compiled from the news
 * published that month, and a bulletin for any approved announcement; scripts with numbers in
 * words and an estimated duration, as a page, PDF, text and (with espeak-ng) a machine reading.
 */
export function RadioPage() {
  const [params, setParams] = useSearchParams();
  const month = params.get('thang') ?? todayVn().slice(0, 7);
  const [draft, setDraft] = useState(month);
  const status = useLoad(() => api.radioStatus(), []);
  const column = useLoad(() => api.radioColumn(month), [month]);
  const news = useLoad(() => api.announcements(), []);
  const tts = status.data?.tts;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams({ thang: draft });
  };
  const [year, m] = month.split('-');
  const onAir = (news.data?.items ?? []).filter((a) => ON_AIR.includes(a.status));

  return (
    <>
      <PageTitle>Phát thanh</PageTitle>
      <p className="muted">Kịch bản cho đài truyền thanh xã: câu ngắn; số, ngày, giờ, số điện thoại, số tiền và mã đã viết thành chữ như khi đọc.</p>
      {tts && <p className={tts.available ? 'info-box' : 'warn-box'} data-testid="tts-status">{tts.message}</p>}
      <section className="panel" aria-labelledby="radio-column">
        <h2 id="radio-column">
          Chuyên mục cải cách hành chính tháng {m}/{year}
        </h2>
        <form className="report-range" onSubmit={submit} aria-label="Chọn tháng">
          <Field label="Tháng">
            <input type="month" name="month" value={draft} onChange={(e) => setDraft(e.target.value)} />
          </Field>
          <button type="submit" className="btn btn-primary">
            Xem chuyên mục
          </button>
        </form>
        <ErrorBox error={column.error} />
        {column.loading && <Loading />}
        {column.data && !column.error && (
          <>
            <ScriptDownloads url={(file) => api.radioColumnUrl(month, file)} tts={tts} label="Tải chuyên mục" />
            <ScriptView script={column.data} />
          </>
        )}
      </section>
      <section className="panel" aria-labelledby="radio-bulletins">
        <h2 id="radio-bulletins">Bản tin cho từng tin đã duyệt</h2>
        <ErrorBox error={news.error} />
        {onAir.length === 0 && !news.loading && <p className="muted">Chưa có tin nào được duyệt.</p>}
        <ul>
          {onAir.map((a) => (
            <li key={a.id}>
              <Link to={`/phat-thanh/tin/${encodeURIComponent(a.id)}`}>{a.title}</Link>{' '}
              <span className="muted small">
                · {a.statusLabel}
                {a.publishedAt ? ` · đăng ${formatDateTime(a.publishedAt)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
