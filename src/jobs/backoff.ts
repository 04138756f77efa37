/** Exponential back-off with jitter: attempt 1 → ~base, doubling, capped at `maxMs`. */
export function backoffMs(attempt: number, baseMs = 2_000, maxMs = 5 * 60_000, random = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (0.75 + random() * 0.5));
}
