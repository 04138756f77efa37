import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import { enqueueMessages } from '../../src/zalo/outbox-repo.js';
import { textMessage } from '../../src/zalo/messages.js';
import { createSqliteTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { newUserId, startTestApp, waitFor } from '../helpers/app.js';
import { seedFollower } from '../helpers/seed.js';

/**
 * Zalo's per-app allowance for the minute is spent: the outbox gives what it claimed back at once
 * instead of holding it (leased, an attempt counted) until the next minute, so a restart or a
 * deploy does not wait for the minute to end and another instance may send them when it can.
 */
describe('the outbox when the minute’s send allowance is spent', () => {
  let sandbox: ZaloSandbox;
  let target: TestDatabase;
  beforeAll(async () => {
    sandbox = await startZaloSandbox();
    target = await createSqliteTestDatabase();
  });
  afterAll(async () => {
    await sandbox?.close();
    await target?.cleanup();
  });

  it('gives claimed messages back, counts no attempt, and closes without waiting for the next minute', async () => {
    const app = await startTestApp({ sandbox, databaseUrl: target.url, env: { ZALO_SEND_PER_MINUTE: '3' } });
    try {
      const users = Array.from({ length: 10 }, () => newUserId());
      const now = new Date();
      // Residents who just wrote: replies to them are inside Zalo's free window.
      for (const u of users) await seedFollower(app.database.db, u, now);
      await enqueueMessages(app.database.db, users.map((userId, i) => ({ dedupeKey: `spent:${i}`, userId, purpose: 'reply', message: textMessage(`Tin ${i}`), now })));
      const sent = () => sandbox.sent.filter((m) => users.includes(m.userId)).length;
      await waitFor(() => sent() >= 3, 70_000, 'the minute’s three sends');
      // The rest wait in the queue, unclaimed and with no attempt counted, until a minute has room.
      await waitFor(
        async () => {
          const pending = await app.database.db.selectFrom('outbound_messages').select(['lease_until', 'attempts']).where('dedupe_key', 'like', 'spent:%').where('status', '=', 'pending').execute();
          return pending.length > 0 && pending.every((r) => r.lease_until === null && r.attempts === 0);
        },
        10_000,
        'the unsent messages given back',
      );
    } finally {
      await app.close();
    }
  }, 90_000);
});
