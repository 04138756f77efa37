import { describe, expect, it } from 'vitest';
import { interactionTime } from '../../src/chat/conversation.js';
import { parseWebhookBody } from '../../src/zalo/events.js';
import { makeTextEvent } from '../../src/zalo/sandbox-webhook.js';

const at = (iso: string) => Date.parse(iso);
const eventAt = (ms: number) => parseWebhookBody(JSON.stringify(makeTextEvent({ appId: '1', oaId: '2', userId: '3', text: 'a', timestamp: ms })));

describe('interaction time (the start of Zalo’s 48 h / 7-day windows)', () => {
  const now = new Date('2026-11-30T08:00:00.000Z');

  it('is when the resident sent the message, not when it was processed', () => {
    expect(interactionTime(eventAt(at('2026-11-30T07:10:00.000Z')), now, null)).toBe('2026-11-30T07:10:00.000Z');
  });

  it('is never in the future, whatever the event claims', () => {
    expect(interactionTime(eventAt(at('2026-11-30T08:03:00.000Z')), now, null)).toBe(now.toISOString());
  });

  it('never moves back when an older event arrives late (a redelivery, a retry)', () => {
    expect(interactionTime(eventAt(at('2026-11-29T20:00:00.000Z')), now, '2026-11-30T07:00:00.000Z')).toBe('2026-11-30T07:00:00.000Z');
    expect(interactionTime(eventAt(at('2026-11-30T07:30:00.000Z')), now, '2026-11-30T07:00:00.000Z')).toBe('2026-11-30T07:30:00.000Z');
  });
});
