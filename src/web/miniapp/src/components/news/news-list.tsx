import { useNavigate } from 'zmp-ui';
import { formatDate } from '../../lib/format';
import type { NewsItem } from '../../services/types';

/** News as large cards: topic and date, title, the start of the summary. */
export function NewsList({ items }: { items: NewsItem[] }) {
  const navigate = useNavigate();
  return (
    <ul className="news-list">
      {items.map((n) => (
        <li key={n.id}>
          <button type="button" className="news-card" onClick={() => navigate(`/tin-tuc/${n.id}`)}>
            <span className="news-meta">
              {n.topicName} · {formatDate(n.publishedAt)}
            </span>
            <span className="news-title">{n.title}</span>
            <span className="news-summary">{n.summary}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
