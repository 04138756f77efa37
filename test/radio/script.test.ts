import { describe, expect, it } from 'vitest';
import { durationText, monthRange, radioBulletin, reformColumn, WORDS_PER_MINUTE, type RadioAnnouncement } from '../../src/radio/script.js';
import { countWords, MAX_WORDS, shortSentences } from '../../src/radio/sentences.js';
import { scriptHtml, scriptText } from '../../src/radio/script-render.js';
import { bundledCatalog } from '../helpers/catalog.js';

const commune = bundledCatalog().current.content.commune;

const khaiSinh: RadioAnnouncement = {
  id: 'a1',
  title: 'Từ 01/12 nộp hồ sơ khai sinh trực tuyến không mất phí',
  summary: 'Xã hướng dẫn nộp hồ sơ khai sinh qua Cổng Dịch vụ công.',
  body: [
    'Từ ngày 01/12/2026, người dân có thể nộp hồ sơ **đăng ký khai sinh** (mã 1.001193) trên Cổng Dịch vụ công quốc gia mà không phải nộp lệ phí, thay vì mức 8.000 đồng như trước đây, và kết quả sẽ được trả qua bưu chính hoặc tại Bộ phận Một cửa của UBND xã trong vòng 01 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ.',
    '',
    '- Bước 1: đăng nhập bằng tài khoản định danh điện tử.',
    '- Bước 2: điền tờ khai và đính kèm ảnh giấy chứng sinh.',
  ].join('\n'),
  publishedAt: '2026-11-05T02:00:00.000Z',
};

describe('radio scripts', () => {
  it('opens with the station, reads the news in short sentences, closes with the hotline', () => {
    const script = radioBulletin({ commune, announcement: khaiSinh });
    expect(script.kind).toBe('bulletin');
    expect(script.sections.map((s) => s.heading)).toEqual(['Lời mở đầu', khaiSinh.title, 'Lời kết']);
    const [opening, news, closing] = script.sections as [typeof script.sections[0], typeof script.sections[0], typeof script.sections[0]];
    expect(opening.sentences).toEqual(['Đây là Đài truyền thanh xã An Lão.', 'Kính thưa bà con nhân dân.', 'Sau đây là thông báo của Ủy ban nhân dân xã An Lão.']);
    expect(news.sentences[0]).toBe('Từ ngày mồng một tháng mười hai nộp hồ sơ khai sinh trực tuyến không mất phí.');
    expect(news.sentences.join(' ')).toContain('mã một chấm không không một một chín ba');
    expect(news.sentences.join(' ')).toContain('tám nghìn đồng');
    expect(closing.sentences).toContain('Số điện thoại không hai không không, không không không, không không không không.');
    // The bundled number is an example: the script says so rather than pass it off as real.
    expect(closing.sentences).toContain('Đây là số ví dụ.');
    expect(closing.sentences.at(-1)).toBe('Cảm ơn bà con đã chú ý lắng nghe.');
    for (const s of script.sections.flatMap((x) => x.sentences)) {
      expect(s, s).toMatch(/^\p{Lu}.*[.!?]$/u);
      expect(s).not.toMatch(/\d|\*\*/);
      expect(countWords(s), s).toBeLessThanOrEqual(30);
    }
  });

  it('is timed at 150 words a minute', () => {
    const script = radioBulletin({ commune, announcement: khaiSinh });
    const words = script.sections.flatMap((s) => s.sentences).join(' ').split(/\s+/).length;
    expect(script.words).toBe(words);
    expect(script.wordsPerMinute).toBe(WORDS_PER_MINUTE);
    expect(script.seconds).toBe(Math.round((words * 60) / 150));
    expect(durationText(96)).toBe('khoảng 1 phút 36 giây');
    expect(durationText(120)).toBe('khoảng 2 phút');
    expect(durationText(45)).toBe('khoảng 45 giây');
  });

  it('keeps sentences short, cutting at commas and conjunctions first', () => {
    const long = 'bà con mang theo giấy tờ tùy thân, tờ khai đã điền đủ thông tin, giấy chứng sinh do bệnh viện cấp và sổ hộ khẩu cũ nếu còn giữ để cán bộ đối chiếu';
    const sentences = shortSentences(long);
    expect(sentences.length).toBeGreaterThan(1);
    for (const s of sentences) expect(countWords(s)).toBeLessThanOrEqual(MAX_WORDS);
    expect(sentences[0]).toMatch(/^Bà con mang theo giấy tờ tùy thân/);
  });

  it('uses the commune\'s own station name and lines when its profile has them', () => {
    const own = { ...commune, radio: { station: 'Đài Truyền thanh – Truyền hình xã Ví Dụ', opening: ['Alô, alô, kính thưa bà con.'], closing: ['Chào tạm biệt bà con lúc 18h.'] } };
    const script = radioBulletin({ commune: own, announcement: khaiSinh });
    expect(script.station).toBe('Đài Truyền thanh – Truyền hình xã Ví Dụ');
    expect(script.sections[0]!.sentences[0]).toBe('Alô, alô, kính thưa bà con.');
    expect(script.sections.at(-1)!.sentences.at(-1)).toBe('Chào tạm biệt bà con lúc mười tám giờ.');
  });

  it('compiles the month\'s column from what was published that month in Vietnam time, oldest first', () => {
    const items: RadioAnnouncement[] = [
      { ...khaiSinh, id: 'nov-20', title: 'Lịch tiếp công dân tháng 12', body: 'Chủ tịch UBND xã tiếp công dân sáng thứ 5 hằng tuần.', publishedAt: '2026-11-20T03:00:00.000Z' },
      khaiSinh,
      // 01:00 on 1 November in Vietnam: November's column.
      { ...khaiSinh, id: 'nov-01', title: 'Tin đầu tháng', body: 'Nội dung.', publishedAt: '2026-10-31T18:00:00.000Z' },
      // 07:00 on 1 December in Vietnam: not November's.
      { ...khaiSinh, id: 'dec-01', title: 'Tin tháng sau', body: 'Nội dung.', publishedAt: '2026-12-01T00:00:00.000Z' },
      { ...khaiSinh, id: 'draft', title: 'Chưa đăng', publishedAt: null },
    ];
    const column = reformColumn({ commune, month: '2026-11', announcements: items });
    expect(column.title).toBe('Chuyên mục Cải cách hành chính tháng 11/2026');
    expect(column.sources.map((s) => s.id)).toEqual(['nov-01', 'a1', 'nov-20']);
    expect(column.sections.map((s) => s.heading)).toEqual(['Lời mở đầu', 'Tin thứ nhất: Tin đầu tháng', `Tin thứ hai: ${khaiSinh.title}`, 'Tin thứ ba: Lịch tiếp công dân tháng 12', 'Lời kết']);
    expect(column.sections[0]!.sentences).toContain('Mời bà con cùng nghe chuyên mục Cải cách hành chính tháng mười một năm hai nghìn không trăm hai mươi sáu.');
    expect(column.sections[0]!.sentences).toContain('Chuyên mục hôm nay có ba tin.');
    expect(column.sections[3]!.sentences[0]).toBe('Tin thứ ba.');
    expect(monthRange('2026-11')).toEqual({ from: new Date('2026-10-31T17:00:00.000Z'), to: new Date('2026-11-30T17:00:00.000Z') });
  });

  it('renders the script as text and as a page with the estimated duration', () => {
    const script = radioBulletin({ commune, announcement: khaiSinh });
    const text = scriptText(script);
    expect(text.split('\n')[0]).toBe(`BẢN TIN PHÁT THANH: ${khaiSinh.title.toLocaleUpperCase('vi-VN')}`);
    expect(text).toContain(`${script.words} từ · thời lượng ước tính ${durationText(script.seconds)} (đọc 150 từ/phút)`);
    expect(text).toContain('[Lời mở đầu]\nĐây là Đài truyền thanh xã An Lão.');
    const page = scriptHtml({ ...script, title: '<script>alert(1)</script>' });
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain(durationText(script.seconds));
  });
});
