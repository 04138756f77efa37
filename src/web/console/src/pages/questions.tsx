import { Fragment, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorBox, Loading, PageTitle } from '../components/ui';
import { formatDateTime, formatShare } from '../lib/format';
import { useLoad } from '../lib/use-load';
import { api } from '../services/api';
import type { UnansweredQuestion, UnansweredSort } from '../services/types';
import { hasRole, ROLE_LABELS, useMe } from '../session';
import { QuestionLinkForm } from './question-link';

const SORTS: Array<{ value: UnansweredSort; label: string }> = [
  { value: 'frequent', label: 'Hỏi nhiều nhất' },
  { value: 'newest', label: 'Mới nhất' },
];

/**
 * What residents asked that the assistant could not answer well (low confidence, out of scope,
 * rated not helpful), similar questions grouped. Editors link a group to a procedure (its
 * phrasing becomes another name the search knows at once) or set it aside as out of scope.
 */
export function QuestionsPage() {
  const me = useMe();
  const canEdit = hasRole(me, 'editor');
  const [params, setParams] = useSearchParams();
  const sort: UnansweredSort = params.get('sort') === 'newest' ? 'newest' : 'frequent';
  const { data, error, loading, reload, set } = useLoad(() => api.unanswered(sort, 200), [sort]);
  const [linking, setLinking] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const [done, setDone] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();
  const statusRef = useRef<HTMLDivElement>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());

  const remove = (signature: string) => set((d) => d && { items: d.items.filter((q) => q.signature !== signature) });
  const announce = (text: string) => {
    setDone(text);
    setActionError(undefined);
    // The row is gone: the message takes the focus, so the keyboard user is not lost.
    requestAnimationFrame(() => statusRef.current?.focus());
  };

  const outOfScope = async (q: UnansweredQuestion & { signature: string }) => {
    if (!window.confirm(`Đánh dấu nhóm câu hỏi “${q.text}” là ngoài phạm vi? Nhóm sẽ rời khỏi danh sách.`)) return;
    setBusy(q.signature);
    setDone(undefined);
    setActionError(undefined);
    try {
      await api.questionGroupOutOfScope(q.signature);
      remove(q.signature);
      announce(`Đã đánh dấu “${q.text}” là ngoài phạm vi.`);
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(undefined);
    }
  };

  const items = (data?.items ?? []).filter((q): q is UnansweredQuestion & { signature: string } => Boolean(q.signature));
  const columns = canEdit ? 6 : 5;

  return (
    <>
      <PageTitle
        actions={
          <div className="button-row">
            {canEdit && (
              <>
                <a className="btn" href={api.aliasesExportUrl} download="ten-goi-khac.diff" title="Các cách gọi đã gắn với thủ tục, dạng bản vá cho thư mục content/ (áp dụng bằng git apply)">
                  Xuất tên gọi khác
                </a>
                <a className="btn" href={api.examplesExportUrl} download="cau-hoi-mau.diff" title="Các câu hỏi đã gắn với thủ tục hoặc ngoài phạm vi, dạng bản vá cho thư mục content/examples/ (áp dụng bằng git apply, kiểm tra bằng npm run content:check)">
                  Xuất câu hỏi mẫu
                </a>
              </>
            )}
            <button type="button" className="btn" onClick={reload}>
              Tải lại
            </button>
          </div>
        }
      >
        Câu hỏi chưa trả lời được
      </PageTitle>
      <p className="muted">
        Câu hỏi trợ lý chưa trả lời được hoặc trả lời chưa trúng: ngoài phạm vi, trợ lý chưa chắc là thủ tục nào, người dân chấm “chưa hữu ích”,
        hỏi lại bằng cách khác, chọn thủ tục khác hay nói là chưa đúng. Chỉ những câu gần như giống hệt nhau mới được gộp thành một nhóm.
        {canEdit && ' Gắn nhóm với thủ tục (hoặc đánh dấu ngoài phạm vi) thì các câu trong nhóm thành câu hỏi mẫu: trợ lý học lại và trả lời ngay cách hỏi đó.'}
      </p>
      {!canEdit && (
        <p className="info-box" data-testid="not-yours">
          Việc gắn câu hỏi với thủ tục hay đánh dấu ngoài phạm vi do cán bộ có vai trò “{ROLE_LABELS.editor}” làm (tài khoản của bạn:{' '}
          {me.roles.map((r) => ROLE_LABELS[r]).join(', ')}). Bạn xem được danh sách này để biết người dân hỏi gì; thấy câu nào cần bổ sung, hãy báo
          cho cán bộ biên tập.
        </p>
      )}
      <div className="filters">
        <fieldset className="segmented">
          <legend>Sắp xếp</legend>
          {SORTS.map((s) => (
            <label key={s.value}>
              <input type="radio" name="sort" value={s.value} checked={sort === s.value} onChange={() => setParams(s.value === 'frequent' ? {} : { sort: s.value })} />
              <span>{s.label}</span>
            </label>
          ))}
        </fieldset>
      </div>
      <div ref={statusRef} tabIndex={-1} className="status-anchor">
        {done && (
          <div className="info-box" role="status">
            {done}
          </div>
        )}
      </div>
      <ErrorBox error={actionError} />
      <ErrorBox error={error} />
      {loading && !data && <Loading />}
      {data && items.length === 0 && <p className="muted">Chưa có câu hỏi nào cần xem.</p>}
      {items.length > 0 && (
        <table className="table" data-testid="unanswered" aria-busy={loading}>
          <thead>
            <tr>
              <th scope="col">Câu hỏi</th>
              <th scope="col" className="num">
                Số lần
              </th>
              <th scope="col">Lý do</th>
              <th scope="col">Thủ tục gần nhất</th>
              <th scope="col">Hỏi gần nhất</th>
              {canEdit && <th scope="col">Xử lý</th>}
            </tr>
          </thead>
          <tbody>
            {items.map((q) => (
              <Fragment key={q.signature}>
                <tr className={linking === q.signature ? 'row-open' : undefined}>
                  <td className="col-question">
                    <span className="question-text">{q.text}</span>
                    {q.examples && q.examples.length > 1 && (
                      <div className="muted small">
                        Cách hỏi khác:{' '}
                        {q.examples
                          .filter((e) => e !== q.text)
                          .slice(0, 3)
                          .join(' · ')}
                      </div>
                    )}
                  </td>
                  <td className="num">{q.count}</td>
                  <td className="col-short">{reasonText(q)}</td>
                  <td>{q.topProcedureName ?? q.topProcedure ?? <span className="muted">—</span>}</td>
                  <td>{formatDateTime(q.lastAskedAt)}</td>
                  {canEdit && (
                    <td className="actions">
                      <button
                        type="button"
                        className="btn"
                        aria-expanded={linking === q.signature}
                        aria-label={`Gắn với thủ tục: ${q.text}`}
                        ref={(el) => {
                          if (el) buttons.current.set(q.signature, el);
                          else buttons.current.delete(q.signature);
                        }}
                        onClick={() => {
                          setDone(undefined);
                          setLinking(linking === q.signature ? undefined : q.signature);
                        }}
                        disabled={busy === q.signature}
                      >
                        Gắn với thủ tục
                      </button>
                      <button type="button" className="btn btn-ghost" aria-label={`Ngoài phạm vi: ${q.text}`} onClick={() => void outOfScope(q)} disabled={busy === q.signature}>
                        Ngoài phạm vi
                      </button>
                    </td>
                  )}
                </tr>
                {linking === q.signature && (
                  <tr className="link-row">
                    <td colSpan={columns}>
                      <QuestionLinkForm
                        group={q}
                        onLinked={(phrase, p) => {
                          setLinking(undefined);
                          remove(q.signature);
                          announce(`Đã gắn “${phrase}” với thủ tục ${p.name}. Trợ lý dùng cách hỏi này ngay từ bây giờ.`);
                        }}
                        onCancel={() => {
                          setLinking(undefined);
                          buttons.current.get(q.signature)?.focus();
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function reasonText(q: Pick<UnansweredQuestion, 'intent' | 'confidence' | 'reasons'>): string {
  if (q.reasons) {
    const parts = [];
    if (q.reasons.outOfScope) parts.push('ngoài phạm vi');
    if (q.reasons.lowConfidence) parts.push('trợ lý chưa chắc là thủ tục nào (hỏi lại hoặc kèm lựa chọn khác)');
    if (q.reasons.notHelpful) parts.push('người dân chấm “chưa hữu ích”');
    if (q.reasons.rephrased) parts.push('người dân phải hỏi lại');
    if (q.reasons.choseOther) parts.push('người dân chọn thủ tục khác');
    if (q.reasons.complained) parts.push('người dân nói trả lời chưa đúng');
    return parts.join(', ');
  }
  if (q.intent === 'out_of_scope') return 'ngoài phạm vi';
  return q.confidence !== undefined ? `chưa chắc chắn (${formatShare(q.confidence)})` : '';
}
