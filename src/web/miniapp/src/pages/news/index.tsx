import { useEffect, useState } from 'react';
import { Button } from 'zmp-ui';
import { Empty, ErrorNotice, Loading } from '../../components/common/status';
import { Screen } from '../../components/layout/screen';
import { NewsList } from '../../components/news/news-list';
import { SubscriptionCard } from '../../components/news/subscription-card';
import { api } from '../../services/api';
import type { NewsItem } from '../../services/types';

const PAGE_SIZE = 10;

/** All published news, newest first, ten at a time. */
export default function NewsPage() {
  const [items, setItems] = useState<NewsItem[]>([]);
  const [page, setPage] = useState(1);
  const [total, setTotal] = useState<number>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    setError(undefined);
    api
      .news(page, PAGE_SIZE, ctrl.signal)
      .then((r) => {
        setItems((prev) => (page === 1 ? r.items : [...prev, ...r.items.filter((i) => !prev.some((p) => p.id === i.id))]));
        setTotal(r.total);
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setError(err);
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [page, attempt]);

  return (
    <Screen title="Tin tức, thông báo">
      <SubscriptionCard />
      {items.length > 0 && <NewsList items={items} />}
      {total === 0 && <Empty>Xã chưa đăng tin nào.</Empty>}
      {error ? <ErrorNotice error={error} onRetry={() => setAttempt((n) => n + 1)} /> : null}
      {loading && <Loading />}
      {!loading && total !== undefined && items.length < total && (
        <Button variant="secondary" fullWidth onClick={() => setPage((p) => p + 1)}>
          Xem thêm tin
        </Button>
      )}
    </Screen>
  );
}
