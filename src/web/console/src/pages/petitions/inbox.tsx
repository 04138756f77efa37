import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Badge, ErrorBox, Loading, PageTitle, Stat } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { api } from '../../services/api';
import { CHANNEL_LABELS, OPEN_FILTER, STATUS_FILTERS, STATUS_TONE } from './labels';

const PAGE = 50;

/** The desk's inbox: filter by status, overdue, who handles it, category or code. */
export function PetitionsPage() {
  const [params, setParams] = useSearchParams();
  // No status in the address: what still needs action; "all": every status.
  const status = params.get('status') ?? OPEN_FILTER;
  const apiStatus = status === 'all' ? undefined : status;
  const overdue = params.get('overdue') === 'true';
  const assignee = params.get('assignee') ?? '';
  const category = params.get('category') ?? '';
  const code = params.get('code') ?? '';
  const offset = Number(params.get('offset') ?? 0) || 0;
  const [codeInput, setCodeInput] = useState(code);

  const summary = useLoad(() => api.petitionSummary(), []);
  const categories = useLoad(() => api.petitionCategories(), []);
  const list = useLoad(
    () => api.petitions({ status: apiStatus, overdue: overdue || undefined, assignee: assignee || undefined, category: category || undefined, code: code || undefined, limit: PAGE, offset }),
    [status, overdue, assignee, category, code, offset],
  );

  const update = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('offset' in patch)) next.delete('offset');
    setParams(next);
  };
  const searchCode = (e: FormEvent) => {
    e.preventDefault();
    update({ code: codeInput.trim() });
  };

  return (
    <>
      <PageTitle>Phản ánh, kiến nghị</PageTitle>
      {summary.data && (
        <div className="stats small">
          <Stat label="Đang mở" value={summary.data.open} />
          <Stat label="Mới tiếp nhận" value={summary.data.byStatus.received} />
          <Stat label="Quá hạn" value={summary.data.overdue} tone={summary.data.overdue > 0 ? 'bad' : undefined} />
          <Stat label="Đã trả lời" value={summary.data.byStatus.answered} />
        </div>
      )}
      <div className="filters">
        <label className="inline-field">
          <span>Trạng thái</span>
          <select value={status} onChange={(e) => update({ status: e.target.value })}>
            {STATUS_FILTERS.map((o) => (
              <option key={o.value} value={o.value || 'all'}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Loại</span>
          <select value={category} onChange={(e) => update({ category: e.target.value })}>
            <option value="">Tất cả</option>
            {categories.data?.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Phụ trách</span>
          <select value={assignee} onChange={(e) => update({ assignee: e.target.value })}>
            <option value="">Tất cả</option>
            <option value="me">Của tôi</option>
            <option value="none">Chưa phân công</option>
          </select>
        </label>
        <label className="inline-check">
          <input type="checkbox" checked={overdue} onChange={(e) => update({ overdue: e.target.checked ? 'true' : '' })} />
          <span>Chỉ phản ánh quá hạn</span>
        </label>
        <form className="inline-field" onSubmit={searchCode} role="search">
          <span>Mã</span>
          <input value={codeInput} onChange={(e) => setCodeInput(e.target.value)} placeholder="PA-2026-000123" aria-label="Tìm theo mã" />
          <button type="submit" className="btn">
            Tìm
          </button>
        </form>
      </div>
      <ErrorBox error={list.error} />
      {list.loading && <Loading />}
      {list.data && list.data.items.length === 0 && <p className="muted">Không có phản ánh nào phù hợp.</p>}
      {list.data && list.data.items.length > 0 && (
        <>
          <table className="table">
            <thead>
              <tr>
                <th>Mã</th>
                <th>Loại</th>
                <th>Trạng thái</th>
                <th>Ngày gửi</th>
                <th>Hạn trả lời</th>
                <th>Phụ trách</th>
                <th>Kênh</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((p) => (
                <tr key={p.id} className={p.overdue ? 'row-overdue' : undefined}>
                  <td className="nowrap">
                    <Link to={`/phan-anh/${p.id}`}>{p.code}</Link>
                  </td>
                  <td>{p.category.name}</td>
                  <td>
                    <Badge tone={STATUS_TONE[p.status]}>{p.statusText}</Badge>
                    {p.published && <Badge tone="ok">Đã công khai</Badge>}
                  </td>
                  <td>{formatDateTime(p.submittedAt)}</td>
                  <td>
                    {p.deadline.text}
                    {p.overdue && (
                      <>
                        {' '}
                        <Badge tone="bad">Quá hạn</Badge>
                      </>
                    )}
                  </td>
                  <td>{p.assignee?.displayName ?? <span className="muted">Chưa phân công</span>}</td>
                  <td>{CHANNEL_LABELS[p.channel] ?? p.channel}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <span className="muted">
              {offset + 1}–{offset + list.data.items.length} / {list.data.total}
            </span>
            {offset > 0 && (
              <button type="button" className="btn" onClick={() => update({ offset: String(Math.max(0, offset - PAGE)) })}>
                Trang trước
              </button>
            )}
            {offset + PAGE < list.data.total && (
              <button type="button" className="btn" onClick={() => update({ offset: String(offset + PAGE) })}>
                Trang sau
              </button>
            )}
          </div>
        </>
      )}
    </>
  );
}
