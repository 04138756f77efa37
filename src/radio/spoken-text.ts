import { DEFAULT_STYLE, readDay, readDigits, readInteger, readMonth, readWrittenNumber, type NumberStyle } from './numbers.js';

/**
 * Written Vietnamese → what the announcer says: every number, date, time, phone number, amount,
 * code and abbreviation written out in words, so nobody has to convert "0200 000 0000" or
 * "1.000894" in their head while the microphone is live, and a speech engine reads them right.
 * Each rule replaces its matches with words (no digits left), so later rules never see them again;
 * the order below goes from the most specific shape to the plain number.
 */

const LETTERS: Record<string, string> = {
  A: 'a', B: 'bê', C: 'xê', D: 'dê', Đ: 'đê', E: 'e', F: 'ép', G: 'giê', H: 'hát', I: 'i', J: 'gi', K: 'ca', L: 'e lờ', M: 'em mờ',
  N: 'en nờ', O: 'o', P: 'pê', Q: 'quy', R: 'e rờ', S: 'ét xì', T: 'tê', U: 'u', V: 'vê', W: 'vê kép', X: 'ích xì', Y: 'i dài', Z: 'dét',
};

/** Spells letters the Vietnamese way: "PA" → "pê a". */
export function spell(letters: string): string {
  return [...letters.toUpperCase()].map((l) => LETTERS[l] ?? l).join(' ');
}

/** Who issued a legal document, from the suffix of its number ("123/2015/NĐ-CP"). */
const ISSUERS: Array<[RegExp, string]> = [
  [/^NĐ-CP$/, 'của Chính phủ'],
  [/^QH\d*$/, 'của Quốc hội'],
  [/^NQ-HĐND$/, 'của Hội đồng nhân dân tỉnh'],
  [/^QĐ-TTg$/, 'của Thủ tướng Chính phủ'],
  [/^QĐ-UBND$/, 'của Ủy ban nhân dân'],
  [/^TT-BTC$/, 'của Bộ Tài chính'],
  [/^TT-BTP$/, 'của Bộ Tư pháp'],
  [/^TT-BCA$/, 'của Bộ Công an'],
  [/^TT-BLĐTBXH$/, 'của Bộ Lao động – Thương binh và Xã hội'],
  [/^TT-BTNMT$/, 'của Bộ Tài nguyên và Môi trường'],
  [/^TT-BXD$/, 'của Bộ Xây dựng'],
];

/** Abbreviations of public administration, said in full on air. */
const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\bUBND\b/g, 'Ủy ban nhân dân'],
  [/\bHĐND(?![\p{L}])/gu, 'Hội đồng nhân dân'],
  [/\bCCHC\b/g, 'cải cách hành chính'],
  [/\bTTHC\b/g, 'thủ tục hành chính'],
  [/\bDVCTT\b/g, 'dịch vụ công trực tuyến'],
  [/\bDVC\b/g, 'dịch vụ công'],
  [/\bBHYT\b/g, 'bảo hiểm y tế'],
  [/\bBHXH\b/g, 'bảo hiểm xã hội'],
  [/\bCCCD\b/g, 'căn cước công dân'],
  [/\bGCN\b/g, 'giấy chứng nhận'],
  [/\bMTTQ\b/g, 'Mặt trận Tổ quốc'],
  [/\bTP\.\s?/g, 'thành phố '],
  [/\bVNeID\b/g, 'vê en e ai đi'],
];

type Rule = (text: string, style: NumberStyle) => string;

/** "https://dichvucong.gov.vn/tra-cuu" → "dichvucong chấm gov chấm vn gạch chéo tra gạch ngang cuu". */
const urls: Rule = (text) =>
  text.replace(/\b(?:https?:\/\/|www\.)[^\s,;)]*[^\s,;).]|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov\.vn|com\.vn|vn|com|org|net)\b(?:\/[^\s,;)]*[^\s,;).])?/giu, (url) =>
    url
      .replace(/^https?:\/\//i, '')
      .replace(/[./]+$/, '')
      .replace(/\./g, ' chấm ')
      .replace(/\//g, ' gạch chéo ')
      .replace(/-/g, ' gạch ngang ')
      .replace(/\d+/g, (d) => readDigits(d)),
  );

/** Petition and case codes: "PA-2026-000123" → "pê a, hai không hai sáu, không không không một hai ba". */
const caseCodes: Rule = (text) =>
  text.replace(/\b([A-Z]{1,4})-(\d{2,4})-(\d{3,8})\b/g, (_m, letters: string, year: string, serial: string) => `${spell(letters)}, ${readDigits(year)}, ${readDigits(serial)}`);

/** "Nghị định 123/2015/NĐ-CP" → "Nghị định số một trăm hai mươi ba năm hai nghìn không trăm mười lăm của Chính phủ". */
const legalNumbers: Rule = (text, style) =>
  text.replace(/(số\s+)?(?<!\d)(\d{1,4})\/(\d{4})\/([A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-Za-zĐđ0-9]+)*)/gu, (_m, so: string | undefined, n: string, year: string, suffix: string) => {
    const issuer = ISSUERS.find(([re]) => re.test(suffix))?.[1] ?? spell(suffix.replace(/-/g, ''));
    return `${so ? so : 'số '}${readInteger(n, style)} năm ${readInteger(year, style)} ${issuer}`;
  });

/** National procedure codes: "1.000894" → "một chấm không không không tám chín tư" (digit by digit). */
const procedureCodes: Rule = (text) => text.replace(/(?<![\d.])(\d)\.(\d{6})(?![\d.])/g, (_m, a: string, b: string) => `${readDigits(a)} chấm ${readDigits(b)}`);

/**
 * Phone numbers, digit by digit in the groups they are written in (or 4-3-3 / 4-3-4 when written
 * without spaces): "0200 000 0000" → "không hai không không, không không không, không không không không".
 * Free hotlines "1800 1096" and "1900 …" too.
 */
const phones: Rule = (text) => {
  const say = (groups: string[]) => groups.map(readDigits).join(', ');
  const grouped = (digits: string) => (digits.length === 10 ? [digits.slice(0, 4), digits.slice(4, 7), digits.slice(7)] : [digits.slice(0, 4), digits.slice(4, 7), digits.slice(7)]);
  return text
    .replace(/(?<![\d.,])(0\d{2,3})[ .](\d{3})[ .](\d{3,4})(?!\d|[.,]\d)/g, (_m, a: string, b: string, c: string) => say([a, b, c]))
    .replace(/(?<![\d.,])(0\d{9,10})(?!\d|[.,]\d)/g, (_m, digits: string) => say(grouped(digits)))
    .replace(/(?<![\d.,])(1[89]00)[ .]?(\d{4}|\d{3}[ .]\d{3})(?!\d|[.,]\d)/g, (_m, a: string, b: string) => say([a, ...b.split(/[ .]/)]));
};

function dayMonthYear(day: number, month: number, year: string | undefined, style: NumberStyle): string | undefined {
  if (day < 1 || day > 31 || month < 1 || month > 12) return undefined;
  return `${readDay(day, style)} ${readMonth(month)}${year ? ` năm ${readInteger(year, style)}` : ''}`;
}

/** "01/12/2026" → "ngày mồng một tháng mười hai năm hai nghìn không trăm hai mươi sáu"; "tháng 4" → "tháng tư". */
const dates: Rule = (text, style) =>
  text
    .replace(/(ngày\s+)?(?<![\d/])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?(?![\d/])/giu, (whole, ngay: string | undefined, d: string, m: string, y: string | undefined) => {
      const spoken = dayMonthYear(Number(d), Number(m), y, style);
      return spoken ? `${ngay ?? 'ngày '}${spoken}` : whole;
    })
    .replace(/tháng\s+(\d{1,2})\/(\d{4})(?!\d)/giu, (whole, m: string, y: string) => (Number(m) >= 1 && Number(m) <= 12 ? `${readMonth(Number(m))} năm ${readInteger(y, style)}` : whole))
    .replace(/tháng\s+(\d{1,2})(?![\d/.,])/giu, (whole, m: string) => (Number(m) >= 1 && Number(m) <= 12 ? readMonth(Number(m)) : whole));

/** "7h30", "07:30", "17h" → "bảy giờ ba mươi phút", "bảy giờ ba mươi phút", "mười bảy giờ". */
const times: Rule = (text, style) =>
  text
    .replace(/(?<![\d.,])(\d{1,2})(?:h|:|\s?giờ\s?)(\d{2})(?:'|\s?phút)?(?![\d])/gu, (whole, h: string, m: string) =>
      Number(h) <= 24 && Number(m) < 60 ? `${readInteger(h, style)} giờ${Number(m) ? ` ${readInteger(m, style)} phút` : ''}` : whole,
    )
    .replace(/(?<![\d.,])(\d{1,2})h(?![\p{L}\d])/gu, (whole, h: string) => (Number(h) <= 24 ? `${readInteger(h, style)} giờ` : whole));

/** "thứ 2" → "thứ hai", "Thứ 4" → "Thứ tư" (days of the week and ranks). */
const ordinals: Rule = (text) =>
  text.replace(/\b([Tt]hứ)\s+([2-8])(?!\d)/g, (_m, thu: string, d: string) => `${thu} ${['hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám'][Number(d) - 2]}`);

/** Amounts: "50.000đ", "50.000 VNĐ" → "… đồng"; "đồng/bản" → "đồng một bản"; "15%" → "… phần trăm". */
const money: Rule = (text) =>
  text
    .replace(/(\d)\s?(?:đ|VNĐ|VND|vnđ)(?![\p{L}])/gu, '$1 đồng')
    .replace(/đồng\s?\/\s?/gu, 'đồng một ')
    .replace(/(\d)\s?%/g, '$1 phần trăm');

/** Ranges between two numbers: "25.000–30.000" → "… đến …". */
const ranges: Rule = (text) => text.replace(/(\d)\s?[–—-]\s?(?=\d)/g, '$1 đến ');

/** Every number left: "1.500.000" → "một triệu năm trăm nghìn", "3,5" → "ba phẩy năm", "05" → "năm". */
const numbers: Rule = (text, style) =>
  text.replace(/(?<![\d\p{L}])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d])|(?<![\d\p{L}])\d+(?:,\d+)?(?![\d])|\d+/gu, (n) => readWrittenNumber(n, style));

/** Symbols an announcer would not say as such. */
const symbols: Rule = (text) =>
  text
    .replace(/\bông\/bà\b/gu, 'ông, bà')
    .replace(/(\p{L})\s?\/\s?(\p{L})/gu, '$1 hoặc $2')
    .replace(/\s&\s/g, ' và ')
    .replace(/\s*[()]\s*/g, ', ')
    .replace(/[*_#`>]+/g, '')
    .replace(/\s*[–—]\s*/g, ', ')
    .replace(/\s+,/g, ',')
    .replace(/,\s*([,.;:!?])/g, '$1')
    .replace(/,{2,}/g, ',')
    .replace(/\s{2,}/g, ' ');

const abbreviations: Rule = (text) => ABBREVIATIONS.reduce((t, [re, full]) => t.replace(re, full), text);

const RULES: Rule[] = [urls, caseCodes, legalNumbers, procedureCodes, phones, ranges, dates, times, ordinals, money, numbers, abbreviations, symbols];

/** The words an announcer reads for `text` (one line or sentence of written Vietnamese). */
export function toSpoken(text: string, style: NumberStyle = DEFAULT_STYLE): string {
  const spoken = RULES.reduce((t, rule) => rule(t, style), text.normalize('NFC'));
  return spoken.replace(/^[\s,]+|[\s,]+$/g, '').trim();
}
