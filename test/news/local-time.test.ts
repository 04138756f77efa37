import { describe, expect, it } from 'vitest';
import { formatLocal, parseLocalDateTime } from '../../src/news/local-time.js';
import { nextAllowedSendTime } from '../../src/messaging/rules.js';

describe('Vietnam local time', () => {
  it('reads a local date-time as the right UTC instant, with or without seconds', () => {
    expect(parseLocalDateTime('2026-12-01T08:00')?.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(parseLocalDateTime('2026-12-01T08:00:30')?.toISOString()).toBe('2026-12-01T01:00:30.000Z');
    expect(parseLocalDateTime('2026-01-01T03:00')?.toISOString()).toBe('2025-12-31T20:00:00.000Z');
  });

  it('rejects impossible or malformed values', () => {
    for (const v of ['2026-02-31T08:00', '2026-12-01T24:00', '01/12/2026 08:00', '', '2026-12-01']) expect(parseLocalDateTime(v)).toBeUndefined();
  });

  it('moves a send outside 06–20 to the next 06:00', () => {
    const at = (local: string) => parseLocalDateTime(local)!;
    expect(formatLocal(nextAllowedSendTime(at('2026-12-01T21:00'), { fromHour: 6, untilHour: 20 }))).toBe('02/12/2026 06:00');
    expect(formatLocal(nextAllowedSendTime(at('2026-12-01T05:30'), { fromHour: 6, untilHour: 20 }))).toBe('01/12/2026 06:00');
    expect(formatLocal(nextAllowedSendTime(at('2026-12-01T19:59'), { fromHour: 6, untilHour: 20 }))).toBe('01/12/2026 19:59');
    expect(formatLocal(nextAllowedSendTime(at('2026-12-31T23:00'), { fromHour: 6, untilHour: 20 }))).toBe('01/01/2027 06:00');
  });
});
