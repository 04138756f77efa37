/**
 * Calendar arithmetic in Vietnam time. Vietnam keeps UTC+7 all year (no daylight saving since
 * 1975), so a fixed offset is exact and needs no time-zone database.
 *
 * Working days are Monday to Friday. Public holidays are not known to the content yet, so a
 * deadline that crosses Tết is early rather than late; the desk sees the true date in the console.
 */

const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** A Vietnam calendar date "YYYY-MM-DD" of an instant. */
export function vnDate(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The year of an instant in Vietnam (for codes: a petition sent at 06:30 on 1 January is of the new year). */
export function vnYear(instant: Date): number {
  return Number(vnDate(instant).slice(0, 4));
}

/** "2026-03-16" → "16/03/2026". */
export function formatDate(ymd: string): string {
  const [y, m, d] = ymd.split('-');
  return `${d}/${m}/${y}`;
}

/** An instant as "16/03/2026" in Vietnam time. */
export function formatInstantDate(instant: Date | string): string {
  return formatDate(vnDate(typeof instant === 'string' ? new Date(instant) : instant));
}

/** An instant as "14:05 16/03/2026" in Vietnam time. */
export function formatInstant(instant: Date | string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  const local = new Date(d.getTime() + VN_OFFSET_MS).toISOString();
  return `${local.slice(11, 16)} ${formatDate(local.slice(0, 10))}`;
}

export interface Deadline {
  /** The last day to answer, Vietnam calendar date. */
  date: string;
  /** The instant that day ends (midnight Vietnam time), UTC: after it the petition is overdue. */
  endsAt: Date;
}

/**
 * The answer deadline: the `workingDays`-th working day after the day of submission (the day of
 * submission itself does not count, as for administrative time limits; a petition sent on a
 * Saturday starts counting on Monday).
 */
export function answerDeadline(submittedAt: Date, workingDays: number): Deadline {
  // Midnight UTC of the Vietnam calendar day: day-of-week arithmetic on a date, not an instant.
  let day = Date.parse(`${vnDate(submittedAt)}T00:00:00Z`);
  let left = workingDays;
  while (left > 0) {
    day += DAY_MS;
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  const date = new Date(day).toISOString().slice(0, 10);
  return { date, endsAt: new Date(day + DAY_MS - VN_OFFSET_MS) };
}

/** Whether an open petition is past its deadline at `now`. */
export function isOverdue(p: { status: string; due_at: string }, now: Date): boolean {
  return (p.status === 'received' || p.status === 'in_progress') && p.due_at <= now.toISOString();
}
