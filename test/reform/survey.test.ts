import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../helpers/databases.js';
import { useTestApp, waitFor } from '../helpers/app.js';
import { staffClient, type StaffClient } from '../helpers/staff.js';
import { decodeQrCodes, pdfText } from '../print/pdf-tools.js';
import { exchange, fileByChat, json, newResident, sentTo, textFrom, TestClock } from '../petitions/helpers.js';
import { localDay } from '../../src/messaging/rules.js';

const DAY = 86_400_000;

for (const dialect of dialectCases()) {
  describe(`the satisfaction survey (${dialect.name})`, () => {
    const clock = new TestClock();
    const h = useTestApp({ dialect, clock: clock.now, env: { PUBLIC_BASE_URL: 'https://xa.example.vn' } });
    let desk: StaffClient;
    const dir = mkdtempSync(join(tmpdir(), 'survey-test-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    beforeAll(async () => {
      desk = await staffClient(h.app, ['desk']);
    });

    async function answerAndClose(code: string) {
      // Signed in on the app's (possibly moved) clock.
      desk = await staffClient(h.app, ['desk']);
      const full = await json(await desk.call('GET', `/api/admin/petitions/${code}`));
      await desk.call('POST', `/api/admin/petitions/${full.id}/replies`, { text: 'Xã đã sửa đèn đường thôn 3 ngày 20/11.' });
      const closed = await desk.call('POST', `/api/admin/petitions/${full.id}/close`, {});
      expect(closed.status).toBe(200);
      return full.id as string;
    }

    it('after a petition is closed inside the free window, the resident is invited and answers five criteria by chat', async () => {
      const r = newResident();
      const { code } = await fileByChat(h.app, h.sandbox, clock, r, { content: ['Đèn đường thôn 3 hỏng cả tháng nay, tối đi lại rất nguy hiểm'] });
      const petitionId = await answerAndClose(code);
      const invite = await waitFor(() => sentTo(h.sandbox, r.userId).find((m) => m.text.includes('phiếu đánh giá mức độ hài lòng')), 10_000, 'survey invitation');
      expect(invite.text).toContain(code);
      expect(invite.payloads).toEqual([`#khao-sat ${code}`, '#khao-sat-de-sau']);

      const q1 = (await exchange(h.app, h.sandbox, textFrom(h.sandbox, r, `#khao-sat ${code}`, clock))).find((m) => m.text.includes('Câu 1/5'))!;
      expect(q1.text).toContain('Tiếp cận dịch vụ');
      expect(q1.payloads).toEqual([1, 2, 3, 4, 5].map((n) => `#khao-sat-diem ${n}`));
      // Not a score: asked again.
      expect((await exchange(h.app, h.sandbox, textFrom(h.sandbox, r, 'tạm được', clock))).map((m) => m.text).join('\n')).toContain('chọn một số từ 1 đến 5');
      await exchange(h.app, h.sandbox, textFrom(h.sandbox, r, '#khao-sat-diem 4', clock));
      await exchange(h.app, h.sandbox, textFrom(h.sandbox, r, '5', clock));
      await exchange(h.app, h.sandbox, textFrom(h.sandbox, r, 'số 3', clock));
      const q5 = (await exchange(h.app, h.sandbox, textFrom(h.sandbox, r, '#khao-sat-diem 4', clock))).map((m) => m.text).join('\n');
      expect(q5).toContain('Câu 5/5 – Tiếp nhận, xử lý góp ý, phản ánh');
      const thanks = (await exchange(h.app, h.sandbox, textFrom(h.sandbox, r, '2', clock))).map((m) => m.text).join('\n');
      expect(thanks).toContain('xin cảm ơn ông/bà đã đánh giá');

      const row = await h.app.database.db.selectFrom('survey_responses').selectAll().where('petition_id', '=', petitionId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ source: 'chat', access: 4, procedure: 5, staff: 3, result: 4, feedback: 2 });
      // Once per petition.
      const again = (await exchange(h.app, h.sandbox, textFrom(h.sandbox, r, `#khao-sat ${code}`, clock))).map((m) => m.text).join('\n');
      expect(again).toContain('đã gửi phiếu đánh giá cho phản ánh này rồi');
    });

    it('no invitation outside the free 48 h window (it would be billed); the rating request still follows its own rule', async () => {
      const r = newResident();
      const { code } = await fileByChat(h.app, h.sandbox, clock, r, { content: ['Cống thoát nước đầu ngõ 5 bị tắc, nước tràn ra đường'] });
      clock.advance(3 * DAY);
      try {
        await answerAndClose(code);
        await waitFor(() => sentTo(h.sandbox, r.userId).some((m) => m.text.includes('đánh giá mức độ hài lòng: 1 là')), 10_000, 'rating request');
        const invitations = await h.app.database.db.selectFrom('outbound_messages').select('id').where('user_id', '=', r.userId).where('purpose', '=', 'survey_invitation').execute();
        expect(invitations).toEqual([]);
      } finally {
        clock.reset();
      }
    });

    it('the desk QR code leads to a public form; staff see per-criterion scores and the index by month', async () => {
      const pdf = await desk.call('GET', '/api/admin/survey/qr.pdf');
      expect(pdf.status).toBe(200);
      const file = join(dir, 'qr.pdf');
      writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
      const text = await pdfText(file);
      expect(text).toContain('ÔNG/BÀ HÀI LÒNG CHƯA?');
      expect(text).toContain('Công chức giải quyết công việc');
      // The QR code leads to the commune's own form (its answers count for it).
      expect(await decodeQrCodes(file)).toEqual([`https://xa.example.vn/c/${h.app.communes.first().id}/danh-gia`]);

      const form = await (await fetch(`${h.app.url}/danh-gia`)).text();
      expect(form).toContain('Phiếu đánh giá mức độ hài lòng');
      expect(form).toContain('name="feedback" value="5"');
      const post = (body: Record<string, string>) =>
        fetch(`${h.app.url}/danh-gia`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() });
      const incomplete = await post({ access: '5', procedure: '4' });
      expect(incomplete.status).toBe(400);
      const again = await incomplete.text();
      expect(again).toContain('vui lòng chấm điểm đủ 5 câu');
      expect(again).toContain('name="access" value="5" checked');
      const ok = await post({ access: '5', procedure: '4', staff: '5', result: '5', feedback: '4', comment: 'Cán bộ hướng dẫn nhiệt tình' });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('Xin cảm ơn ông/bà!');

      const summary = await json(await desk.call('GET', '/api/admin/survey/summary'));
      expect(summary.responses).toBe(2);
      expect(summary.bySource).toEqual({ chat: 1, web: 1, miniapp: 0 });
      const byId = Object.fromEntries(summary.criteria.map((c: { id: string; average: number; satisfiedShare: number }) => [c.id, c]));
      expect(byId.access).toMatchObject({ average: 4.5, satisfiedShare: 1 });
      expect(byId.feedback).toMatchObject({ average: 3, satisfiedShare: 0.5 });
      expect(byId.staff).toMatchObject({ average: 4, satisfiedShare: 0.5 });
      // Shares 1, 1, 0.5, 1, 0.5 → 80 %.
      expect(summary.index).toBe(80);
      expect(summary.byMonth).toHaveLength(1);
      expect(summary.byMonth[0]).toMatchObject({ responses: 2, index: 80 });

      // The report's days are Vietnam's: after 17:00 UTC it is already tomorrow there.
      const today = localDay(clock.now());
      const report = await json(await desk.call('GET', `/api/admin/reports?from=${today.slice(0, 8)}01&to=${today}`));
      expect(report.satisfaction.survey).toMatchObject({ responses: 2, index: 80 });
      const csv = await (await desk.call('GET', `/api/admin/reports?from=${today.slice(0, 8)}01&to=${today}&format=csv`)).text();
      expect(csv).toContain('"Phiếu đánh giá hài lòng","Chỉ số hài lòng (% hài lòng và rất hài lòng)","80 %"');
      expect(csv).toContain(`"Chỉ số hài lòng theo tháng","${today.slice(5, 7)}/${today.slice(0, 4)}","80 % (2 phiếu)"`);
    });
  });
}
