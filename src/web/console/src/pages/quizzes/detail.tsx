import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Badge, ErrorBox, Loading, PageTitle, Stat } from '../../components/ui';
import { formatDateTime, formatNumber, formatShare } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { QUIZ_STATUS_LABELS, reformApi } from '../../services/reform-api';

/** One quiz: open or close it, participation and results, the export. */
export function QuizDetailPage() {
  const { id = '' } = useParams();
  const { data, error, loading, set } = useLoad(() => reformApi.quiz(id), [id]);
  const [actionError, setActionError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  if (loading && !data) return <Loading />;
  if (!data) return <ErrorBox error={error} />;
  const r = data.results;

  const act = async (action: 'open' | 'close') => {
    if (action === 'close' && !window.confirm('Kết thúc cuộc thi? Sau đó người dân không nộp bài được nữa.')) return;
    setActionError(undefined);
    try {
      set(await reformApi.quizAction(id, action));
      setNotice(action === 'open' ? 'Đã mở cuộc thi: người dân nhắn “thi tìm hiểu” để dự thi.' : 'Đã kết thúc cuộc thi.');
    } catch (err) {
      setActionError(err);
    }
  };

  return (
    <>
      <PageTitle
        actions={
          <>
            {data.status === 'draft' && (
              <>
                <Link className="btn" to={`/thi/${id}/sua`}>
                  Sửa
                </Link>
                <button type="button" className="btn btn-primary" onClick={() => void act('open')}>
                  Mở cuộc thi
                </button>
              </>
            )}
            {data.status === 'open' && (
              <button type="button" className="btn" onClick={() => void act('close')}>
                Kết thúc cuộc thi
              </button>
            )}
            <a className="btn" href={reformApi.quizResultsUrl(id)} download>
              Tải kết quả (Excel)
            </a>
          </>
        }
      >
        {data.title}
      </PageTitle>
      <p className="status-line">
        <Badge tone={data.status === 'open' ? 'ok' : data.status === 'draft' ? 'info' : 'neutral'}>{QUIZ_STATUS_LABELS[data.status]}</Badge>
        {data.openedAt && <span className="muted"> · mở {formatDateTime(data.openedAt)}</span>}
        {data.closedAt && <span className="muted"> · kết thúc {formatDateTime(data.closedAt)}</span>}
      </p>
      {notice && (
        <p className="info-box" role="status">
          {notice}
        </p>
      )}
      <ErrorBox error={actionError} />
      {r && (
        <section className="panel" aria-labelledby="quiz-results">
          <h2 id="quiz-results">Kết quả</h2>
          <div className="stats small">
            <Stat label="Người dự thi" value={formatNumber(r.participants)} note={`Zalo ${r.byChannel.zalo} · Mini App ${r.byChannel.miniapp}`} />
            <Stat label="Điểm trung bình" value={r.averageScore === null ? '—' : `${formatNumber(r.averageScore)}/${data.questions.length}`} />
          </div>
          <table className="table" data-testid="quiz-per-question">
            <thead>
              <tr>
                <th scope="col">Câu hỏi</th>
                <th scope="col">Đáp án đúng</th>
                <th scope="col" className="num">
                  Trả lời đúng
                </th>
              </tr>
            </thead>
            <tbody>
              {r.perQuestion.map((q) => (
                <tr key={q.number}>
                  <td>
                    {q.number}. {q.text}
                  </td>
                  <td>{q.choices.find((c) => c.right)?.text}</td>
                  <td className="num">
                    {formatNumber(q.correct)} ({formatShare(q.correctShare)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section className="panel" aria-labelledby="quiz-questions">
        <h2 id="quiz-questions">Câu hỏi và giải thích</h2>
        <ol>
          {data.questions.map((q, i) => (
            <li key={i}>
              <strong>{q.text}</strong> — đáp án: {q.choices[q.answer]}
              <br />
              <span className="muted">{q.explanation}</span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
