import { ErrorBox, Loading, PageTitle } from '../components/ui';
import { formatDateTime } from '../lib/format';
import { useLoad } from '../lib/use-load';
import { api } from '../services/api';

/**
 * What residents asked that the assistant could not answer well (low confidence, out of scope),
 * newest first, similar questions grouped: material for new aliases and content.
 */
export function QuestionsPage() {
  const { data, error, loading, reload } = useLoad(() => api.unanswered(200), []);
  return (
    <>
      <PageTitle
        actions={
          <button type="button" className="btn" onClick={reload}>
            Tải lại
          </button>
        }
      >
        Câu hỏi chưa trả lời được
      </PageTitle>
      <p className="muted">Câu hỏi trợ lý chưa chắc chắn hoặc ngoài phạm vi, mới nhất trước. Dùng để bổ sung nội dung và tên gọi khác của thủ tục.</p>
      <ErrorBox error={error} />
      {loading && <Loading />}
      {data && data.items.length === 0 && <p className="muted">Chưa có câu hỏi nào cần xem.</p>}
      {data && data.items.length > 0 && (
        <table className="table" data-testid="unanswered">
          <thead>
            <tr>
              <th>Câu hỏi</th>
              <th className="num">Số lần</th>
              <th>Lý do</th>
              <th>Thủ tục gần nhất</th>
              <th>Hỏi gần nhất</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((q, i) => (
              <tr key={q.signature ?? i}>
                <td>
                  {q.text}
                  {q.examples && q.examples.length > 1 && <div className="muted small">Cách hỏi khác: {q.examples.filter((e) => e !== q.text).slice(0, 3).join(' · ')}</div>}
                </td>
                <td className="num">{q.count}</td>
                <td>{reasonText(q)}</td>
                <td>{q.topProcedureName ?? q.topProcedure ?? <span className="muted">—</span>}</td>
                <td>{formatDateTime(q.lastAskedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function reasonText(q: { intent?: string; confidence?: number; reasons?: { outOfScope: number; lowConfidence: number; notHelpful: number } }): string {
  if (q.reasons) {
    const parts = [];
    if (q.reasons.outOfScope) parts.push('ngoài phạm vi');
    if (q.reasons.lowConfidence) parts.push('chưa chắc chắn');
    if (q.reasons.notHelpful) parts.push('người dân chấm “chưa hữu ích”');
    return parts.join(', ');
  }
  if (q.intent === 'out_of_scope') return 'ngoài phạm vi';
  return q.confidence !== undefined ? `chưa chắc chắn (${Math.round(q.confidence * 100)}%)` : '';
}
