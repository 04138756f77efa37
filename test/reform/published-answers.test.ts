import { beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../helpers/databases.js';
import { useTestApp } from '../helpers/app.js';
import { staffClient, type StaffClient } from '../helpers/staff.js';
import { fileByChat, json, newResident, TestClock } from '../petitions/helpers.js';

for (const dialect of dialectCases()) {
  describe(`published answers (${dialect.name})`, () => {
    const clock = new TestClock();
    const h = useTestApp({ dialect, clock: clock.now, env: { PUBLIC_BASE_URL: 'https://xa.example.vn' } });
    let desk: StaffClient;
    let id: string;
    let code: string;
    const summary = 'Phản ánh đèn đường trên trục chính thôn Bắc không sáng vào ban đêm.';
    const answer = 'Xã đã thay bóng đèn ngày 20/11/2026. Mọi hư hỏng mới xin báo đường dây nóng 0200 000 0000.';

    beforeAll(async () => {
      desk = await staffClient(h.app, ['desk']);
      const r = newResident();
      ({ code } = await fileByChat(h.app, h.sandbox, clock, r, {
        content: ['Đèn đường trước nhà tôi ở số 12 ngõ 5 không sáng mấy tuần nay'],
        contact: { name: 'Trần Thị Hoa', phone: '84912345678', address: 'Số 12 ngõ 5, thôn Bắc' },
      }));
      id = (await json(await desk.call('GET', `/api/admin/petitions/${code}`))).id;
      await desk.call('POST', `/api/admin/petitions/${id}/replies`, { text: 'Xã đã thay bóng đèn ngày 20/11/2026.' });
    });

    it('publishing refuses what identifies the sender: name, phone, house address, any private number', async () => {
      const publish = (body: { summary: string; answer: string }) => desk.call('POST', `/api/admin/petitions/${id}/publish`, body);
      const cases = [
        { summary: 'Bà Trần Thị Hoa phản ánh đèn đường.', field: 'summary', says: 'họ tên' },
        { summary: 'Phản ánh đèn đường trước số 12 ngõ 5.', field: 'summary', says: 'địa chỉ' },
        { answer: 'Xã đã liên hệ qua số 0912 345 678.', field: 'answer', says: 'số điện thoại' },
        { answer: 'Xã đã nhờ trưởng thôn (0987.654.321) kiểm tra.', field: 'answer', says: 'số điện thoại' },
      ];
      for (const c of cases) {
        const res = await publish({ summary: c.summary ?? summary, answer: c.answer ?? answer });
        expect(res.status, JSON.stringify(c)).toBe(400);
        expect((await json(res)).error.fields[c.field]).toContain(c.says === 'địa chỉ' ? 'địa chỉ' : 'họ tên, số điện thoại');
      }
      // The commune's own hotline may be named; the hamlet (where the problem is) may be said.
      expect((await publish({ summary, answer })).status).toBe(200);
    });

    it('anyone finds it by words, with or without diacritics, in the API, on the public page and in the RSS feed', async () => {
      for (const q of ['đèn đường', 'den duong thon bac', 'DEN']) {
        const found = await json(await fetch(`${h.app.url}/api/petitions/public?q=${encodeURIComponent(q)}`));
        expect(found.total, q).toBe(1);
        expect(found.items[0]).toMatchObject({ code, summary, answer });
      }
      expect((await json(await fetch(`${h.app.url}/api/petitions/public?q=r%C3%A1c+th%E1%BA%A3i`))).total).toBe(0);
      const all = await json(await fetch(`${h.app.url}/api/petitions/public`));
      expect(JSON.stringify(all)).not.toMatch(/Trần Thị Hoa|912345678|ngõ 5/);

      const page = await (await fetch(`${h.app.url}/phan-anh-da-tra-loi?q=den+duong`)).text();
      expect(page).toContain(summary);
      expect(page).toContain('1 câu trả lời');
      expect(page).not.toContain('Trần Thị Hoa');
      const none = await (await fetch(`${h.app.url}/phan-anh-da-tra-loi?q=cau+cong`)).text();
      expect(none).toContain('Chưa có câu trả lời nào phù hợp.');
      const one = await fetch(`${h.app.url}/phan-anh-da-tra-loi/${code}`);
      expect(one.status).toBe(200);
      expect(await one.text()).toContain(answer);

      const feed = await (await fetch(`${h.app.url}/feed.xml`)).text();
      expect(feed).toContain(`<link>https://xa.example.vn/phan-anh-da-tra-loi/${code}</link>`);
      expect(feed).toContain('<category>Trả lời phản ánh, kiến nghị</category>');
      expect(feed).toContain(`Trả lời phản ánh ${code}`);
    });

    it('an unpublished answer leaves the page, the search and the feed', async () => {
      await desk.call('POST', `/api/admin/petitions/${id}/unpublish`, {});
      expect((await json(await fetch(`${h.app.url}/api/petitions/public?q=den`))).total).toBe(0);
      expect((await fetch(`${h.app.url}/phan-anh-da-tra-loi/${code}`)).status).toBe(404);
      expect(await (await fetch(`${h.app.url}/feed.xml`)).text()).not.toContain(code);
    });
  });
}
