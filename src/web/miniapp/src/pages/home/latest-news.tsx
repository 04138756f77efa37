import { useNavigate } from 'zmp-ui';
import { ErrorNotice } from '../../components/common/status';
import { NewsList } from '../../components/news/news-list';
import { useRequest } from '../../hooks/use-request';
import { api } from '../../services/api';

/** The three newest announcements, with a way to all news. */
export function LatestNews() {
  const navigate = useNavigate();
  const news = useRequest((signal) => api.news(1, 3, signal), []);
  return (
    <section aria-labelledby="latest-news-title">
      <h2 id="latest-news-title" className="section-title">
        Tin mới
      </h2>
      {news.error ? <ErrorNotice error={news.error} onRetry={news.reload} home={false} /> : null}
      {news.data && news.data.items.length === 0 && <p className="hint">Chưa có tin mới.</p>}
      {news.data && news.data.items.length > 0 && (
        <>
          <NewsList items={news.data.items} />
          <button type="button" className="link-button" onClick={() => navigate('/tin-tuc')}>
            Xem tất cả tin
          </button>
        </>
      )}
    </section>
  );
}
