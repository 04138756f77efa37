import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases, type TestDatabase } from '../helpers/databases.js';
import type { Database } from '../../src/store/database.js';
import { createInboxWriter } from '../../src/zalo/inbox-writer.js';
import type { NewInboundEvent } from '../../src/zalo/inbox-repo.js';

/** The webhook's group commit, on a real database: every answer comes after its event is stored. */
for (const dialect of dialectCases()) {
  describe(`inbox group commit (${dialect.name})`, () => {
    let target: TestDatabase;
    let database: Database;

    beforeAll(async () => {
      target = await dialect.create();
      database = await target.open();
    });
    afterAll(async () => {
      await database?.close();
      await target?.cleanup();
    });

    const event = (key: string, i: number): NewInboundEvent => ({
      dedupeKey: key,
      eventName: 'user_send_text',
      userId: `72489371850${String(i).padStart(8, '0')}`,
      payload: JSON.stringify({ n: i }),
      now: new Date(Date.UTC(2026, 10, 30, 8, 0, 0, i)),
    });

    it('stores a burst of concurrent events, each answered only once its row is committed; redeliveries are not new', async () => {
      const writer = createInboxWriter({ db: database.db, maxBatch: 50 });
      await writer.store(event('already', 0));
      const keys = Array.from({ length: 300 }, (_, i) => `burst:${i}`);
      const committedWhenAnswered: boolean[] = [];
      const answers = await Promise.all([
        ...keys.map((k, i) =>
          writer.store(event(k, i + 1)).then(async (isNew) => {
            const row = await database.db.selectFrom('inbound_events').select('id').where('dedupe_key', '=', k).executeTakeFirst();
            committedWhenAnswered.push(row !== undefined);
            return isNew;
          }),
        ),
        writer.store(event('burst:7', 8)), // the same event twice in one burst
        writer.store(event('already', 0)), // a redelivery of an event stored before
      ]);
      expect(committedWhenAnswered.every(Boolean)).toBe(true);
      expect(answers.slice(0, 300).every((a) => a === true)).toBe(true);
      expect(answers.slice(300)).toEqual([false, false]);
      const rows = await database.db.selectFrom('inbound_events').select(['dedupe_key', 'status']).where('dedupe_key', 'like', 'burst:%').execute();
      expect(rows).toHaveLength(300);
      expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['pending']));
    });

    it('fails every waiting request when the write fails, so none is acknowledged', async () => {
      const broken = await target.open();
      const writer = createInboxWriter({ db: broken.db });
      await broken.close();
      const results = await Promise.allSettled([writer.store(event('lost:1', 1)), writer.store(event('lost:2', 2))]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      const rows = await database.db.selectFrom('inbound_events').select('id').where('dedupe_key', 'like', 'lost:%').execute();
      expect(rows).toHaveLength(0);
    });
  });
}
