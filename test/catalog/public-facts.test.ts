import { describe, expect, it } from 'vitest';
import { isInternalNote, publicFact, uncertaintyLine, whereFact } from '../../src/catalog/public-text.js';
import { publicFacts } from '../../src/catalog/public-facts.js';
import { bundledCatalog } from '../helpers/catalog.js';

/** Words that belong to editors' notes about sources and other provinces, never to paper. */
const INTERNAL_WORDS = [/hải phòng/iu, /(^|[^\p{L}])nguồn(?!\p{L})/iu, /chưa (được )?xác nhận/iu, /tham khảo/iu, /thứ cấp/iu, /(cần|chưa) (được )?đối chiếu/iu];

describe('catalog facts cleaned for print', () => {
  it('drops another province\'s example and keeps the rule', () => {
    expect(publicFact('Theo nghị quyết của HĐND tỉnh (ví dụ Hải Phòng 8.000 đồng)')).toBe('Theo nghị quyết của HĐND tỉnh');
    expect(publicFact('Theo nghị quyết của HĐND tỉnh. Ví dụ Hải Phòng miễn lệ phí (Nghị quyết 16/2023/NQ-HĐND)')).toBe('Theo nghị quyết của HĐND tỉnh');
    expect(publicFact('Miễn lệ phí nếu đăng ký đúng hạn (trong 60 ngày kể từ ngày sinh). Quá hạn thì nộp lệ phí theo nghị quyết của HĐND tỉnh (ví dụ Hải Phòng 8.000 đồng)')).toBe(
      'Miễn lệ phí nếu đăng ký đúng hạn (trong 60 ngày kể từ ngày sinh). Quá hạn thì nộp lệ phí theo nghị quyết của HĐND tỉnh',
    );
  });

  it('turns "not confirmed in the source; ask …" into a polite pointer to whom to ask', () => {
    expect(publicFact('Chưa xác nhận trong nguồn; hỏi Bộ phận Một cửa của xã')).toBe('Ông/bà hỏi Bộ phận Một cửa của xã để biết cụ thể');
    expect(publicFact('Chưa xác nhận trong nguồn; hỏi Bộ phận Một cửa của xã khi nộp')).toBe('Ông/bà hỏi Bộ phận Một cửa của xã khi nộp');
    expect(publicFact('Khi cấp đổi. Chưa xác nhận trong nguồn; hỏi cơ quan Công an trước khi đi')).toBe('Khi cấp đổi. Ông/bà hỏi cơ quan Công an trước khi đi');
    expect(publicFact('50.000 đồng/di chúc (mức này lấy từ nguồn thứ cấp, chưa đối chiếu văn bản gốc; hỏi lại Bộ phận Một cửa)')).toBe('50.000 đồng/di chúc');
    expect(publicFact('Chưa xác nhận trong nguồn')).toBeUndefined();
  });

  it('keeps plain examples and asides that explain the procedure', () => {
    const applicants = 'Hộ kinh doanh cần cấp lại Giấy chứng nhận (ví dụ khi bị mất)';
    expect(publicFact(applicants)).toBe(applicants);
    expect(publicFact('2.000 đồng/trang (Thông tư 226/2016/TT-BTC, áp dụng chung cả nước)')).toBe('2.000 đồng/trang (Thông tư 226/2016/TT-BTC, áp dụng chung cả nước)');
    expect(isInternalNote('Cán bộ đối chiếu bản sao với bản chính')).toBe(false);
    expect(isInternalNote('ví dụ Hải Phòng')).toBe(true);
  });

  it('says where to go without claiming the procedure can be done online', () => {
    expect(whereFact('Nộp tại UBND cấp xã. Có nộp trực tuyến được hay không, kiểm tra trên Cổng Dịch vụ công')).toBe('Nộp tại UBND cấp xã');
    expect(whereFact('Nộp tại UBND cấp xã hoặc trực tuyến. Có nộp được ở xã bất kỳ hay không thì chưa xác nhận; hỏi Bộ phận Một cửa')).toBe(
      'Nộp tại UBND cấp xã. Ông/bà hỏi Bộ phận Một cửa để biết cụ thể',
    );
  });

  it('prints the unconfirmed list as one plain line with the hotline', () => {
    const call = '0200 000 0000';
    expect(uncertaintyLine({ unconfirmed: ['Mức lệ phí do HĐND tỉnh quyết định; chỉ có số liệu ví dụ Hải Phòng'], fee: 'Theo nghị quyết của HĐND tỉnh', call })).toBe(
      'Lệ phí do tỉnh quy định, ông/bà gọi 0200 000 0000 để biết chính xác.',
    );
    expect(uncertaintyLine({ unconfirmed: ['Thời hạn giải quyết', 'Mức phí 50.000 đồng/di chúc (nguồn thứ cấp)'], fee: '50.000 đồng/di chúc', call })).toBe(
      'Mức lệ phí và thời hạn giải quyết có thể khác theo quy định của địa phương, ông/bà gọi 0200 000 0000 để biết chính xác.',
    );
    // The online level has its own sentence on every leaflet.
    expect(uncertaintyLine({ unconfirmed: ['Mức dịch vụ trực tuyến (toàn trình hay một phần) do tỉnh công bố; kiểm tra trên Cổng Dịch vụ công'], fee: 'Miễn', call })).toBeUndefined();
  });

  it('leaves no internal note and no online claim in the public facts of any procedure of the bundled catalog', () => {
    const { procedures, commune } = bundledCatalog().current.content;
    const real = { ...commune, example: false, hotlines: commune.hotlines.map((h) => ({ ...h, example: false })) };
    for (const p of procedures) {
      const m = publicFacts(p, real, `https://xa.example.vn/thu-tuc/${p.id}`);
      const printed = [m.name, m.applicants, m.time, m.fee, m.feeExemptions, m.where, m.online, m.caution, ...m.steps, ...m.documents.flatMap((d) => [d.name, d.detail, d.condition])]
        .filter(Boolean)
        .join('\n');
      for (const word of INTERNAL_WORDS) expect(printed, `${p.id}: ${word}`).not.toMatch(word);
      expect(m.url).toBe(`https://xa.example.vn/thu-tuc/${p.id}`);
      if (p.online_level === 'toan_trinh' || p.online_level === 'mot_phan') continue;
      expect(m.canSubmitOnline, p.id).toBe(false);
      expect(m.where, p.id).not.toMatch(/trực tuyến/iu);
      if (p.online_level === 'truc_tiep') expect(m.online, p.id).toContain('không nộp trực tuyến');
      else expect(m.online, p.id).toContain('chưa có thông tin');
    }
  });
});
