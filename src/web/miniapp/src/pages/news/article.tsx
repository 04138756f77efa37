import { useParams } from 'zmp-ui';
import { ExternalLink } from '../../components/contact/links';
import { ExternalIcon } from '../../components/common/icons';
import { ErrorNotice, Loading } from '../../components/common/status';
import { Screen } from '../../components/layout/screen';
import { useRequest } from '../../hooks/use-request';
import { formatDate } from '../../lib/format';
import { api } from '../../services/api';

/** One announcement. Its body is HTML the server rendered from Markdown and escaped. */
export default function ArticlePage() {
  const { id } = useParams() as { id: string };
  const { data: a, error, loading, reload } = useRequest((signal) => api.article(id, signal), [id]);
  return (
    <Screen title="Tin tức" back="/tin-tuc">
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {loading && !a && <Loading />}
      {a && (
        <article className="article">
          <p className="news-meta">
            {a.topicName} · {formatDate(a.publishedAt)}
          </p>
          <h2 className="article-title">{a.title}</h2>
          {a.imageUrl && <img className="article-image" src={a.imageUrl} alt="" loading="lazy" />}
          <div className="article-body" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
          {a.linkUrl && (
            <ExternalLink href={a.linkUrl} className="big-action big-action-link wide">
              <ExternalIcon />
              <span>Xem thêm</span>
            </ExternalLink>
          )}
        </article>
      )}
    </Screen>
  );
}
