import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/assistant/assistant.js';
import { bundledCatalog } from '../helpers/catalog.js';

const assistant = createAssistant({ catalog: bundledCatalog(), links: { procedurePage: (id) => `https://xa.example/thu-tuc/${id}` } });

async function intentOf(q: string) {
  return (await assistant.respond(q)).understanding;
}

// Phrasings written for these tests (not the shared question set), one group per intent.
const CASES: Record<string, string[]> = {
  hotline: ['cho mình xin hotline của xã', 'sdt công an xã là số mấy', 'muốn gọi điện cho bộ phận một cửa thì gọi số nào'],
  hours: ['chiều thứ sáu xã làm việc đến mấy giờ', 'chu nhat co tiep dan khong', 'trụ sở ubnd xã nằm ở đường nào'],
  feedback: ['em muốn góp ý về cách làm việc ở một cửa', 'phan anh duong lang bi ngap nuoc', 'kiến nghị xã sửa lại cống thoát nước'],
  status: ['cho hỏi hồ sơ của tôi xử lý đến đâu rồi', 'tra cuu PA-2026-000042', 'kiểm tra tình trạng hồ sơ giúp em'],
  subscribe: ['cho tôi đăng ký nhận tin của xã', 'muon nhan thong bao cai cach hanh chinh'],
  unsubscribe: ['hủy nhận tin', 'ngung gui tin nhan cho toi'],
  news: ['xã có thông báo mới gì không', 'tin tức cải cách hành chính tháng này'],
  greeting: ['chào xã ạ', 'hello', '👋'],
  online_guide: ['làm sao đăng nhập cổng dịch vụ công bằng vneid', 'nop ho so online nhu the nao'],
  out_of_scope: ['giá xăng hôm nay bao nhiêu', 'kể chuyện cười đi', 'mua điện thoại ở đâu rẻ'],
};

describe('intents', () => {
  for (const [intent, questions] of Object.entries(CASES)) {
    it(`recognises ${intent}`, async () => {
      for (const q of questions) expect((await intentOf(q)).intent, q).toBe(intent);
    });
  }

  it('answers a procedure question with that procedure first, and a confidence', async () => {
    const u = await intentOf('cho em hỏi làm giấy đăng ký kết hôn cần mang gì ạ');
    expect(u.intent).toBe('procedure');
    expect(u.results[0]?.id).toBe('dang-ky-ket-hon');
    expect(u.confidence).toBeGreaterThan(0.6);
  });

  it('prefers the procedure when a message names one and also says "ở đâu"', async () => {
    const u = await intentOf('làm giấy chứng tử ở đâu ạ');
    expect(u.intent).toBe('procedure');
    expect(['dang-ky-khai-tu', 'lien-thong-khai-tu-xoa-thuong-tru-mai-tang']).toContain(u.results[0]?.id);
  });

  it('never answers a greeting or an unrelated question with a procedure', async () => {
    for (const q of ['xin chào', 'alo alo', 'giá vàng hôm nay', 'dự báo thời tiết ngày mai']) {
      expect((await intentOf(q)).intent, q).not.toBe('procedure');
    }
  });

  it('reads a petition code in any case', async () => {
    const u = await intentOf('cho hỏi pa-2026-000123 sao rồi');
    expect(u).toMatchObject({ intent: 'status', petitionCode: 'PA-2026-000123' });
  });

  it('gives a polite reply for hostile or strange input, never an exception', async () => {
    const inputs = ['', '   ', '🙂🙂🙂', 'x'.repeat(10_000), "'; DROP TABLE questions; --", '<script>alert(1)</script>', '\u0000\uFFFF', 'Đăng ký kết hôn'.normalize('NFD')];
    for (const q of inputs) {
      const turn = await assistant.respond(q);
      expect(turn.reply.text.length).toBeGreaterThan(0);
      expect(turn.reply.text.startsWith('Dạ')).toBe(true);
    }
  });
});
