/**
 * Acknowledgements first. The webhook and the inbox worker share one event loop; Zalo waits for the
 * webhook's 200 (and redelivers when it is late), while an answer may come a moment later. The
 * webhook counts the requests it receives; during a flood (`floodPerSecond` or more over the last
 * second) the inbox worker steps aside after each batch for long enough that answering takes at
 * most `answeringShare` of the loop, so the webhook keeps most of its bare throughput (measured in
 * `npm run bench -- webhook`), and the backlog is answered at full speed once the flood passes.
 * Nothing is dropped: every acknowledged event is stored and will be answered.
 *
 * Why a rate and not the number of requests in flight: Zalo, like any client with a few
 * connections, keeps a handful in flight whatever the load, and answering itself makes them wait.
 * A province at its busiest sends tens of events a second (docs/scaling.md); five hundred a
 * second to one process is a flood, and acknowledging them is then worth more than answering.
 */
export interface AckGaugeOptions {
  floodPerSecond?: number;
  answeringShare?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** The last second, in tenths. */
const BUCKET_MS = 100;
const BUCKETS = 10;

export function createAckGauge(o: AckGaugeOptions = {}) {
  const floodPerSecond = o.floodPerSecond ?? 500;
  const answeringShare = o.answeringShare ?? 0.1;
  const now = o.now ?? (() => performance.now());
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const counts = new Int32Array(BUCKETS);
  const stamps = new Float64Array(BUCKETS).fill(-1);

  function bucketOf(t: number) {
    const tick = Math.floor(t / BUCKET_MS);
    const i = tick % BUCKETS;
    if (stamps[i] !== tick) {
      stamps[i] = tick;
      counts[i] = 0;
    }
    return i;
  }

  function lastSecond(): number {
    const tick = Math.floor(now() / BUCKET_MS);
    let n = 0;
    for (let i = 0; i < BUCKETS; i++) if (stamps[i]! > tick - BUCKETS) n += counts[i]!;
    return n;
  }

  /** Acknowledgements arrive fast enough that answering should step aside. */
  const flooded = () => lastSecond() >= floodPerSecond;

  return {
    /** A webhook request arrived. */
    arrived(): void {
      counts[bucketOf(now())]!++;
    },
    flooded,
    /**
     * After answering for `spentMs` (wall time, every lane together): during a flood, waits so that
     * the answering took `answeringShare` of the time; otherwise returns at once.
     */
    async stepAside(spentMs: number): Promise<void> {
      if (spentMs <= 0 || !flooded()) return;
      await sleep(spentMs * (1 / answeringShare - 1));
    },
  };
}

export type AckGauge = ReturnType<typeof createAckGauge>;
