import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialectCases, type TestDatabase } from '../helpers/databases.js';
import type { Database } from '../../src/store/database.js';
import { claimDueMessages, enqueueMessage, enqueueMessages } from '../../src/zalo/outbox-repo.js';
import { textMessage } from '../../src/zalo/messages.js';

/** Claim order only (never timing): replies before case messages before news, whatever was queued first. */
for (const dialect of dialectCases()) {
  describe(`outbox priority (${dialect.name})`, () => {
    let target: TestDatabase;
    let database: Database;

    // A fresh database for each case: one case's leased rows must not show up in the next one's claims.
    beforeEach(async () => {
      target = await dialect.create();
      database = await target.open();
    });
    afterEach(async () => {
      await database?.close();
      await target?.cleanup();
    });

    const user = (prefix: string, i: number) => `${prefix}${String(i).padStart(18 - prefix.length, '0')}`.padStart(19, '7');
    const claim = (limit: number, now: Date) => claimDueMessages(database.db, database.dialect, { limit, leaseMs: 60_000, now });

    it('claims replies first, then petition replies, then news queued long before them', async () => {
      const t0 = new Date('2026-11-30T08:00:00.000Z');
      // A fan-out queued first: 300 residents, in one batched call.
      const queued = await enqueueMessages(
        database.db,
        Array.from({ length: 300 }, (_, i) => ({ dedupeKey: `news:a:${i}`, userId: user('1', i), purpose: 'news', message: textMessage(`Tin ${i}`), now: t0 })),
      );
      expect(queued).toBe(300);
      // The same keys again: nothing new (a fan-out resumed after a crash).
      expect(await enqueueMessages(database.db, [{ dedupeKey: 'news:a:0', userId: user('1', 0), purpose: 'news', message: textMessage('Tin 0'), now: t0 }])).toBe(0);

      const t1 = new Date(t0.getTime() + 60_000);
      await enqueueMessage(database.db, { dedupeKey: 'petition:1:000', userId: user('2', 1), purpose: 'petition_reply', message: textMessage('Trả lời phản ánh'), now: t1 });
      const t2 = new Date(t1.getTime() + 1_000);
      await enqueueMessage(database.db, { dedupeKey: 'event:r1:000', userId: user('3', 1), purpose: 'reply', message: textMessage('Trả lời 1'), now: t2 });
      await enqueueMessage(database.db, { dedupeKey: 'event:r2:000', userId: user('3', 2), purpose: 'reply', message: textMessage('Trả lời 2'), now: t2 });

      const first = await claim(3, new Date(t2.getTime() + 1));
      expect(first.map((r) => r.purpose)).toEqual(['reply', 'reply', 'petition_reply']);
      expect(first.map((r) => r.priority)).toEqual([0, 0, 1]);
      const next = await claim(5, new Date(t2.getTime() + 2));
      expect(next.map((r) => r.purpose)).toEqual(['news', 'news', 'news', 'news', 'news']);
    });

    it("a resident's reply does not wait behind news queued to them earlier; its parts keep their order, with no news between them", async () => {
      const t0 = new Date('2026-11-30T09:00:00.000Z');
      const resident = user('4', 1);
      await enqueueMessage(database.db, { dedupeKey: 'news:b:resident', userId: resident, purpose: 'news', message: textMessage('Tin'), now: t0 });
      const t1 = new Date(t0.getTime() + 1_000);
      await enqueueMessages(database.db, [
        { dedupeKey: 'event:r3:001', userId: resident, purpose: 'reply', message: textMessage('Phần 2'), now: t1 },
        { dedupeKey: 'event:r3:000', userId: resident, purpose: 'reply', message: textMessage('Phần 1'), now: t1 },
      ]);
      const claimed = await claim(1, new Date(t1.getTime() + 1));
      expect(claimed.map((r) => r.dedupe_key)).toEqual(['event:r3:000']);
      // Part 2 waits for part 1 (still pending under its lease), and the news waits for both.
      const meanwhile = await claim(1000, new Date(t1.getTime() + 2));
      expect(meanwhile.map((r) => r.dedupe_key)).not.toContain('event:r3:001');
      expect(meanwhile.map((r) => r.dedupe_key)).not.toContain('news:b:resident');
    });
  });
}
