import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/main.js';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import { enqueueMessage } from '../../src/zalo/outbox-repo.js';
import { textMessage } from '../../src/zalo/messages.js';
import { createStaffUser } from '../../src/staff/accounts.js';
import { readSyncCursor } from '../../src/messaging/follower-sync.js';
import { blockedOas } from '../../src/zalo/channel-state.js';
import { readNewsDeliverySettings } from '../../src/messaging/delivery-settings.js';
import { createCommuneRegistry } from '../../src/communes/registry.js';
import { readCommuneSeeds } from '../../src/communes/seed.js';
import { createLogger } from '../../src/logger.js';
import { loadConfig } from '../../src/config.js';
import { runCli } from '../helpers/cli.js';
import { connectSandboxOa, startTestApp, newUserId, textsTo, waitFor } from '../helpers/app.js';
import { sandboxEnv } from '../helpers/child-server.js';
import { dialectCases, type TestDatabase } from '../helpers/databases.js';
import { loginClient, staffClient, type StaffClient } from '../helpers/staff.js';

/**
 * Issue 14: "tokens, windows, rate limits and pauses are per OA". Two communes, each with its own
 * OA in the sandbox (one Zalo App, several OAs), over real HTTP: what happens to one commune's OA
 * (a refusal, a dead pair, a connect, a broadcast, its settings) stays that commune's, and what
 * concerns the Zalo App itself reaches every OA and the province.
 */

const OA_B = '5550000000000000142';
const B = 'xa-per-oa-b';
const H = 3600_000;
const TOPIC = 'cai-cach-hanh-chinh';

interface Health {
  ok: boolean;
  zalo: {
    channel: { communeId: string; ok: boolean; sending: { paused: boolean } };
    oas: Array<{ communeId: string; ok: boolean; state: string; problem?: string }>;
  };
}

interface Status {
  communeId: string;
  ok: boolean;
  sending: { paused: boolean; code: number | null };
  tokens: { dead: boolean; present: boolean };
}

async function json<T>(res: Response, status = 200): Promise<T> {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return JSON.parse(body) as T;
}

for (const dialect of dialectCases()) {
  describe(`every Zalo operation goes through its own commune's OA (${dialect.name})`, () => {
    // 10:00 on a Tuesday, Vietnam time, for both the app and the sandbox: inside the sending
    // hours and outside Zalo's night block, whenever the test runs.
    const offset = Date.UTC(2026, 11, 15, 3, 0) - Date.now();
    const now = () => Date.now() + offset;
    let sandbox: ZaloSandbox;
    let target: TestDatabase;
    let app: RunningApp;
    let A: string;
    let OA_A: string;
    let adminA: StaffClient;
    let staffB: StaffClient;
    let approverB: StaffClient;
    let province: StaffClient;

    /** A resident of `communeId` who wrote a moment ago (inside the free window). */
    async function resident(communeId: string): Promise<string> {
      const userId = newUserId();
      const at = new Date(now()).toISOString();
      await app.database.db
        .insertInto('zalo_users')
        .values({ user_id: userId, commune_id: communeId, following: 1, last_interaction_at: at, state: null, state_updated_at: null, created_at: at })
        .execute();
      return userId;
    }

    const news = (userId: string, text: string) =>
      enqueueMessage(app.database.db, { dedupeKey: `per-oa:${text}:${userId}`, userId, purpose: 'news', message: textMessage(text), now: new Date(now()) });

    const outbound = (userId: string, text: string) =>
      app.database.db.selectFrom('outbound_messages').selectAll().where('dedupe_key', '=', `per-oa:${text}:${userId}`).executeTakeFirstOrThrow();

    async function health(): Promise<{ status: number; body: Health }> {
      const res = await fetch(`${app.url}/healthz`);
      return { status: res.status, body: (await res.json()) as Health };
    }

    const noticesOf = (userId: string) =>
      app.database.db.selectFrom('staff_notifications').select(['kind', 'text']).where('user_id', '=', userId).where('kind', '=', 'zalo_paused').execute();

    beforeAll(async () => {
      sandbox = await startZaloSandbox({ clock: now });
      target = await dialect.create();
      app = await startTestApp({ sandbox, databaseUrl: target.url, clock: () => new Date(now()), env: { ZALO_RETRY_BASE_MS: '50', NEWS_SEND_HOURS: '0-24' } });
      A = app.communes.first().id;
      OA_A = app.communes.first().oaId;
      expect(OA_A).toBe(sandbox.oaId);
      await app.communes.add({ id: B, name: 'UBND xã Thử Nghiệm Per-OA', provinceId: 'tinh-mau', oaId: OA_B });
      await connectSandboxOa(app.database.db, sandbox, B, OA_B, new Date(now()));
      adminA = await staffClient(app, ['admin']);
      province = await staffClient(app, ['province_admin']);
      await createStaffUser(app.database.db, { username: `can-bo-${dialect.name}-b`, displayName: 'Cán bộ xã B', password: 'mat-khau-du-dai-123', roles: ['admin', 'editor', 'approver'], communeId: B }, new Date());
      staffB = await loginClient(app, `can-bo-${dialect.name}-b`, 'mat-khau-du-dai-123');
      await createStaffUser(app.database.db, { username: `duyet-${dialect.name}-b`, displayName: 'Người duyệt xã B', password: 'mat-khau-du-dai-123', roles: ['approver'], communeId: B }, new Date());
      approverB = await loginClient(app, `duyet-${dialect.name}-b`, 'mat-khau-du-dai-123');
    }, 120_000);
    afterAll(async () => {
      await app?.close();
      await sandbox?.close();
      await target?.cleanup();
    });

    it('refreshes every connected commune\'s pair in the daily job', async () => {
      const before = { a: sandbox.refreshesOf(OA_A), b: sandbox.refreshesOf(OA_B) };
      await app.database.db.updateTable('recurring_jobs').set({ next_run_at: new Date(now() - 1000).toISOString() }).where('id', '=', 'zalo-token-refresh').execute();
      await app.scheduler.tick();
      await waitFor(() => sandbox.refreshesOf(OA_A) === before.a + 1 && sandbox.refreshesOf(OA_B) === before.b + 1, 10_000, 'both OAs refreshed');
      const rows = await app.database.db.selectFrom('zalo_tokens').select(['id', 'access_token']).where('id', 'in', [A, B]).execute();
      expect(Object.fromEntries(rows.map((r) => [r.id, r.access_token]))).toEqual({ [A]: sandbox.currentTokens(OA_A).accessToken, [B]: sandbox.currentTokens(OA_B).accessToken });
    });

    it('reads each connected OA\'s follower list with its own cursor', async () => {
      for (const communeId of [A, B]) {
        await waitFor(async () => (await readSyncCursor(app.database.db, communeId))?.finishedAt, 15_000, `${communeId}'s follower list read`);
      }
      // The content's second commune has no pair yet: nothing is asked of Zalo for it.
      const unconnected = app.communes.loaded.find((c) => c.id !== A && c.id !== B)!;
      expect(await readSyncCursor(app.database.db, unconnected.id)).toBeUndefined();
    });

    it('keeps each commune\'s news delivery settings apart', async () => {
      const settingsB = { paidCs: { enabled: true, monthlyBudget: 120 }, broadcast: { oaPackage: 'advanced', coverImageUrl: 'https://xa-b.example.vn/bia.jpg' } };
      await json(await staffB.call('PUT', '/api/admin/news/delivery-settings', settingsB));
      expect(await json(await staffB.call('GET', '/api/admin/news/delivery-settings'))).toEqual(settingsB);
      const ofA = await json<{ paidCs: { enabled: boolean }; broadcast: { oaPackage: string } }>(await adminA.call('GET', '/api/admin/news/delivery-settings'));
      expect(ofA.paidCs.enabled).toBe(false);
      expect(ofA.broadcast.oaPackage).toBe('none');
      // A province admin edits the commune they picked.
      expect(await json(await province.call('GET', `/api/admin/news/delivery-settings?commune=${B}`))).toEqual(settingsB);
    });

    it('broadcasts a commune\'s announcement through that commune\'s OA, with its settings', async () => {
      const follower = newUserId();
      const long = now() - 10 * 24 * H;
      sandbox.addFollower(follower, { lastInteractionAt: long });
      await app.database.db
        .insertInto('zalo_users')
        .values({ user_id: follower, commune_id: B, following: 1, last_interaction_at: new Date(long).toISOString(), state: null, state_updated_at: null, created_at: new Date(long).toISOString() })
        .execute();
      await app.database.db.insertInto('subscriptions').values({ user_id: follower, topic: TOPIC, active: 1, updated_at: new Date(long).toISOString() }).execute();
      const title = 'Tin của xã B qua Broadcast';
      // No image of its own: the article takes the cover commune B set (commune A set none).
      const { id } = await json<{ id: string }>(await staffB.call('POST', '/api/admin/announcements', { title, summary: 'Tóm tắt tin xã B.', body: 'Nội dung tin xã B.', topic: TOPIC }), 201);
      await json(await staffB.call('POST', `/api/admin/announcements/${id}/submit`));
      const preview = await json<{ broadcast: { planned: boolean } }>(await staffB.call('GET', `/api/admin/announcements/${id}/audience`));
      expect(preview.broadcast.planned).toBe(true);
      await json(await approverB.call('POST', `/api/admin/announcements/${id}/approve`));
      await json(await approverB.call('POST', `/api/admin/announcements/${id}/schedule`, { at: new Date(now() + 7 * H).toISOString().slice(0, 16) }));
      const sent = await waitFor(() => sandbox.broadcasts.find((b) => b.recipients.includes(follower)), 30_000, 'broadcast delivered');
      expect(sent.oaId).toBe(OA_B);
      // The sandbox records the broadcast before its answer reaches the app, which then marks the article.
      const article = await waitFor(async () => {
        const row = await app.database.db.selectFrom('news_broadcasts').selectAll().where('announcement_id', '=', id).executeTakeFirst();
        return row?.status === 'sent' ? row : undefined;
      }, 10_000, 'the article marked sent');
      expect(article.status).toBe('sent');
    });

    it('pauses only the OA whose code concerns it: its admins are told, other communes keep sending, it resumes alone', async () => {
      const inA = await resident(A);
      const inB = await resident(B);
      const adminB = staffB.userId;
      sandbox.refuseSends('policy_violation', OA_B);
      await news(inB, 'Tin B trước khi tạm dừng');
      const paused = await waitFor(async () => {
        const r = await health();
        return r.body.zalo.oas.find((o) => o.communeId === B)?.state === 'paused' ? r : undefined;
      }, 10_000, 'B paused');
      expect(paused.status).toBe(503);
      expect(paused.body.ok).toBe(false);
      // The first commune's channel (the body's old fields) is not paused.
      expect(paused.body.zalo.channel.communeId).toBe(A);
      expect(paused.body.zalo.channel.sending.paused).toBe(false);
      expect(paused.body.zalo.oas.find((o) => o.communeId === A)?.state).toBe('ok');
      expect(paused.body.zalo.oas.find((o) => o.communeId === B)?.problem).toContain('mã -248');
      // Commune A keeps sending news while B's wait.
      await news(inA, 'Tin A trong lúc B tạm dừng');
      await waitFor(async () => (await outbound(inA, 'Tin A trong lúc B tạm dừng')).status === 'sent', 10_000, 'A\'s news sent');
      expect(sandbox.sent.find((m) => m.userId === inA)?.oaId).toBe(OA_A);
      expect((await outbound(inB, 'Tin B trước khi tạm dừng')).status).toBe('pending');
      // Only B's admins are told; each commune's console shows its own OA.
      expect((await noticesOf(adminB)).map((n) => n.text).join('\n')).toContain('mã lỗi -248');
      expect(await noticesOf(adminA.userId)).toEqual([]);
      expect(await noticesOf(province.userId)).toEqual([]);
      expect((await json<Status>(await staffB.call('GET', '/api/admin/zalo/status'))).sending).toMatchObject({ paused: true, code: -248 });
      expect((await json<Status>(await adminA.call('GET', '/api/admin/zalo/status'))).sending.paused).toBe(false);
      // A's admin cannot resume B (their resume is A's, which is not paused).
      expect(await json(await adminA.call('POST', '/api/admin/zalo/resume'))).toEqual({ resumed: false, held: 0 });
      sandbox.refuseSends(undefined, OA_B);
      expect(await json(await staffB.call('POST', '/api/admin/zalo/resume'))).toEqual({ resumed: true, held: 1 });
      await waitFor(async () => (await outbound(inB, 'Tin B trước khi tạm dừng')).status === 'sent', 10_000, 'B\'s held news sent');
      expect(sandbox.sent.filter((m) => m.userId === inB).map((m) => m.oaId)).toEqual([OA_B]);
      expect(textsTo(sandbox, inB)).toEqual(['Tin B trước khi tạm dừng']);
      expect((await health()).status).toBe(200);
    });

    it('pauses every OA when the code concerns the Zalo App, and tells the province and every commune', async () => {
      const inA = await resident(A);
      const inB = await resident(B);
      sandbox.refuseSends('app_removed', OA_B);
      await news(inB, 'Tin B khi ứng dụng bị gỡ');
      const active = app.communes.loaded.filter((c) => c.active).map((c) => c.id);
      await waitFor(async () => (await blockedOas(app.database.db)).paused.length === active.length, 10_000, 'every OA paused');
      expect((await blockedOas(app.database.db)).paused.sort()).toEqual([...active].sort());
      for (const who of [province.userId, adminA.userId, staffB.userId]) {
        expect((await noticesOf(who)).map((n) => n.text).join('\n')).toContain('mã lỗi -219');
      }
      // A's proactive messages wait too, answers still go out.
      await news(inA, 'Tin A khi ứng dụng bị gỡ');
      await enqueueMessage(app.database.db, { dedupeKey: `per-oa:reply:${inA}`, userId: inA, purpose: 'reply', message: textMessage('Dạ, trả lời ông/bà'), now: new Date(now()) });
      await waitFor(() => textsTo(sandbox, inA).includes('Dạ, trả lời ông/bà'), 10_000, 'the answer sent');
      expect((await outbound(inA, 'Tin A khi ứng dụng bị gỡ')).status).toBe('pending');
      // Fixed at the app; the province admin resumes each commune it picks.
      sandbox.refuseSends(undefined, OA_B);
      for (const communeId of active) await json(await province.call('POST', `/api/admin/zalo/resume?commune=${communeId}`));
      await waitFor(async () => (await outbound(inA, 'Tin A khi ứng dụng bị gỡ')).status === 'sent' && (await outbound(inB, 'Tin B khi ứng dụng bị gỡ')).status === 'sent', 10_000, 'held news sent');
      expect((await blockedOas(app.database.db)).paused).toEqual([]);
    });

    it('skips only the OA whose tokens are dead until its own pair is loaded (zalo:set-tokens --commune)', async () => {
      const inA = await resident(A);
      const inB = await resident(B);
      sandbox.revokeRefreshToken(OA_B);
      sandbox.expireTokens(OA_B);
      await enqueueMessage(app.database.db, { dedupeKey: `per-oa:dead:${inB}`, userId: inB, purpose: 'reply', message: textMessage('Dạ, trả lời xã B'), now: new Date(now()) });
      const dead = await waitFor(async () => {
        const r = await health();
        return r.body.zalo.oas.find((o) => o.communeId === B)?.state === 'tokens_dead' ? r : undefined;
      }, 10_000, 'B\'s tokens dead');
      expect(dead.status).toBe(503);
      expect(dead.body.zalo.oas.find((o) => o.communeId === A)?.state).toBe('ok');
      await news(inA, 'Tin A khi mã xã B hỏng');
      await waitFor(async () => (await outbound(inA, 'Tin A khi mã xã B hỏng')).status === 'sent', 10_000, 'A still sends');
      expect((await json<Status>(await staffB.call('GET', '/api/admin/zalo/status'))).tokens.dead).toBe(true);
      expect((await json<Status>(await adminA.call('GET', '/api/admin/zalo/status'))).tokens.dead).toBe(false);
      const pair = sandbox.issueNewPair(OA_B);
      const run = await runCli(app, sandboxEnv(sandbox), ['zalo:set-tokens', '--commune', B, '--access-token', pair.accessToken, '--refresh-token', pair.refreshToken]);
      expect(run.stdout, run.stderr).toContain(`cho OA của xã ${B}`);
      expect(run.code).toBe(0);
      await waitFor(() => textsTo(sandbox, inB).includes('Dạ, trả lời xã B'), 15_000, 'B\'s reply sent');
      expect(sandbox.sent.filter((m) => m.userId === inB).map((m) => m.oaId)).toEqual([OA_B]);
      expect((await health()).status).toBe(200);
      const unknown = await runCli(app, sandboxEnv(sandbox), ['zalo:status', '--commune', 'khong-co']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('Không tìm thấy xã "khong-co"');
    }, 60_000);

    it('connects the picked commune\'s OA, and refuses tokens of an OA that is not the commune\'s', async () => {
      const tokensOf = async (id: string) => (await app.database.db.selectFrom('zalo_tokens').select('access_token').where('id', '=', id).executeTakeFirstOrThrow()).access_token;
      const beforeA = await tokensOf(A);
      const { url } = await json<{ url: string }>(await province.call('POST', `/api/admin/zalo/connect?commune=${B}`));
      sandbox.consentAs(OA_B);
      const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
      const callback = await fetch(`${app.url}${back.pathname}${back.search}`);
      expect(callback.status).toBe(200);
      expect(await tokensOf(B)).toBe(sandbox.currentTokens(OA_B).accessToken);
      expect(await tokensOf(A)).toBe(beforeA);
      // B's admin starts a connect, but the person approving is signed in to commune A's OA.
      const again = await json<{ url: string }>(await staffB.call('POST', '/api/admin/zalo/connect'));
      sandbox.consentAs(OA_A);
      const wrong = new URL((await fetch(again.url, { redirect: 'manual' })).headers.get('location')!);
      const refused = await fetch(`${app.url}${wrong.pathname}${wrong.search}`);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('không phải OA của xã');
      sandbox.consentAs(undefined);
      expect(await tokensOf(B)).toBe(sandbox.currentTokens(OA_B).accessToken);
      expect(await tokensOf(A)).toBe(beforeA);
    });
  });
}

for (const dialect of dialectCases()) {
  describe(`a single-OA deployment upgraded (${dialect.name})`, () => {
    let target: TestDatabase;
    beforeAll(async () => {
      target = await dialect.create();
    });
    afterAll(async () => {
      await target?.cleanup();
    });

    it('gives the old app-wide pause, settings and cursor to the first commune, and the webhook counters to the app', async () => {
      const database = await target.open();
      try {
        const db = database.db;
        const at = new Date().toISOString();
        // Rows as the single-OA deployment left them; its other rows were adopted before this existed.
        await db.insertInto('settings').values({ name: 'communes.adopted', value: 'earlier' }).execute();
        await db
          .insertInto('zalo_channel_state')
          .values({ id: 'oa', paused_at: at, pause_code: -248, pause_reason: 'Violates platform standards', token_error: null, token_error_at: null, signature_failures: 7, last_signature_failure_at: at, foreign_app_events: 2, updated_at: at })
          .execute();
        const settings = { paidCs: { enabled: true, monthlyBudget: 50 }, broadcast: { oaPackage: 'basic', coverImageUrl: null } };
        await db.insertInto('settings').values({ name: 'messaging.news_delivery', value: JSON.stringify(settings) }).execute();
        const cursor = { offset: 50, total: 120, startedAt: at, finishedAt: null, truncated: false };
        await db.insertInto('settings').values({ name: 'messaging.follower_sync', value: JSON.stringify(cursor) }).execute();

        const registry = createCommuneRegistry({ db, log: createLogger('silent'), clock: () => new Date() });
        await registry.seed(readCommuneSeeds(loadConfig({}).contentDir));
        const first = registry.first().id;
        const rows = await db.selectFrom('zalo_channel_state').selectAll().orderBy('id').execute();
        expect(rows.map((r) => r.id).sort()).toEqual(['app', first].sort());
        expect(rows.find((r) => r.id === first)).toMatchObject({ pause_code: -248, paused_at: at, signature_failures: 0 });
        expect(rows.find((r) => r.id === 'app')).toMatchObject({ signature_failures: 7, foreign_app_events: 2, paused_at: null });
        expect(await readNewsDeliverySettings(db, first)).toEqual(settings);
        expect(await readSyncCursor(db, first)).toEqual(cursor);
        // Only the first commune was paused; starting again changes nothing.
        await registry.seed(readCommuneSeeds(loadConfig({}).contentDir));
        expect((await blockedOas(db)).paused).toEqual([first]);
      } finally {
        await database.close();
      }
    });
  });
}
