/**
 * Vietnam time (Asia/Ho_Chi_Minh) is UTC+7 all year (no daylight saving since 1975), so local
 * wall-clock arithmetic is a fixed offset. Instants are stored in UTC; staff type and read local time.
 */
export const VN_OFFSET_MS = 7 * 3600_000;

/** "2026-11-22T09:00" (local, as a datetime-local input gives it) → the UTC instant. */
export function parseLocalDateTime(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
  const s = m[6] ? Number(m[6]) : 0;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s) - VN_OFFSET_MS;
  const back = new Date(utc + VN_OFFSET_MS);
  // Reject impossible dates (31/02) that Date.UTC silently rolls over.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) return undefined;
  return new Date(utc);
}

/** The local hour (0–23) of an instant. */
export function localHour(at: Date): number {
  return new Date(at.getTime() + VN_OFFSET_MS).getUTCHours();
}

/** "22/11/2026 09:00" in Vietnam time. */
export function formatLocal(at: Date, withTime = true): string {
  const l = new Date(at.getTime() + VN_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  const date = `${p(l.getUTCDate())}/${p(l.getUTCMonth() + 1)}/${l.getUTCFullYear()}`;
  return withTime ? `${date} ${p(l.getUTCHours())}:${p(l.getUTCMinutes())}` : date;
}
