/**
 * Dates and numbers as Vietnamese readers write them, in one place for the console, the Mini App
 * and every printed or exported report: 30/11/2026, 09:05 (Asia/Ho_Chi_Minh, UTC+7 all year, no
 * daylight saving), 12.345, 80,3 %. No imports: the server and both front-ends use this file.
 */

/** Vietnam is UTC+7 all year: local wall-clock time is a fixed offset. */
const VN_OFFSET_MS = 7 * 3600_000;
const p2 = (n: number) => String(n).padStart(2, '0');

function local(at: string | Date): Date | undefined {
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return Number.isNaN(t) ? undefined : new Date(t + VN_OFFSET_MS);
}

/** "30/11/2026" for an instant, in Vietnam time; "" for nothing or nonsense. */
export function viDate(at: string | Date | null | undefined): string {
  const l = at ? local(at) : undefined;
  return l ? `${p2(l.getUTCDate())}/${p2(l.getUTCMonth() + 1)}/${l.getUTCFullYear()}` : '';
}

/** "30/11/2026 09:05" for an instant, in Vietnam time. */
export function viDateTime(at: string | Date | null | undefined): string {
  const l = at ? local(at) : undefined;
  return l ? `${viDate(at!)} ${p2(l.getUTCHours())}:${p2(l.getUTCMinutes())}` : '';
}

/** "30/11/2026" for a calendar day "2026-11-30" (anything else is returned as it is). */
export function viDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

/** "12.345", "2,5" (one decimal at most); "—" when there is no figure. */
export function viNumber(n: number | null | undefined, fractionDigits = 1): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const [int, rawFrac] = Math.abs(n).toFixed(fractionDigits).split('.') as [string, string | undefined];
  const frac = rawFrac?.replace(/0+$/, '');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/** "80,3 %" for 0.803 (one decimal, Vietnamese comma, a space before the sign). */
export function viPercent(share: number): string {
  return `${viNumber(Math.round(share * 1000) / 10)} %`;
}

/** "80,3 %" for a figure already in percentage points (80.3); "—" when there is none. */
export function viPoints(points: number | null | undefined): string {
  return points === null || points === undefined ? '—' : `${viNumber(points)} %`;
}
