import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { dialectCases } from '../helpers/databases.js';
import { LogCapture, useTestApp } from '../helpers/app.js';
import { staffClient } from '../helpers/staff.js';
import { exchange, json, lookup, newIp, newResident, submitForm, textFrom, TestClock } from './helpers.js';

const valid = { category: 'thai-do-phuc-vu', content: 'Cán bộ tiếp nhận hồ sơ yêu cầu nộp thêm giấy tờ không có trong quy định.', name: 'Phạm Thị Dung', phone: '0912 345 678' };

for (const dialect of dialectCases()) {
  describe(`petitions by form (${dialect.name})`, () => {
    const clock = new TestClock();
    const logs = new LogCapture();
    // Behind its proxy: each test client gets its own address through X-Forwarded-For.
    const h = useTestApp({ dialect, clock: clock.now, logs, env: { TRUST_PROXY: 'loopback' } });
    const count = async () => Number((await h.app.database.db.selectFrom('petitions').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);

    afterEach(() => clock.reset());

    it('lists the categories with their deadline and its legal source', async () => {
      const body = await json(await fetch(`${h.app.url}/api/petitions/categories`));
      expect(body.items).toHaveLength(4);
      expect(body.items[0]).toEqual({ id: 'thu-tuc-hanh-chinh', name: 'Thủ tục hành chính', answerDays: 10, legalSource: expect.stringContaining('Quy chế') });
    });

    it('serves the picture of the chat\'s contact card', async () => {
      const res = await fetch(`${h.app.url}/petitions/contact-card.png`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await res.arrayBuffer()).subarray(1, 4).toString('ascii')).toBe('PNG');
    });

    it('rejects bad input with 400 and Vietnamese field errors, storing nothing', async () => {
      const before = await count();
      const ip = newIp();
      const res = await submitForm(h.app, { category: 'xyz', content: 'ngắn', phone: '12345', name: 'x'.repeat(101) }, { ip });
      expect(res.status).toBe(400);
      const body = await json(res);
      expect(body.error.code).toBe('invalid');
      expect(body.error.fields).toEqual({
        category: 'Loại phản ánh không hợp lệ, vui lòng chọn lại.',
        content: 'Nội dung phản ánh cần ít nhất 10 ký tự: việc gì, ở đâu, từ khi nào.',
        name: 'Họ tên tối đa 100 ký tự.',
        phone: 'Số điện thoại không hợp lệ (ví dụ: 0912345678).',
      });
      const missing = await json(await submitForm(h.app, {}, { ip }));
      expect(missing.error.fields).toEqual({ category: 'Vui lòng chọn loại phản ánh.', content: 'Vui lòng nhập nội dung phản ánh.' });
      const notJson = await fetch(`${h.app.url}/api/petitions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: '{oops' });
      expect(notJson.status).toBe(400);
      expect(await count()).toBe(before);
      expect(await h.app.database.db.selectFrom('petition_counters').selectAll().execute()).toHaveLength(before === 0 ? 0 : 1);
    });

    it('takes an anonymous form: code and deadline; the code shows only public fields', async () => {
      const res = await submitForm(h.app, valid, { ip: newIp() });
      expect(res.status).toBe(201);
      const body = await json(res);
      expect(body.code).toMatch(/^PA-\d{4}-\d{6}$/);
      expect(body.deadline.text).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      expect(body.message).toContain(body.code);
      const row = await h.app.database.db.selectFrom('petitions').selectAll().where('code', '=', body.code).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ channel: 'web', contact_phone: '0912345678', app_user_id: null, zalo_user_id: null });
      const seen = await json(await lookup(h.app, body.code));
      expect(seen).toMatchObject({ kind: 'petition', code: body.code, owner: false, status: 'received', statusText: 'Đã tiếp nhận', category: { name: 'Thái độ phục vụ của cán bộ' } });
      expect(JSON.stringify(seen)).not.toMatch(/Phạm Thị Dung|345678|giấy tờ không có/);
    });

    it('verifies a Mini App user: the owner reads everything, another user only public fields', async () => {
      const owner = newResident();
      const token = h.sandbox.issueUserAccessToken(owner.appUserId, { name: 'Phạm Thị Dung' });
      const created = await json(await submitForm(h.app, { ...valid, clientRequestId: randomUUID() }, { token, ip: newIp() }));
      const row = await h.app.database.db.selectFrom('petitions').selectAll().where('code', '=', created.code).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ channel: 'miniapp', app_user_id: owner.appUserId });

      const mine = await json(await lookup(h.app, created.code, { token }));
      expect(mine).toMatchObject({ owner: true, content: valid.content, contact: { name: 'Phạm Thị Dung', phone: '0912345678' }, replies: [] });
      const list = await json(await fetch(`${h.app.url}/api/petitions/mine`, { headers: { 'x-zalo-access-token': token } }));
      expect(list.items.map((i: { code: string }) => i.code)).toEqual([created.code]);

      const stranger = h.sandbox.issueUserAccessToken(newResident().appUserId);
      const theirs = await json(await lookup(h.app, created.code, { token: stranger }));
      expect(theirs.owner).toBe(false);
      expect(JSON.stringify(theirs)).not.toMatch(/Phạm Thị Dung|345678|giấy tờ không có/);

      // A complaint about the staff goes to the commune's leaders, not the desk it is about.
      const desk = await staffClient(h.app, ['desk']);
      expect((await desk.call('GET', `/api/admin/petitions/${created.code}`)).status).toBe(404);
      // Linked to the chat once the same person writes to the OA: the leader's reply reaches them there.
      const leader = await staffClient(h.app, ['leader']);
      const reply = await json(await leader.call('POST', `/api/admin/petitions/${created.code}/replies`, { text: 'Xã đã nhắc nhở cán bộ và xin lỗi ông/bà.' }));
      expect(reply.replies[0].delivery).toBe('awaiting_interaction');
      const chat = await exchange(h.app, h.sandbox, textFrom(h.sandbox, owner, 'alo', clock));
      expect(chat[0]!.text).toContain('Xã đã nhắc nhở cán bộ');
      const linked = await h.app.database.db.selectFrom('petitions').select('zalo_user_id').where('code', '=', created.code).executeTakeFirstOrThrow();
      expect(linked.zalo_user_id).toBe(owner.userId);
    });

    it('answers the same client request twice with the same code', async () => {
      const ip = newIp();
      const body = { ...valid, clientRequestId: randomUUID() };
      const first = await submitForm(h.app, body, { ip });
      const second = await submitForm(h.app, body, { ip });
      expect(first.status).toBe(201);
      expect(second.status).toBe(200);
      expect((await json(second)).code).toBe((await json(first)).code);
    });

    it('refuses a token Zalo rejects (401) and asks to retry when Zalo is down (503), storing nothing', async () => {
      const before = await count();
      const bad = await submitForm(h.app, valid, { token: 'not-a-zalo-token', ip: newIp() });
      expect(bad.status).toBe(401);
      expect((await json(bad)).error.message).toContain('Phiên đăng nhập Zalo');
      h.sandbox.failNext(1, 'http_500', 'graph');
      const down = await submitForm(h.app, valid, { token: h.sandbox.issueUserAccessToken(newResident().appUserId), ip: newIp() });
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('30');
      expect(await count()).toBe(before);
    });

    it('rate-limits the form per IP and per Zalo user', async () => {
      const ip = newIp();
      for (let i = 0; i < 20; i++) expect((await submitForm(h.app, valid, { ip })).status).toBe(201);
      const limited = await submitForm(h.app, valid, { ip });
      expect(limited.status).toBe(429);
      expect((await json(limited)).error.message).toContain('gửi nhiều phản ánh');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

      const token = h.sandbox.issueUserAccessToken(newResident().appUserId);
      for (let i = 0; i < 5; i++) expect((await submitForm(h.app, valid, { token, ip: newIp() })).status).toBe(201);
      expect((await submitForm(h.app, valid, { token, ip: newIp() })).status).toBe(429);
    });

    it('answers an unknown code, a malformed code and a dossier code clearly', async () => {
      const unknown = await lookup(h.app, 'PA-2019-000777');
      expect(unknown.status).toBe(404);
      expect((await json(unknown)).error.message).toBe('Không tìm thấy phản ánh có mã PA-2019-000777. Ông/bà vui lòng kiểm tra lại mã.');
      const malformed = await lookup(h.app, 'abc');
      expect(malformed.status).toBe(400);
      expect((await json(malformed)).error.fields.code).toBe('Mã phản ánh có dạng PA-2026-000123.');
      const dossier = await json(await lookup(h.app, '000.00.12.H12-250101-0001'));
      expect(dossier).toMatchObject({ kind: 'dossier', lookupUrl: 'https://dichvucong.gov.vn' });
    });

    it('stores 1,000 concurrent submissions, each with its own code', async () => {
      const before = await count();
      const responses = await Promise.all(
        Array.from({ length: 1000 }, (_, i) => submitForm(h.app, { category: 'khac', content: `Kiến nghị số ${i} về lịch tiếp công dân` }, { ip: newIp() })),
      );
      expect(responses.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
      const codes = await Promise.all(responses.map(async (r) => (await json(r)).code as string));
      expect(new Set(codes).size).toBe(1000);
      expect(await count()).toBe(before + 1000);
      const numbers = codes.map((c) => Number(c.slice(-6))).sort((a, b) => a - b);
      expect(numbers.at(-1)! - numbers[0]!).toBe(999);
    }, 180_000);

    it('never writes names, phones or petition text to the logs', () => {
      const text = logs.lines.join('\n');
      expect(text).toContain('petition received');
      expect(text).not.toMatch(/Phạm Thị Dung|0912345678|912 345 678|giấy tờ không có|lịch tiếp công dân/);
    });
  });
}
