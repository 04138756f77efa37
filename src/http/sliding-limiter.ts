/**
 * Counts events per key in a sliding window, in memory (per process): used for login attempts per
 * IP and form submissions per user/IP. Old keys are swept as they are touched.
 */
export function createSlidingLimiter(o: { max: number; windowMs: number; now?: () => number }) {
  const now = o.now ?? (() => Date.now());
  const hits = new Map<string, number[]>();
  return {
    /** Records a hit; false when the key is over the limit (the hit is still counted). */
    hit(key: string): boolean {
      const t = now();
      const recent = (hits.get(key) ?? []).filter((x) => t - x < o.windowMs);
      recent.push(t);
      hits.set(key, recent);
      if (hits.size > 10_000) for (const [k, v] of hits) if (v.every((x) => t - x >= o.windowMs)) hits.delete(k);
      return recent.length <= o.max;
    },
  };
}
