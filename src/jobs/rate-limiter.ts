/**
 * A token bucket: at most `perMinute` takes per minute, in bursts of up to `burst`. `take()`
 * waits for a token. Per process: with several processes, give each its share of Zalo's limit.
 */
export function createRateLimiter(o: { perMinute: number; burst?: number; now?: () => number }) {
  const now = o.now ?? (() => Date.now());
  const capacity = o.burst ?? Math.max(1, Math.ceil(o.perMinute / 60));
  const perMs = o.perMinute / 60_000;
  let tokens = capacity;
  let last = now();

  function refill(): void {
    const t = now();
    tokens = Math.min(capacity, tokens + (t - last) * perMs);
    last = t;
  }

  return {
    /** Whole tokens there now: what can be sent without waiting. */
    available(): number {
      refill();
      return Math.floor(tokens);
    },
    async take(): Promise<void> {
      for (;;) {
        refill();
        if (tokens >= 1) {
          tokens -= 1;
          return;
        }
        await new Promise((r) => setTimeout(r, Math.ceil((1 - tokens) / perMs)));
      }
    },
  };
}
