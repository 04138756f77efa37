import { adoptSeededRows } from '../helpers/seed.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import type { RunningApp } from '../../src/main.js';
import type { Executor } from '../../src/store/database.js';
import type { Report } from '../../src/insights/report.js';
import { dialectCases, type TestDatabase } from '../helpers/databases.js';
import { startTestApp } from '../helpers/app.js';
import { staffClient, type StaffClient } from '../helpers/staff.js';

// A known month: March 2026 (Vietnam time). Every figure below follows from this seed.
const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 2, day, hour - 7)).toISOString();
const OUTSIDE = new Date(Date.UTC(2026, 3, 2, 3)).toISOString(); // 2 April: outside the range

async function seedMonth(db: Executor): Promise<void> {
  const q = (text: string, intent: string, confidence: number, top: string | null, when: string, helpful?: 0 | 1) => {
    const id = randomUUID();
    return { row: { id, channel: 'zalo', user_ref: 'u', text, intent, top_procedure: top, confidence, created_at: when }, helpful, id };
  };
  const questions = [
    q('đăng ký kết hôn', 'procedure', 0.9, 'dang-ky-ket-hon', at(2), 1),
    q('dang ky ket hon can gi', 'procedure', 0.85, 'dang-ky-ket-hon', at(3), 1),
    q('kết hôn mất bao lâu', 'procedure', 0.8, 'dang-ky-ket-hon', at(4), 0),
    q('làm giấy khai sinh', 'procedure', 0.9, 'dang-ky-khai-sinh', at(5), 1),
    q('sổ đỏ', 'procedure', 0.2, 'cap-doi-gcn', at(6)),
    q('giá vàng hôm nay', 'out_of_scope', 0.5, null, at(7)),
    q('giá vàng hôm nay bao nhiêu', 'out_of_scope', 0.5, null, at(8)),
    q('số đường dây nóng', 'hotline', 0.9, null, at(9)),
    q('ngoài tháng', 'procedure', 0.9, 'dang-ky-ket-hon', OUTSIDE, 1),
  ];
  await db.insertInto('questions').values(questions.map((x) => x.row)).execute();
  for (const x of questions) {
    if (x.helpful !== undefined) {
      await db.insertInto('answer_ratings').values({ question_id: x.id, procedure_id: x.row.top_procedure, helpful: x.helpful, created_at: x.row.created_at }).execute();
    }
  }

  // Two announcements published in March: 5 deliveries (3 sent, 1 by digest, 1 failed); one in April.
  for (const [id, published] of [['a1', at(10)], ['a2', at(20)], ['a3', OUTSIDE]] as const) {
    await db.insertInto('announcements').values({
      id, title: id, summary: 's', body: 'b', topic: 'cai-cach-hanh-chinh', link_url: null, image_url: null, status: 'sent', author_id: 'x', approver_id: 'y',
      reject_reason: null, scheduled_at: published, published_at: published, fanout_lease_until: null, created_at: published, updated_at: published,
    }).execute();
  }
  const delivery = async (a: string, user: string, status: 'queued' | 'digest_delivered', outbound?: 'sent' | 'failed') => {
    await db.insertInto('deliveries').values({ announcement_id: a, user_id: user, status, created_at: at(10), updated_at: at(10) }).execute();
    if (outbound) {
      await db.insertInto('outbound_messages').values({
        id: randomUUID(), dedupe_key: `news:${a}:${user}`, user_id: user, purpose: 'news', message: '{}', status: outbound, attempts: 1,
        next_attempt_at: at(10), lease_until: null, zalo_message_id: null, last_error: null, created_at: at(10), sent_at: null, attempt_started_at: null,
      }).execute();
    }
  };
  await delivery('a1', 'u1', 'queued', 'sent');
  await delivery('a1', 'u2', 'queued', 'sent');
  await delivery('a1', 'u3', 'digest_delivered');
  await delivery('a2', 'u1', 'queued', 'sent');
  await delivery('a2', 'u2', 'queued', 'failed');
  await delivery('a3', 'u1', 'queued', 'sent');

  // Petitions received in March: 3 in "thủ tục hành chính" (2 answered in 2 and 4 days, 1 overdue unanswered),
  // 1 in "hạ tầng – môi trường" answered late (due 5 March, answered 10 March). One rating of 4, one of 2.
  const p = (code: string, category: string, name: string, created: string, due: string, answered: string | null, rating: number | null) => ({
    id: randomUUID(), code, channel: 'zalo' as const, submission_key: null, category, category_name: name, content: 'nội dung', attachments: '[]',
    contact_name: null, contact_phone: null, contact_address: null, zalo_user_id: null, app_user_id: null,
    status: answered ? ('closed' as const) : ('received' as const), assignee_id: null, due_date: due.slice(0, 10), due_at: due, out_of_scope_reason: null,
    public_summary: null, public_answer: null, published_at: null, rating, rated_at: rating ? answered : null,
    created_at: created, updated_at: created, answered_at: answered, closed_at: answered, handled_by: 'desk' as const,
  });
  await db.insertInto('petitions').values([
    p('PA-2026-000001', 'thu-tuc-hanh-chinh', 'Thủ tục hành chính', at(2), at(16, 23), at(4), 4),
    p('PA-2026-000002', 'thu-tuc-hanh-chinh', 'Thủ tục hành chính', at(3), at(17, 23), at(7), 2),
    p('PA-2026-000003', 'thu-tuc-hanh-chinh', 'Thủ tục hành chính', at(10), at(24, 23), null, null),
    p('PA-2026-000004', 'ha-tang-moi-truong', 'Hạ tầng – môi trường', at(1), at(5, 23), at(10), null),
    p('PA-2026-000005', 'khac', 'Khác', OUTSIDE, OUTSIDE, null, null),
  ]).execute();
  await adoptSeededRows(db);
}

for (const dialect of dialectCases()) {
  describe(`the periodic report (${dialect.name})`, () => {
    let sandbox: ZaloSandbox;
    let target: TestDatabase;
    let app: RunningApp;
    let staff: StaffClient;

    beforeAll(async () => {
      sandbox = await startZaloSandbox();
      target = await dialect.create();
      // "Now" is 1 April 2026: the unanswered March petition is overdue.
      app = await startTestApp({ sandbox, databaseUrl: target.url, clock: () => new Date('2026-04-01T03:00:00Z'), workers: false });
      await seedMonth(app.database.db);
      staff = await staffClient(app, ['editor', 'desk']);
    });
    afterAll(async () => {
      await app?.close();
      await sandbox?.close();
      await target?.cleanup();
    });

    it('computes every figure for the month', async () => {
      const res = await staff.call('GET', '/api/admin/reports?from=2026-03-01&to=2026-03-31');
      expect(res.status).toBe(200);
      const r = (await res.json()) as Report;
      expect(r.questions).toMatchObject({ total: 8, answeredWell: 4, unanswered: 4, answeredWellShare: 0.5, unansweredShare: 0.5 });
      expect(r.questions.topProcedures).toEqual([
        { id: 'dang-ky-ket-hon', name: 'Đăng ký kết hôn', count: 3 },
        { id: 'dang-ky-khai-sinh', name: 'Đăng ký khai sinh', count: 1 },
        // Asked about even when the assistant was unsure which procedure it was.
        { id: 'cap-doi-gcn', name: 'Cấp đổi Giấy chứng nhận quyền sử dụng đất', count: 1 },
      ]);
      expect(r.questions.topGaps[0]).toEqual({ text: expect.stringContaining('giá vàng hôm nay'), count: 2 });
      expect(r.news).toEqual({ published: 2, deliveries: 5, sent: 3, byDigest: 1, notReached: 1 });
      expect(r.petitions).toMatchObject({ received: 4, answered: 3, overdue: 2, averageDaysToAnswer: 5 });
      const admin = r.petitions.byCategory.find((c) => c.category === 'thu-tuc-hanh-chinh')!;
      expect(admin).toEqual({ category: 'thu-tuc-hanh-chinh', name: 'Thủ tục hành chính', received: 3, answered: 2, overdue: 1, averageDaysToAnswer: 3 });
      const infra = r.petitions.byCategory.find((c) => c.category === 'ha-tang-moi-truong')!;
      expect(infra).toMatchObject({ received: 1, answered: 1, overdue: 1, averageDaysToAnswer: 9 });
      expect(r.satisfaction.answers).toEqual({ helpful: 3, notHelpful: 1, helpfulShare: 0.75 });
      expect(r.satisfaction.byField).toEqual([{ field: 'ho_tich', name: 'Hộ tịch', helpful: 3, notHelpful: 1, helpfulShare: 0.75 }]);
      expect(r.satisfaction.byProcedure.find((p) => p.id === 'dang-ky-ket-hon')).toMatchObject({ helpful: 2, notHelpful: 1 });
      expect(r.satisfaction.petitions).toEqual({ ratings: 2, average: 3 });
    });

    it('exports the same figures as XLSX', async () => {
      const res = await staff.call('GET', '/api/admin/reports?from=2026-03-01&to=2026-03-31&format=xlsx');
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
      const sheet = wb.getWorksheet('Tổng hợp')!;
      const value = (section: string, label: string) => {
        let found: unknown;
        sheet.eachRow((row) => {
          if (row.getCell(1).value === section && row.getCell(2).value === label) found = row.getCell(3).value;
        });
        return found;
      };
      expect(value('Câu hỏi', 'Tổng số câu hỏi')).toBe(8);
      expect(value('Câu hỏi', 'Tỷ lệ trả lời tốt')).toBe('50 %');
      expect(value('Tin tức', 'Đã gửi qua Zalo')).toBe(3);
      expect(value('Tin tức', 'Nhận qua bản tin tóm tắt')).toBe(1);
      expect(value('Tin tức', 'Chưa tới được')).toBe(1);
      expect(value('Phản ánh, kiến nghị', 'Tiếp nhận')).toBe(4);
      expect(value('Phản ánh, kiến nghị', 'Quá hạn')).toBe(2);
      expect(value('Phản ánh, kiến nghị', 'Thời gian trả lời trung bình (ngày)')).toBe('5');
      expect(value('Mức độ hài lòng', 'Điểm trung bình phản ánh (1–5)')).toBe('3');
      const petitions = wb.getWorksheet('Phản ánh theo nhóm')!;
      expect(petitions.getRow(2).values).toEqual([undefined, 'Thủ tục hành chính', 3, 2, 1, 3]);
    });

    it('gives the dashboard figures', async () => {
      const res = await staff.call('GET', '/api/admin/dashboard');
      // Open: the unanswered March petition and the April one; overdue: only the March one.
      expect(await res.json()).toMatchObject({ openPetitions: 2, overduePetitions: 1, scheduledNews: 0 });
    });

    it('exports CSV and a printable page, and refuses a bad range', async () => {
      const bytes = Buffer.from(await (await staff.call('GET', '/api/admin/reports?from=2026-03-01&to=2026-03-31&format=csv')).arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const csv = bytes.toString('utf8');
      expect(csv).toContain('"Tin tức","Đã gửi qua Zalo","3"');
      const page = await (await staff.call('GET', '/api/admin/reports?from=2026-03-01&to=2026-03-31&format=html')).text();
      expect(page).toContain('BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH');
      const bad = await staff.call('GET', '/api/admin/reports?from=2026-03-31&to=2026-03-01');
      expect(bad.status).toBe(400);
    });
  });
}
