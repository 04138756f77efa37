import { ErrorBox, Loading, PageTitle, Stat } from '../components/ui';
import { formatNumber, formatPoints, formatShare } from '../lib/format';
import { useLoad } from '../lib/use-load';
import { reformApi } from '../services/reform-api';

/**
 * The satisfaction survey (SIPAS-style): per-criterion scores, the index by month, the QR card for
 * the desk. The index is the share of answers "hài lòng" or "rất hài lòng", averaged over the five
 * criteria; it follows the national index's criteria, not its official sampling method.
 */
export function SurveyPage() {
  const { data, error, loading } = useLoad(() => reformApi.surveySummary(), []);
  if (loading && !data) return <Loading />;
  if (!data) return <ErrorBox error={error} />;
  const score = (n: number | null) => (n === null ? '—' : `${formatNumber(n)}/5`);
  return (
    <>
      <PageTitle
        actions={
          <a className="btn btn-primary" href={reformApi.surveyQrUrl} download>
            Tải mã QR cho Bộ phận Một cửa (A5)
          </a>
        }
      >
        Đánh giá mức độ hài lòng
      </PageTitle>
      <p className="muted">
        Người dân đánh giá qua tin nhắn Zalo sau khi phản ánh được giải quyết (chỉ gửi lời mời khi còn trong 48 giờ miễn phí), bằng mã QR tại quầy (
        <a href={data.pageUrl}>{data.pageUrl}</a>) hoặc trong Mini App. Số liệu từ {data.range.from} đến {data.range.to}.
      </p>
      <div className="stats">
        <Stat label="Số phiếu" value={formatNumber(data.responses)} note={`Zalo ${data.bySource.chat} · QR ${data.bySource.web} · Mini App ${data.bySource.miniapp}`} />
        <Stat label="Chỉ số hài lòng" value={formatPoints(data.index)} note="tỷ lệ hài lòng và rất hài lòng" />
      </div>
      <section className="panel" aria-labelledby="survey-criteria">
        <h2 id="survey-criteria">Theo tiêu chí</h2>
        <table className="table" data-testid="survey-criteria">
          <thead>
            <tr>
              <th scope="col">Tiêu chí</th>
              <th scope="col" className="num">
                Điểm trung bình
              </th>
              <th scope="col" className="num">
                Hài lòng
              </th>
            </tr>
          </thead>
          <tbody>
            {data.criteria.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td className="num">{score(c.average)}</td>
                <td className="num">{c.satisfiedShare === null ? '—' : formatShare(c.satisfiedShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-labelledby="survey-months">
        <h2 id="survey-months">Chỉ số theo tháng</h2>
        {data.byMonth.length === 0 ? (
          <p className="muted">Chưa có phiếu nào.</p>
        ) : (
          <div className="table-scroll">
          <table className="table" data-testid="survey-months">
            <thead>
              <tr>
                <th scope="col">Tháng</th>
                <th scope="col" className="num">
                  Số phiếu
                </th>
                <th scope="col" className="num">
                  Chỉ số
                </th>
                {data.criteria.map((c) => (
                  <th key={c.id} scope="col" className="num">
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.byMonth.map((m) => (
                <tr key={m.month}>
                  <td>
                    {m.month.slice(5)}/{m.month.slice(0, 4)}
                  </td>
                  <td className="num">{formatNumber(m.responses)}</td>
                  <td className="num">{formatPoints(m.index)}</td>
                  {m.criteria.map((c) => (
                    <td key={c.id} className="num">
                      {score(c.average)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
      </section>
    </>
  );
}
