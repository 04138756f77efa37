import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import { makeEchoEvent } from '../../src/zalo/sandbox-webhook.js';
import { enqueueMessage } from '../../src/zalo/outbox-repo.js';
import { textMessage } from '../../src/zalo/messages.js';
import type { RunningApp } from '../../src/main.js';
import { createStaffUser } from '../../src/staff/accounts.js';
import { createSqliteTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { connectSandboxOa, newUserId, postEvent, sendAndAwaitReplies, startTestApp, textEvent, textsTo, waitFor } from '../helpers/app.js';
import { launchChromium, requireBuiltApps, screenshot, type PageProblems, openDesktopTab } from './browser.js';
import { signInToConsole } from './console-session.js';

/** The console's "Kết nối Zalo" page and its banner, in Debian's Chromium, against the real server and the sandbox. */
describe('Zalo connection in the staff console', () => {
  let sandbox: ZaloSandbox;
  let target: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  const PASSWORD = 'mat-khau-du-dai-123';

  const signIn = (username: string) => signInToConsole(page, app.url, username, PASSWORD);

  beforeAll(async () => {
    requireBuiltApps();
    sandbox = await startZaloSandbox();
    target = await createSqliteTestDatabase();
    app = await startTestApp({ sandbox, databaseUrl: target.url, env: { ZALO_RETRY_BASE_MS: '50', NEWS_SEND_HOURS: '0-24' } });
    await createStaffUser(app.database.db, { username: 'quan.tri', displayName: 'Phạm Quản Trị', password: PASSWORD, roles: ['admin'] }, new Date());
    await createStaffUser(app.database.db, { username: 'mot.cua', displayName: 'Lê Thị Một Cửa', password: PASSWORD, roles: ['desk'] }, new Date());
    await createStaffUser(app.database.db, { username: 'cap.tinh', displayName: 'Trần Cấp Tỉnh', password: PASSWORD, roles: ['province_admin'] }, new Date());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await sandbox?.close();
    await target?.cleanup();
  });
  beforeEach(async () => {
    await context?.close();
    // 401: the console asks /me before anyone has signed in.
    ({ context, page, problems } = await openDesktopTab(browser, [401]));
  });

  it('shows a paused channel on every page; the admin resumes it and the held news goes out once', async () => {
    const user = newUserId();
    await sendAndAwaitReplies(app, sandbox, textEvent(sandbox, user, 'xin chào'));
    sandbox.refuseSends('policy_violation');
    await enqueueMessage(app.database.db, { dedupeKey: `news:browser:${user}`, userId: user, purpose: 'news', message: textMessage('Tin: lịch tiếp công dân'), now: new Date() });
    await waitFor(async () => (await fetch(`${app.url}/healthz`)).status === 503);
    sandbox.refuseSends(undefined);

    await signIn('quan.tri');
    const banner = page.getByTestId('zalo-banner');
    await banner.getByText(/Đang tạm dừng gửi tin chủ động \(mã -248\)/).waitFor();
    await banner.getByRole('link', { name: 'Xem chi tiết' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kết nối Zalo' }).waitFor();
    await page.getByTestId('zalo-sending').getByText('vi phạm tiêu chuẩn nền tảng Zalo').waitFor();
    await screenshot(page, 'console-zalo-paused');
    await page.getByRole('button', { name: 'Tiếp tục gửi tin' }).click();
    await page.getByRole('status').getByText('Đã tiếp tục gửi: 1 tin đang chờ.').waitFor();
    await page.getByTestId('zalo-sending').getByText('Đang hoạt động').waitFor();
    await banner.waitFor({ state: 'detached' });
    await waitFor(() => textsTo(sandbox, user).includes('Tin: lịch tiếp công dân'));
    expect(textsTo(sandbox, user).filter((t) => t === 'Tin: lịch tiếp công dân')).toHaveLength(1);
    expect(problems.errors).toEqual([]);
  });

  it('lets a province admin pick a commune\'s OA: only that one is paused, and resuming it sends its held news through it', async () => {
    const OA_B = '5550000000000000177';
    await app.communes.add({ id: 'xa-zalo-b', name: 'UBND xã Thử Nghiệm Zalo B', provinceId: 'tinh-mau', oaId: OA_B });
    await connectSandboxOa(app.database.db, sandbox, 'xa-zalo-b', OA_B);
    const at = new Date().toISOString();
    const user = newUserId();
    await app.database.db.insertInto('zalo_users').values({ user_id: user, commune_id: 'xa-zalo-b', following: 1, last_interaction_at: at, state: null, state_updated_at: null, created_at: at }).execute();
    sandbox.refuseSends('policy_violation', OA_B);
    await enqueueMessage(app.database.db, { dedupeKey: `news:browser-b:${user}`, userId: user, purpose: 'news', message: textMessage('Tin xã B: lịch tiếp công dân'), now: new Date() });
    await waitFor(async () => (await fetch(`${app.url}/healthz`)).status === 503);
    sandbox.refuseSends(undefined, OA_B);

    await signIn('cap.tinh');
    // The province admin's banner names the commune whose OA is in trouble (not the first one's).
    const banner = page.getByTestId('zalo-banner');
    await banner.getByText(/UBND xã Thử Nghiệm Zalo B: Đang tạm dừng gửi tin chủ động \(mã -248\)/).waitFor();
    await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Kết nối Zalo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kết nối Zalo' }).waitFor();
    // The first commune's OA is fine.
    await page.getByTestId('zalo-sending').getByText('Đang hoạt động').waitFor();
    await page.getByRole('combobox', { name: 'OA của xã' }).selectOption({ label: 'UBND xã Thử Nghiệm Zalo B' });
    await page.getByTestId('zalo-sending').getByText('Đang tạm dừng').waitFor();
    await screenshot(page, 'console-zalo-province-picks-commune');
    await page.getByRole('button', { name: 'Tiếp tục gửi tin' }).click();
    await page.getByRole('status').getByText('Đã tiếp tục gửi: 1 tin đang chờ.').waitFor();
    await page.getByTestId('zalo-sending').getByText('Đang hoạt động').waitFor();
    await banner.waitFor({ state: 'detached' });
    await waitFor(() => textsTo(sandbox, user).includes('Tin xã B: lịch tiếp công dân'));
    expect(sandbox.sent.filter((m) => m.userId === user).map((m) => m.oaId)).toEqual([OA_B]);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect(problems.errors).toEqual([]);
  });

  it('lists residents a clerk is answering in the OA chat; the desk hands one back to the assistant', async () => {
    const user = newUserId();
    await sendAndAwaitReplies(app, sandbox, textEvent(sandbox, user, 'xin chào'));
    await postEvent(app, sandbox, makeEchoEvent({ appId: sandbox.appId, oaId: sandbox.oaId, userId: user, text: 'Chào bác', adminId: '5551234567890123456' }));
    await waitFor(async () => (await app.database.db.selectFrom('zalo_users').select('human_until').where('user_id', '=', user).executeTakeFirst())?.human_until);

    await signIn('mot.cua');
    await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Kết nối Zalo' }).click();
    const list = page.getByTestId('zalo-human');
    await list.getByText(`Người dùng …${user.slice(-6)}`).waitFor();
    // The desk does not restart sending or reconnect the OA: those buttons are the admin's.
    expect(await page.getByRole('button', { name: 'Kết nối lại OA' }).count()).toBe(0);
    await list.getByRole('button', { name: 'Trả lại cho trợ lý' }).click();
    await page.getByRole('status').getByText('Đã trả người dân này cho trợ lý.').waitFor();
    await list.getByText('Không có ai.').waitFor();
    expect(textsTo(sandbox, user).length).toBeGreaterThan(0);
    expect((await sendAndAwaitReplies(app, sandbox, textEvent(sandbox, user, 'đăng ký khai sinh'))).length).toBeGreaterThan(0);
    expect(problems.errors).toEqual([]);
  });
});
