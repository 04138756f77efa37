import { describe, expect, it } from 'vitest';
import { RECONCILE_MAX_CHECKS } from '../../src/jobs/outbox-worker.js';
import { enqueueMessage } from '../../src/zalo/outbox-repo.js';
import { textMessage } from '../../src/zalo/messages.js';
import { makeEchoEvent, makeMediaEvent } from '../../src/zalo/sandbox-webhook.js';
import type { OperatorFault } from '../../src/zalo/sandbox-state.js';
import type { RunningApp } from '../../src/main.js';
import { runCli } from '../helpers/cli.js';
import { awaitReplies, newUserId, postEvent, sendAndAwaitReplies, textEvent, textsOf, textsTo, useTestApp, waitFor } from '../helpers/app.js';
import { sandboxEnv } from '../helpers/child-server.js';
import { dialectCases, type DialectCase } from '../helpers/databases.js';
import { staffClient } from '../helpers/staff.js';


interface Health {
  ok: boolean;
  zalo: {
    channel: {
      ok: boolean;
      problem?: string;
      sending: { paused: boolean; code: number | null };
      tokens: { dead: boolean; lastError: string | null; ageHours: number | null };
      webhook: { signatureFailures: number; foreignAppEvents: number; parkedEvents: number };
    };
  };
}

async function health(app: RunningApp): Promise<{ status: number; body: Health }> {
  const res = await fetch(`${app.url}/healthz`);
  return { status: res.status, body: (await res.json()) as Health };
}

/** A resident who wrote recently (inside the consultation window), as the database knows them. */
async function recentResident(app: RunningApp, userId = newUserId()): Promise<string> {
  const now = new Date().toISOString();
  await app.database.db
    .insertInto('zalo_users')
    .values({ user_id: userId, following: 1, last_interaction_at: now, state: null, state_updated_at: null, created_at: now })
    .execute();
  return userId;
}

const outboundRow = (app: RunningApp, key: string) =>
  app.database.db.selectFrom('outbound_messages').selectAll().where('dedupe_key', '=', key).executeTakeFirst();

for (const dialect of dialectCases()) {
describe(`the webhook answers every signed event (${dialect.name})`, () => {
  const h = useTestApp({ dialect });

  it('parks a signed event it cannot read: 200, kept, counted, listed for admins', async () => {
    const odd = { ...textEvent(h.sandbox, newUserId(), 'xin chào'), message: { text: 42, msg_id: ['not', 'an', 'id'] } };
    const res = await postEvent(h.app, h.sandbox, odd);
    expect(res.status).toBe(200);
    const row = await h.app.database.db.selectFrom('inbound_events').selectAll().where('status', '=', 'parked').executeTakeFirstOrThrow();
    expect(row.event_name).toBe('user_send_text');
    expect(row.last_error).toContain('message.text');
    // The same delivery again: 200, not parked twice.
    expect((await postEvent(h.app, h.sandbox, odd)).status).toBe(200);
    expect((await health(h.app)).body.zalo.channel.webhook.parkedEvents).toBe(1);
    const admin = await staffClient(h.app, ['admin']);
    const listed = (await (await admin.call('GET', '/api/admin/zalo/parked')).json()) as { events: Array<{ event_name: string }> };
    expect(listed.events.map((e) => e.event_name)).toEqual(['user_send_text']);
  });

  it('parks and counts an event signed for this app but naming another app_id', async () => {
    const foreign = { ...textEvent(h.sandbox, newUserId(), 'xin chào'), app_id: '9999999999999999999' };
    expect((await postEvent(h.app, h.sandbox, foreign)).status).toBe(200);
    const channel = (await health(h.app)).body.zalo.channel;
    expect(channel.webhook.foreignAppEvents).toBe(1);
    expect(channel.webhook.parkedEvents).toBe(2);
  });

  it('refuses and counts requests whose signature does not verify', async () => {
    const before = (await health(h.app)).body.zalo.channel.webhook.signatureFailures;
    const res = await postEvent(h.app, h.sandbox, textEvent(h.sandbox, newUserId(), 'giả mạo'), false);
    expect(res.status).toBe(401);
    expect((await health(h.app)).body.zalo.channel.webhook.signatureFailures).toBe(before + 1);
  });

  it('answers a voice message politely and opens the window from the moment it was sent', async () => {
    const user = newUserId();
    const sentAt = Date.now() - 90_000;
    const audio = makeMediaEvent({ appId: h.sandbox.appId, oaId: h.sandbox.oaId, userId: user, mediaType: 'audio', timestamp: sentAt });
    const replies = textsOf(await sendAndAwaitReplies(h.app, h.sandbox, audio));
    expect(replies[0]).toContain('chỉ đọc được tin nhắn chữ');
    const row = await h.app.database.db.selectFrom('zalo_users').select('last_interaction_at').where('user_id', '=', user).executeTakeFirstOrThrow();
    expect(row.last_interaction_at).toBe(new Date(sentAt).toISOString());
  });

  it.each(['video', 'gif', 'business_card'] as const)('answers a %s message too', async (mediaType) => {
    const event = makeMediaEvent({ appId: h.sandbox.appId, oaId: h.sandbox.oaId, userId: newUserId(), mediaType });
    expect(textsOf(await sendAndAwaitReplies(h.app, h.sandbox, event))[0]).toContain('Ông/bà vui lòng nhắn câu hỏi bằng chữ');
  });

  it('steps back for a resident a clerk answers in the OA chat tool, and comes back when handed back', async () => {
    const user = newUserId();
    await sendAndAwaitReplies(h.app, h.sandbox, textEvent(h.sandbox, user, 'xin chào'));
    // Our own send echoed (no admin_id): nothing changes.
    await postEvent(h.app, h.sandbox, makeEchoEvent({ appId: h.sandbox.appId, oaId: h.sandbox.oaId, userId: user, text: 'Dạ, xin chào' }));
    expect(textsOf(await sendAndAwaitReplies(h.app, h.sandbox, textEvent(h.sandbox, user, 'đăng ký kết hôn'))).length).toBeGreaterThan(0);
    // A clerk types in the OA chat tool.
    const echo = makeEchoEvent({ appId: h.sandbox.appId, oaId: h.sandbox.oaId, userId: user, text: 'Chào bác, tôi là cán bộ xã', adminId: '5551234567890123456' });
    expect((await postEvent(h.app, h.sandbox, echo)).status).toBe(200);
    const desk = await staffClient(h.app, ['desk']);
    const inHand = await waitFor(async () => {
      const body = (await (await desk.call('GET', '/api/admin/zalo/human')).json()) as { residents: Array<{ userId: string }> };
      return body.residents.find((r) => r.userId === user);
    });
    expect(inHand.userId).toBe(user);
    const before = textsTo(h.sandbox, user).length;
    const quiet = textEvent(h.sandbox, user, 'cảm ơn cán bộ');
    expect(await sendAndAwaitReplies(h.app, h.sandbox, quiet)).toEqual([]);
    expect(textsTo(h.sandbox, user).length).toBe(before);
    // Still an interaction: the window stays open for the clerk.
    const row = await h.app.database.db.selectFrom('zalo_users').select('last_interaction_at').where('user_id', '=', user).executeTakeFirstOrThrow();
    expect(row.last_interaction_at).toBe(new Date(Number(quiet.timestamp)).toISOString());
    expect((await desk.call('POST', `/api/admin/zalo/human/${user}/hand-back`)).status).toBe(200);
    expect(textsOf(await sendAndAwaitReplies(h.app, h.sandbox, textEvent(h.sandbox, user, 'đăng ký khai sinh'))).length).toBeGreaterThan(0);
  });
});

describe(`the outbox heals itself (${dialect.name})`, () => {
  const h = useTestApp({ dialect, env: { ZALO_TIMEOUT_MS: '600', ZALO_RETRY_BASE_MS: '50' } });

  const conversationCalls = () => h.sandbox.requests.filter((r) => r.path === '/v2.0/oa/conversation').length;

  it('gives up checking an ambiguous send when the conversation API is refused, and sends it once more', async () => {
    const user = await recentResident(h.app);
    h.sandbox.refuseConversation('permission_missing');
    h.sandbox.failNext(1, 'lost_response');
    const before = conversationCalls();
    await enqueueMessage(h.app.database.db, { dedupeKey: `heal:refused:${user}`, userId: user, purpose: 'reply', message: textMessage('Dạ, hồ sơ gồm tờ khai'), now: new Date() });
    const row = await waitFor(async () => {
      const r = await outboundRow(h.app, `heal:refused:${user}`);
      return r?.status === 'sent' ? r : undefined;
    });
    // A refusal (a permission the OA did not grant) is not asked again: one check, then one resend.
    expect(conversationCalls() - before).toBe(1);
    expect(textsTo(h.sandbox, user)).toEqual(['Dạ, hồ sơ gồm tờ khai', 'Dạ, hồ sơ gồm tờ khai']);
    expect(row.zalo_message_id).toBe(h.sandbox.sent.filter((m) => m.userId === user)[1]!.messageId);
    // The resident is not jammed: the next message goes straight out.
    await enqueueMessage(h.app.database.db, { dedupeKey: `heal:refused-next:${user}`, userId: user, purpose: 'reply', message: textMessage('Tin tiếp theo'), now: new Date() });
    await waitFor(async () => (await outboundRow(h.app, `heal:refused-next:${user}`))?.status === 'sent');
    h.sandbox.refuseConversation(undefined);
  });

  it('checks at most a few times while the conversation API keeps failing, then sends', async () => {
    const user = await recentResident(h.app);
    h.sandbox.refuseConversation('rate_limit');
    h.sandbox.failNext(1, 'lost_response');
    const before = conversationCalls();
    await enqueueMessage(h.app.database.db, { dedupeKey: `heal:flaky:${user}`, userId: user, purpose: 'reply', message: textMessage('Dạ, lệ phí 0 đồng'), now: new Date() });
    await waitFor(async () => (await outboundRow(h.app, `heal:flaky:${user}`))?.status === 'sent', 20_000);
    // A rate limit passes: it is asked again, up to the bound, before the message goes out again.
    expect(conversationCalls() - before).toBe(RECONCILE_MAX_CHECKS);
    expect(textsTo(h.sandbox, user)).toEqual(['Dạ, lệ phí 0 đồng', 'Dạ, lệ phí 0 đồng']);
    h.sandbox.refuseConversation(undefined);
  });

  it('keeps checking through a mix of passing failures and finds the delivered message instead of sending it twice', async () => {
    const user = await recentResident(h.app);
    h.sandbox.failNext(1, 'lost_response');
    // Two checks get no answer, the third is rate-limited: none of them proves anything either way.
    h.sandbox.failNext(2, 'http_500', 'conversation');
    h.sandbox.failNext(1, 'rate_limit', 'conversation');
    const before = conversationCalls();
    await enqueueMessage(h.app.database.db, { dedupeKey: `heal:mixed:${user}`, userId: user, purpose: 'reply', message: textMessage('Dạ, trả kết quả sau 1 ngày'), now: new Date() });
    const row = await waitFor(async () => {
      const r = await outboundRow(h.app, `heal:mixed:${user}`);
      return r?.status === 'sent' ? r : undefined;
    }, 20_000);
    expect(conversationCalls() - before).toBe(4);
    expect(textsTo(h.sandbox, user)).toEqual(['Dạ, trả kết quả sau 1 ngày']);
    expect(row.zalo_message_id).toBe(h.sandbox.sent.find((m) => m.userId === user)!.messageId);
  });

  it('refreshes the token when the delivery check meets -216, and finds the message instead of sending it twice', async () => {
    const user = await recentResident(h.app);
    h.sandbox.failNext(1, 'lost_response');
    h.sandbox.failNext(1, 'token_expired', 'conversation');
    const refreshes = h.sandbox.tokenRefreshes;
    await enqueueMessage(h.app.database.db, { dedupeKey: `heal:216:${user}`, userId: user, purpose: 'reply', message: textMessage('Dạ, nộp tại Bộ phận Một cửa'), now: new Date() });
    const row = await waitFor(async () => {
      const r = await outboundRow(h.app, `heal:216:${user}`);
      return r?.status === 'sent' ? r : undefined;
    });
    expect(h.sandbox.tokenRefreshes - refreshes).toBe(1);
    expect(textsTo(h.sandbox, user)).toEqual(['Dạ, nộp tại Bộ phận Một cửa']);
    expect(row.zalo_message_id).toBe(h.sandbox.sent.find((m) => m.userId === user)!.messageId);
  });

  it('never takes an earlier message with the same text as proof of delivery', async () => {
    const user = await recentResident(h.app);
    const text = 'Dạ, ông/bà mang theo căn cước';
    await enqueueMessage(h.app.database.db, { dedupeKey: `heal:same-1:${user}`, userId: user, purpose: 'reply', message: textMessage(text), now: new Date() });
    await waitFor(async () => (await outboundRow(h.app, `heal:same-1:${user}`))?.status === 'sent');
    // The second one is lost on the way (never reached Zalo, the answer never came): ambiguous.
    h.sandbox.failNext(1, 'timeout');
    await enqueueMessage(h.app.database.db, { dedupeKey: `heal:same-2:${user}`, userId: user, purpose: 'reply', message: textMessage(text), now: new Date() });
    const second = await waitFor(async () => {
      const r = await outboundRow(h.app, `heal:same-2:${user}`);
      return r?.status === 'sent' ? r : undefined;
    });
    const sent = h.sandbox.sent.filter((m) => m.userId === user);
    expect(sent.map((m) => (m.message as { text: string }).text)).toEqual([text, text]);
    expect(second.zalo_message_id).toBe(sent[1]!.messageId);
  });
});

}

// The resume by CLI (a child process) runs once, on SQLite; the console's on every dialect.
const fanOutCases: Array<[OperatorFault, number, 'console' | 'cli', DialectCase]> = [
  ...dialectCases().map((d): [OperatorFault, number, 'console' | 'cli', DialectCase] => ['policy_violation', -248, 'console', d]),
  ['cloud_unlinked', -320, 'cli', dialectCases()[0]!],
];

describe.each(fanOutCases)('Zalo answers %s (%s) during a fan-out, resumed from the %s', (fault, code, resumeFrom, dialect) => {
  // 20 sends a second: the fan-out is still going when Zalo starts refusing.
  const h = useTestApp({ dialect, env: { ZALO_RETRY_BASE_MS: '50', ZALO_SEND_PER_MINUTE: '1200', NEWS_SEND_HOURS: '0-24' } });

  it(`pauses proactive sending within seconds, alerts staff, answers 503, loses nothing and resumes (${code})`, async () => {
    const admin = await staffClient(h.app, ['admin']);
    const adminZalo = await recentResident(h.app);
    await h.app.database.db.updateTable('staff_users').set({ zalo_user_id: adminZalo }).where('id', '=', admin.userId).execute();
    const users: string[] = [];
    for (let i = 0; i < 60; i++) users.push(await recentResident(h.app));
    const text = `Tin cải cách số ${code}`;
    const enqueue = async (some: string[]) => {
      for (const u of some) await enqueueMessage(h.app.database.db, { dedupeKey: `news:${code}:${u}`, userId: u, purpose: 'news', message: textMessage(text), now: new Date() });
    };
    const newsSent = () => h.sandbox.sent.filter((m) => (m.message as { text?: string }).text === text).length;
    // The fan-out's first part goes out, then Zalo starts refusing while the rest is queued: the
    // refusal always meets messages still to send, however slow the machine is (waiting for the
    // tenth send of a single batch of 60 let a stalled test see all 60 sent before refusing).
    await enqueue(users.slice(0, 10));
    await waitFor(() => newsSent() >= 10);
    h.sandbox.refuseSends(fault);
    await enqueue(users.slice(10));
    const refusedAt = Date.now();
    const paused = await waitFor(async () => {
      const r = await health(h.app);
      return r.body.zalo.channel.sending.paused ? r : undefined;
    });
    expect(Date.now() - refusedAt).toBeLessThan(5_000);
    expect(paused.status).toBe(503);
    expect(paused.body.zalo.channel.sending.code).toBe(code);
    expect(paused.body.zalo.channel.problem).toContain(`mã ${code}`);
    // Staff are told: a console notice for the admin, and the console's status shows the problem.
    const notice = await h.app.database.db.selectFrom('staff_notifications').selectAll().where('user_id', '=', admin.userId).where('kind', '=', 'zalo_paused').executeTakeFirstOrThrow();
    expect(notice.text).toContain(`mã lỗi ${code}`);
    const status = (await (await admin.call('GET', '/api/admin/zalo/status')).json()) as { ok: boolean };
    expect(status.ok).toBe(false);
    // Only the sends already in flight met the refusal: the fan-out stopped calling Zalo.
    const refusals = () => h.sandbox.requests.filter((r) => r.path === '/v3.0/oa/message/cs' && r.outcome === code).length;
    const settled = refusals();
    expect(settled).toBeLessThanOrEqual(8);
    // The cause is dealt with; the admin's Zalo alert (not held back) arrives on its retry.
    h.sandbox.refuseSends(undefined);
    const alert = await waitFor(() => textsTo(h.sandbox, adminZalo).find((t) => t.includes(`mã lỗi ${code}`)), 15_000);
    expect(alert).toContain('Kết nối Zalo');
    // Still paused: no news goes out until someone resumes.
    const beforeResume = newsSent();
    expect(beforeResume).toBeLessThan(users.length);
    const pending = await h.app.database.db.selectFrom('outbound_messages').select('status').where('purpose', '=', 'news').where('status', '=', 'pending').execute();
    expect(pending.length).toBe(users.length - beforeResume);
    if (resumeFrom === 'console') {
      const res = await admin.call('POST', '/api/admin/zalo/resume');
      expect(((await res.json()) as { held: number }).held).toBe(users.length - beforeResume);
    } else {
      // -320 concerns the Zalo App: every commune's OA was paused, and the operator resumes them all.
      const run = await runCli(h.app, sandboxEnv(h.sandbox), ['zalo:resume', '--all']);
      expect(run.stdout, run.stderr).toContain(`cho ${h.app.communes.loaded.length} xã: ${users.length - beforeResume} tin đang chờ`);
      expect(run.code).toBe(0);
    }
    await waitFor(() => newsSent() === users.length, 15_000);
    for (const u of users) expect(textsTo(h.sandbox, u)).toEqual([text]);
    expect((await health(h.app)).status).toBe(200);
  }, 120_000);
});

describe('token lifecycle', () => {
  const h = useTestApp({ env: { ZALO_RETRY_BASE_MS: '50' } });

  it('survives a revoked refresh token: 503 and nothing sent until zalo:set-tokens loads a new pair', async () => {
    const user = newUserId();
    await sendAndAwaitReplies(h.app, h.sandbox, textEvent(h.sandbox, user, 'xin chào'));
    h.sandbox.revokeRefreshToken();
    h.sandbox.expireTokens();
    const event = textEvent(h.sandbox, user, 'đăng ký kết hôn');
    expect((await postEvent(h.app, h.sandbox, event)).status).toBe(200);
    const dead = await waitFor(async () => {
      const r = await health(h.app);
      return r.body.zalo.channel.tokens.dead ? r : undefined;
    });
    expect(dead.status).toBe(503);
    expect(dead.body.zalo.channel.tokens.lastError).toContain('-14020');
    const oauthCalls = h.sandbox.requests.filter((r) => r.path === '/v4/oa/access_token').length;
    // The admin gets a new pair (API Explorer or a fresh consent) and loads it.
    const pair = h.sandbox.issueNewPair();
    const run = await runCli(h.app, sandboxEnv(h.sandbox), ['zalo:set-tokens', '--access-token', pair.accessToken, '--refresh-token', pair.refreshToken]);
    expect(run.stdout, run.stderr).toContain('Đã nạp cặp mã truy cập mới');
    expect(run.code).toBe(0);
    const replies = textsOf(await awaitReplies(h.app, h.sandbox, event));
    expect(replies[0]).toContain('Đăng ký kết hôn');
    expect(textsTo(h.sandbox, user).filter((t) => t === replies[0])).toHaveLength(1);
    expect((await health(h.app)).status).toBe(200);
    // While the pair was dead, the refused refresh token was not tried again and again.
    expect(h.sandbox.requests.filter((r) => r.path === '/v4/oa/access_token').length).toBe(oauthCalls);
  }, 120_000);

  it('connects the OA from the console through Zalo’s permission page (OAuth v4 with PKCE)', async () => {
    const admin = await staffClient(h.app, ['admin']);
    const { url } = (await (await admin.call('POST', '/api/admin/zalo/connect')).json()) as { url: string };
    const consent = new URL(url);
    expect(consent.pathname).toBe('/v4/oa/permission');
    expect(consent.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The OA admin approves; Zalo sends the browser back to our callback (here, PUBLIC_BASE_URL is the app).
    const approved = await fetch(url, { redirect: 'manual' });
    expect(approved.status).toBe(302);
    const back = new URL(approved.headers.get('location')!);
    const callback = await fetch(`${h.app.url}${back.pathname}${back.search}`);
    expect(callback.status).toBe(200);
    expect(await callback.text()).toContain('Đã kết nối OA');
    const stored = await h.app.database.db.selectFrom('zalo_tokens').select('access_token').executeTakeFirstOrThrow();
    expect(stored.access_token).toBe(h.sandbox.currentTokens().accessToken);
    // The state is single-use.
    expect((await fetch(`${h.app.url}${back.pathname}${back.search}`)).status).toBe(400);
  });

  it('connects the OA from a terminal: zalo:connect prints the permission link, and finishes with the code by hand', async () => {
    const env = { ...sandboxEnv(h.sandbox), PUBLIC_BASE_URL: 'https://xa.example.vn' };
    const started = await runCli(h.app, env, ['zalo:connect']);
    expect(started.code).toBe(0);
    const url = started.stdout.split('\n').find((l) => l.startsWith(h.sandbox.url))!;
    expect(new URL(url).searchParams.get('redirect_uri')).toBe('https://xa.example.vn/zalo/oauth/callback');
    // The callback's domain is not reachable from here: the admin copies code and state from the address bar.
    const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
    const finished = await runCli(h.app, env, ['zalo:connect', '--code', back.searchParams.get('code')!, '--state', back.searchParams.get('state')!]);
    expect(finished.stdout, finished.stderr).toContain('Đã kết nối OA');
    expect(finished.code).toBe(0);
    const stored = await h.app.database.db.selectFrom('zalo_tokens').select('access_token').executeTakeFirstOrThrow();
    expect(stored.access_token).toBe(h.sandbox.currentTokens().accessToken);
  }, 180_000);

  it('refreshes the pair every day even when nothing is sent, and shows the token age', async () => {
    const refreshes = h.sandbox.tokenRefreshes;
    await h.app.database.db.updateTable('recurring_jobs').set({ next_run_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', 'zalo-token-refresh').execute();
    // The scheduler runs by itself every second (or this tick claims the run first): either way, once.
    await h.app.scheduler.tick();
    await waitFor(() => h.sandbox.tokenRefreshes - refreshes === 1);
    const tokens = (await health(h.app)).body.zalo.channel.tokens;
    expect(tokens.ageHours).toBe(0);
    expect(tokens.dead).toBe(false);
  });
});
