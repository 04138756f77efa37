import { describe, expect, it } from 'vitest';
import { createConversation } from '../../src/chat/conversation.js';
import { createInboxTick } from '../../src/jobs/inbox-worker.js';
import { createLogger } from '../../src/logger.js';
import { storeInboundEvent } from '../../src/zalo/inbox-repo.js';
import { makeTextEvent } from '../../src/zalo/sandbox-webhook.js';
import { useSqliteDatabase } from '../helpers/databases.js';
import { LogCapture } from '../helpers/app.js';

/**
 * A handler that throws (a bug, data it did not expect) must not leave the resident without an
 * answer after silent retries: the inbox answers at once with an apology and the hotline, and keeps
 * the event, marked failed with its error, for the operator.
 */
describe('the chat error boundary', () => {
  const db = useSqliteDatabase();

  it('apologises with the hotline instead of retrying a handler that throws', async () => {
    const conversation = createConversation(
      [
        async () => {
          throw new TypeError('cannot read properties of undefined');
        },
      ],
      { understand: () => ({ intent: 'greeting', confidence: 1, certainty: 'sure', results: [], choices: [] }) },
    );
    const tick = createInboxTick({
      database: db.database,
      log: createLogger('info', new LogCapture()),
      conversation,
      defaultCommuneId: () => 'xa-vi-du',
      clock: () => new Date(),
      apology: () => ({ text: 'Dạ, xin lỗi ông/bà, trợ lý gặp trục trặc. Gọi 0200 000 0000.', buttons: [] }),
    });
    const event = makeTextEvent({ appId: 'app', oaId: '123456789', userId: '7248937185000000001', text: 'xin chào' });
    await storeInboundEvent(db.database.db, { dedupeKey: 'test:1', eventName: 'user_send_text', userId: '7248937185000000001', communeId: null, payload: JSON.stringify(event), now: new Date() });

    expect(await tick()).toBe(1);
    const stored = await db.database.db.selectFrom('inbound_events').selectAll().where('dedupe_key', '=', 'test:1').executeTakeFirstOrThrow();
    expect(stored.status).toBe('failed');
    expect(stored.last_error).toContain('cannot read properties of undefined');
    const replies = await db.database.db.selectFrom('outbound_messages').selectAll().where('user_id', '=', '7248937185000000001').execute();
    expect(replies).toHaveLength(1);
    expect(JSON.parse(replies[0]!.message).text).toContain('xin lỗi');
    // Nothing is left to retry: a second tick finds no work and sends nothing more.
    expect(await tick()).toBe(0);
  });
});
