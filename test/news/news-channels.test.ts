import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import type { RunningApp } from '../../src/main.js';
import type { Executor } from '../../src/store/database.js';
import { readSyncCursor } from '../../src/messaging/follower-sync.js';
import { dialectCases, type TestDatabase } from '../helpers/databases.js';
import { sendAndAwaitReplies, startTestApp, textsOf, waitFor } from '../helpers/app.js';
import { makeTextEvent } from '../../src/zalo/sandbox-webhook.js';
import { staffClient, type StaffClient } from '../helpers/staff.js';

/**
 * Done-when of issue 13 (news channels): a simulated OA with 10,000 followers of mixed interaction
 * ages, some following since before launch and never having written (known to the app only through
 * the follower backfill). One announcement reaches every subscriber exactly once through the right
 * channel, 0 billed messages while paid sending is off, and the figures per channel match what
 * Zalo (the sandbox) saw. Time is a shared clock both sides read: a weekday morning in December.
 */

const H = 3600_000;
const DAY = 24 * H;
const TOPIC = 'cai-cach-hanh-chinh';

// Groups of followers (sizes add up to 10,000).
const FREE = 600; // wrote 1–20 h before day 1: free cs on days 1 and 2
const PAID = 2000; // wrote 52 h – 5 days before day 1: billed window on days 1 and 2
const CLOSED = 2350; // wrote 8–60 days ago: no cs at all
const PRELAUNCH = 5000; // followed before launch, never wrote: only the backfill finds them
const QUIT = 50; // said "hủy nhận tin": no news, though Zalo's Broadcast reaches every follower
const PAID_BUDGET = 400;

const id = (group: number, i: number) => `9${group}${String(i).padStart(17, '0')}`;
const range = (n: number, group: number) => Array.from({ length: n }, (_, i) => id(group, i));

async function json<T>(res: Response, status = 200): Promise<T> {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return JSON.parse(body) as T;
}

interface Figures {
  subscribers: number;
  sent: number;
  pending: number;
  waitingDigest: number;
  paidMessagesSent: number;
  channels: Record<string, { assigned: number; sent: number; pending: number; waitingDigest: number; failed: number }>;
  broadcast: { status: string } | null;
}

interface Audience {
  subscribers: number;
  audience: Record<'cs_free' | 'cs_paid' | 'broadcast' | 'digest', number>;
  estimatedPaidMessages: number;
  broadcast: { planned: boolean; reason: string | null; otherFollowersReached: number };
}

/** Inserts followers with their interaction times, 500 rows a statement. */
async function seed(db: Executor, users: Array<{ id: string; last: Date; followed: Date; active: 0 | 1 }>): Promise<void> {
  for (let i = 0; i < users.length; i += 500) {
    const chunk = users.slice(i, i + 500);
    await db
      .insertInto('zalo_users')
      .values(chunk.map((u) => ({ user_id: u.id, following: 1, last_interaction_at: u.last.toISOString(), followed_at: u.followed.toISOString(), state: null, state_updated_at: null, created_at: u.followed.toISOString() })))
      .execute();
    await db.insertInto('subscriptions').values(chunk.map((u) => ({ user_id: u.id, topic: TOPIC, active: u.active, updated_at: u.last.toISOString() }))).execute();
  }
}

for (const dialect of dialectCases()) {
  describe(`news channels for 10,000 followers (${dialect.name})`, () => {
    // 10:00 on Tuesday 15 December 2026, Vietnam time; `day` moves the shared clock a day on.
    const start = Date.UTC(2026, 11, 15, 3, 0);
    let offset = start - Date.now();
    const now = () => Date.now() + offset;
    let sandbox: ZaloSandbox;
    let target: TestDatabase;
    let app: RunningApp;
    let editor: StaffClient;
    let approver: StaffClient;
    let admin: StaffClient;
    const groups = { free: range(FREE, 1), paid: range(PAID, 2), closed: range(CLOSED, 3), prelaunch: range(PRELAUNCH, 4), quit: range(QUIT, 5) };
    const subscribers = [...groups.free, ...groups.paid, ...groups.closed, ...groups.prelaunch];

    beforeAll(async () => {
      sandbox = await startZaloSandbox({ clock: now, oaPackage: 'basic' });
      const t0 = now();
      const people: Array<{ id: string; last: Date; followed: Date; active: 0 | 1 }> = [];
      const spread = (ids: string[], from: number, to: number) =>
        ids.forEach((user, i) => people.push({ id: user, last: new Date(t0 - from - ((to - from) * i) / ids.length), followed: new Date(t0 - 90 * DAY), active: 1 }));
      spread(groups.free, 1 * H, 20 * H);
      spread(groups.paid, 52 * H, 5 * DAY);
      spread(groups.closed, 8 * DAY, 60 * DAY);
      spread(groups.quit, 1 * H, 20 * H);
      for (const p of people) p.active = groups.quit.includes(p.id) ? 0 : 1;
      // Zalo knows every follower and when each last wrote; pre-launch followers never did.
      for (const p of people) sandbox.addFollower(p.id, { lastInteractionAt: p.last.getTime() });
      for (const user of groups.prelaunch) sandbox.addFollower(user);

      target = await dialect.create();
      const database = await target.open();
      try {
        const { migrateToLatest } = await import('../../src/store/migrate.js');
        await migrateToLatest(database.db, database.dialect);
        await seed(database.db, people);
      } finally {
        await database.close();
      }
      app = await startTestApp({ sandbox, databaseUrl: target.url, clock: () => new Date(now()), env: { ZALO_SEND_PER_MINUTE: '100000', OUTBOX_CONCURRENCY: '8' } });
      await signIn();
    }, 120_000);
    afterAll(async () => {
      await app?.close();
      await sandbox?.close();
      await target?.cleanup();
    });

    async function signIn(): Promise<void> {
      editor = await staffClient(app, ['editor']);
      approver = await staffClient(app, ['approver']);
      admin = await staffClient(app, ['admin']);
    }

    /** Drafts, submits, previews, approves and schedules an announcement for now; returns its id and the preview. */
    async function publish(title: string): Promise<{ id: string; preview: Audience }> {
      const draft = { title, summary: `Tóm tắt: ${title}.`, body: `Nội dung ${title}.\n\nĐoạn thứ hai.`, topic: TOPIC, imageUrl: 'https://xa-vi-du.example.vn/anh/tin.jpg' };
      const { id: announcementId } = await json<{ id: string }>(await editor.call('POST', '/api/admin/announcements', draft), 201);
      await json(await editor.call('POST', `/api/admin/announcements/${announcementId}/submit`));
      const preview = await json<Audience>(await approver.call('GET', `/api/admin/announcements/${announcementId}/audience`));
      await json(await approver.call('POST', `/api/admin/announcements/${announcementId}/approve`));
      const local = new Date(now() + 7 * H).toISOString().slice(0, 16);
      await json(await approver.call('POST', `/api/admin/announcements/${announcementId}/schedule`, { at: local }));
      return { id: announcementId, preview };
    }

    async function figures(announcementId: string): Promise<Figures> {
      return (await json<{ delivery: Figures }>(await editor.call('GET', `/api/admin/announcements/${announcementId}`))).delivery;
    }

    /** Waits until nothing of the announcement is pending (sent, or waiting for the digest). */
    async function settled(announcementId: string): Promise<Figures> {
      return waitFor(
        async () => {
          const f = await figures(announcementId);
          return f.subscribers > 0 && f.pending === 0 ? f : undefined;
        },
        180_000,
        `announcement ${announcementId} settled`,
      );
    }

    /** How many times each user received the announcement titled `title` from Zalo: cs texts plus broadcasts. */
    function receipts(title: string): Map<string, number> {
      const counts = new Map<string, number>();
      const add = (user: string) => counts.set(user, (counts.get(user) ?? 0) + 1);
      for (const m of sandbox.sent) if ((m.message as { text?: string }).text?.startsWith(`📢 ${title}`)) add(m.userId);
      for (const b of sandbox.broadcasts) {
        const article = broadcastTitles.get(b.articleId);
        if (article === title) b.recipients.forEach(add);
      }
      return counts;
    }
    const broadcastTitles = new Map<string, string>();

    it('finds the followers from before launch through the follower list (resumable backfill)', async () => {
      const cursor = await waitFor(async () => {
        const c = await readSyncCursor(app.database.db, app.communes.first().id);
        return c?.finishedAt ? c : undefined;
      }, 120_000, 'follower backfill finished');
      expect(cursor.total).toBe(FREE + PAID + CLOSED + PRELAUNCH + QUIT);
      const [row] = await app.database.db
        .selectFrom('zalo_users as u')
        .innerJoin('subscriptions as s', 's.user_id', 'u.user_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('u.following', '=', 1)
        .where('s.topic', '=', TOPIC)
        .where('s.active', '=', 1)
        .execute();
      expect(Number(row!.n)).toBe(subscribers.length);
      // Those who said "hủy nhận tin" stay unsubscribed: the backfill gives topics only to people who never chose.
      const quit = await app.database.db.selectFrom('subscriptions').select('active').where('user_id', 'in', groups.quit).execute();
      expect(quit.every((s) => s.active === 0)).toBe(true);
    }, 150_000);

    it('day 1: the announcement goes by Broadcast to every subscriber, once; no cs, nothing billed', async () => {
      // The commune's OA is verified, on the Basic package (1 broadcast per follower a month); no paid cs.
      await json(await admin.call('PUT', '/api/admin/news/delivery-settings', { paidCs: { enabled: false, monthlyBudget: 0 }, broadcast: { oaPackage: 'basic', coverImageUrl: null } }));
      const { id: a1, preview } = await publish('Tin ngày 1: lịch tiếp công dân');
      expect(preview.subscribers).toBe(subscribers.length);
      expect(preview.broadcast.planned).toBe(true);
      expect(preview.audience).toEqual({ cs_free: 0, cs_paid: 0, broadcast: subscribers.length, digest: 0 });
      expect(preview.broadcast.otherFollowersReached).toBe(QUIT);

      const f = await waitFor(async () => {
        const x = await figures(a1);
        return x.broadcast?.status === 'sent' && x.pending === 0 ? x : undefined;
      }, 180_000, 'broadcast sent');
      expect(sandbox.broadcasts).toHaveLength(1);
      const article = sandbox.broadcasts[0]!;
      broadcastTitles.set(article.articleId, 'Tin ngày 1: lịch tiếp công dân');
      const got = receipts('Tin ngày 1: lịch tiếp công dân');
      expect(subscribers.every((u) => got.get(u) === 1)).toBe(true);
      // Zalo delivers a Broadcast to followers, not to a list: the preview said so.
      expect(groups.quit.every((u) => got.get(u) === 1)).toBe(true);
      expect(sandbox.billedMessages).toBe(0);
      expect(f.channels.broadcast).toMatchObject({ assigned: subscribers.length, sent: subscribers.length });
      expect(f.sent).toBe(subscribers.length);
    }, 240_000);

    it('day 2, paid sending off: free cs inside 48 h, the rest waits for the digest (the monthly Broadcast is spent); 0 billed', async () => {
      offset += DAY;
      await signIn(); // staff sessions last 12 hours
      const title = 'Tin ngày 2: nộp hồ sơ trực tuyến';
      const { id: a2, preview } = await publish(title);
      expect(preview.broadcast.planned).toBe(false);
      expect(preview.audience).toEqual({ cs_free: FREE, cs_paid: 0, broadcast: 0, digest: subscribers.length - FREE });
      expect(preview.estimatedPaidMessages).toBe(0);

      const f = await settled(a2);
      const got = receipts(title);
      expect(groups.free.every((u) => got.get(u) === 1)).toBe(true);
      expect(got.size).toBe(FREE);
      expect(sandbox.billedMessages).toBe(0);
      expect(sandbox.broadcasts).toHaveLength(1);
      expect(f.channels.cs_free).toMatchObject({ assigned: FREE, sent: FREE, failed: 0 });
      expect(f.channels.digest).toMatchObject({ assigned: subscribers.length - FREE, waitingDigest: subscribers.length - FREE });
      expect(f.paidMessagesSent).toBe(0);
    }, 240_000);

    it('day 2, paid sending on with a budget: billed cs up to the budget, exactly as previewed and as Zalo billed', async () => {
      await json(await admin.call('PUT', '/api/admin/news/delivery-settings', { paidCs: { enabled: true, monthlyBudget: PAID_BUDGET }, broadcast: { oaPackage: 'basic', coverImageUrl: null } }));
      const title = 'Tin ngày 2: giờ làm việc cuối năm';
      const { id: a3, preview } = await publish(title);
      expect(preview.audience).toEqual({ cs_free: FREE, cs_paid: PAID_BUDGET, broadcast: 0, digest: subscribers.length - FREE - PAID_BUDGET });
      expect(preview.estimatedPaidMessages).toBe(PAID_BUDGET);

      const f = await settled(a3);
      const got = receipts(title);
      expect(got.size).toBe(FREE + PAID_BUDGET);
      expect([...got.values()].every((n) => n === 1)).toBe(true);
      expect(groups.free.every((u) => got.get(u) === 1)).toBe(true);
      expect(sandbox.billedMessages).toBe(PAID_BUDGET);
      expect(f.paidMessagesSent).toBe(PAID_BUDGET);
      expect(f.channels.cs_paid).toMatchObject({ assigned: PAID_BUDGET, sent: PAID_BUDGET });
      expect(f.channels.cs_free).toMatchObject({ assigned: FREE, sent: FREE });
      // The budget is spent for the month: the next preview offers no more billed messages.
      const { preview: after } = await publish('Tin ngày 2: thông báo thêm');
      expect(after.estimatedPaidMessages).toBe(0);
    }, 240_000);

    /** The resident writes: Zalo records the interaction (it opens the windows), then the webhook event. */
    const say = (user: string, text: string) => {
      sandbox.recordInteraction(user, now());
      return makeTextEvent({ appId: sandbox.appId, oaId: sandbox.oaId, userId: user, text, timestamp: now() });
    };

    it('a silent subscriber who writes again gets the news they missed in one digest, once', async () => {
      const user = groups.closed[0]!;
      const texts = textsOf(await sendAndAwaitReplies(app, sandbox, say(user, 'xin chào')));
      const digest = texts.find((t) => t.includes('tin mới:'));
      expect(digest).toContain('Tin ngày 2: nộp hồ sơ trực tuyến');
      expect(digest).toContain('Tin ngày 2: giờ làm việc cuối năm');
      // Day 1's news reached them by Broadcast: it is not repeated.
      expect(digest).not.toContain('Tin ngày 1');
      const again = textsOf(await sendAndAwaitReplies(app, sandbox, say(user, 'cảm ơn')));
      expect(again.some((t) => t.includes('tin mới:'))).toBe(false);
    }, 60_000);
  });
}
