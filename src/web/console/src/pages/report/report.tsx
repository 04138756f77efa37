import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui';
import { describeDay, formatDateTime, formatDay, monthRange, todayVn, yearRange } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { ApiError, api } from '../../services/api';
import { NewsSection, PetitionsSection, QuestionsSection, SatisfactionSection } from './sections';
import { QuizzesSection, SurveySection } from './reform-sections';

interface Range {
  from: string;
  to: string;
}

/**
 * The periodic report on reform communication for a range of dates (default: this month), the same
 * figures as `npm run cli -- report`: questions, news, petitions, satisfaction; with the XLSX and
 * CSV files and the printable page. The range lives in the address, so a reload keeps it.
 */
export function ReportPage() {
  const [params, setParams] = useSearchParams();
  const today = todayVn();
  const fallback = monthRange(today);
  const applied: Range = { from: params.get('from') ?? fallback.from, to: params.get('to') ?? fallback.to };
  const [draft, setDraft] = useState<Range>(applied);

  // Back/forward or a preset changes the address: the inputs follow.
  useEffect(() => setDraft(applied), [applied.from, applied.to]); // eslint-disable-line react-hooks/exhaustive-deps

  const { data, error, loading } = useLoad(() => api.report(applied.from, applied.to), [applied.from, applied.to]);
  const fields = error instanceof ApiError ? error.fields : {};

  const apply = (r: Range) => setParams({ from: r.from, to: r.to });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply(draft);
  };
  const presets: Array<{ label: string; range: Range }> = [
    { label: 'Tháng này', range: monthRange(today) },
    { label: 'Tháng trước', range: monthRange(today, -1) },
    { label: 'Năm nay', range: yearRange(today) },
  ];

  const report = !error && data && data.range.from === applied.from && data.range.to === applied.to ? data : undefined;

  return (
    <>
      <PageTitle>Báo cáo</PageTitle>
      <p className="muted">Số liệu tuyên truyền cải cách hành chính trong khoảng thời gian đã chọn (theo giờ Việt Nam, tính cả ngày đầu và ngày cuối).</p>
      <form className="report-range" onSubmit={submit} aria-label="Khoảng thời gian báo cáo" noValidate>
        <Field label="Từ ngày" error={fields.from} hint={describeDay(draft.from)}>
          <input type="date" name="from" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </Field>
        <Field label="Đến ngày" error={fields.to} hint={describeDay(draft.to)}>
          <input type="date" name="to" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </Field>
        <button type="submit" className="btn btn-primary">
          Xem báo cáo
        </button>
        <div className="presets" role="group" aria-label="Chọn nhanh">
          {presets.map((p) => (
            <button key={p.label} type="button" className="btn btn-ghost" onClick={() => apply(p.range)} aria-pressed={p.range.from === applied.from && p.range.to === applied.to}>
              {p.label}
            </button>
          ))}
        </div>
      </form>
      <ErrorBox error={error} shownFields={['from', 'to']} />
      {loading && <Loading />}
      {report && (
        <>
          <div className="report-head">
            <p>
              <strong>
                Từ ngày {formatDay(report.range.from)} đến ngày {formatDay(report.range.to)}
              </strong>
              <span className="muted"> · số liệu lúc {formatDateTime(report.generatedAt)}</span>
            </p>
            <div className="button-row" role="group" aria-label="Tải báo cáo">
              <a className="btn" href={api.reportUrl(report.range.from, report.range.to, 'xlsx')} download>
                Tải XLSX
              </a>
              <a className="btn" href={api.reportUrl(report.range.from, report.range.to, 'csv')} download>
                Tải CSV
              </a>
              <a className="btn" href={api.reportUrl(report.range.from, report.range.to, 'html')} target="_blank" rel="noopener">
                Mở bản in
              </a>
            </div>
          </div>
          <div data-testid="report">
            <QuestionsSection q={report.questions} />
            <NewsSection n={report.news} />
            <PetitionsSection p={report.petitions} />
            <SatisfactionSection s={report.satisfaction} />
            <SurveySection s={report.satisfaction.survey} />
            <QuizzesSection q={report.quizzes} />
          </div>
        </>
      )}
    </>
  );
}
