import { describe, expect, it } from 'vitest';
import { createConversation } from '../../src/chat/conversation.js';
import { createInboxTick } from '../../src/jobs/inbox-worker.js';
import { createLogger } from '../../src/logger.js';
import { storeInboundEvent } from '../../src/zalo/inbox-repo.js';
import { makeTextEvent } from '../../src/zalo/sandbox-webhook.js';
import { useSqliteDatabase } from '../helpers/databases.js';
import { LogCapture } from '../helpers/app.js';

/**
 * Before a group of events is answered, whether each first-time writer follows the OA is asked of
 * Zalo (outside the transaction): those calls run side by side, so a group of first contacts waits
 * for one round trip, not one per resident.
 */
describe('the inbox before a group', () => {
  const db = useSqliteDatabase();

  it('asks about first-time writers side by side before answering a group, not one after another', async () => {
    const conversation = createConversation([async (ctx) => ctx.reply({ text: 'Dạ, xin chào ông/bà.', buttons: [] })], {
      understand: () => ({ intent: 'greeting', confidence: 1, certainty: 'sure', results: [], choices: [] }),
    });
    // Each call waits until the other has started: asked one after another, the first never returns.
    let started = 0;
    let bothStarted!: () => void;
    const together = new Promise<void>((resolve) => (bothStarted = resolve));
    const asked: string[] = [];
    const tick = createInboxTick({
      database: db.database,
      log: createLogger('info', new LogCapture()),
      conversation,
      defaultCommuneId: () => 'xa-vi-du',
      clock: () => new Date(),
      apology: () => ({ text: 'Dạ, xin lỗi ông/bà.', buttons: [] }),
      groupSize: 4,
      beforeEvent: async (userId) => {
        asked.push(userId);
        if (++started === 2) bothStarted();
        await together;
      },
    });
    const users = ['7248937185000000011', '7248937185000000012'];
    for (const [i, userId] of users.entries()) {
      const event = makeTextEvent({ appId: 'app', oaId: '123456789', userId, text: 'xin chào' });
      await storeInboundEvent(db.database.db, { dedupeKey: `test:side-by-side:${i}`, eventName: 'user_send_text', userId, communeId: null, payload: JSON.stringify(event), now: new Date() });
    }
    expect(await tick()).toBe(2);
    expect(asked.sort()).toEqual(users);
    const answered = await db.database.db.selectFrom('outbound_messages').select('user_id').where('user_id', 'in', users).execute();
    expect(answered).toHaveLength(2);
  });
});
