import { useParams } from 'zmp-ui';
import { ContactActions } from '../../components/contact/contact-actions';
import { ExternalLink } from '../../components/contact/links';
import { ExternalIcon } from '../../components/common/icons';
import { ErrorNotice, Loading } from '../../components/common/status';
import { Screen } from '../../components/layout/screen';
import { DocumentsChecklist } from '../../components/procedure/documents-checklist';
import { useRequest } from '../../hooks/use-request';
import { Markdown } from '../../lib/markdown';
import { api } from '../../services/api';
import { FactList } from './fact-list';

/**
 * One procedure: what it is for, call/chat buttons, the papers as a checklist, time, fee, where,
 * online submission, steps, guidance and legal basis.
 */
export default function ProcedurePage() {
  const { id } = useParams() as { id: string };
  const { data: p, error, loading, reload } = useRequest((signal) => api.procedure(id, signal), [id]);

  return (
    <Screen title={p?.name ?? 'Thủ tục'} back>
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {loading && !p && <Loading />}
      {p && (
        <article className="procedure">
          <p className="procedure-meta">
            {p.fieldLabel}
            {p.code ? ` · Mã ${p.code}` : ''}
          </p>
          <p className="lead">{p.applicants}</p>
          <ContactActions message={`Tôi cần hỏi về thủ tục: ${p.name}`} />
          <DocumentsChecklist procedureId={p.id} documents={p.documents} />
          <FactList procedure={p} />
          <section className="card" aria-labelledby="online-title">
            <h2 id="online-title" className="card-title">
              Nộp trực tuyến
            </h2>
            <p>{p.online}</p>
            {/* A link to submit only where it can be done online; where nobody knows yet, a link to check. */}
            {(p.canSubmitOnline || p.onlineLevel === 'chua_xac_nhan') && (
              <ExternalLink href={p.portalUrl} className="big-action big-action-link wide">
                <ExternalIcon />
                <span>{p.canSubmitOnline ? 'Nộp trên Cổng Dịch vụ công' : 'Kiểm tra trên Cổng Dịch vụ công'}</span>
              </ExternalLink>
            )}
          </section>
          <section className="card" aria-labelledby="steps-title">
            <h2 id="steps-title" className="card-title">
              Các bước
            </h2>
            <ol className="steps">
              {p.steps.map((s, i) => (
                <li key={i}>{s}</li>
              ))}
            </ol>
          </section>
          {p.guidance.trim() && (
            <section className="card guidance" aria-labelledby="guidance-title">
              <h2 id="guidance-title" className="card-title">
                Lưu ý
              </h2>
              <Markdown source={p.guidance} />
            </section>
          )}
          {p.caution && (
            <section className="notice" aria-labelledby="caution-title">
              <h2 id="caution-title" className="notice-title">
                Cần hỏi lại xã
              </h2>
              <p>{p.caution}</p>
            </section>
          )}
          <details className="card legal">
            <summary>Căn cứ pháp lý</summary>
            <ul>
              {p.legalBasis.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          </details>
        </article>
      )}
    </Screen>
  );
}
