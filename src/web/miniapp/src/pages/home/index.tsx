import { useNavigate, useSearchParams } from 'zmp-ui';
import { HotlineCard } from '../../components/contact/hotline-card';
import { ErrorNotice, HotlineAction, Loading } from '../../components/common/status';
import { TrackIcon } from '../../components/common/icons';
import { Screen } from '../../components/layout/screen';
import { FieldTiles } from '../../components/procedure/field-tiles';
import { ProcedureResults } from '../../components/procedure/procedure-results';
import { SearchBox } from '../../components/procedure/search-box';
import { useProcedureSearch } from '../../components/procedure/use-procedure-search';
import { useCommune } from '../../hooks/use-commune';
import { LatestNews } from './latest-news';
import { ReformLinks } from './reform-links';

/** Home: search (results appear as the resident types), fields, hotline, latest news. */
export default function HomePage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const q = params.get('q') ?? '';
  const setQ = (v: string) => setParams(v ? { q: v } : {}, { replace: true });
  const commune = useCommune();
  const search = useProcedureSearch(q);
  const searching = q.trim().length > 0;

  return (
    <Screen title={commune.data?.commune.name ?? 'Hành chính công xã'}>
      <p className="lead">Tra cứu thủ tục, gọi đường dây nóng, góp ý cho xã.</p>
      <SearchBox value={q} onChange={setQ} />
      {searching ? (
        <>
          {search.error ? <ErrorNotice error={search.error} home={false} /> : null}
          {search.items && search.items.length > 0 && <ProcedureResults items={search.items} query={search.forQuery} busy={search.loading} />}
          {search.items && search.items.length === 0 && !search.loading && (
            <div className="status status-empty" data-testid="no-results">
              <p>
                Không tìm thấy thủ tục phù hợp với “{q.trim()}”. Ông/bà thử gõ cách khác, kể việc cần làm (ví dụ: “vợ tôi mới sinh”, “mất sổ
                đỏ”), hoặc gọi đường dây nóng để được hướng dẫn.
              </p>
              <HotlineAction />
            </div>
          )}
          {search.loading && !search.items && <Loading text="Đang tìm…" />}
        </>
      ) : (
        <>
          {/* The hotline first: older residents look for a number to call, on the first screen. */}
          <HotlineCard />
          <section aria-labelledby="fields-title">
            <h2 id="fields-title" className="section-title">
              Thủ tục theo lĩnh vực
            </h2>
            {commune.error ? <ErrorNotice error={commune.error} onRetry={commune.reload} home={false} /> : null}
            {commune.data ? <FieldTiles fields={commune.data.fields} /> : commune.loading && <Loading />}
          </section>
          <button type="button" className="wide-link" onClick={() => navigate('/tra-cuu')}>
            <TrackIcon />
            <span>Tra cứu phản ánh đã gửi</span>
          </button>
          <button type="button" className="wide-link" onClick={() => navigate('/chon-xa')}>
            <span>Xã cũ, xã mới: chọn xã của tôi</span>
          </button>
          <ReformLinks />
          <LatestNews />
        </>
      )}
    </Screen>
  );
}
