import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import type { RunningApp } from '../../src/main.js';
import { answerDeadline, formatDate } from '../../src/petitions/deadlines.js';
import { dialectCases, type TestDatabase } from '../helpers/databases.js';
import { LogCapture, postEvent, sleep, waitFor } from '../helpers/app.js';
import {
  exchange,
  fileByChat,
  imageFrom,
  json,
  lookup,
  newResident,
  sentTo,
  startPetitionApp,
  submitInfoFrom,
  textFrom,
  TestClock,
} from './helpers.js';

const PRIVATE_WORDS = 'Ổ gà lớn trước nhà số 12 thôn Đông Hòa';

for (const dialect of dialectCases()) {
  describe(`petitions by chat (${dialect.name})`, () => {
    let sandbox: ZaloSandbox;
    let target: TestDatabase;
    let app: RunningApp;
    const clock = new TestClock();
    const logs = new LogCapture();

    beforeAll(async () => {
      sandbox = await startZaloSandbox();
      target = await dialect.create();
      app = await startPetitionApp({ sandbox, databaseUrl: target.url, clock, logs });
    });
    afterAll(async () => {
      await app?.close();
      await sandbox?.close();
      await target?.cleanup();
    });
    afterEach(() => clock.reset());

    it('takes a petition through the whole flow and answers with its code and deadline', async () => {
      const r = newResident();
      const start = await exchange(app, sandbox, textFrom(sandbox, r, '#phan-anh', clock));
      expect(start[0]!.text).toContain('phản ánh về việc gì');
      expect(start[0]!.payloads).toEqual([
        '#pa-loai thu-tuc-hanh-chinh',
        '#pa-loai thai-do-phuc-vu',
        '#pa-loai ha-tang-moi-truong',
        '#pa-loai khac',
        '#pa-huy',
      ]);

      const content = await exchange(app, sandbox, textFrom(sandbox, r, '#pa-loai ha-tang-moi-truong', clock));
      expect(content[0]!.text).toContain('Hạ tầng – môi trường');
      expect(content[0]!.payloads).toEqual(['#pa-xong', '#pa-huy']);

      const noted = await exchange(app, sandbox, textFrom(sandbox, r, PRIVATE_WORDS, clock));
      expect(noted[0]!.text).toContain('đã ghi lại');
      await exchange(app, sandbox, textFrom(sandbox, r, 'Xe máy đi qua rất nguy hiểm, đã hai tuần chưa ai sửa.', clock));
      const photo = await exchange(app, sandbox, imageFrom(sandbox, r, 'https://f12-zpc.zdn.vn/jpg/o-ga.jpg', clock));
      expect(photo[0]!.text).toContain('đã nhận ảnh (1/5)');

      const contact = await exchange(app, sandbox, textFrom(sandbox, r, 'xong', clock));
      expect(contact.map((m) => m.kind)).toEqual(['request_user_info', 'text']);
      expect(contact[1]!.payloads).toEqual(['#pa-bo-qua', '#pa-huy']);
      const card = (contact[0]!.raw.message as { attachment: { payload: { elements: Array<{ title: string; image_url: string }> } } }).attachment.payload.elements[0]!;
      expect(card.title).toBe('Thông tin liên hệ (không bắt buộc)');
      expect(card.image_url).toMatch(/\/petitions\/contact-card\.png$/);

      const summary = await exchange(app, sandbox, submitInfoFrom(sandbox, r, { name: 'Nguyễn Văn An', phone: '84912345678', address: 'Thôn Đông Hòa' }, clock));
      expect(summary[0]!.text).toContain('kiểm tra lại phản ánh');
      expect(summary[0]!.text).toContain('Nguyễn Văn An, 0912345678');
      expect(summary[0]!.text).toContain('Ảnh kèm theo: 1');
      expect(summary[0]!.payloads).toEqual(['#pa-gui', '#pa-sua', '#pa-huy']);

      const sentAt = clock.now();
      const done = await exchange(app, sandbox, textFrom(sandbox, r, '#pa-gui', clock));
      const text = done[0]!.text;
      const code = /Mã phản ánh: (PA-\d{4}-\d{6})/.exec(text)?.[1];
      expect(code).toMatch(new RegExp(`^PA-${new Date(sentAt.getTime() + 7 * 3600_000).getUTCFullYear()}-\\d{6}$`));
      const deadline = formatDate(answerDeadline(sentAt, 15).date);
      expect(text).toContain(`Hạn trả lời: ${deadline} (15 ngày làm việc)`);
      expect(text).toContain('Căn cứ thời hạn: Quy chế tiếp nhận phản ánh');

      const row = await app.database.db.selectFrom('petitions').selectAll().where('code', '=', code!).executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        channel: 'zalo',
        category: 'ha-tang-moi-truong',
        status: 'received',
        zalo_user_id: r.userId,
        app_user_id: r.appUserId,
        contact_name: 'Nguyễn Văn An',
        contact_phone: '84912345678',
      });
      expect(row.content).toBe(`${PRIVATE_WORDS}\nXe máy đi qua rất nguy hiểm, đã hai tuần chưa ai sửa.`);
      expect(JSON.parse(row.attachments)).toEqual(['https://f12-zpc.zdn.vn/jpg/o-ga.jpg']);

      // The draft is gone: the next message goes to the assistant again.
      const user = await app.database.db.selectFrom('zalo_users').select('state').where('user_id', '=', r.userId).executeTakeFirstOrThrow();
      expect(JSON.parse(user.state!).flow).toBeUndefined();
      expect(await app.database.db.selectFrom('petition_drafts').selectAll().where('user_id', '=', r.userId).execute()).toHaveLength(0);

      // Neither the words, nor the name, nor the phone reached the logs or the questions table.
      const logText = logs.lines.join('\n');
      for (const secret of ['Ổ gà', 'Nguyễn Văn An', '912345678', 'Thôn Đông Hòa']) expect(logText).not.toContain(secret);
      const questions = await app.database.db.selectFrom('questions').select('text').execute();
      expect(questions.some((q) => q.text.includes('Ổ gà'))).toBe(false);
    });

    it('starts from a message the assistant reads as feedback, keeping it as the first content', async () => {
      const r = newResident();
      const first = await exchange(app, sandbox, textFrom(sandbox, r, 'đèn đường ở xóm 4 hỏng cả tuần nay mà chưa ai sửa', clock));
      expect(first[0]!.text).toContain('Trợ lý đã ghi lại nội dung ông/bà vừa nhắn');
      const next = await exchange(app, sandbox, textFrom(sandbox, r, '#pa-loai ha-tang-moi-truong', clock));
      expect(next[0]!.text).toContain('nhắn thêm');
      await exchange(app, sandbox, textFrom(sandbox, r, '#pa-xong', clock));
      const summary = await exchange(app, sandbox, textFrom(sandbox, r, 'bỏ qua', clock));
      expect(summary[0]!.text).toContain('Nội dung: đèn đường ở xóm 4 hỏng');
      expect(summary[0]!.text).toContain('Liên hệ: không để lại');
    });

    it('cancels at any step with "Hủy", and keeps nothing', async () => {
      const r = newResident();
      await exchange(app, sandbox, textFrom(sandbox, r, '#phan-anh', clock));
      await exchange(app, sandbox, textFrom(sandbox, r, '#pa-loai thai-do-phuc-vu', clock));
      await exchange(app, sandbox, textFrom(sandbox, r, 'Cán bộ tiếp dân không nghe máy cả buổi sáng', clock));
      const cancelled = await exchange(app, sandbox, textFrom(sandbox, r, 'Hủy', clock));
      expect(cancelled[0]!.text).toContain('đã hủy phản ánh đang soạn');
      expect(cancelled[0]!.payloads).toEqual(['#phan-anh']);
      const stored = await app.database.db.selectFrom('petitions').select('id').where('zalo_user_id', '=', r.userId).execute();
      expect(stored).toHaveLength(0);
      expect(await app.database.db.selectFrom('petition_drafts').selectAll().where('user_id', '=', r.userId).execute()).toHaveLength(0);
      // Back to normal: a question goes to the assistant.
      const answer = await exchange(app, sandbox, textFrom(sandbox, r, 'đăng ký khai sinh', clock));
      expect(answer[0]!.text).toContain('Đăng ký khai sinh');
    });

    it('takes thanks during a draft as a courtesy: a short close, nothing added to the petition, the draft kept', async () => {
      const r = newResident();
      await exchange(app, sandbox, textFrom(sandbox, r, '#phan-anh', clock));
      await exchange(app, sandbox, textFrom(sandbox, r, '#pa-loai khac', clock));
      await exchange(app, sandbox, textFrom(sandbox, r, 'Đèn đường thôn 3 hỏng cả tháng nay', clock));
      const thanks = await exchange(app, sandbox, textFrom(sandbox, r, 'dạ cảm ơn ạ', clock));
      expect(thanks[0]!.text).toMatch(/^Dạ, không có gì ạ\./u);
      expect(thanks[0]!.text).toContain('đang soạn dở một phản ánh');
      const { state } = await app.database.db.selectFrom('zalo_users').select('state').where('user_id', '=', r.userId).executeTakeFirstOrThrow();
      expect((JSON.parse(state!) as { flow: { data: { parts: string[] } } }).flow.data.parts).toEqual(['Đèn đường thôn 3 hỏng cả tháng nay']);
    });

    it('before the category is picked, answers a question about a file already handed in, not as petition text', async () => {
      const r = newResident();
      const started = await exchange(app, sandbox, textFrom(sandbox, r, 'tôi muốn phản ánh việc chờ đợi quá lâu ở bộ phận một cửa', clock));
      expect(started.some((m) => m.text.includes('phản ánh về việc gì'))).toBe(true);
      // Read as a question about one's own file only fairly surely (about 0.6 today), and short.
      const status = await exchange(app, sandbox, textFrom(sandbox, r, 'à còn hồ sơ cấp đổi sổ đỏ tôi nộp tháng trước giờ đến đâu rồi', clock));
      expect(status[0]!.text).toMatch(/tra cứu/iu);
      expect(status.at(-1)!.text).toContain('đang soạn dở một phản ánh');
      const { state } = await app.database.db.selectFrom('zalo_users').select('state').where('user_id', '=', r.userId).executeTakeFirstOrThrow();
      expect((JSON.parse(state!) as { flow: { data: { parts: string[] } } }).flow.data.parts).toEqual(['tôi muốn phản ánh việc chờ đợi quá lâu ở bộ phận một cửa']);
    });

    it('before the category is picked, answers a question on a facet of a fairly sure procedure, not one about the petition', async () => {
      const r = newResident();
      await exchange(app, sandbox, textFrom(sandbox, r, 'Tôi muốn phản ánh: hôm qua tôi lên xã làm giấy tờ, cán bộ bộ phận một cửa nói chuyện rất khó chịu, bắt tôi đi lại 3 lần', clock));
      const asked = await exchange(app, sandbox, textFrom(sandbox, r, 'việc của tôi là chứng thực hợp đồng tặng cho đất cho con gái, giờ cần đủ những gì để khỏi phải đi lại nữa', clock));
      expect(asked[0]!.text).toMatch(/chứng thực hợp đồng/iu);
      expect(asked.at(-1)!.text).toContain('đang soạn dở một phản ánh');
      // About the petition itself: the flow answers it.
      const how = await exchange(app, sandbox, textFrom(sandbox, r, 'gui qua day duoc ko hay phai viet don', clock));
      expect(how.map((m) => m.text).join('\n')).not.toMatch(/Dạ, thủ tục/u);
    });

    it('before the category is picked, acts on a request of another kind that asks nothing (stopping the news)', async () => {
      const r = newResident();
      await exchange(app, sandbox, textFrom(sandbox, r, 'tôi muốn góp ý về thái độ cán bộ một cửa hôm qua', clock));
      const stop = await exchange(app, sandbox, textFrom(sandbox, r, 'à mà đừng gửi tin tức cho tôi nữa nhé, tôi hủy theo dõi', clock));
      expect(stop[0]!.text).toMatch(/dừng (nhận|gửi) tin/u);
      expect(stop.at(-1)!.text).toContain('đang soạn dở một phản ánh');
      const { state } = await app.database.db.selectFrom('zalo_users').select('state').where('user_id', '=', r.userId).executeTakeFirstOrThrow();
      expect((JSON.parse(state!) as { flow: { data: { parts: string[] } } }).flow.data.parts).toEqual(['tôi muốn góp ý về thái độ cán bộ một cửa hôm qua']);
    });

    it('says where a petition goes before it is written, and again when asked, without taking the question as its text', async () => {
      const r = newResident();
      const started = await exchange(app, sandbox, textFrom(sandbox, r, 'cán bộ địa chính hẹn hết lần này đến lần khác, tôi muốn phản ánh việc này', clock));
      expect(started[0]!.text).toContain('tới UBND xã');
      expect(started[0]!.text).toMatch(/Phản ánh về cán bộ được chuyển thẳng tới .+, không qua Bộ phận Một cửa\./u);
      const asked = await exchange(app, sandbox, textFrom(sandbox, r, 'gửi phản ánh cho ai, ở đâu', clock));
      expect(asked[0]!.text).toContain('chuyển thẳng tới');
      expect(asked[0]!.text).toContain('phản ánh về việc gì');
      const { state } = await app.database.db.selectFrom('zalo_users').select('state').where('user_id', '=', r.userId).executeTakeFirstOrThrow();
      expect((JSON.parse(state!) as { flow: { data: { parts: string[] } } }).flow.data.parts).toEqual(['cán bộ địa chính hẹn hết lần này đến lần khác, tôi muốn phản ánh việc này']);
    });

    it('answers a menu button during a draft, keeps the draft, and asks to continue', async () => {
      const r = newResident();
      await exchange(app, sandbox, textFrom(sandbox, r, '#phan-anh', clock));
      await exchange(app, sandbox, textFrom(sandbox, r, '#pa-loai khac', clock));
      const replies = await exchange(app, sandbox, textFrom(sandbox, r, '#hotline', clock));
      expect(replies[0]!.text).toContain('ông/bà có thể gọi');
      expect(replies.at(-1)!.text).toContain('đang soạn dở một phản ánh');
      const resumed = await exchange(app, sandbox, textFrom(sandbox, r, '#pa-tiep', clock));
      expect(resumed[0]!.text).toContain('loại phản ánh: Khác');
    });

    it('before the category is picked, answers what the resident turns to ask, then the facet they ask next, and keeps the draft', async () => {
      const r = newResident();
      const started = await exchange(app, sandbox, textFrom(sandbox, r, 'cán bộ địa chính thái độ hách dịch, tôi muốn phản ánh', clock));
      expect(started.some((m) => m.text.includes('phản ánh về việc gì'))).toBe(true);
      // Not petition text: the citizen-reception procedure, answered, the draft kept.
      const meet = await exchange(app, sandbox, textFrom(sandbox, r, 'tôi muốn lên gặp thẳng ông chủ tịch để trình bày', clock));
      expect(meet[0]!.text).toContain('Tiếp công dân');
      expect(meet.at(-1)!.text).toContain('đang soạn dở một phản ánh');
      // A facet question on that topic, with no procedure named.
      const bring = await exchange(app, sandbox, textFrom(sandbox, r, 'có phải hẹn trước không, mang gì', clock));
      expect(bring[0]!.text).toContain('tiếp công dân');
      expect(bring[0]!.text).toContain('Giấy tờ tùy thân');
      // A facet typed as a bare phrase, no question word: still a question on the topic, not a category.
      const fee = await exchange(app, sandbox, textFrom(sandbox, r, 'lệ phí', clock));
      expect(fee[0]!.text).toMatch(/lệ phí/iu);
      expect(fee.at(-1)!.text).toContain('đang soạn dở một phản ánh');
      const resumed = await exchange(app, sandbox, textFrom(sandbox, r, '#pa-tiep', clock));
      expect(resumed[0]!.text).toContain('phản ánh về việc gì');
      // The draft holds what the resident wrote about the complaint, not the questions asked meanwhile.
      const { state } = await app.database.db.selectFrom('zalo_users').select('state').where('user_id', '=', r.userId).executeTakeFirstOrThrow();
      const parts = (JSON.parse(state!) as { flow: { data: { parts: string[] } } }).flow.data.parts;
      expect(parts).toEqual(['cán bộ địa chính thái độ hách dịch, tôi muốn phản ánh']);
    });

    it('before the category is picked, goes on with the procedure the resident turned to, even in a follow-up without a question word', async () => {
      const r = newResident();
      await exchange(app, sandbox, textFrom(sandbox, r, 'đường bê tông xóm 5 bị xe tải cày nát mấy tháng nay không ai sửa, đề nghị xã xem xét', clock));
      const permit = await exchange(app, sandbox, textFrom(sandbox, r, 'à còn việc này, tôi muốn xây nhà 2 tầng trên đất ở của mình thì xin phép thế nào', clock));
      expect(permit[0]!.text).toContain('giấy phép xây dựng');
      // "…cũng phải xin à": no question word (folded, "à" is also the polite "ạ"), no category named:
      // a follow-up on the permit, not the petition's category or text.
      const rural = await exchange(app, sandbox, textFrom(sandbox, r, 'nha o nong thon cung phai xin a', clock));
      expect(rural[0]!.text).toContain('giấy phép xây dựng');
      expect(rural.at(-1)!.text).toContain('đang soạn dở một phản ánh');
      const resumed = await exchange(app, sandbox, textFrom(sandbox, r, '#pa-tiep', clock));
      expect(resumed[0]!.text).toContain('phản ánh về việc gì');
      const { state } = await app.database.db.selectFrom('zalo_users').select('state').where('user_id', '=', r.userId).executeTakeFirstOrThrow();
      const parts = (JSON.parse(state!) as { flow: { data: { parts: string[] } } }).flow.data.parts;
      expect(parts).toEqual(['đường bê tông xóm 5 bị xe tải cày nát mấy tháng nay không ai sửa, đề nghị xã xem xét']);
    });

    it('starts no draft for a question about the procedure being discussed that reads weakly as a complaint', async () => {
      const r = newResident();
      await exchange(app, sandbox, textFrom(sandbox, r, 'bà tôi muốn làm di chúc cho cháu, xã chứng thực được không', clock));
      const home = await exchange(app, sandbox, textFrom(sandbox, r, 'can bo xuong nha duoc ko', clock));
      expect(home[0]!.text).toContain('di chúc');
      expect(home.some((m) => m.text.includes('phản ánh về việc gì'))).toBe(false);
      const { state } = await app.database.db.selectFrom('zalo_users').select('state').where('user_id', '=', r.userId).executeTakeFirstOrThrow();
      expect((JSON.parse(state!) as { flow?: unknown }).flow).toBeUndefined();
    });

    it('looks up a petition by code: the owner sees the replies, another resident only public fields', async () => {
      const owner = newResident();
      const { code } = await fileByChat(app, sandbox, clock, owner, { content: ['Cống thoát nước bị tắc ở ngõ 5'], contact: { name: 'Trần Thị Bình', phone: '84987654321' } });
      const mine = await exchange(app, sandbox, textFrom(sandbox, owner, `tra cứu ${code}`, clock));
      expect(mine[0]!.text).toContain(`phản ánh ${code}`);
      expect(mine[0]!.text).toContain('Tình trạng: Đã tiếp nhận');
      expect(mine[0]!.text).not.toContain('chỉ người gửi xem được');

      const other = newResident();
      const theirs = await exchange(app, sandbox, textFrom(sandbox, other, `tra cuu ${code.toLowerCase()}`, clock));
      expect(theirs[0]!.text).toContain('Tình trạng: Đã tiếp nhận');
      expect(theirs[0]!.text).toContain('chỉ người gửi xem được');
      for (const secret of ['Cống thoát nước', 'Trần Thị Bình', '987654321']) expect(theirs[0]!.text).not.toContain(secret);

      // The status intent without a code lists the resident's own petitions.
      const list = await exchange(app, sandbox, textFrom(sandbox, owner, 'phản ánh của tôi xử lý đến đâu rồi', clock));
      expect(list[0]!.text).toContain(code);
      const dossiers = await exchange(app, sandbox, textFrom(sandbox, owner, 'hồ sơ của tôi đến đâu rồi', clock));
      expect(dossiers[0]!.text).toContain(code);
      expect(dossiers[0]!.text).toContain('https://dichvucong.gov.vn');
    });

    it('answers an unknown code clearly, and a one-stop dossier code with the province lookup page', async () => {
      const r = newResident();
      const unknown = await exchange(app, sandbox, textFrom(sandbox, r, 'PA-2020-999999', clock));
      expect(unknown[0]!.text).toContain('không tìm thấy phản ánh có mã PA-2020-999999');
      const dossier = await exchange(app, sandbox, textFrom(sandbox, r, 'hồ sơ 000.00.12.H12-250101-0001 của tôi sao rồi', clock));
      expect(dossier[0]!.text).toContain('https://dichvucong.gov.vn');
      expect(dossier[0]!.payloads[0]).toContain('https://dichvucong.gov.vn');
    });

    it('keeps the draft across a restart, and a petition whose event was acknowledged before the crash', async () => {
      const r = newResident();
      await exchange(app, sandbox, textFrom(sandbox, r, '#phan-anh', clock));
      await exchange(app, sandbox, textFrom(sandbox, r, '#pa-loai thu-tuc-hanh-chinh', clock));
      await exchange(app, sandbox, textFrom(sandbox, r, 'Hồ sơ chứng thực của tôi bị hẹn lại ba lần', clock));
      await app.close();

      // Restarted without workers: the webhook acknowledges, nothing is handled yet.
      app = await startPetitionApp({ sandbox, databaseUrl: target.url, clock, logs, workers: false });
      expect((await postEvent(app, sandbox, textFrom(sandbox, r, '#pa-xong', clock))).status).toBe(200);
      await app.close();

      app = await startPetitionApp({ sandbox, databaseUrl: target.url, clock, logs });
      await waitFor(() => sentTo(sandbox, r.userId).some((m) => m.kind === 'request_user_info'), 10_000, 'contact card after restart');
      await exchange(app, sandbox, textFrom(sandbox, r, '#pa-bo-qua', clock));
      const send = textFrom(sandbox, r, '#pa-gui', clock);
      await app.close();

      app = await startPetitionApp({ sandbox, databaseUrl: target.url, clock, logs, workers: false });
      expect((await postEvent(app, sandbox, send)).status).toBe(200);
      await app.close();

      app = await startPetitionApp({ sandbox, databaseUrl: target.url, clock, logs });
      const confirmation = await waitFor(() => sentTo(sandbox, r.userId).find((m) => m.text.includes('Mã phản ánh')), 10_000, 'confirmation');
      const code = /PA-\d{4}-\d{6}/.exec(confirmation.text)![0];
      await sleep(300);
      expect(sentTo(sandbox, r.userId).filter((m) => m.text.includes('Mã phản ánh'))).toHaveLength(1);
      const stored = await app.database.db.selectFrom('petitions').selectAll().where('zalo_user_id', '=', r.userId).execute();
      expect(stored.map((p) => p.code)).toEqual([code]);
      expect(stored[0]!.content).toBe('Hồ sơ chứng thực của tôi bị hẹn lại ba lần');
      expect((await lookup(app, code)).status).toBe(200);
    });

    it('lets the resident rate a closed petition once', async () => {
      const r = newResident();
      const { code } = await fileByChat(app, sandbox, clock, r, { category: 'khac', content: ['Đề nghị xã lắp thêm biển chỉ dẫn'] });
      await app.database.db.updateTable('petitions').set({ status: 'closed' }).where('code', '=', code).execute();
      const thanks = await exchange(app, sandbox, textFrom(sandbox, r, `#pa-danh-gia ${code} 4`, clock));
      expect(thanks[0]!.text).toContain('cảm ơn ông/bà đã đánh giá');
      const again = await exchange(app, sandbox, textFrom(sandbox, r, `#pa-danh-gia ${code} 1`, clock));
      expect(again[0]!.text).toContain('đã đánh giá phản ánh này rồi');
      const row = await app.database.db.selectFrom('petitions').select('rating').where('code', '=', code).executeTakeFirstOrThrow();
      expect(row.rating).toBe(4);
      const body = await json(await lookup(app, code));
      expect(body.owner).toBe(false);
    });
  });
}
