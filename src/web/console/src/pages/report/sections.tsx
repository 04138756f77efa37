import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Stat } from '../../components/ui';
import { formatNumber, formatShare } from '../../lib/format';
import type { Report } from '../../services/types';

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel report-section" aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** A small table with a heading, or a line saying there is nothing for the period. */
export function Table({ title, head, rows, testId }: { title: string; head: Array<{ label: string; num?: boolean }>; rows: ReactNode[][]; testId: string }) {
  return (
    <div className="report-table">
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">Chưa có số liệu trong khoảng thời gian này.</p>
      ) : (
        <table className="table" data-testid={testId}>
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h.label} className={h.num ? 'num' : undefined} scope="col">
                  {h.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((cells, i) => (
              <tr key={i}>
                {cells.map((c, j) => (
                  <td key={j} className={head[j]?.num ? 'num' : undefined}>
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const days = (n: number | null) => (n === null ? '—' : `${formatNumber(n)} ngày`);

export function QuestionsSection({ q }: { q: Report['questions'] }) {
  return (
    <Section id="report-questions" title="Câu hỏi của người dân">
      <div className="stats small">
        <Stat label="Tổng số câu hỏi" value={formatNumber(q.total)} />
        <Stat label="Trả lời tốt" value={formatShare(q.answeredWellShare)} note={`${formatNumber(q.answeredWell)} câu`} />
        <Stat label="Chưa trả lời được" value={formatShare(q.unansweredShare)} note={`${formatNumber(q.unanswered)} câu`} />
      </div>
      <div className="report-tables">
        <Table
          title="Thủ tục được hỏi nhiều nhất"
          testId="report-top-procedures"
          head={[{ label: 'Thủ tục' }, { label: 'Số câu hỏi', num: true }]}
          rows={q.topProcedures.map((p) => [p.name, formatNumber(p.count)])}
        />
        <Table
          title="Câu hỏi chưa trả lời được nhiều nhất"
          testId="report-top-gaps"
          head={[{ label: 'Câu hỏi' }, { label: 'Số lần', num: true }]}
          rows={q.topGaps.map((g) => [g.text, formatNumber(g.count)])}
        />
      </div>
      {q.topGaps.length > 0 && (
        <p>
          <Link to="/cau-hoi">Xử lý câu hỏi chưa trả lời được →</Link>
        </p>
      )}
    </Section>
  );
}

export function NewsSection({ n }: { n: Report['news'] }) {
  return (
    <Section id="report-news" title="Tin cải cách hành chính">
      <div className="stats small">
        <Stat label="Tin đã đăng" value={formatNumber(n.published)} />
        <Stat label="Lượt gửi tới người theo dõi" value={formatNumber(n.deliveries)} />
        <Stat label="Đã gửi qua Zalo" value={formatNumber(n.sent)} />
        <Stat label="Nhận qua bản tin tóm tắt" value={formatNumber(n.byDigest)} />
        <Stat label="Chưa tới được" value={formatNumber(n.notReached)} />
      </div>
    </Section>
  );
}

export function PetitionsSection({ p }: { p: Report['petitions'] }) {
  return (
    <Section id="report-petitions" title="Phản ánh, kiến nghị">
      <div className="stats small">
        <Stat label="Tiếp nhận" value={formatNumber(p.received)} />
        <Stat label="Đã trả lời" value={formatNumber(p.answered)} />
        <Stat label="Quá hạn" value={formatNumber(p.overdue)} tone={p.overdue > 0 ? 'bad' : undefined} />
        <Stat label="Thời gian trả lời trung bình" value={days(p.averageDaysToAnswer)} />
      </div>
      <Table
        title="Theo nhóm phản ánh"
        testId="report-petition-categories"
        head={[{ label: 'Nhóm' }, { label: 'Tiếp nhận', num: true }, { label: 'Đã trả lời', num: true }, { label: 'Quá hạn', num: true }, { label: 'Trả lời trung bình', num: true }]}
        rows={p.byCategory.map((c) => [c.name, formatNumber(c.received), formatNumber(c.answered), formatNumber(c.overdue), days(c.averageDaysToAnswer)])}
      />
    </Section>
  );
}

export function SatisfactionSection({ s }: { s: Report['satisfaction'] }) {
  const rated = s.answers.helpful + s.answers.notHelpful;
  const head = [{ label: '' }, { label: 'Hữu ích', num: true }, { label: 'Chưa hữu ích', num: true }, { label: 'Tỷ lệ hữu ích', num: true }];
  const row = (name: string, r: { helpful: number; notHelpful: number; helpfulShare: number }) => [name, formatNumber(r.helpful), formatNumber(r.notHelpful), formatShare(r.helpfulShare)];
  return (
    <Section id="report-satisfaction" title="Mức độ hài lòng">
      <div className="stats small">
        <Stat label="Câu trả lời được chấm hữu ích" value={rated ? formatShare(s.answers.helpfulShare) : '—'} note={`${formatNumber(s.answers.helpful)}/${formatNumber(rated)} lượt đánh giá`} />
        <Stat
          label="Điểm trung bình phản ánh"
          value={s.petitions.average === null ? '—' : `${formatNumber(s.petitions.average)}/5`}
          note={`${formatNumber(s.petitions.ratings)} lượt chấm`}
        />
      </div>
      <div className="report-tables">
        <Table title="Theo lĩnh vực" testId="report-satisfaction-fields" head={[{ ...head[0]!, label: 'Lĩnh vực' }, ...head.slice(1)]} rows={s.byField.map((f) => row(f.name, f))} />
        <Table title="Theo thủ tục" testId="report-satisfaction-procedures" head={[{ ...head[0]!, label: 'Thủ tục' }, ...head.slice(1)]} rows={s.byProcedure.map((p) => row(p.name, p))} />
      </div>
    </Section>
  );
}
