import { viDateTime, viDay, viNumber, viPercent, viPoints } from '../../../shared/vi-format';

const VN_OFFSET_MS = 7 * 3600_000;

/** "22/11/2026 09:05" in Vietnam time. */
export function formatDateTime(iso: string | null | undefined): string {
  return viDateTime(iso);
}

/** A datetime-local value ("2026-11-22T09:00") in Vietnam time, `minutesAhead` from now, on a 5-minute step. */
export function localInputValue(minutesAhead: number, now = Date.now()): string {
  const step = 5 * 60_000;
  const t = Math.ceil((now + minutesAhead * 60_000) / step) * step;
  return new Date(t + VN_OFFSET_MS).toISOString().slice(0, 16);
}

/** "09:00 ngày 23/11/2026" for a datetime-local value, whatever the browser's own date format. */
export function describeLocalInput(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  return m ? `${m[4]}:${m[5]} ngày ${m[3]}/${m[2]}/${m[1]}` : '';
}

/** Today's date in Vietnam as "2026-11-22". */
export function todayVn(now = Date.now()): string {
  return new Date(now + VN_OFFSET_MS).toISOString().slice(0, 10);
}

const isoDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

/** First and last day of the month `offset` months from the one `today` ("2026-11-22") is in. */
export function monthRange(today: string, offset = 0): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return { from: isoDay(y, m - 1 + offset, 1), to: isoDay(y, m + offset, 0) };
}

/** 1 January to 31 December of the year `today` is in. */
export function yearRange(today: string): { from: string; to: string } {
  const y = today.slice(0, 4);
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

/** "22/11/2026" for "2026-11-22" (anything else is returned as it is). */
export function formatDay(day: string): string {
  return viDay(day);
}

/** "1.234", "2,5"; "—" when there is no figure. */
export function formatNumber(n: number | null | undefined): string {
  return viNumber(n);
}

/** "80,3 %" for a figure already in percentage points (80.3); "—" when there is none. */
export function formatPoints(points: number | null | undefined): string {
  return viPoints(points);
}

/** "87,5 %" for 0.875. */
export function formatShare(share: number): string {
  return viPercent(share);
}

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** "Thứ Bảy, 01/11/2026" for "2026-11-01": the browser may show a date input in another order. */
export function describeDay(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(t)) return '';
  return `${WEEKDAYS[new Date(t).getUTCDay()]}, ${formatDay(day)}`;
}
