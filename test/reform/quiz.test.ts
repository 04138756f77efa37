import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../helpers/databases.js';
import { useTestApp } from '../helpers/app.js';
import { staffClient, type StaffClient } from '../helpers/staff.js';
import { exchange, json, newResident, textFrom, TestClock } from '../petitions/helpers.js';
import { localDay } from '../../src/messaging/rules.js';

const QUIZ = {
  title: 'Tìm hiểu thủ tục hộ tịch năm 2026',
  intro: 'Ba câu hỏi ngắn về đăng ký khai sinh và kết hôn.',
  questions: [
    {
      text: 'Đăng ký kết hôn làm ở đâu?',
      choices: ['UBND cấp xã nơi cư trú của một trong hai bên', 'Tòa án nhân dân', 'Công an tỉnh'],
      answer: 0,
      explanation: 'Hai bên nộp hồ sơ tại UBND cấp xã nơi một trong hai người cư trú.',
      procedureId: 'dang-ky-ket-hon',
    },
    {
      text: 'Có nộp hồ sơ đăng ký khai sinh trực tuyến được không?',
      choices: ['Không bao giờ', 'Có, qua Cổng Dịch vụ công'],
      answer: 1,
      explanation: 'Đăng ký khai sinh có thể nộp trên Cổng Dịch vụ công.',
    },
    {
      text: 'Mỗi người được dự thi mấy lần?',
      choices: ['Một lần', 'Ba lần', 'Không giới hạn', 'Mỗi ngày một lần'],
      answer: 0,
      explanation: 'Mỗi người một lần, qua Zalo hoặc Mini App.',
    },
  ],
};

for (const dialect of dialectCases()) {
  describe(`reform quizzes (${dialect.name})`, () => {
    const clock = new TestClock();
    const h = useTestApp({ dialect, clock: clock.now });
    let editor: StaffClient;
    let approver: StaffClient;
    let quizId: string;

    beforeAll(async () => {
      editor = await staffClient(h.app, ['editor']);
      approver = await staffClient(h.app, ['approver']);
    });

    it('staff write, check and open a quiz; other roles cannot', async () => {
      const bad = await editor.call('POST', '/api/admin/quizzes', {
        ...QUIZ,
        questions: [{ ...QUIZ.questions[0], answer: 5 }, { ...QUIZ.questions[1], procedureId: 'khong-co-thu-tuc-nay' }],
      });
      expect(bad.status).toBe(400);
      const badBody = await json(bad);
      expect(JSON.stringify(badBody.error.fields)).toContain('Đáp án đúng phải là một trong các phương án.');

      const unknownLink = await editor.call('POST', '/api/admin/quizzes', { ...QUIZ, questions: [{ ...QUIZ.questions[1], procedureId: 'khong-co-thu-tuc-nay' }] });
      expect(unknownLink.status).toBe(400);
      expect((await json(unknownLink)).error.fields['questions.0.procedureId']).toBe('Thủ tục không có trong danh mục.');

      const desk = await staffClient(h.app, ['desk']);
      expect((await desk.call('POST', '/api/admin/quizzes', QUIZ)).status).toBe(403);
      expect((await approver.call('POST', '/api/admin/quizzes', QUIZ)).status).toBe(403);

      const created = await editor.call('POST', '/api/admin/quizzes', QUIZ);
      expect(created.status).toBe(201);
      quizId = (await json(created)).id;
      // Not visible to residents while a draft.
      expect((await json(await fetch(`${h.app.url}/api/quizzes`))).items).toEqual([]);
      const opened = await json(await approver.call('POST', `/api/admin/quizzes/${quizId}/open`));
      expect(opened.status).toBe('open');
      // Questions cannot change once residents may have answered.
      expect((await editor.call('PUT', `/api/admin/quizzes/${quizId}`, QUIZ)).status).toBe(409);
    });

    it('a resident answers by chat with buttons and typed numbers, sees the score and explanations, once', async () => {
      const r = newResident();
      const first = await exchange(h.app, h.sandbox, textFrom(h.sandbox, r, 'tôi muốn thi tìm hiểu', clock));
      const q1 = first.find((m) => m.text.includes('Câu 1/3'))!;
      expect(q1.text).toContain(QUIZ.title);
      expect(q1.text).toContain('1. UBND cấp xã nơi cư trú của một trong hai bên');
      expect(q1.payloads).toEqual(['#thi-dap-an 1', '#thi-dap-an 2', '#thi-dap-an 3', '#thi-dung']);

      // A message that is not an answer: asked again, nothing recorded.
      const again = await exchange(h.app, h.sandbox, textFrom(h.sandbox, r, 'ờ để xem', clock));
      expect(again.map((m) => m.text).join('\n')).toContain('vui lòng chọn một đáp án từ 1 đến 3');
      expect(again.map((m) => m.text).join('\n')).toContain('Câu 1/3');

      const q2 = await exchange(h.app, h.sandbox, textFrom(h.sandbox, r, '#thi-dap-an 1', clock));
      expect(q2.map((m) => m.text).join('\n')).toContain('Câu 2/3');
      const q3 = await exchange(h.app, h.sandbox, textFrom(h.sandbox, r, 'số 1', clock)); // wrong: the right one is 2
      expect(q3.map((m) => m.text).join('\n')).toContain('Câu 3/3');
      const done = (await exchange(h.app, h.sandbox, textFrom(h.sandbox, r, '1', clock))).map((m) => m.text).join('\n');
      expect(done).toContain('đúng 2/3 câu');
      expect(done).toContain('❌ Câu 2. Đáp án đúng: Có, qua Cổng Dịch vụ công.');
      expect(done).toContain('Hai bên nộp hồ sơ tại UBND cấp xã');
      expect(done).toMatch(/Đăng ký kết hôn: http:\/\/[^\s]+\/thu-tuc\/dang-ky-ket-hon/);

      // One attempt: starting again says so.
      const twice = (await exchange(h.app, h.sandbox, textFrom(h.sandbox, r, 'cuộc thi', clock))).map((m) => m.text).join('\n');
      expect(twice).toContain('đã tham gia cuộc thi');
      expect(twice).toContain('2/3');

      // The same person in the Mini App (the app-scoped id Zalo sent with the chat) cannot answer again.
      const token = h.sandbox.issueUserAccessToken(r.appUserId);
      const view = await json(await fetch(`${h.app.url}/api/quizzes/${quizId}`, { headers: { 'x-zalo-access-token': token } }));
      expect(view.attempt).toMatchObject({ score: 2, total: 3 });
      const retry = await fetch(`${h.app.url}/api/quizzes/${quizId}/attempts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-zalo-access-token': token },
        body: JSON.stringify({ answers: [0, 1, 0] }),
      });
      expect(retry.status).toBe(409);
    });

    it('a resident answers in the Mini App: no answers leak before, score and explanations after, one attempt', async () => {
      const list = await json(await fetch(`${h.app.url}/api/quizzes`));
      expect(list.items).toEqual([expect.objectContaining({ id: quizId, title: QUIZ.title, questions: 3 })]);
      const view = await json(await fetch(`${h.app.url}/api/quizzes/${quizId}`));
      expect(JSON.stringify(view)).not.toMatch(/"answer"|explanation|Hai bên nộp/);
      expect(view.attempt).toBeNull();

      const post = (body: unknown, token?: string) =>
        fetch(`${h.app.url}/api/quizzes/${quizId}/attempts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { 'x-zalo-access-token': token } : {}) },
          body: JSON.stringify(body),
        });
      expect((await post({ answers: [0, 1, 0] })).status).toBe(401);
      const token = h.sandbox.issueUserAccessToken(newResident().appUserId);
      const short = await post({ answers: [0] }, token);
      expect(short.status).toBe(400);
      expect((await json(short)).error.fields.answers).toBe('Vui lòng trả lời đủ 3 câu hỏi.');
      expect((await post({ answers: [0, 7, 0] }, token)).status).toBe(400);
      const res = await post({ answers: [0, 1, 0] }, token);
      expect(res.status).toBe(201);
      const result = await json(res);
      expect(result).toMatchObject({ score: 3, total: 3 });
      expect(result.items[0]).toMatchObject({ right: true, explanation: QUIZ.questions[0]!.explanation, link: { url: expect.stringMatching(/\/thu-tuc\/dang-ky-ket-hon$/) } });
      expect((await post({ answers: [0, 1, 0] }, token)).status).toBe(409);
    });

    it('staff see participation and results, export them, and the report counts them; a closed quiz takes no answers', async () => {
      const detail = await json(await approver.call('GET', `/api/admin/quizzes/${quizId}`));
      expect(detail.results).toMatchObject({ participants: 2, byChannel: { zalo: 1, miniapp: 1 }, averageScore: 2.5 });
      expect(detail.results.perQuestion.map((q: { correct: number }) => q.correct)).toEqual([2, 1, 2]);

      const xlsx = await editor.call('GET', `/api/admin/quizzes/${quizId}/results.xlsx`);
      expect(xlsx.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Theo câu hỏi', 'Bài dự thi']);
      const attempts = wb.getWorksheet('Bài dự thi')!;
      expect(attempts.rowCount).toBe(3);
      expect(attempts.getRow(2).getCell(4).value).toBe('2/3');
      // Nobody's Zalo id is in the file.
      const cells = wb.worksheets.flatMap((w) => w.getSheetValues().flat().map(String)).join(' ');
      expect(cells).not.toMatch(/\d{15,}/);

      // The report's days are Vietnam's: after 17:00 UTC it is already tomorrow there.
      const today = localDay(clock.now());
      const report = await json(await editor.call('GET', `/api/admin/reports?from=${today.slice(0, 8)}01&to=${today}`));
      expect(report.quizzes).toMatchObject({ held: 1, attempts: 2, byChat: 1, byMiniApp: 1 });
      const csv = await (await editor.call('GET', `/api/admin/reports?from=${today.slice(0, 8)}01&to=${today}&format=csv`)).text();
      expect(csv).toContain('"Thi tìm hiểu cải cách hành chính","Lượt dự thi","2"');

      await editor.call('POST', `/api/admin/quizzes/${quizId}/close`);
      const r = newResident();
      const closed = (await exchange(h.app, h.sandbox, textFrom(h.sandbox, r, 'thi tìm hiểu', clock))).map((m) => m.text).join('\n');
      expect(closed).toContain('chưa mở cuộc thi');
      // A longer question that mentions a contest is the assistant's, not the quiz's.
      const question = (await exchange(h.app, h.sandbox, textFrom(h.sandbox, r, 'cho tôi hỏi cuộc thi tuyển công chức xã năm nay nộp hồ sơ ở đâu', clock))).map((m) => m.text).join('\n');
      expect(question).not.toContain('cuộc thi tìm hiểu');
      expect(question).not.toContain('chưa mở cuộc thi');
      const token = h.sandbox.issueUserAccessToken(r.appUserId);
      const late = await fetch(`${h.app.url}/api/quizzes/${quizId}/attempts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-zalo-access-token': token },
        body: JSON.stringify({ answers: [0, 1, 0] }),
      });
      expect(late.status).toBe(409);
    });
  });
}
