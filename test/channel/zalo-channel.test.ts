import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import type { RunningApp } from '../../src/main.js';
import { enqueueMessage } from '../../src/zalo/outbox-repo.js';
import { textMessage } from '../../src/zalo/messages.js';
import { dialectCases, type TestDatabase } from '../helpers/databases.js';
import { awaitReplies, followEvent, newUserId, postEvent, sendAndAwaitReplies, startTestApp, settled, textEvent, textsOf, textsTo, waitFor } from '../helpers/app.js';

for (const dialect of dialectCases()) {
  describe(`Zalo channel over HTTP (${dialect.name})`, () => {
    let sandbox: ZaloSandbox;
    let target: TestDatabase;
    let app: RunningApp;

    beforeAll(async () => {
      sandbox = await startZaloSandbox();
      target = await dialect.create();
      // News is queued straight into the outbox here at any hour: sending hours are tested in test/news.
      app = await startTestApp({ sandbox, databaseUrl: target.url, env: { NEWS_SEND_HOURS: '0-24' } });
    });
    afterAll(async () => {
      await app?.close();
      await sandbox?.close();
      await target?.cleanup();
    });
    beforeEach(() => sandbox.clearRecords());

    it('welcomes a new follower with the menu', async () => {
      const user = newUserId();
      const [welcome] = await sendAndAwaitReplies(app, sandbox, followEvent(sandbox, user));
      const msg = welcome!.message as { text: string; attachment: { payload: { buttons: Array<{ title: string }> } } };
      expect(msg.text).toContain('cảm ơn ông/bà đã quan tâm');
      expect(msg.attachment.payload.buttons.map((b) => b.title)).toEqual([
        'Tra cứu thủ tục',
        'Dịch vụ công trực tuyến',
        'Đường dây nóng',
        'Gửi phản ánh',
        'Tin cải cách',
      ]);
    });

    it('answers "dang ky ket hon" with the procedure, then asks whether it helped', async () => {
      const user = newUserId();
      const texts = textsOf(await sendAndAwaitReplies(app, sandbox, textEvent(sandbox, user, 'dang ky ket hon')));
      expect(texts[0]).toContain('Đăng ký kết hôn');
      expect(texts[0]).toContain('• Giấy tờ:');
      expect(texts.at(-1)).toBe('Thông tin này có hữu ích không ạ?');
    });

    it('records the rating when the resident taps a rating button', async () => {
      const user = newUserId();
      const answer = await sendAndAwaitReplies(app, sandbox, textEvent(sandbox, user, 'chứng thực bản sao'));
      const rating = answer.find((m) => (m.message as { text: string }).text.includes('hữu ích'));
      const buttons = (rating!.message as { attachment: { payload: { buttons: Array<{ payload: string }> } } }).attachment.payload.buttons;
      const thanks = textsOf(await sendAndAwaitReplies(app, sandbox, textEvent(sandbox, user, buttons[0]!.payload)));
      expect(thanks.some((t) => t.includes('cảm ơn ông/bà đã đánh giá'))).toBe(true);
      const row = await app.database.db.selectFrom('answer_ratings').selectAll().where('question_id', '=', buttons[0]!.payload.split(' ')[2]!).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ helpful: 1, procedure_id: 'chung-thuc-ban-sao-tu-ban-chinh' });
    });

    it('answers "có tin gì mới" and keeps serving (news is read inside the event\'s transaction)', async () => {
      const user = newUserId();
      const news = textsOf(await sendAndAwaitReplies(app, sandbox, textEvent(sandbox, user, 'Có tin gì mới về cải cách hành chính không')));
      expect(news[0]).toMatch(/tin mới|chưa có tin mới/);
      const next = textsOf(await sendAndAwaitReplies(app, sandbox, textEvent(sandbox, user, 'đăng ký kết hôn')));
      expect(next[0]).toContain('Đăng ký kết hôn');
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    });

    it('answers a redelivered event once', async () => {
      const user = newUserId();
      const event = textEvent(sandbox, user, 'đăng ký khai tử');
      expect((await postEvent(app, sandbox, event)).status).toBe(200);
      expect((await postEvent(app, sandbox, event)).status).toBe(200);
      const replies = await awaitReplies(app, sandbox, event);
      expect(replies.length).toBeGreaterThanOrEqual(1);
      await settled(app);
      expect(textsTo(sandbox, user)).toEqual(textsOf(replies));
    });

    it('rejects a wrong signature with 401 and stores nothing', async () => {
      const user = newUserId();
      const res = await postEvent(app, sandbox, textEvent(sandbox, user, 'xin chào'), false);
      expect(res.status).toBe(401);
      const stored = await app.database.db.selectFrom('inbound_events').select('id').where('user_id', '=', user).execute();
      expect(stored).toHaveLength(0);
    });

    it('refreshes an expired token exactly once and still delivers', async () => {
      const user = newUserId();
      const before = sandbox.tokenRefreshes;
      sandbox.failNext(1, 'token_expired', 'cs');
      const texts = textsOf(await sendAndAwaitReplies(app, sandbox, textEvent(sandbox, user, 'tách thửa đất')));
      expect(sandbox.tokenRefreshes - before).toBe(1);
      expect(texts[0]).toContain('Tách thửa');
    });

    it('retries after a rate limit and delivers', async () => {
      const user = newUserId();
      sandbox.failNext(1, 'rate_limit', 'cs');
      const texts = textsOf(await sendAndAwaitReplies(app, sandbox, textEvent(sandbox, user, 'giấy phép xây dựng')));
      expect(texts[0]).toContain('giấy phép xây dựng');
      const rows = await app.database.db.selectFrom('outbound_messages').selectAll().where('user_id', '=', user).execute();
      expect(rows.every((r) => r.status === 'sent')).toBe(true);
      expect(Math.max(...rows.map((r) => r.attempts))).toBe(2);
    });

    it('does not retry a send Zalo refuses as outside the 7-day window, and marks it', async () => {
      const user = newUserId();
      sandbox.markOutsideWindow(user);
      await postEvent(app, sandbox, textEvent(sandbox, user, 'đăng ký tạm trú'));
      const rows = await waitFor(async () => {
        const r = await app.database.db.selectFrom('outbound_messages').selectAll().where('user_id', '=', user).execute();
        return r.length > 0 && r.every((x) => x.status !== 'pending') ? r : undefined;
      });
      expect(rows.map((r) => r.status)).toContain('outside_window');
      expect(rows.every((r) => r.attempts === 1)).toBe(true);
      expect(textsTo(sandbox, user)).toHaveLength(0);
    });

    it('does not even try to send to a user silent for more than 7 days', async () => {
      const user = newUserId();
      const longAgo = new Date(Date.now() - 8 * 24 * 3600_000).toISOString();
      await app.database.db.insertInto('zalo_users').values({ user_id: user, following: 1, last_interaction_at: longAgo, state: null, state_updated_at: null, created_at: longAgo }).execute();
      await enqueueMessage(app.database.db, { dedupeKey: `test:${user}`, userId: user, purpose: 'news', message: textMessage('Tin mới'), now: new Date() });
      const row = await waitFor(() =>
        app.database.db.selectFrom('outbound_messages').selectAll().where('dedupe_key', '=', `test:${user}`).where('status', '!=', 'pending').executeTakeFirst(),
      );
      expect(row.status).toBe('outside_window');
      expect(sandbox.requests.filter((r) => r.path === '/v3.0/oa/message/cs')).toHaveLength(0);
    });

    it('replies politely to an image and to a sticker', async () => {
      const user = newUserId();
      const image = {
        app_id: sandbox.appId, user_id_by_app: '1', event_name: 'user_send_image', timestamp: String(Date.now()),
        sender: { id: user }, recipient: { id: sandbox.oaId },
        message: { msg_id: `img-${user}`, text: '', attachments: [{ type: 'image', payload: { url: 'https://example.org/a.jpg', thumbnail: 'https://example.org/a_t.jpg' } }] },
      };
      const texts = textsOf(await sendAndAwaitReplies(app, sandbox, image));
      expect(texts[0]).toContain('chỉ đọc được tin nhắn chữ');
    });

    it('stops all sends to a user who unfollows', async () => {
      const user = newUserId();
      await sendAndAwaitReplies(app, sandbox, followEvent(sandbox, user));
      await enqueueMessage(app.database.db, { dedupeKey: `later:${user}`, userId: user, purpose: 'news', message: textMessage('Tin sau'), now: new Date(), notBefore: new Date(Date.now() + 60_000) });
      await postEvent(app, sandbox, followEvent(sandbox, user, true));
      const row = await waitFor(() =>
        app.database.db.selectFrom('outbound_messages').select('status').where('dedupe_key', '=', `later:${user}`).where('status', '=', 'cancelled').executeTakeFirst(),
      );
      expect(row.status).toBe('cancelled');
      const u = await app.database.db.selectFrom('zalo_users').select('following').where('user_id', '=', user).executeTakeFirstOrThrow();
      expect(u.following).toBe(0);
      const subs = await app.database.db.selectFrom('subscriptions').select('active').where('user_id', '=', user).execute();
      expect(subs.every((s) => s.active === 0)).toBe(true);
    });

    it('rejects malformed and unknown bodies with 4xx and keeps serving', async () => {
      const bad = await fetch(`${app.url}/webhooks/zalo`, { method: 'POST', headers: { 'x-zevent-signature': 'mac=abc' }, body: '{not json' });
      expect(bad.status).toBeGreaterThanOrEqual(400);
      expect(bad.status).toBeLessThan(500);
      const huge = await fetch(`${app.url}/webhooks/zalo`, { method: 'POST', body: 'x'.repeat(600_000) });
      expect(huge.status).toBe(413);
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    });
  });
}

describe('restart between acknowledgement and sending', () => {
  let sandbox: ZaloSandbox;
  let target: TestDatabase;
  afterEach(async () => {
    await sandbox?.close();
    await target?.cleanup();
  });

  it('sends every acknowledged reply exactly once after a restart', async () => {
    sandbox = await startZaloSandbox();
    target = await dialectCases()[0]!.create();
    const users = [newUserId(), newUserId(), newUserId()];
    const events = users.map((u) => textEvent(sandbox, u, 'đăng ký khai sinh'));
    const first = await startTestApp({ sandbox, databaseUrl: target.url, workers: false });
    for (const e of events) expect((await postEvent(first, sandbox, e)).status).toBe(200);
    await first.close();
    expect(sandbox.sent).toHaveLength(0);

    const second = await startTestApp({ sandbox, databaseUrl: target.url });
    try {
      const replies = await Promise.all(events.map((e) => awaitReplies(second, sandbox, e)));
      await settled(second);
      for (const [i, u] of users.entries()) {
        expect(textsTo(sandbox, u)).toEqual(textsOf(replies[i]!));
        expect(textsTo(sandbox, u)[0]).toContain('Đăng ký khai sinh');
      }
    } finally {
      await second.close();
    }
  });
});
