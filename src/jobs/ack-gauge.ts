/**
 * Acknowledgements first. Zalo waits for the webhook's 200 (and redelivers when it is late), while
 * an answer may come a moment later. The webhook counts the requests it is holding; when many are
 * waiting, the inbox worker pauses after each group of events for as long as the group took, so at
 * most half of the CPU goes to answering during a flood and the backlog is answered at full speed
 * once it passes. Nothing is dropped: every acknowledged event is stored and will be answered.
 *
 * The count lives in shared memory, so the gauge works the same when answering runs on its own
 * thread (WORKERS=thread): the webhook's thread counts, the workers' thread reads.
 */
export function createAckGauge(o: { crowdedAt?: number; shared?: SharedArrayBuffer } = {}) {
  const crowdedAt = o.crowdedAt ?? 8;
  const buffer = o.shared ?? new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const inFlight = new Int32Array(buffer);
  return {
    /** What another thread passes to its own gauge to read this one. */
    buffer,
    /** A webhook request began (call `end` when it is answered, however it ends). */
    begin(): void {
      Atomics.add(inFlight, 0, 1);
    },
    end(): void {
      if (Atomics.sub(inFlight, 0, 1) <= 0) Atomics.store(inFlight, 0, 0);
    },
    /** Enough acknowledgements are waiting that answering should step aside for a moment. */
    crowded(): boolean {
      return Atomics.load(inFlight, 0) >= crowdedAt;
    },
  };
}

export type AckGauge = ReturnType<typeof createAckGauge>;
