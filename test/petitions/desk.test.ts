import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { updateStaffUser } from '../../src/staff/accounts.js';
import { dialectCases } from '../helpers/databases.js';
import { LogCapture, newUserId, sleep, waitFor, useTestApp } from '../helpers/app.js';
import { staffClient, type StaffClient } from '../helpers/staff.js';
import { exchange, fileByChat, json, lookup, newResident, sentTo, submitForm, textFrom, TestClock } from './helpers.js';

const DAY = 86_400_000;

for (const dialect of dialectCases()) {
  describe(`the one-stop desk (${dialect.name})`, () => {
    let desk: StaffClient;
    let deskZalo: string;
    const clock = new TestClock();
    const logs = new LogCapture();
    const h = useTestApp({ dialect, clock: clock.now, logs });

    beforeAll(async () => {
      desk = await staffClient(h.app, ['desk']);
      // This clerk linked their Zalo account and wrote to the OA recently: they get notices over Zalo.
      deskZalo = newUserId();
      await updateStaffUser(h.app.database.db, desk.userId, { zaloUserId: deskZalo });
      await h.app.database.db
        .insertInto('zalo_users')
        .values({ user_id: deskZalo, following: 1, last_interaction_at: new Date().toISOString(), state: null, state_updated_at: null, created_at: new Date().toISOString() })
        .execute();
    });
    afterEach(() => clock.reset());

    async function detail(idOrCode: string) {
      const res = await desk.call('GET', `/api/admin/petitions/${idOrCode}`);
      expect(res.status).toBe(200);
      return json(res);
    }

    it('notifies the desk, replies once over Zalo, and publishes an anonymised answer', async () => {
      const r = newResident();
      const { code } = await fileByChat(h.app, h.sandbox, clock, r, {
        content: ['Rác thải đổ trộm ở bờ kênh thôn 2, bốc mùi cả tuần'],
        contact: { name: 'Lê Văn Cường', phone: '84901234567' },
      });

      // New petition → a console notice and a Zalo message to the clerk, without personal data.
      const notice = await h.app.database.db.selectFrom('staff_notifications').selectAll().where('user_id', '=', desk.userId).where('kind', '=', 'petition.new').execute();
      expect(notice.some((n) => n.text.includes(code))).toBe(true);
      await waitFor(() => sentTo(h.sandbox, deskZalo).some((m) => m.text.includes(`Phản ánh mới ${code}`)), 10_000, 'clerk notified on Zalo');
      expect(sentTo(h.sandbox, deskZalo).some((m) => m.text.includes('Lê Văn Cường') || m.text.includes('Rác thải'))).toBe(false);

      // The list shows no personal data; opening one does, and is audited.
      const list = await json(await desk.call('GET', `/api/admin/petitions?status=received&code=${code}`));
      expect(list.total).toBe(1);
      expect(JSON.stringify(list.items[0])).not.toMatch(/Lê Văn Cường|Rác thải|901234567/);
      expect(list.items[0]).toMatchObject({ code, status: 'received', overdue: false, assignee: null, category: { id: 'ha-tang-moi-truong' } });
      const full = await detail(code);
      expect(full).toMatchObject({ code, content: 'Rác thải đổ trộm ở bờ kênh thôn 2, bốc mùi cả tuần', contact: { name: 'Lê Văn Cường', phone: '0901234567' }, zaloLinked: true });
      expect(full.legalSource).toContain('Quy chế');
      const reads = await h.app.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'petition.read').where('target_id', '=', full.id).execute();
      expect(reads).toHaveLength(1);
      expect(reads[0]!.actor_id).toBe(desk.userId);
      expect(reads[0]!.details).not.toMatch(/Lê Văn|Rác/);

      // Assign, note, reply.
      const assigned = await json(await desk.call('POST', `/api/admin/petitions/${full.id}/assign`, { assigneeId: desk.userId }));
      expect(assigned).toMatchObject({ status: 'in_progress', assignee: { id: desk.userId } });
      const noted = await json(await desk.call('POST', `/api/admin/petitions/${full.id}/notes`, { text: 'Đã gọi tổ vệ sinh môi trường thôn 2' }));
      expect(noted.notes.map((n: { text: string }) => n.text)).toEqual(['Đã gọi tổ vệ sinh môi trường thôn 2']);
      expect(sentTo(h.sandbox, r.userId).some((m) => m.text.includes('tổ vệ sinh'))).toBe(false);

      const answer = 'Xã đã cho thu gom rác tại bờ kênh thôn 2 sáng 12/3 và lắp biển cấm đổ rác.';
      const replied = await json(await desk.call('POST', `/api/admin/petitions/${full.id}/replies`, { text: answer }));
      expect(replied.status).toBe('answered');
      await waitFor(() => sentTo(h.sandbox, r.userId).some((m) => m.text.includes(answer)), 10_000, 'reply delivered');
      // The resident writes again: the reply is not sent a second time.
      await exchange(h.app, h.sandbox, textFrom(h.sandbox, r, 'cảm ơn xã', clock));
      await sleep(300);
      expect(sentTo(h.sandbox, r.userId).filter((m) => m.text.includes(answer))).toHaveLength(1);
      expect((await detail(full.id)).replies[0]).toMatchObject({ text: answer, delivery: 'sent' });

      // Publishing refuses the sender's name; the anonymised version is public without personal data.
      const leaky = await desk.call('POST', `/api/admin/petitions/${full.id}/publish`, { summary: 'Ông Lê Văn Cường phản ánh rác ở bờ kênh', answer });
      expect(leaky.status).toBe(400);
      expect((await json(leaky)).error.fields.summary).toContain('họ tên');
      const published = await desk.call('POST', `/api/admin/petitions/${full.id}/publish`, { summary: 'Rác thải bị đổ trộm ở bờ kênh thôn 2.', answer });
      expect(published.status).toBe(200);
      const pub = await json(await fetch(`${h.app.url}/api/petitions/public`));
      const item = pub.items.find((i: { code: string }) => i.code === code);
      expect(item).toMatchObject({ code, summary: 'Rác thải bị đổ trộm ở bờ kênh thôn 2.', answer, category: { name: 'Hạ tầng – môi trường' } });
      expect(JSON.stringify(pub)).not.toMatch(/Lê Văn Cường|901234567|bốc mùi/);

      // Closing asks the resident for a rating, once.
      const closed = await json(await desk.call('POST', `/api/admin/petitions/${full.id}/close`, {}));
      expect(closed.status).toBe('closed');
      const rating = await waitFor(() => sentTo(h.sandbox, r.userId).find((m) => m.text.includes('đánh giá mức độ hài lòng')), 10_000, 'rating request');
      expect(rating.payloads).toEqual([1, 2, 3, 4, 5].map((n) => `#pa-danh-gia ${code} ${n}`));
      expect((await desk.call('POST', `/api/admin/petitions/${full.id}/replies`, { text: 'Thêm' })).status).toBe(409);

      const history = (await detail(full.id)).history.map((h: { action: string }) => h.action);
      expect(history).toEqual(['petition.assign', 'petition.note', 'petition.reply', 'petition.publish', 'petition.close']);
      expect(logs.lines.join('\n')).not.toMatch(/Lê Văn Cường|901234567|Rác thải đổ trộm/);
    });

    it('holds a reply for a resident outside the 7-day window until they write, then sends it once', async () => {
      const r = newResident();
      const { code } = await fileByChat(h.app, h.sandbox, clock, r, { category: 'thu-tuc-hanh-chinh', content: ['Hồ sơ đăng ký hộ kinh doanh bị trả lại hai lần'] });
      await h.app.database.db.updateTable('zalo_users').set({ last_interaction_at: new Date(Date.now() - 8 * DAY).toISOString() }).where('user_id', '=', r.userId).execute();
      const answer = 'Hồ sơ của ông/bà thiếu bản sao căn cước; bộ phận Một cửa đã gọi điện hướng dẫn bổ sung.';
      const replied = await json(await desk.call('POST', `/api/admin/petitions/${code}/replies`, { text: answer }));
      expect(replied.replies[0].delivery).toBe('awaiting_interaction');
      await sleep(400);
      expect(sentTo(h.sandbox, r.userId).some((m) => m.text.includes(answer))).toBe(false);

      // The Mini App shows it to the owner meanwhile.
      const token = h.sandbox.issueUserAccessToken(r.appUserId);
      const mine = await json(await lookup(h.app, code, { token }));
      expect(mine.owner).toBe(true);
      expect(mine.replies.map((x: { text: string }) => x.text)).toEqual([answer]);

      // Their next message gets the reply first, then the answer to what they asked.
      const replies = await exchange(h.app, h.sandbox, textFrom(h.sandbox, r, 'xin chào', clock));
      expect(replies[0]!.text).toContain(`trả lời phản ánh ${code}`);
      expect(replies[0]!.text).toContain(answer);
      expect(replies[1]!.text).toContain('xin chào ông/bà');
      await exchange(h.app, h.sandbox, textFrom(h.sandbox, r, 'cảm ơn', clock));
      expect(sentTo(h.sandbox, r.userId).filter((m) => m.text.includes(answer))).toHaveLength(1);
      expect((await detail(code)).replies[0].delivery).toBe('delivered_in_chat');
    });

    it('marks a petition out of scope with a reason the resident receives', async () => {
      const r = newResident();
      const { code } = await fileByChat(h.app, h.sandbox, clock, r, { category: 'khac', content: ['Hàng xóm tranh chấp ranh giới đất với nhà tôi'] });
      const reason = 'Tranh chấp đất đai giải quyết theo thủ tục hòa giải tại xã; mời ông/bà liên hệ Bộ phận Một cửa.';
      const res = await json(await desk.call('POST', `/api/admin/petitions/${code}/out-of-scope`, { reason }));
      expect(res).toMatchObject({ status: 'out_of_scope', outOfScopeReason: reason });
      await waitFor(() => sentTo(h.sandbox, r.userId).some((m) => m.text.includes('không thuộc phạm vi giải quyết') && m.text.includes(reason)));
      expect((await desk.call('POST', `/api/admin/petitions/${code}/close`, {})).status).toBe(409);
    });

    it('validates desk input in Vietnamese and refuses a non-desk assignee', async () => {
      const form = await json(await submitForm(h.app, { category: 'khac', content: 'Đề nghị xã bố trí thêm ghế chờ tại Một cửa' }));
      const empty = await desk.call('POST', `/api/admin/petitions/${form.code}/replies`, { text: '  ' });
      expect(empty.status).toBe(400);
      expect((await json(empty)).error.fields.text).toBe('Vui lòng nhập nội dung trả lời.');
      const editor = await staffClient(h.app, ['editor']);
      const wrong = await desk.call('POST', `/api/admin/petitions/${form.code}/assign`, { assigneeId: editor.userId });
      expect(wrong.status).toBe(400);
      expect((await json(wrong)).error.fields.assigneeId).toContain('Bộ phận Một cửa');
      expect((await desk.call('GET', '/api/admin/petitions/PA-1999-000001')).status).toBe(404);
      // A web form without a Zalo identity: the reply is recorded, to be given by phone.
      const replied = await json(await desk.call('POST', `/api/admin/petitions/${form.code}/replies`, { text: 'Xã sẽ bổ sung ghế chờ trong tháng này.' }));
      expect(replied.replies[0].delivery).toBe('none');
    });

    it('guards every desk route: 401 without a session, 403 for an editor, 403 without the CSRF token', async () => {
      const routes = h.app.staffRoutes.filter((r) => r.path.startsWith('/api/admin/petitions'));
      expect(routes.length).toBeGreaterThanOrEqual(10);
      expect(routes.every((r) => r.roles.join(',') === 'desk,leader')).toBe(true);
      const editor = await staffClient(h.app, ['editor', 'approver']);
      const form = await json(await submitForm(h.app, { category: 'khac', content: 'Đề nghị xã mở thêm quầy tiếp nhận buổi chiều' }));
      for (const r of routes) {
        const path = r.path.replace(':id', form.code);
        const method = r.method.toUpperCase();
        expect((await fetch(`${h.app.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' })).status, `${method} ${path}`).toBe(401);
        expect((await editor.call(method, path, method === 'GET' ? undefined : {})).status, `${method} ${path} as editor`).toBe(403);
      }
      expect((await desk.call('POST', `/api/admin/petitions/${form.code}/notes`, { text: 'x' }, { csrf: false })).status).toBe(403);
      const admin = await staffClient(h.app, ['admin']);
      expect((await admin.call('GET', `/api/admin/petitions/${form.code}`)).status).toBe(200);
      const reads = await h.app.database.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'petition.read').execute();
      expect(reads.map((a) => a.actor_id)).toContain(admin.userId);
    });

    it('flags overdue petitions and sends the desk a morning summary', async () => {
      const form = await json(await submitForm(h.app, { category: 'thu-tuc-hanh-chinh', content: 'Chứng thực bản sao phải chờ quá lâu tại xã' }));
      const fresh = await json(await desk.call('GET', `/api/admin/petitions?overdue=true&code=${form.code}`));
      expect(fresh.total).toBe(0);

      // The clerk wrote to the OA "today" (30 days on): set before the clock moves, as the scheduler may run at once.
      await h.app.database.db.updateTable('zalo_users').set({ last_interaction_at: new Date(Date.now() + 30 * DAY).toISOString() }).where('user_id', '=', deskZalo).execute();
      clock.advance(30 * DAY);
      const later = await staffClient(h.app, ['desk']); // sessions last 12 hours
      const overdue = await json(await later.call('GET', `/api/admin/petitions?overdue=true&code=${form.code}`));
      expect(overdue.items.map((i: { code: string; overdue: boolean }) => [i.code, i.overdue])).toEqual([[form.code, true]]);
      expect((await json(await lookup(h.app, form.code))).overdue).toBe(true);
      const summary = await json(await later.call('GET', '/api/admin/petitions/summary'));
      expect(summary.overdue).toBeGreaterThanOrEqual(1);

      // The recurring job is due once the clock has passed its next run: the scheduler runs it.
      await h.app.scheduler.tick();
      const notice = await waitFor(
        () => h.app.database.db.selectFrom('staff_notifications').selectAll().where('user_id', '=', desk.userId).where('kind', '=', 'petition.summary').executeTakeFirst(),
        10_000,
        'summary notice',
      );
      expect(notice.text).toContain('Tóm tắt phản ánh');
      expect(notice.text).toContain(`Quá hạn: `);
      expect(notice.text).toContain(form.code);
      await waitFor(() => sentTo(h.sandbox, deskZalo).some((m) => m.text.startsWith('Tóm tắt phản ánh')), 10_000, 'summary over Zalo');
    });
  });
}
