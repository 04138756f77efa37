import { Stat } from '../../components/ui';
import { formatNumber, formatPoints, formatShare } from '../../lib/format';
import type { Report } from '../../services/types';
import { Section, Table } from './sections';

const score = (n: number | null) => (n === null ? '—' : `${formatNumber(n)}/5`);
const index = (n: number | null) => formatPoints(n);

/** The satisfaction survey (SIPAS criteria): per criterion and by month. */
export function SurveySection({ s }: { s: Report['satisfaction']['survey'] }) {
  return (
    <Section id="report-survey" title="Phiếu đánh giá mức độ hài lòng">
      <div className="stats small">
        <Stat label="Số phiếu" value={formatNumber(s.responses)} note={`Zalo ${s.bySource.chat} · QR ${s.bySource.web} · Mini App ${s.bySource.miniapp}`} />
        <Stat label="Chỉ số hài lòng" value={index(s.index)} note="tỷ lệ hài lòng và rất hài lòng" />
      </div>
      <div className="report-tables">
        <Table
          title="Theo tiêu chí"
          testId="report-survey-criteria"
          head={[{ label: 'Tiêu chí' }, { label: 'Điểm trung bình', num: true }, { label: 'Hài lòng', num: true }]}
          rows={s.responses ? s.criteria.map((c) => [c.name, score(c.average), c.satisfiedShare === null ? '—' : formatShare(c.satisfiedShare)]) : []}
        />
        <Table
          title="Chỉ số theo tháng"
          testId="report-survey-months"
          head={[{ label: 'Tháng' }, { label: 'Số phiếu', num: true }, { label: 'Chỉ số', num: true }]}
          rows={s.byMonth.map((m) => [`${m.month.slice(5)}/${m.month.slice(0, 4)}`, formatNumber(m.responses), index(m.index)])}
        />
      </div>
    </Section>
  );
}

/** Reform quizzes held in the period and how residents did. */
export function QuizzesSection({ q }: { q: Report['quizzes'] }) {
  return (
    <Section id="report-quizzes" title="Thi tìm hiểu cải cách hành chính">
      <div className="stats small">
        <Stat label="Số cuộc thi" value={formatNumber(q.held)} />
        <Stat label="Lượt dự thi" value={formatNumber(q.attempts)} note={`Zalo ${q.byChat} · Mini App ${q.byMiniApp}`} />
        <Stat label="Tỷ lệ trả lời đúng" value={q.averageShare === null ? '—' : formatShare(q.averageShare)} />
      </div>
      <Table title="Từng cuộc thi" testId="report-quizzes" head={[{ label: 'Cuộc thi' }, { label: 'Lượt dự thi', num: true }]} rows={q.quizzes.map((x) => [x.title, formatNumber(x.attempts)])} />
    </Section>
  );
}
