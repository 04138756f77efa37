const VN_OFFSET_MS = 7 * 3600_000;
const p2 = (n: number) => String(n).padStart(2, '0');

/** "22/11/2026 09:05" in Vietnam time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const l = new Date(t + VN_OFFSET_MS);
  return `${p2(l.getUTCDate())}/${p2(l.getUTCMonth() + 1)}/${l.getUTCFullYear()} ${p2(l.getUTCHours())}:${p2(l.getUTCMinutes())}`;
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
