import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/main.js';
import { makeTextEvent, signEvent } from '../../src/zalo/sandbox-webhook.js';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import { createCommuneRegistry } from '../../src/communes/registry.js';
import { createLogger } from '../../src/logger.js';
import type { Commune as CommuneProfile } from '../../src/catalog/schema.js';
import { awaitReplies, connectSandboxOa, LogCapture, newUserId, startTestApp, textsOf, waitFor } from '../helpers/app.js';
import { createSqliteTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { loginClient, staffClient, type StaffClient } from '../helpers/staff.js';
import { createStaffUser } from '../../src/staff/accounts.js';
import { expressRoutes } from '../helpers/routes.js';

const OA_B = '5550000000000000002';
const OA_C = '5550000000000000003';
const OA_UNKNOWN = '5550000000000000099';
const HOTLINE_B = '0225 333 4444';

/** Markers that only commune A's data carries: none may reach commune B's staff or residents. */
const A_PETITION_TEXT = 'Đèn đường thôn Riêng-Xã-A hỏng đã một tuần';
const A_NEWS_TITLE = 'Tin riêng của xã A về lịch tiếp dân';
const A_QUIZ_TITLE = 'Cuộc thi riêng của xã A';

describe('communes as tenants (SQLite, real HTTP, sandbox with several OAs)', () => {
  let sandbox: ZaloSandbox;
  let target: TestDatabase;
  let app: RunningApp;
  let province: StaffClient;
  let adminA: StaffClient;
  let editorA: StaffClient;
  let approverA: StaffClient;
  let staffB: StaffClient;
  let communeA: string;
  let profileB: CommuneProfile;
  const aData = { petitionId: '', petitionCode: '', announcementId: '', quizId: '' };

  beforeAll(async () => {
    sandbox = await startZaloSandbox();
    target = await createSqliteTestDatabase();
    app = await startTestApp({ sandbox, databaseUrl: target.url, logs: new LogCapture() });
    communeA = app.communes.first().id;
    province = await staffClient(app, ['province_admin']);
    // Commune B gets its own profile (its own hotline): added at run time through the registry.
    const base = app.catalog.current.content.commune;
    profileB = { ...base, name: 'UBND xã Thử Nghiệm B', hotlines: [{ label: 'Đường dây nóng UBND xã B', number: HOTLINE_B, example: true }] };
    await app.communes.add({ id: 'xa-b', name: 'UBND xã Thử Nghiệm B', provinceId: 'tinh-mau', oaId: OA_B, profile: profileB });
    await connectSandboxOa(app.database.db, sandbox, 'xa-b', OA_B);

    adminA = await staffClient(app, ['admin']);
    editorA = await staffClient(app, ['editor']);
    approverA = await staffClient(app, ['approver']);
    // B's staff member holds every commune role: only the commune boundary can stop them.
    await createCommuneStaff(app, 'can-bo-b', 'xa-b');
    staffB = await loginAs(app, 'can-bo-b');

    // Commune A's data, made over HTTP as residents and staff would.
    const filed = await fetch(`${app.url}/api/communes/${communeA}/petitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'khac', content: A_PETITION_TEXT }),
    });
    expect(filed.status).toBe(201);
    aData.petitionCode = ((await filed.json()) as { code: string }).code;
    aData.petitionId = (await app.database.db.selectFrom('petitions').select('id').where('code', '=', aData.petitionCode).executeTakeFirstOrThrow()).id;
    const created = await editorA.call('POST', '/api/admin/announcements', { title: A_NEWS_TITLE, summary: 'Tóm tắt tin của xã A.', body: 'Nội dung tin của xã A.', topic: 'thong-bao-chung' });
    expect(created.status).toBe(201);
    aData.announcementId = ((await created.json()) as { id: string }).id;
    expect((await editorA.call('POST', `/api/admin/announcements/${aData.announcementId}/submit`)).status).toBe(200);
    expect((await approverA.call('POST', `/api/admin/announcements/${aData.announcementId}/approve`)).status).toBe(200);
    await app.database.db.updateTable('announcements').set({ status: 'sent', published_at: new Date().toISOString() }).where('id', '=', aData.announcementId).execute();
    const quiz = await editorA.call('POST', '/api/admin/quizzes', {
      title: A_QUIZ_TITLE,
      intro: '',
      questions: [{ text: 'Đăng ký khai sinh ở đâu?', choices: ['UBND xã', 'Chợ'], answer: 0, explanation: 'Tại UBND xã nơi cư trú.' }],
    });
    expect(quiz.status).toBe(201);
    aData.quizId = ((await quiz.json()) as { id: string }).id;
    expect((await editorA.call('POST', `/api/admin/quizzes/${aData.quizId}/open`)).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await target?.cleanup();
  });

  async function send(oaId: string, userId: string, text: string) {
    const event = makeTextEvent({ appId: sandbox.appId, oaId, userId, text });
    const signed = signEvent(event, { appId: sandbox.appId, oaSecretKey: sandbox.oaSecretKey });
    const res = await fetch(`${app.url}/webhooks/zalo`, { method: 'POST', headers: signed.headers, body: signed.body });
    expect(res.status).toBe(200);
    return event;
  }

  it('lists the communes with their province and OA', async () => {
    const body = (await (await fetch(`${app.url}/api/communes`)).json()) as { items: Array<{ id: string; name: string; provinceId: string; oaId: string }> };
    // The content's communes first (the default one leading), then the one added at run time.
    expect(body.items[0]!.id).toBe(communeA);
    expect(body.items.at(-1)!.id).toBe('xa-b');
    expect(body.items.at(-1)).toMatchObject({ id: 'xa-b', name: 'UBND xã Thử Nghiệm B', provinceId: 'tinh-mau', oaId: OA_B });
  });

  it('routes each event by its OA to its commune and replies with that OA\'s token and profile', async () => {
    const toA = newUserId();
    const toB = newUserId();
    const eventA = await send(app.communes.first().oaId, toA, 'số điện thoại của xã');
    const eventB = await send(OA_B, toB, 'số điện thoại của xã');
    const repliesA = await awaitReplies(app, sandbox, eventA);
    const repliesB = await awaitReplies(app, sandbox, eventB);
    expect(repliesA.length).toBeGreaterThan(0);
    expect(repliesB.length).toBeGreaterThan(0);
    expect(new Set(repliesA.map((m) => m.oaId))).toEqual(new Set([app.communes.first().oaId]));
    expect(new Set(repliesB.map((m) => m.oaId))).toEqual(new Set([OA_B]));
    // Each resident reads their own commune's hotline, never the other's.
    const hotlineA = app.catalog.current.content.commune.hotlines[0]!.number;
    expect(textsOf(repliesB).join('\n')).toContain(HOTLINE_B);
    expect(textsOf(repliesB).join('\n')).not.toContain(hotlineA);
    expect(textsOf(repliesA).join('\n')).not.toContain(HOTLINE_B);
    const rows = await app.database.db.selectFrom('zalo_users').select(['user_id', 'commune_id']).where('user_id', 'in', [toA, toB]).execute();
    expect(Object.fromEntries(rows.map((r) => [r.user_id, r.commune_id]))).toEqual({ [toA]: communeA, [toB]: 'xa-b' });
  });

  it('acknowledges an event for an OA it does not serve, parks it, and answers nobody', async () => {
    const user = newUserId();
    await send(OA_UNKNOWN, user, 'xin chào');
    const row = await waitFor(() =>
      app.database.db.selectFrom('inbound_events').selectAll().where('last_error', 'like', `%${OA_UNKNOWN}%`).executeTakeFirst(),
    );
    expect(row.status).toBe('parked');
    expect(row.payload).toContain(user);
    expect(sandbox.sent.filter((m) => m.userId === user)).toEqual([]);
  });

  it('serves a commune another process added, without a restart', async () => {
    // Another instance (or `npm run cli -- communes:add`) writes the registry table directly.
    const other = createCommuneRegistry({ db: app.database.db, log: createLogger('silent'), clock: () => new Date() });
    await other.add({ id: 'xa-c', name: 'UBND xã C', provinceId: 'tinh-mau', oaId: OA_C });
    await connectSandboxOa(app.database.db, sandbox, 'xa-c', OA_C);
    const user = newUserId();
    const replies = await awaitReplies(app, sandbox, await send(OA_C, user, 'số điện thoại của xã'));
    expect(replies.length).toBeGreaterThan(0);
    expect(new Set(replies.map((m) => m.oaId))).toEqual(new Set([OA_C]));
    // Without a profile yet, it says so and gives the national hotline, never commune A's numbers.
    const text = textsOf(replies).join('\n');
    expect(text).not.toContain(app.catalog.current.content.commune.hotlines[0]!.number);
    expect(text).toContain(app.catalog.current.content.commune.national_portal.hotline.number);
    const listed = (await (await fetch(`${app.url}/api/communes`)).json()) as { items: Array<{ id: string }> };
    expect(listed.items.map((c) => c.id)).toContain('xa-c');
  });

  it('lets a province admin add a commune from the console form; commune admins cannot', async () => {
    const body = { id: 'xa-d', name: 'UBND xã D', provinceId: 'tinh-mau', oaId: '5550000000000000004' };
    const refused = await adminA.call('POST', '/api/admin/communes', body);
    expect(refused.status).toBe(403);
    const added = await province.call('POST', '/api/admin/communes', body);
    expect(added.status).toBe(201);
    const again = await province.call('POST', '/api/admin/communes', { ...body, id: 'xa-e' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toContain('đã gắn với UBND xã D');
    const wrong = await province.call('POST', '/api/admin/communes', { ...body, id: 'Xã E', oaId: 'abc' });
    expect(wrong.status).toBe(400);
    expect(Object.keys(((await wrong.json()) as { error: { fields: Record<string, string> } }).error.fields).sort()).toEqual(['id', 'oaId']);
  });

  it('keeps residents of one commune out of another\'s petitions, news and profile', async () => {
    const inA = await fetch(`${app.url}/api/communes/${communeA}/petitions/${aData.petitionCode}`);
    expect(inA.status).toBe(200);
    const fromB = await fetch(`${app.url}/api/communes/xa-b/petitions/${aData.petitionCode}`);
    expect(fromB.status).toBe(404);
    const newsA = await (await fetch(`${app.url}/api/communes/${communeA}/news`)).text();
    const newsB = await (await fetch(`${app.url}/api/communes/xa-b/news`)).text();
    expect(newsA).toContain(A_NEWS_TITLE);
    expect(newsB).not.toContain(A_NEWS_TITLE);
    expect(await (await fetch(`${app.url}/api/communes/${communeA}/quizzes`)).text()).toContain(A_QUIZ_TITLE);
    expect(await (await fetch(`${app.url}/api/communes/xa-b/quizzes`)).text()).not.toContain(A_QUIZ_TITLE);
    expect((await fetch(`${app.url}/api/communes/xa-b/quizzes/${aData.quizId}`)).status).toBe(404);
    expect((await fetch(`${app.url}/api/communes/xa-b/news/${aData.announcementId}`)).status).toBe(404);
    expect((await fetch(`${app.url}/c/xa-b/tin/${aData.announcementId}`)).status).toBe(404);
    expect(await (await fetch(`${app.url}/c/xa-b/feed.xml`)).text()).not.toContain(A_NEWS_TITLE);
    expect(await (await fetch(`${app.url}/c/${communeA}/feed.xml`)).text()).toContain(A_NEWS_TITLE);
    const profileOfB = (await (await fetch(`${app.url}/api/communes/xa-b/commune`)).json()) as CommuneProfile;
    expect(profileOfB.hotlines.map((h) => h.number)).toEqual([HOTLINE_B]);
    expect((await fetch(`${app.url}/api/communes/khong-co/news`)).status).toBe(404);
    // The old unprefixed routes are the first commune's.
    expect(await (await fetch(`${app.url}/api/news`)).text()).toContain(A_NEWS_TITLE);
  });

  it('keeps every staff route of the router inside the staff member\'s commune', async () => {
    const declared = expressRoutes(app.http).filter((r) => r.path.startsWith('/api/admin/') && r.path !== '/api/admin/login');
    // Every staff route the router declares is a guarded one (registered with its roles).
    const guarded = new Set(app.staffRoutes.map((r) => `${r.method} ${r.path}`));
    expect(declared.filter((r) => !guarded.has(`${r.method} ${r.path}`))).toEqual([]);
    expect(declared.length).toBeGreaterThanOrEqual(30);

    const snapshot = async () => ({
      petitions: await app.database.db.selectFrom('petitions').selectAll().where('commune_id', '=', communeA).orderBy('id').execute(),
      notes: await app.database.db.selectFrom('petition_notes').selectAll().orderBy('id').execute(),
      replies: await app.database.db.selectFrom('petition_replies').selectAll().orderBy('id').execute(),
      announcements: await app.database.db.selectFrom('announcements').selectAll().where('commune_id', '=', communeA).orderBy('id').execute(),
      quizzes: await app.database.db.selectFrom('quizzes').selectAll().where('commune_id', '=', communeA).orderBy('id').execute(),
      staff: await app.database.db.selectFrom('staff_users').select(['id', 'roles', 'active', 'display_name']).where('commune_id', '=', communeA).orderBy('id').execute(),
    });
    const before = await snapshot();
    const month = new Date().toISOString().slice(0, 7);
    const idFor = (path: string) =>
      path.includes('/petitions/')
        ? aData.petitionId
        : path.includes('/announcements/')
          ? aData.announcementId
          : path.includes('/quizzes/')
            ? aData.quizId
            : path.includes('/users/')
              ? adminA.userId
              : 'x';
    const concrete = (path: string) =>
      path
        .replace(':id', idFor(path))
        .replace(':month', month)
        .replace(':file', 'script.txt')
        .replace(':field', 'ho-tich');
    const markers = [A_PETITION_TEXT, aData.petitionCode, aData.announcementId, aData.petitionId, A_NEWS_TITLE, adminA.userId, aData.quizId, A_QUIZ_TITLE];
    // Logging out ends the session: last.
    const ordered = [...declared.filter((r) => !r.path.endsWith('/logout')), ...declared.filter((r) => r.path.endsWith('/logout'))];
    const leaks: string[] = [];
    for (const route of ordered) {
      const path = concrete(route.path);
      const body = route.method === 'get' ? undefined : { assigneeId: adminA.userId, text: 'Thử ghi', reason: 'Thử', summary: 'Tóm tắt', answer: 'Trả lời', roles: ['desk'], active: false, displayName: 'Đổi tên', at: '2030-01-01T08:00', title: 'T', signature: 'x', procedureId: 'dang-ky-khai-sinh' };
      const res = await staffB.call(route.method.toUpperCase(), path, body);
      const text = await res.text();
      const found = markers.filter((m) => text.includes(m));
      if (found.length > 0) leaks.push(`${route.method.toUpperCase()} ${route.path} → ${res.status}: ${found.join(', ')}`);
      // A's objects addressed by id are simply not found for B.
      if (route.path.includes(':id') && idFor(route.path) !== 'x') {
        expect([403, 404], `${route.method} ${route.path}`).toContain(res.status);
      }
    }
    expect(leaks).toEqual([]);
    expect(await snapshot()).toEqual(before);
  }, 180_000);

  it('gives the province admin roll-up figures, and one commune\'s when picked', async () => {
    const all = (await (await province.call('GET', '/api/admin/dashboard')).json()) as { openPetitions: number };
    const onlyB = (await (await province.call('GET', '/api/admin/dashboard?commune=xa-b')).json()) as { openPetitions: number };
    const onlyA = (await (await adminA.call('GET', '/api/admin/dashboard')).json()) as { openPetitions: number };
    expect(onlyA.openPetitions).toBeGreaterThanOrEqual(1);
    expect(onlyB.openPetitions).toBe(0);
    expect(all.openPetitions).toBe(onlyA.openPetitions + onlyB.openPetitions);
    expect((await province.call('GET', '/api/admin/dashboard?commune=khong-co')).status).toBe(404);
    // A commune admin cannot make anyone a province admin.
    const grant = await adminA.call('POST', '/api/admin/users', { username: 'thu-cap-tinh', displayName: 'Thử', password: 'mat-khau-du-dai-123-xyz', roles: ['province_admin'] });
    expect(grant.status).toBe(403);
  });
});

async function createCommuneStaff(app: RunningApp, username: string, communeId: string): Promise<void> {
  await createStaffUser(app.database.db, { username, displayName: 'Cán bộ xã B', password: 'mat-khau-du-dai-123', roles: ['admin', 'editor', 'approver', 'desk', 'leader'], communeId }, new Date());
}

async function loginAs(app: RunningApp, username: string): Promise<StaffClient> {
  return loginClient(app, username, 'mat-khau-du-dai-123');
}
