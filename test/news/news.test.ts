import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import type { RunningApp } from '../../src/main.js';
import { dialectCases, type TestDatabase } from '../helpers/databases.js';
import { followEvent, newUserId, sendAndAwaitReplies, settled, sleep, startTestApp, textEvent, textsOf, textsTo, waitFor } from '../helpers/app.js';
import { staffClient, type StaffClient } from '../helpers/staff.js';
import { seedFollower } from '../helpers/seed.js';
import { formatLocal } from '../../src/news/local-time.js';
import { enqueueMessage } from '../../src/zalo/outbox-repo.js';
import { textMessage } from '../../src/zalo/messages.js';

const draft = {
  title: 'Từ 01/12 nộp hồ sơ khai sinh trực tuyến không mất phí',
  summary: 'Xã hướng dẫn người dân nộp hồ sơ khai sinh qua Cổng Dịch vụ công. Bà con cần hỗ trợ xin gọi đường dây nóng.',
  body: 'Nội dung **chi tiết** của thông báo.\n\n- Bước 1\n- Bước 2',
  topic: 'cai-cach-hanh-chinh',
};

/** "2026-11-22T09:00" in Vietnam time, `ms` from now. */
function localInput(ms: number): string {
  const l = new Date(Date.now() + ms + 7 * 3600_000);
  return l.toISOString().slice(0, 19);
}

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return JSON.parse(body) as T;
}

for (const dialect of dialectCases()) {
  describe(`reform news (${dialect.name})`, () => {
    let sandbox: ZaloSandbox;
    let target: TestDatabase;
    let app: RunningApp;
    let editor: StaffClient;
    let approver: StaffClient;

    beforeAll(async () => {
      sandbox = await startZaloSandbox();
      target = await dialect.create();
      app = await startTestApp({ sandbox, databaseUrl: target.url });
      editor = await staffClient(app, ['editor']);
      approver = await staffClient(app, ['approver']);
    });
    afterAll(async () => {
      await app?.close();
      await sandbox?.close();
      await target?.cleanup();
    });

    it('drafts, approves, schedules and delivers once to each active subscriber; digests for the silent', async () => {
      const active = [newUserId(), newUserId(), newUserId()];
      for (const u of active) await sendAndAwaitReplies(app, sandbox, followEvent(sandbox, u));
      const quitter = newUserId();
      await sendAndAwaitReplies(app, sandbox, followEvent(sandbox, quitter));
      const stopped = textsOf(await sendAndAwaitReplies(app, sandbox, textEvent(sandbox, quitter, 'hủy nhận tin')));
      expect(stopped.some((t) => t.includes('dừng gửi tin'))).toBe(true);
      const silent = newUserId();
      await seedFollower(app.database.db, silent, new Date(Date.now() - 8 * 24 * 3600_000));

      const created = await json<{ id: string; status: string }>(await editor.call('POST', '/api/admin/announcements', draft), 201);
      expect(created.status).toBe('draft');
      await json(await editor.call('POST', `/api/admin/announcements/${created.id}/submit`), 200);
      await json(await approver.call('POST', `/api/admin/announcements/${created.id}/approve`), 200);
      const scheduled = await json<{ status: string; scheduledAt: string }>(
        await approver.call('POST', `/api/admin/announcements/${created.id}/schedule`, { at: localInput(2_000) }),
        200,
      );
      expect(scheduled.status).toBe('scheduled');

      const isNews = (t: string) => t.startsWith(`📢 ${draft.title}`);
      await waitFor(() => active.every((u) => textsTo(sandbox, u).some(isNews)), 15_000, 'news to subscribers');
      await settled(app);
      for (const u of active) expect(textsTo(sandbox, u).filter(isNews)).toHaveLength(1);
      expect(textsTo(sandbox, quitter).filter(isNews)).toHaveLength(0);
      expect(textsTo(sandbox, silent)).toHaveLength(0);

      // The silent follower writes again: normal answer, then the digest, once.
      const hello = textsOf(await sendAndAwaitReplies(app, sandbox, textEvent(sandbox, silent, 'xin chào')));
      const digest = hello.find((t) => t.includes('xã có 1 tin mới'));
      expect(digest).toContain(draft.title);
      const thanks = textsOf(await sendAndAwaitReplies(app, sandbox, textEvent(sandbox, silent, 'cảm ơn')));
      expect(thanks.filter((t) => t.includes('tin mới:'))).toHaveLength(0);
      expect(textsTo(sandbox, silent).filter((t) => t.includes('tin mới:'))).toHaveLength(1);

      const item = await json<{ status: string; delivery: Record<string, number> }>(await editor.call('GET', `/api/admin/announcements/${created.id}`), 200);
      expect(item.status).toBe('sent');
      expect(item.delivery).toMatchObject({ subscribers: 4, sent: 3, failed: 0, waitingDigest: 0, deliveredByDigest: 1 });
    });

    it('never lets the author approve their own draft', async () => {
      const both = await staffClient(app, ['editor', 'approver']);
      const a = await json<{ id: string }>(await both.call('POST', '/api/admin/announcements', draft), 201);
      await json(await both.call('POST', `/api/admin/announcements/${a.id}/submit`), 200);
      const res = await both.call('POST', `/api/admin/announcements/${a.id}/approve`);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain('không được tự duyệt');
    });

    it('requires a session (401), the right role (403) and the CSRF token (403)', async () => {
      expect((await fetch(`${app.url}/api/admin/announcements`)).status).toBe(401);
      const desk = await staffClient(app, ['desk']);
      expect((await desk.call('GET', '/api/admin/announcements')).status).toBe(403);
      expect((await desk.call('POST', '/api/admin/announcements', draft)).status).toBe(403);
      expect((await editor.call('POST', '/api/admin/announcements', draft, { csrf: false })).status).toBe(403);
    });

    it('rejects bad input with Vietnamese field errors', async () => {
      const res = await editor.call('POST', '/api/admin/announcements', { title: '', summary: 'x'.repeat(1500), body: 'b', topic: 'khong-co' });
      const body = await json<{ error: { fields: Record<string, string> } }>(res, 400);
      expect(body.error.fields.title).toBe('Vui lòng nhập tiêu đề.');
      expect(body.error.fields.summary).toContain('vừa một tin nhắn Zalo');
      expect(body.error.fields.topic).toBe('Chủ đề không có trong danh sách.');
    });

    it('publishes only sent news in the public list and a valid RSS feed', async () => {
      const hidden = await json<{ id: string }>(await editor.call('POST', '/api/admin/announcements', { ...draft, title: 'Bản nháp <chưa> công bố & bí mật' }), 201);
      const list = await json<{ items: Array<{ id: string; title: string }> }>(await fetch(`${app.url}/api/news`), 200);
      expect(list.items.map((i) => i.id)).not.toContain(hidden.id);
      expect(list.items.some((i) => i.title === draft.title)).toBe(true);
      expect((await fetch(`${app.url}/api/news/${hidden.id}`)).status).toBe(404);

      const feed = await fetch(`${app.url}/feed.xml`);
      expect(feed.headers.get('content-type')).toContain('application/rss+xml');
      const xml = await feed.text();
      expect(XMLValidator.validate(xml)).toBe(true);
      const rss = new XMLParser().parse(xml) as { rss: { channel: { title: string; item: { title: string } | Array<{ title: string }> } } };
      const items = ([] as Array<{ title: string }>).concat(rss.rss.channel.item);
      expect(items.map((i) => i.title)).toContain(draft.title);
      expect(xml).not.toContain('chưa&gt; công bố');
    });
  });
}

describe('quiet hours', () => {
  it('holds news scheduled for 21:00 until 06:00 the next morning', async () => {
    const sandbox = await startZaloSandbox();
    const target = await dialectCases()[0]!.create();
    let now = Date.now();
    const app = await startTestApp({ sandbox, databaseUrl: target.url, clock: () => new Date(now), env: { NEWS_SEND_HOURS: '6-20' } });
    try {
      const editor = await staffClient(app, ['editor']);
      const approver = await staffClient(app, ['approver']);
      const user = newUserId();
      await sendAndAwaitReplies(app, sandbox, followEvent(sandbox, user));
      // Tomorrow 21:00 in Vietnam time.
      const tomorrow = formatLocal(new Date(now + 24 * 3600_000), false).split('/').reverse().join('-');
      const a = await json<{ id: string }>(await editor.call('POST', '/api/admin/announcements', draft), 201);
      await json(await editor.call('POST', `/api/admin/announcements/${a.id}/submit`), 200);
      await json(await approver.call('POST', `/api/admin/announcements/${a.id}/approve`), 200);
      const s = await json<{ scheduledAt: string }>(await approver.call('POST', `/api/admin/announcements/${a.id}/schedule`, { at: `${tomorrow}T21:00` }), 200);

      now = Date.parse(s.scheduledAt) + 1_000;
      // The user wrote an hour before, so they are inside Zalo's window.
      await app.database.db.updateTable('zalo_users').set({ last_interaction_at: new Date(now - 3600_000).toISOString() }).where('user_id', '=', user).execute();
      await app.scheduler.tick();
      const row = await app.database.db.selectFrom('outbound_messages').selectAll().where('dedupe_key', '=', `news:${a.id}:${user}`).executeTakeFirstOrThrow();
      expect(formatLocal(new Date(row.next_attempt_at))).toMatch(/ 06:00$/);
      expect(Date.parse(row.next_attempt_at) - Date.parse(s.scheduledAt)).toBe(9 * 3600_000);
      await sleep(400);
      expect(textsTo(sandbox, user).some((t) => t.startsWith('📢'))).toBe(false);

      now = Date.parse(row.next_attempt_at) + 1_000;
      await waitFor(() => textsTo(sandbox, user).some((t) => t.startsWith('📢')), 10_000, 'morning delivery');
    } finally {
      await app.close();
      await sandbox.close();
      await target.cleanup();
    }
  });

  it('news still queued when the sending hours end waits for the next morning, no attempt counted', async () => {
    const sandbox = await startZaloSandbox();
    const target = await dialectCases()[0]!.create();
    // 19:59:59 in Vietnam time (UTC+7) today: inside the default 6–20 hours.
    const day = formatLocal(new Date(), false).split('/').reverse().join('-');
    let now = Date.parse(`${day}T12:59:59Z`);
    const app = await startTestApp({ sandbox, databaseUrl: target.url, clock: () => new Date(now), env: { NEWS_SEND_HOURS: '6-20' } });
    try {
      const user = newUserId();
      await seedFollower(app.database.db, user, new Date(now - 3600_000));
      // Queued in time (the fan-out dated it 19:59:59), but the clock reads 20:00:30 when it would go out.
      now += 31_000;
      await enqueueMessage(app.database.db, { dedupeKey: `news:late:${user}`, userId: user, purpose: 'news', message: textMessage('📢 Tin muộn'), now: new Date(now - 31_000) });
      const row = await waitFor(async () => {
        const r = await app.database.db.selectFrom('outbound_messages').selectAll().where('dedupe_key', '=', `news:late:${user}`).executeTakeFirstOrThrow();
        return formatLocal(new Date(r.next_attempt_at)).endsWith(' 06:00') ? r : undefined;
      }, 10_000, 'the message deferred to the morning');
      expect(row.status).toBe('pending');
      expect(row.attempts).toBe(0);
      expect(textsTo(sandbox, user)).toEqual([]);

      now = Date.parse(row.next_attempt_at) + 1_000;
      await waitFor(() => textsTo(sandbox, user).includes('📢 Tin muộn'), 10_000, 'morning delivery');
    } finally {
      await app.close();
      await sandbox.close();
      await target.cleanup();
    }
  });
});
