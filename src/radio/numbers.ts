import { doReadNumber, ReadingConfig } from 'read-vietnamese-number';

/**
 * Vietnamese number words. `read-vietnamese-number` does the grouping into nghìn / triệu / tỷ and
 * the sound changes of spoken numbers: "mười" for 10–19 but "mươi" after two to nine, "mốt" for a
 * final 1 after mươi (21 hai mươi mốt), "tư" for a final 4 after mươi (24 hai mươi tư), "lăm" for a
 * final 5 after a ten (15 mười lăm, 25 hai mươi lăm), "lẻ" (or "linh") for a zero ten
 * (105 một trăm lẻ năm), and "không trăm" inside large numbers (1.005.000 một triệu không trăm lẻ
 * năm nghìn). This module only configures it and adds what radio scripts need on top.
 */
export interface NumberStyle {
  /** "lẻ" (common in the South and on national radio) or "linh" (the North). */
  odd: 'lẻ' | 'linh';
}

export const DEFAULT_STYLE: NumberStyle = { odd: 'lẻ' };

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

function config(style: NumberStyle): ReadingConfig {
  const c = new ReadingConfig();
  c.unit = [];
  c.units = [[], ['nghìn'], ['triệu'], ['tỷ']];
  c.oddText = style.odd;
  // Only digits reach the library (grouping is undone here), and it builds a RegExp from this
  // sign unescaped, so it must not be "." (which would match every digit).
  c.thousandSign = '_';
  return c;
}

/** Reads an integer written with digits only ("2026", "05", "1500000"). */
export function readInteger(digits: string, style: NumberStyle = DEFAULT_STYLE): string {
  if (!/^\d+$/.test(digits)) throw new Error(`radio: not an integer: "${digits}"`);
  return doReadNumber(digits, config(style)).trim();
}

/**
 * Reads a number as written in Vietnamese text: "." groups thousands, "," marks decimals
 * ("1.500.000" → một triệu năm trăm nghìn, "3,5" → ba phẩy năm).
 */
export function readWrittenNumber(written: string, style: NumberStyle = DEFAULT_STYLE): string {
  const [whole = '0', fraction] = written.split(',');
  const integer = readInteger(whole.replace(/\./g, '') || '0', style);
  if (fraction === undefined || fraction === '') return integer;
  // Decimals are read digit by digit after "phẩy" except short ones people say as a number ("3,25").
  const decimals = fraction.length <= 2 && !fraction.startsWith('0') ? readInteger(fraction, style) : readDigits(fraction);
  return `${integer} phẩy ${decimals}`;
}

/** Digit by digit, as codes and phone numbers are read: "0200" → "không hai không không". */
export function readDigits(digits: string): string {
  return [...digits].filter((d) => /\d/.test(d)).map((d) => DIGITS[Number(d)]).join(' ');
}

/** "thứ nhất", "thứ hai", "thứ tư", … for the order of items in a column. */
export function ordinal(n: number, style: NumberStyle = DEFAULT_STYLE): string {
  if (n === 1) return 'thứ nhất';
  if (n === 4) return 'thứ tư';
  return `thứ ${readInteger(String(n), style)}`;
}

/** Days of the month as said on the radio: "mồng một" … "mồng mười", then "mười một" … */
export function readDay(day: number, style: NumberStyle = DEFAULT_STYLE): string {
  return day <= 10 ? `mồng ${readInteger(String(day), style)}` : readInteger(String(day), style);
}

const MONTHS = ['một', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười', 'mười một', 'mười hai'] as const;

/** Months: "tháng tư" (never "tháng bốn"), "tháng mười hai". */
export function readMonth(month: number): string {
  const name = MONTHS[month - 1];
  if (!name) throw new Error(`radio: no month ${month}`);
  return `tháng ${name}`;
}
