import { describe, expect, it } from 'vitest';
import {
  parseOutboundMessage,
  requestUserInfo,
  textMessage,
  textWithButtons,
  ZALO_LIMITS,
  ZaloMessageError,
  type ButtonSpec,
} from '../../src/zalo/messages.js';
import { splitText, truncateAtWord } from '../../src/zalo/text-split.js';

describe('textMessage', () => {
  it('produces the documented body', () => {
    expect(textMessage('Dạ, UBND xã làm việc từ 7h30 đến 17h.')).toEqual({ text: 'Dạ, UBND xã làm việc từ 7h30 đến 17h.' });
  });

  it('normalises to NFC before counting', () => {
    const decomposed = 'Xin chào ông/bà'.normalize('NFD');
    expect(textMessage(decomposed).text).toBe('Xin chào ông/bà'.normalize('NFC'));
    // 2,000 precomposed characters fit even though the NFD form is longer.
    const long = 'ế'.repeat(ZALO_LIMITS.textChars);
    expect(long.normalize('NFD').length).toBeGreaterThan(ZALO_LIMITS.textChars);
    expect(textMessage(long.normalize('NFD')).text).toHaveLength(ZALO_LIMITS.textChars);
  });

  it('refuses empty or over-long text instead of truncating it', () => {
    expect(() => textMessage('  ')).toThrow(ZaloMessageError);
    expect(() => textMessage('a'.repeat(2001))).toThrow(/2001 characters; the limit is 2000/);
    expect(textMessage('a'.repeat(2000)).text).toHaveLength(2000);
  });
});

describe('textWithButtons', () => {
  const buttons: ButtonSpec[] = [
    { kind: 'query', title: 'Đăng ký khai sinh', payload: '#dang_ky_khai_sinh' },
    { kind: 'query', title: 'Hỏi riêng', payload: '#an', hidden: true },
    { kind: 'url', title: 'Nộp hồ sơ trực tuyến', url: 'https://dichvucong.gov.vn/p/home/dvc-trang-chu.html' },
    { kind: 'phone', title: 'Gọi Bộ phận Một cửa', phone: '0234 3.822.123' },
  ];

  it('maps buttons to oa.query.show/hide, oa.open.url and oa.open.phone with the documented payloads', () => {
    expect(textWithButtons('Ông/bà muốn làm thủ tục nào ạ?', buttons)).toEqual({
      text: 'Ông/bà muốn làm thủ tục nào ạ?',
      attachment: {
        type: 'template',
        payload: {
          buttons: [
            { title: 'Đăng ký khai sinh', type: 'oa.query.show', payload: '#dang_ky_khai_sinh' },
            { title: 'Hỏi riêng', type: 'oa.query.hide', payload: '#an' },
            {
              title: 'Nộp hồ sơ trực tuyến',
              type: 'oa.open.url',
              payload: { url: 'https://dichvucong.gov.vn/p/home/dvc-trang-chu.html' },
            },
            { title: 'Gọi Bộ phận Một cửa', type: 'oa.open.phone', payload: { phone_code: '02343822123' } },
          ],
        },
      },
    });
  });

  it('enforces the button count', () => {
    expect(() => textWithButtons('Chọn', [])).toThrow(/at least one button/);
    const six = Array.from({ length: 6 }, (_, i): ButtonSpec => ({ kind: 'query', title: `Mục ${i}`, payload: `#${i}` }));
    expect(() => textWithButtons('Chọn', six)).toThrow(/6 buttons; the limit is 5/);
    expect(textWithButtons('Chọn', six.slice(0, 5)).attachment.payload.buttons).toHaveLength(5);
  });

  it('enforces title and payload lengths and names the offending field', () => {
    const longTitle: ButtonSpec = { kind: 'query', title: 'x'.repeat(101), payload: '#a' };
    expect(() => textWithButtons('Chọn', [longTitle])).toThrow(/buttons\[0\]\.title: 101 characters; the limit is 100/);
    const longPayload: ButtonSpec = { kind: 'query', title: 'A', payload: 'p'.repeat(1001) };
    expect(() => textWithButtons('Chọn', [longPayload])).toThrow(/buttons\[0\]\.payload/);
  });

  it('rejects bad URLs and phone numbers', () => {
    expect(() => textWithButtons('x', [{ kind: 'url', title: 'A', url: 'dichvucong.gov.vn' }])).toThrow(/not an absolute URL/);
    expect(() => textWithButtons('x', [{ kind: 'url', title: 'A', url: 'javascript:alert(1)' }])).toThrow(/http\(s\)/);
    expect(() => textWithButtons('x', [{ kind: 'phone', title: 'A', phone: 'gọi xã' }])).toThrow(/not a phone number/);
  });
});

describe('requestUserInfo', () => {
  it('produces the request_user_info template', () => {
    const message = requestUserInfo({
      title: 'Xác nhận thông tin liên hệ',
      subtitle: 'Để Bộ phận Một cửa liên hệ lại về phản ánh của ông/bà',
      imageUrl: 'https://example.gov.vn/banner.png',
    });
    expect(message).toEqual({
      attachment: {
        type: 'template',
        payload: {
          template_type: 'request_user_info',
          elements: [
            {
              title: 'Xác nhận thông tin liên hệ',
              subtitle: 'Để Bộ phận Một cửa liên hệ lại về phản ánh của ông/bà',
              image_url: 'https://example.gov.vn/banner.png',
            },
          ],
        },
      },
    });
  });

  it('enforces title 100 and subtitle 500', () => {
    const ok = { title: 't', subtitle: 's', imageUrl: 'https://example.gov.vn/b.png' };
    expect(() => requestUserInfo({ ...ok, title: 't'.repeat(101) })).toThrow(/title/);
    expect(() => requestUserInfo({ ...ok, subtitle: 's'.repeat(501) })).toThrow(/subtitle/);
    expect(() => requestUserInfo({ ...ok, imageUrl: '/banner.png' })).toThrow(/imageUrl/);
  });
});

describe('outboundMessageSchema', () => {
  it('round-trips every builder output through JSON (what the outbox stores)', () => {
    const messages = [
      textMessage('Xin chào'),
      textWithButtons('Chọn', [{ kind: 'query', title: 'A', payload: '#a' }]),
      requestUserInfo({ title: 't', subtitle: 's', imageUrl: 'https://example.gov.vn/b.png' }),
    ];
    for (const m of messages) expect(parseOutboundMessage(JSON.parse(JSON.stringify(m)))).toEqual(m);
  });

  it('rejects stored messages that break the limits or the shape', () => {
    expect(() => parseOutboundMessage({ text: 'a'.repeat(2001) })).toThrow();
    expect(() => parseOutboundMessage({ text: 'a', extra: true })).toThrow();
    expect(() =>
      parseOutboundMessage({
        text: 'a',
        attachment: { type: 'template', payload: { buttons: [{ title: 'A', type: 'oa.open.url', payload: { url: 'ftp://x' } }] } },
      }),
    ).toThrow();
  });
});

describe('splitText', () => {
  it('returns short text unchanged', () => {
    expect(splitText('Dạ, có ạ.')).toEqual(['Dạ, có ạ.']);
    expect(splitText('   ')).toEqual([]);
  });

  it('splits at paragraph breaks first, every chunk within the limit', () => {
    const para = 'Thành phần hồ sơ gồm tờ khai và giấy chứng sinh. '.repeat(20).trim();
    const text = [para, para, para].join('\n\n');
    const chunks = splitText(text, 1200);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(1200);
    expect(chunks[0]).toBe(para);
    // Nothing is lost except the whitespace at the cuts.
    expect(chunks.join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
  });

  it('falls back to sentences, then words, then a hard cut', () => {
    const sentences = splitText('Một câu ngắn. Hai câu ngắn. Ba câu ngắn.', 30);
    expect(sentences).toEqual(['Một câu ngắn. Hai câu ngắn.', 'Ba câu ngắn.']);
    expect(splitText('aaaa bbbb cccc', 9)).toEqual(['aaaa bbbb', 'cccc']);
    expect(splitText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('never splits an emoji in half', () => {
    const chunks = splitText('a'.repeat(9) + '😀' + 'b', 10);
    expect(chunks[0]).toBe('a'.repeat(9));
    expect(chunks[1]).toBe('😀b');
  });
});

describe('truncateAtWord', () => {
  it('cuts at a word boundary and adds an ellipsis', () => {
    expect(truncateAtWord('Đăng ký khai sinh cho trẻ em', 20)).toBe('Đăng ký khai sinh…');
    expect(truncateAtWord('Ngắn', 20)).toBe('Ngắn');
    expect(truncateAtWord('x'.repeat(30), 10)).toBe('x'.repeat(9) + '…');
  });
  it('produces valid button titles', () => {
    const title = truncateAtWord('Thủ tục '.repeat(30), ZALO_LIMITS.buttonTitleChars);
    expect(title.length).toBeLessThanOrEqual(100);
    expect(() => textWithButtons('Chọn', [{ kind: 'query', title, payload: '#a' }])).not.toThrow();
  });
});
