import { describe, expect, it } from 'vitest';
import { createAckGauge } from '../../src/jobs/ack-gauge.js';

/** A gauge on a clock the test moves, recording the pauses it asks for instead of taking them. */
function gaugeAt(floodPerSecond: number, answeringShare = 0.1) {
  const clock = { t: 1_000_000 };
  const pauses: number[] = [];
  const gauge = createAckGauge({ floodPerSecond, answeringShare, now: () => clock.t, sleep: async (ms) => void pauses.push(ms) });
  return { gauge, clock, pauses };
}

describe('acknowledgements first (ack gauge)', () => {
  it('lets answering run at full speed while requests arrive at an ordinary rate', async () => {
    const { gauge, clock, pauses } = gaugeAt(500);
    for (let i = 0; i < 499; i++) {
      gauge.arrived();
      clock.t += 2; // 499 requests spread over a second
    }
    expect(gauge.flooded()).toBe(false);
    await gauge.stepAside(40);
    expect(pauses).toEqual([]);
  });

  it('during a flood, pauses answering so it takes its share of the loop and no more', async () => {
    const { gauge, clock, pauses } = gaugeAt(500, 0.1);
    for (let i = 0; i < 600; i++) {
      gauge.arrived();
      clock.t += 1;
    }
    expect(gauge.flooded()).toBe(true);
    await gauge.stepAside(40);
    expect(pauses).toHaveLength(1);
    expect(pauses[0]).toBeCloseTo(360); // 40 ms of answering, 360 ms left to the acknowledgements
  });

  it('forgets a flood once a second has passed without one', async () => {
    const { gauge, clock, pauses } = gaugeAt(500);
    for (let i = 0; i < 600; i++) gauge.arrived();
    expect(gauge.flooded()).toBe(true);
    clock.t += 1_100;
    expect(gauge.flooded()).toBe(false);
    await gauge.stepAside(40);
    expect(pauses).toEqual([]);
  });

  it('counts old buckets out even after the clock wraps around the ring', () => {
    const { gauge, clock } = gaugeAt(10);
    for (let i = 0; i < 9; i++) gauge.arrived();
    clock.t += 1_000; // same ring slot, a second later: the old count must not carry over
    gauge.arrived();
    expect(gauge.flooded()).toBe(false);
  });
});
