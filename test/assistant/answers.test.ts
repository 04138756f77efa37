import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/assistant/assistant.js';
import { procedureAnswer } from '../../src/assistant/answers.js';
import { MAX_REPLY_CHARS } from '../../src/assistant/reply.js';
import { bundledCatalog } from '../helpers/catalog.js';

const links = { procedurePage: (id: string) => `https://xa.example/thu-tuc/${id}` };
const catalog = bundledCatalog();
const { content } = catalog.current;

describe('procedure answers', () => {
  it('fit one Zalo message and carry the facts a resident needs, for every procedure', () => {
    for (const p of content.procedures) {
      const reply = procedureAnswer(p, content.commune, links);
      expect(reply.text.length, p.id).toBeLessThanOrEqual(MAX_REPLY_CHARS);
      expect(reply.text).toContain(p.name);
      expect(reply.text).toContain('Giấy tờ cần chuẩn bị');
      expect(reply.text).toContain(`Thời gian: ${p.time_limit}`);
      expect(reply.text).toContain('Lệ phí:');
      expect(reply.text).toContain('Nơi nộp:');
      expect(reply.text).toContain('Trực tuyến:');
      expect(reply.text).toContain(links.procedurePage(p.id));
      expect(reply.text.normalize('NFC')).toBe(reply.text);
      expect(reply.buttons.map((b) => b.title)).toEqual(['Xem chi tiết', 'Nộp trực tuyến', 'Gọi hỗ trợ']);
    }
  });

  it('lists every document with its form', () => {
    const p = catalog.current.index.get('dang-ky-khai-sinh')!;
    const text = procedureAnswer(p, content.commune, links).text;
    for (const d of p.documents) expect(text).toContain(d.name);
    expect(text).toContain('(bản chính, 1 bản)');
  });

  it('never passes example phone numbers off as real', () => {
    const text = procedureAnswer(content.procedures[0]!, content.commune, links).text;
    expect(text).toMatch(/\d[\d ]+ \(số ví dụ\)/);
  });

  it('explains unconfirmed online levels instead of guessing', () => {
    const p = content.procedures.find((x) => x.online_level === 'chua_xac_nhan')!;
    expect(procedureAnswer(p, content.commune, links).text).toContain('kiểm tra trên Cổng Dịch vụ công');
  });

  it('stays within one message even for a procedure with very many documents', () => {
    const base = content.procedures[0]!;
    const huge = { ...base, documents: Array.from({ length: 80 }, (_, i) => ({ name: `Giấy tờ số ${i + 1} có tên rất dài để thử giới hạn độ dài tin nhắn` })) };
    const reply = procedureAnswer(huge, content.commune, links);
    expect(reply.text.length).toBeLessThanOrEqual(MAX_REPLY_CHARS);
    expect(reply.text).toContain(links.procedurePage(base.id));
  });
});

describe('other answers', () => {
  const assistant = createAssistant({ catalog, links });

  it('gives the hotlines, including the national portal hotline', async () => {
    const { reply } = await assistant.respond('số điện thoại đường dây nóng');
    expect(reply.text).toContain('1800 1096');
    expect(reply.buttons.some((b) => b.kind === 'phone')).toBe(true);
  });

  it('gives office hours with the Saturday rule and the address', async () => {
    const { reply } = await assistant.respond('xã làm việc mấy giờ');
    expect(reply.text).toContain(content.commune.office_hours.weekdays);
    expect(reply.text).toContain('Thứ Bảy');
    expect(reply.text).toContain(content.commune.address);
  });

  it('offers a choice when two procedures fit equally, and answers the one picked', async () => {
    const turn = await assistant.respond('#thu-tuc dang-ky-lai-ket-hon');
    expect(turn.understanding.intent).toBe('procedure');
    expect(turn.reply.text).toContain('Đăng ký lại kết hôn');
  });

  it('answers out of scope politely with the hotline', async () => {
    const { reply, understanding } = await assistant.respond('giá vàng hôm nay');
    expect(understanding.intent).toBe('out_of_scope');
    expect(reply.text).toContain('ngoài phạm vi');
    expect(reply.text).toContain(content.commune.hotlines[0]!.number);
  });
});
