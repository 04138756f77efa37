import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Executor } from '../../src/store/database.js';
import { connectSandboxOa, useTestApp, waitFor } from '../helpers/app.js';

const TOPIC = 'cai-cach-hanh-chinh';

async function seedCommuneFollowers(db: Executor, communeId: string, userIds: string[]): Promise<void> {
  const at = new Date().toISOString();
  for (let i = 0; i < userIds.length; i += 500) {
    const chunk = userIds.slice(i, i + 500);
    await db.insertInto('zalo_users').values(chunk.map((user_id) => ({ user_id, commune_id: communeId, following: 1, last_interaction_at: at, state: null, state_updated_at: null, created_at: at }))).execute();
    await db.insertInto('subscriptions').values(chunk.map((user_id) => ({ user_id, topic: TOPIC, active: 1, updated_at: at }))).execute();
  }
}

async function scheduleNow(db: Executor, communeId: string, title: string): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto('announcements')
    .values({
      id, commune_id: communeId, title, summary: 'Tóm tắt.', body: 'Chi tiết.', topic: TOPIC, link_url: null, image_url: null, status: 'scheduled',
      author_id: 'a', approver_id: 'b', reject_reason: null, scheduled_at: now, published_at: null, fanout_lease_until: null, created_at: now, updated_at: now,
    })
    .execute();
  return id;
}

/**
 * Two communes on one Zalo App share its send limit. A big fan-out in one must not make a small
 * one in the other wait until it is over: the small commune's news goes out between the big one's.
 */
describe('news of two communes under one per-app send limit', () => {
  // 10 sends a second: the big fan-out alone would take 100 s.
  const h = useTestApp({ env: { ZALO_SEND_PER_MINUTE: '600', NEWS_SEND_HOURS: '0-24' } });

  it("a commune's news is not queued behind another commune's 1,000-follower fan-out", async () => {
    const [big, small] = h.app.communes.loaded;
    expect(small).toBeDefined();
    await connectSandboxOa(h.app.database.db, h.sandbox, small!.id, small!.oaId);
    const bigUsers = Array.from({ length: 1000 }, (_, i) => `61${String(i).padStart(17, '0')}`);
    const smallUsers = Array.from({ length: 3 }, (_, i) => `62${String(i).padStart(17, '0')}`);
    await seedCommuneFollowers(h.app.database.db, big!.id, bigUsers);
    await seedCommuneFollowers(h.app.database.db, small!.id, smallUsers);

    const bigId = await scheduleNow(h.app.database.db, big!.id, 'Tin lớn');
    // The big fan-out is fully queued before the small commune's news is even written.
    await waitFor(async () => (await h.app.database.db.selectFrom('announcements').select('status').where('id', '=', bigId).executeTakeFirstOrThrow()).status === 'sent', 30_000, 'the big fan-out queued');
    await scheduleNow(h.app.database.db, small!.id, 'Tin nhỏ');

    const sentTo = (users: string[]) => h.sandbox.sent.filter((m) => users.includes(m.userId));
    await waitFor(() => sentTo(smallUsers).length === smallUsers.length, 30_000, "the small commune's news");
    // Each went out through its own OA, and the big commune's subscribers were still mostly waiting.
    expect(new Set(sentTo(smallUsers).map((m) => m.oaId))).toEqual(new Set([small!.oaId]));
    expect(sentTo(bigUsers).length).toBeLessThan(bigUsers.length / 2);
  }, 60_000);
});
