import { useSearchParams } from 'zmp-ui';
import { Empty, ErrorNotice, Loading } from '../../components/common/status';
import { Screen } from '../../components/layout/screen';
import { SearchBox } from '../../components/procedure/search-box';
import { useRequest } from '../../hooks/use-request';
import { formatDate } from '../../lib/format';
import { reformApi } from '../../services/reform-api';

/** Answered petitions the commune published (anonymised), searchable with or without diacritics. */
export default function AnswersPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const list = useRequest((signal) => reformApi.publishedAnswers(q.trim(), 0, signal), [q]);
  return (
    <Screen title="Trả lời phản ánh" back>
      <p className="lead">Các phản ánh, kiến nghị xã đã trả lời và công khai (đã bỏ thông tin cá nhân của người gửi).</p>
      <SearchBox value={q} placeholder="Tìm câu trả lời, ví dụ: đèn đường" onChange={(v) => setParams(v ? { q: v } : {}, { replace: true })} />
      {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.items.length === 0 && <Empty>{q.trim() ? `Chưa có câu trả lời nào về “${q.trim()}”.` : 'Xã chưa công khai câu trả lời nào.'}</Empty>}
      {list.data && list.data.items.length > 0 && (
        <ul className="answer-list" aria-label="Câu trả lời đã công khai">
          {list.data.items.map((a) => (
            <li key={a.code} className="answer-card">
              <p className="answer-meta">
                {a.code} · {a.category.name} · trả lời {formatDate(a.answeredAt)}
              </p>
              <p className="answer-summary">{a.summary}</p>
              <p>{a.answer}</p>
            </li>
          ))}
        </ul>
      )}
    </Screen>
  );
}
