import { describe, expect, it } from 'vitest';
import { groupsOf } from '../../src/jobs/inbox-worker.js';
import type { InboundEvent } from '../../src/zalo/inbox-repo.js';

const event = (id: string, user: string | null) => ({ id, user_id: user }) as InboundEvent;

describe('groups of claimed events answered side by side', () => {
  it('keeps a resident’s events together and in order, and fills groups up to the size', () => {
    const events = [event('1', 'a'), event('2', 'b'), event('3', 'a'), event('4', 'c'), event('5', 'd'), event('6', null), event('7', null)];
    const groups = groupsOf(events, 2);
    expect(groups.map((g) => g.map((e) => e.id))).toEqual([['1', '3'], ['2', '4'], ['5', '6'], ['7']]);
    // Every event once.
    expect(groups.flat().map((e) => e.id).sort()).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });

  it('gives a resident with more events than the size a group of their own', () => {
    const groups = groupsOf([event('1', 'a'), event('2', 'a'), event('3', 'a'), event('4', 'b')], 2);
    expect(groups.map((g) => g.map((e) => e.id))).toEqual([['1', '2', '3'], ['4']]);
  });
});
