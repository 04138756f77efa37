/**
 * Acknowledgements first. The webhook and the inbox worker share one event loop; Zalo waits for the
 * webhook's 200 (and redelivers when it is late), while an answer may come a moment later. The
 * webhook counts the requests it is holding; when many are waiting, the inbox worker pauses after
 * each group of events for as long as the group took, so at most half the loop goes to answering
 * during a flood and the backlog is answered at full speed once it passes. Nothing is dropped:
 * every acknowledged event is stored and will be answered.
 */
export function createAckGauge(o: { crowdedAt?: number } = {}) {
  const crowdedAt = o.crowdedAt ?? 8;
  let inFlight = 0;
  return {
    /** A webhook request began (call `end` when it is answered, however it ends). */
    begin(): void {
      inFlight++;
    },
    end(): void {
      inFlight = Math.max(0, inFlight - 1);
    },
    /** Enough acknowledgements are waiting that answering should step aside for a moment. */
    crowded(): boolean {
      return inFlight >= crowdedAt;
    },
  };
}

export type AckGauge = ReturnType<typeof createAckGauge>;
