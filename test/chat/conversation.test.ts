import { describe, expect, it } from 'vitest';
import { newUserId, sendAndAwaitReplies, textEvent, useTestApp } from '../helpers/app.js';
import { staffClient } from '../helpers/staff.js';
import { submitInfoFrom, TestClock, view, type SentView } from '../petitions/helpers.js';

/**
 * Conversations over real HTTP, as a resident has them in Zalo (the sandbox stands in for Zalo):
 * follow-ups keep the topic, typed answers to the assistant's prompts are understood, guided flows
 * never trap, and buttons never show a code as the resident's own message.
 */
describe('a conversation a clerk would be proud of', () => {
  const h = useTestApp();

  async function say(userId: string, text: string): Promise<SentView[]> {
    return (await sendAndAwaitReplies(h.app, h.sandbox, textEvent(h.sandbox, userId, text))).map(view);
  }
  const first = (replies: SentView[]) => replies[0]?.text ?? '';
  const all = (replies: SentView[]) => replies.map((r) => r.text).join('\n');

  it('answers a follow-up on the fee about the procedure asked before', async () => {
    const u = newUserId();
    expect(first(await say(u, 'cho em hỏi đăng ký kết hôn cần giấy tờ gì ạ'))).toMatch(/Đăng ký kết hôn|đăng ký kết hôn/);
    expect(first(await say(u, 'còn lệ phí?'))).toMatch(/^Dạ, lệ phí đăng ký kết hôn: Miễn lệ phí/);
    expect(first(await say(u, 'mat may ngay'))).toMatch(/^Dạ, thời gian giải quyết thủ tục đăng ký kết hôn/);
  });

  it('switches topic when a follow-up refines it, and keeps it across an unrelated question', async () => {
    const u = newUserId();
    await say(u, 'dang ky ket hon o xa lam the nao');
    expect(first(await say(u, 'vợ em là người Trung Quốc'))).toContain('có yếu tố nước ngoài');
    expect(all(await say(u, 'cho mình xin số điện thoại của xã với'))).toContain('1800 1096');
    expect(first(await say(u, 'the thi can nhung giay to j'))).toMatch(/^Dạ, để làm thủ tục đăng ký kết hôn có yếu tố nước ngoài/);
  });

  it('takes a typed number as the pick from a numbered list', async () => {
    const u = newUserId();
    const list = first(await say(u, 'hồ sơ đất đai'));
    const second = /\n2\. ([^\n]+)/.exec(list)?.[1];
    expect(second, list).toBeTruthy();
    expect(first(await say(u, '2'))).toContain(second!);
  });

  it('answers "cảm ơn" with a short close and "menu" with the menu', async () => {
    const u = newUserId();
    await say(u, 'đăng ký khai sinh cần gì');
    const thanks = await say(u, 'cảm ơn ạ');
    expect(first(thanks)).toMatch(/^Dạ, không có gì ạ/);
    expect(thanks[0]!.payloads).toEqual([]);
    expect(first(await say(u, 'menu'))).toContain('chọn một mục bên dưới');
  });

  it('hears thanks wrapped in courtesy words, and not a question that starts with thanks', async () => {
    const u = newUserId();
    await say(u, 'đăng ký khai sinh cần gì');
    for (const text of ['ok e cảm ơn ad nhiều nha', 'thank ad nhìu', 'thoi cam on', 'dạ vâng cháu cảm ơn các cô chú ạ', 'ừ thôi', 'thôi được, cảm ơn cháu', 'thôi vậy cảm ơn ad']) {
      expect(first(await say(u, text)), text).toMatch(/^Dạ, không có gì ạ/);
    }
    expect(first(await say(u, 'cảm ơn, cho em hỏi lệ phí bao nhiêu'))).not.toMatch(/^Dạ, không có gì ạ/);
  });

  it('hears thanks with its reason ("đã …", "vì …"), but not a reason that asks', async () => {
    const u = newUserId();
    await say(u, 'đăng ký khai sinh cần gì');
    for (const text of ['cam on ad da tiep nhan', 'cảm ơn cán bộ đã hướng dẫn nhiệt tình', 'cảm ơn vì đã trả lời nhanh']) {
      expect(first(await say(u, text)), text).toMatch(/^Dạ, không có gì ạ/);
    }
    expect(first(await say(u, 'cảm ơn, đã nộp rồi mà chưa thấy kết quả'))).not.toMatch(/^Dạ, không có gì ạ/);
  });

  it('does not take an assent that tells something for thanks ("dạ đúng rồi, bé sinh ở bệnh viện tỉnh")', async () => {
    const u = newUserId();
    await say(u, 'vợ em mới sinh bé, làm giấy khai sinh cần gì');
    // Folded, "dạ" is "đã", the word that gives a thanks its reason: only a real thanks has one.
    expect(first(await say(u, 'dạ đúng rồi, bé sinh ở bệnh viện tỉnh'))).not.toMatch(/^Dạ, không có gì ạ/);
    expect(first(await say(u, 'dạ cảm ơn ad đã hướng dẫn'))).toMatch(/^Dạ, không có gì ạ/);
  });

  it('answers a question in the middle of a petition draft, then the draft resumes; stops on a wish in free words', async () => {
    const u = newUserId();
    await say(u, '#phan-anh');
    await say(u, '#pa-loai ha-tang-moi-truong');
    await say(u, 'Đèn đường ở xóm 5 hỏng hai tuần nay, buổi tối rất tối');
    const aside = all(await say(u, 'mấy giờ xã mở cửa'));
    expect(aside).toContain('Giờ làm việc');
    expect(aside).toContain('đang soạn dở một phản ánh');
    const summary = all(await say(u, 'Xong'));
    expect(summary).toContain('họ tên, số điện thoại');
    const other = newUserId();
    await say(other, '#phan-anh');
    expect(all(await say(other, 'thôi không gửi nữa'))).toContain('đã hủy phản ánh');
  });

  it('answers a question about something else while the category of a petition is asked, and asks the category again', async () => {
    const u = newUserId();
    await say(u, '#phan-anh');
    const aside = all(await say(u, 'hôm nay trời có mưa không ad'));
    expect(aside).toContain('ngoài phạm vi');
    expect(aside).toContain('đang soạn dở một phản ánh');
    // The question was not written into the petition: choosing a category asks for its text.
    const next = all(await say(u, '#pa-loai ha-tang-moi-truong'));
    expect(next).not.toContain('trời có mưa');
    expect(next).not.toContain('đã ghi lại nội dung');
  });

  it('reads contact details typed as text, shows them to confirm, and files the petition', async () => {
    const u = newUserId();
    await say(u, '#phan-anh');
    await say(u, '#pa-loai ha-tang-moi-truong');
    await say(u, 'Cống thoát nước đầu ngõ 3 bị tắc, nước tràn vào nhà');
    await say(u, 'Xong');
    const summary = all(await say(u, 'Nguyễn Văn An, xóm 5, sđt 0987 654 321'));
    expect(summary).toContain('Nguyễn Văn An');
    expect(summary).toContain('xóm 5');
    expect(summary).toMatch(/0987\s?654\s?321/);
    expect(all(await say(u, 'Gửi'))).toMatch(/Mã phản ánh: PA-\d{4}-\d{6}/);
  });

  it('greets a life event warmly and guides the family step by step', async () => {
    const u = newUserId();
    const replies = await say(u, 'mẹ tôi vừa mất hôm qua, gia đình phải làm những gì ạ');
    expect(first(replies)).toMatch(/^Dạ, xã xin chia buồn/);
    expect(first(replies)).toMatch(/1\. Đăng ký khai tử/);
    expect(first(await say(u, 'cần giấy tờ gì'))).toMatch(/^Dạ, để làm thủ tục đăng ký khai tử/);
  });

  it('sends a complaint about the desk to the leadership, not to the desk, and tells the resident', async () => {
    const u = newUserId();
    await say(u, '#phan-anh');
    await say(u, '#pa-loai thai-do-phuc-vu');
    await say(u, 'Cán bộ một cửa nói năng cộc cằn, hẹn đi hẹn lại ba lần');
    await say(u, 'Xong');
    await say(u, '#pa-bo-qua');
    const confirmation = all(await say(u, 'Gửi'));
    expect(confirmation).toContain('chuyển thẳng tới Chủ tịch UBND xã, không qua Bộ phận Một cửa');
    const code = /PA-\d{4}-\d{6}/.exec(confirmation)![0];

    const desk = await staffClient(h.app, ['desk']);
    const deskList = (await (await desk.call('GET', '/api/admin/petitions?limit=100')).json()) as { items: Array<{ code: string }> };
    expect(deskList.items.map((p) => p.code)).not.toContain(code);
    expect((await desk.call('GET', `/api/admin/petitions/${code}`)).status).toBe(404);

    const leader = await staffClient(h.app, ['leader']);
    const leaderList = (await (await leader.call('GET', '/api/admin/petitions?limit=100')).json()) as { items: Array<{ code: string }> };
    expect(leaderList.items.map((p) => p.code)).toContain(code);
    expect((await leader.call('GET', `/api/admin/petitions/${code}`)).status).toBe(200);
  });

  it('never shows a code as the resident\'s own message: internal payloads are hidden buttons', async () => {
    const u = newUserId();
    await say(u, 'đăng ký kết hôn cần gì');
    await say(u, 'hồ sơ đất đai');
    await say(u, '#phan-anh');
    const clock = new TestClock();
    await sendAndAwaitReplies(h.app, h.sandbox, submitInfoFrom(h.sandbox, { userId: u, appUserId: undefined } as never, { name: 'A' }, clock));
    const buttons = h.sandbox.sent
      .filter((m) => m.userId === u)
      .flatMap((m) => ((m.message as { attachment?: { payload?: { buttons?: Array<{ type: string; payload: unknown }> } } }).attachment?.payload?.buttons ?? []));
    expect(buttons.length).toBeGreaterThan(3);
    for (const b of buttons) {
      if (typeof b.payload === 'string' && b.payload.startsWith('#')) expect(b.type, b.payload).toBe('oa.query.hide');
    }
  });
});
