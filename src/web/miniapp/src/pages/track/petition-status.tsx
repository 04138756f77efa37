import { ExternalLink } from '../../components/contact/links';
import { formatDate } from '../../lib/format';
import type { DossierLookup, PetitionStatusView } from '../../services/types';

/** Where a petition stands, its answer when there is one; or the link for a dossier code. */
export function PetitionStatus({ result }: { result: PetitionStatusView | DossierLookup }) {
  if (result.kind === 'dossier') {
    return (
      <section className="card">
        <p>{result.message}</p>
        <ExternalLink href={result.lookupUrl} className="big-action big-action-link wide">
          <span>Mở {result.portalName}</span>
        </ExternalLink>
      </section>
    );
  }
  const p = result;
  return (
    <section className="card petition-status" aria-live="polite">
      <p className="receipt-code">{p.code}</p>
      <p className={`status-badge status-${p.status}`}>{p.statusText}</p>
      <dl className="facts">
        <div className="fact">
          <dt>Loại</dt>
          <dd>{p.category.name}</dd>
        </div>
        <div className="fact">
          <dt>Ngày gửi</dt>
          <dd>{formatDate(p.submittedAt)}</dd>
        </div>
        <div className="fact">
          <dt>Hạn trả lời</dt>
          <dd>
            {p.deadline.text}
            {p.overdue && <span className="fact-extra warn">Đã quá hạn, xã đang khẩn trương xử lý.</span>}
          </dd>
        </div>
      </dl>
      {p.replies && p.replies.length > 0 && (
        <div className="replies">
          <h3>Xã trả lời</h3>
          {p.replies.map((r, i) => (
            <blockquote key={i}>
              <p>{r.text}</p>
              <footer>{formatDate(r.at)}</footer>
            </blockquote>
          ))}
        </div>
      )}
      {p.published?.answer && (
        <div className="replies">
          <h3>Trả lời công khai</h3>
          {p.published.summary && <p className="hint">{p.published.summary}</p>}
          <blockquote>
            <p>{p.published.answer}</p>
          </blockquote>
        </div>
      )}
      {!p.owner && !p.published && (p.status === 'answered' || p.status === 'closed') && (
        <p className="hint">Nội dung trả lời được gửi riêng cho người gửi qua Zalo.</p>
      )}
    </section>
  );
}
