import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ordinal, readDay, readDigits, readInteger, readMonth, readWrittenNumber } from '../../src/radio/numbers.js';
import { toSpoken } from '../../src/radio/spoken-text.js';

describe('Vietnamese numbers read aloud', () => {
  it.each([
    ['0', 'không'],
    ['5', 'năm'],
    ['10', 'mười'],
    ['11', 'mười một'],
    ['14', 'mười bốn'],
    ['15', 'mười lăm'],
    ['20', 'hai mươi'],
    ['21', 'hai mươi mốt'],
    ['24', 'hai mươi tư'],
    ['25', 'hai mươi lăm'],
    ['101', 'một trăm lẻ một'],
    ['105', 'một trăm lẻ năm'],
    ['110', 'một trăm mười'],
    ['115', 'một trăm mười lăm'],
    ['1001', 'một nghìn không trăm lẻ một'],
    ['2026', 'hai nghìn không trăm hai mươi sáu'],
    ['1000000', 'một triệu'],
    ['1005000', 'một triệu không trăm lẻ năm nghìn'],
    ['2000000000', 'hai tỷ'],
    ['05', 'năm'],
  ])('%s → %s', (digits, words) => {
    expect(readInteger(digits)).toBe(words);
  });

  it('says "linh" instead of "lẻ" where the commune prefers it', () => {
    expect(readInteger('105', { odd: 'linh' })).toBe('một trăm linh năm');
    expect(readInteger('3008', { odd: 'linh' })).toBe('ba nghìn không trăm linh tám');
  });

  it('reads written amounts with dots for thousands and commas for decimals', () => {
    expect(readWrittenNumber('1.500.000')).toBe('một triệu năm trăm nghìn');
    expect(readWrittenNumber('3,5')).toBe('ba phẩy năm');
    expect(readWrittenNumber('8.000')).toBe('tám nghìn');
  });

  it('reads codes digit by digit, days as "mồng", months as "tháng tư", and ranks', () => {
    expect(readDigits('0200')).toBe('không hai không không');
    expect(readDay(1)).toBe('mồng một');
    expect(readDay(10)).toBe('mồng mười');
    expect(readDay(15)).toBe('mười lăm');
    expect(readDay(21)).toBe('hai mươi mốt');
    expect(readMonth(4)).toBe('tháng tư');
    expect(readMonth(11)).toBe('tháng mười một');
    expect(ordinal(1)).toBe('thứ nhất');
    expect(ordinal(4)).toBe('thứ tư');
    expect(ordinal(5)).toBe('thứ năm');
  });

  it('never leaves a digit in words it reads (any integer up to 10^15)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (n) => {
        const words = readInteger(n.toString());
        expect(words).not.toMatch(/\d/);
        expect(words.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('written text to what the announcer says', () => {
  it('dates and times', () => {
    expect(toSpoken('Từ ngày 01/12/2026 nhận hồ sơ.')).toBe('Từ ngày mồng một tháng mười hai năm hai nghìn không trăm hai mươi sáu nhận hồ sơ.');
    expect(toSpoken('Hạn chót 15/4.')).toBe('Hạn chót ngày mười lăm tháng tư.');
    expect(toSpoken('Làm việc từ 7h30 đến 11h30, chiều đến 17h.')).toBe('Làm việc từ bảy giờ ba mươi phút đến mười một giờ ba mươi phút, chiều đến mười bảy giờ.');
    expect(toSpoken('Họp lúc 14:00 thứ 4.')).toBe('Họp lúc mười bốn giờ thứ tư.');
    expect(toSpoken('Báo cáo tháng 11/2026')).toBe('Báo cáo tháng mười một năm hai nghìn không trăm hai mươi sáu');
  });

  it('phone numbers digit by digit in their groups', () => {
    expect(toSpoken('Gọi 0200 000 0001.')).toBe('Gọi không hai không không, không không không, không không không một.');
    expect(toSpoken('Tổng đài 1800 1096.')).toBe('Tổng đài một tám không không, một không chín sáu.');
    expect(toSpoken('Di động 0912345678')).toBe('Di động không chín một hai, ba bốn năm, sáu bảy tám');
  });

  it('money, percentages and ranges', () => {
    expect(toSpoken('Lệ phí 50.000 đồng/văn bản.')).toBe('Lệ phí năm mươi nghìn đồng một văn bản.');
    expect(toSpoken('Tạm trú 10.000–15.000 đồng')).toBe('Tạm trú mười nghìn đến mười lăm nghìn đồng');
    expect(toSpoken('Còn 5.000đ, giảm 50%.')).toBe('Còn năm nghìn đồng, giảm năm mươi phần trăm.');
    expect(toSpoken('Hỗ trợ 1.001.000 đồng')).toBe('Hỗ trợ một triệu không trăm lẻ một nghìn đồng');
    expect(toSpoken('Hỗ trợ 1.001.000 đồng', { odd: 'linh' })).toBe('Hỗ trợ một triệu không trăm linh một nghìn đồng');
  });

  it('procedure codes, petition codes, legal documents and web addresses', () => {
    expect(toSpoken('mã thủ tục 1.001193')).toBe('mã thủ tục một chấm không không một một chín ba');
    expect(toSpoken('Phản ánh PA-2026-000123 đã có trả lời.')).toBe('Phản ánh pê a, hai không hai sáu, không không không một hai ba đã có trả lời.');
    expect(toSpoken('Theo Nghị định 123/2015/NĐ-CP')).toBe('Theo Nghị định số một trăm hai mươi ba năm hai nghìn không trăm mười lăm của Chính phủ');
    expect(toSpoken('Luật Hộ tịch số 60/2014/QH13')).toBe('Luật Hộ tịch số sáu mươi năm hai nghìn không trăm mười bốn của Quốc hội');
    expect(toSpoken('Truy cập https://dichvucong.gov.vn.')).toBe('Truy cập dichvucong chấm gov chấm vn.');
  });

  it('abbreviations in full and no digit left anywhere', () => {
    expect(toSpoken('UBND xã và HĐND xã triển khai CCHC, hỗ trợ cấp CCCD.')).toBe('Ủy ban nhân dân xã và Hội đồng nhân dân xã triển khai cải cách hành chính, hỗ trợ cấp căn cước công dân.');
    const mixed = 'Ngày 3/2, 48 hộ (12%) nộp 2.500.000 đồng; gọi 0200 000 0000 trước 16h45, mã 2.000635.';
    expect(toSpoken(mixed)).not.toMatch(/\d/);
  });
});
