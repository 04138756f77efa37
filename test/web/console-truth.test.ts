import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import type { RunningApp } from '../../src/main.js';
import { createStaffUser } from '../../src/staff/accounts.js';
import type { Role } from '../../src/staff/roles.js';
import { createSqliteTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { newUserId, sendAndAwaitReplies, startTestApp, textEvent } from '../helpers/app.js';
import { loginClient } from '../helpers/staff.js';
import { launchChromium, requireBuiltApps, screenshot, type PageProblems, openDesktopTab } from './browser.js';
import { openFromMenu, signInToConsole } from './console-session.js';
import { localInput, submitPetition } from './seed.js';

/**
 * The console tells staff the truth in their words: what still needs action, who did what, why an
 * action is someone else's, when news really goes out and what residents will read, figures and
 * dates as Vietnamese write them, and errors next to the field to fix. Debian's Chromium, 1280 px.
 */

const PASSWORD = 'mat-khau-du-dai-123';
const STAFF: Array<{ username: string; displayName: string; roles: Role[] }> = [
  { username: 'bien.tap', displayName: 'Nguyễn Thị Biên', roles: ['editor'] },
  { username: 'duyet.tin', displayName: 'Trần Văn Duyệt', roles: ['approver'] },
  { username: 'mot.cua', displayName: 'Lê Thị Lan', roles: ['desk'] },
  { username: 'mot.cua.hai', displayName: 'Vũ Văn Hùng', roles: ['desk'] },
];

/** "30/11/2026" for a "2026-11-30" day. */
const viDay = (day: string) => day.split('-').reverse().join('/');

describe('console: the truth, in Vietnamese (1280 px)', () => {
  let sandbox: ZaloSandbox;
  let target: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  const signIn = (username: string) => signInToConsole(page, app.url, username, PASSWORD);

  const open = (menu: string, heading = menu) => openFromMenu(page, menu, heading);

  /** Whether an element is inside the window (not scrolled away). */
  async function inView(selector: string): Promise<boolean> {
    return (await page.evaluate(`(() => { const b = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect(); return b.top >= 0 && b.bottom <= window.innerHeight; })()`)) as boolean;
  }

  beforeAll(async () => {
    requireBuiltApps();
    sandbox = await startZaloSandbox();
    target = await createSqliteTestDatabase();
    // The system's default sending hours, whose hint this file reads.
    app = await startTestApp({ sandbox, databaseUrl: target.url, env: { NEWS_SEND_HOURS: '6-20' } });
    for (const s of STAFF) await createStaffUser(app.database.db, { ...s, password: PASSWORD }, new Date());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await sandbox?.close();
    await target?.cleanup();
  });
  beforeEach(async () => {
    await context?.close();
    // 400: a refused form, shown beside its field; 401: the console asks who is signed in first.
    ({ context, page, problems } = await openDesktopTab(browser, [400, 401]));
  });

  it('keeps answered-but-open petitions in the inbox, tells the history in Vietnamese and why an action is another clerk\'s', async () => {
    const answered = await submitPetition(app, 'Cống thoát nước trước nhà văn hóa thôn Nam bị tắc, nước tràn ra đường.');
    const closed = await submitPetition(app, 'Đề nghị xã lắp thêm đèn đường ở ngõ 5 thôn Đông.');
    // Lan takes the first, answers it but does not close it; the second is answered and closed.
    const lan = await loginClient(app, 'mot.cua', PASSWORD);
    const myId = lan.userId;
    for (const code of [answered.code, closed.code]) {
      expect((await lan.call('POST', `/api/admin/petitions/${code}/assign`, { assigneeId: myId })).status).toBe(200);
      expect((await lan.call('POST', `/api/admin/petitions/${code}/replies`, { text: 'Xã đã cử cán bộ xuống kiểm tra, sẽ xử lý trong tuần.' })).status).toBe(200);
    }
    expect((await lan.call('POST', `/api/admin/petitions/${closed.code}/close`)).status).toBe(200);

    await signIn('mot.cua.hai');
    await open('Phản ánh, kiến nghị');
    // The default view: what still needs action, the answered-but-open one included.
    await page.getByRole('link', { name: answered.code }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Trạng thái' }).locator('option:checked').textContent()).toBe('Cần xử lý (chưa hoàn tất)');
    expect(await page.getByRole('link', { name: closed.code }).count()).toBe(0);
    await screenshot(page, 'console-petitions-open');

    await page.getByRole('link', { name: answered.code }).click();
    await page.getByRole('heading', { level: 1, name: `Phản ánh ${answered.code}` }).waitFor();
    // Hùng is not the one handling it, and is told so with the way to take over.
    const why = page.getByTestId('why-not');
    expect(await why.textContent()).toContain('Lê Thị Lan đang phụ trách phản ánh này');
    await page.getByRole('button', { name: 'Nhận xử lý thay' }).waitFor();
    // The history reads as sentences, with names, never the audit codes.
    await page.getByText('Lịch sử xử lý').click();
    const history = page.locator('details', { hasText: 'Lịch sử xử lý' });
    await history.getByText('Lê Thị Lan nhận xử lý').waitFor();
    await history.getByText('Lê Thị Lan gửi trả lời cho người dân').waitFor();
    expect(await history.textContent()).not.toContain('petition.');
    expect(await history.textContent()).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await screenshot(page, 'console-petition-history');

    // The review of questions is the editors' job: a desk clerk reads why.
    await open('Câu hỏi chưa trả lời được');
    expect(await page.getByTestId('not-yours').textContent()).toContain('vai trò “Biên tập tin”');
    expect(problems.errors).toEqual([]);
  });

  it('news: the topic is chosen, the error is beside it, the Zalo message is previewed, "gửi duyệt" is confirmed and the real send time shown', async () => {
    const title = 'Thay đổi giờ tiếp nhận hồ sơ dịp Tết';
    await signIn('bien.tap');
    await open('Tin thông báo');
    await page.getByRole('button', { name: 'Soạn tin mới' }).click();
    await page.getByRole('heading', { level: 1, name: 'Soạn tin mới' }).waitFor();
    const topic = page.getByRole('combobox', { name: 'Chủ đề' });
    expect(await topic.inputValue()).toBe('');
    await page.getByRole('textbox', { name: 'Tiêu đề' }).fill(title);
    await page.getByRole('textbox', { name: 'Tóm tắt gửi qua Zalo' }).fill('Từ 20/01 đến 05/02, Bộ phận Một cửa tiếp nhận hồ sơ buổi sáng.');
    await page.getByRole('textbox', { name: 'Nội dung đầy đủ' }).fill('Bộ phận Một cửa tiếp nhận hồ sơ **buổi sáng** trong dịp Tết.');
    // The preview is the message residents get, built by the server.
    const preview = page.getByTestId('zalo-preview');
    await preview.getByText(`📢 ${title}`).waitFor();
    expect(await preview.textContent()).toContain('Xem chi tiết:');
    expect(await preview.textContent()).toContain('Hủy nhận tin');

    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    const topicField = page.locator('.field.has-error', { has: page.getByRole('combobox', { name: 'Chủ đề' }) });
    await topicField.getByText('Vui lòng chọn chủ đề: người đăng ký chủ đề đó sẽ nhận tin.').waitFor();
    // Above the form a pointer, not a vague "Dữ liệu chưa hợp lệ"; the field is in view, the cursor in it.
    expect(await page.getByRole('alert').textContent()).toBe('Vui lòng sửa mục được đánh dấu đỏ.');
    expect(await inView('.field.has-error')).toBe(true);
    expect(await page.evaluate('document.activeElement && document.activeElement.name')).toBe('topic');
    await screenshot(page, 'console-announcement-topic-error');

    await topic.selectOption({ label: 'Cải cách hành chính' });
    await page.getByRole('button', { name: 'Lưu và gửi duyệt' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('status').getByText(/^Đã gửi duyệt\. Tin đang chờ một cán bộ có vai trò “Duyệt tin”/).waitFor();
    await page.locator('.status-line').getByText('Chờ duyệt').waitFor();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await signIn('duyet.tin');
    await open('Tin thông báo');
    await page.getByRole('combobox', { name: 'Trạng thái' }).selectOption({ label: 'Chờ duyệt' });
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await page.locator('.status-line').getByText('Đã duyệt').waitFor();
    // 21:30 tomorrow is outside the sending hours (6h–20h): it goes at 06:00 the day after.
    const tomorrow = localInput(24 * 3600_000).slice(0, 10);
    const dayAfter = localInput(48 * 3600_000).slice(0, 10);
    await page.getByLabel('Thời điểm gửi (giờ Việt Nam)').fill(`${tomorrow}T21:30`);
    const sendTime = page.getByTestId('send-time');
    await sendTime.getByText(`21:30 ngoài khung giờ gửi tin của xã (6h–20h), nên tin sẽ gửi lúc 06:00 ngày ${viDay(dayAfter)}.`).waitFor();
    await page.getByRole('button', { name: 'Hẹn giờ gửi' }).click();
    await page.locator('.status-line').getByText('Đã hẹn giờ').waitFor();
    expect(await page.getByTestId('scheduled-at').textContent()).toBe(` · Gửi lúc ${viDay(dayAfter)} 06:00`);
    await page.getByRole('status').getByText(/^Đã hẹn giờ gửi\. 21:30 ngoài khung giờ/).waitFor();
    await screenshot(page, 'console-announcement-send-time');
    expect(problems.errors).toEqual([]);
  });

  it('prints figures and dates as Vietnamese write them, on screen and in the printable report', async () => {
    // Three questions, two answered and kept: 66,7 %.
    for (const text of ['đăng ký kết hôn cần gì', 'giấy khai sinh bị mất', 'giá vàng hôm nay']) {
      await sendAndAwaitReplies(app, sandbox, textEvent(sandbox, newUserId(), text));
    }
    await signIn('bien.tap');
    await open('Báo cáo');
    const stat = page.locator('.stat', { hasText: 'Trả lời tốt' });
    await expect.poll(() => stat.locator('.stat-value').textContent()).toBe('66,7 %');
    await screenshot(page, 'console-report-vi');
    const today = localInput(0).slice(0, 10);
    const from = `${today.slice(0, 7)}-01`;
    const printable = await page.evaluate(`fetch('/api/admin/reports?from=${from}&to=${today}&format=html').then((r) => r.text())`);
    expect(printable).toContain(`Từ ngày ${viDay(from)} đến ngày ${viDay(today)}`);
    expect(printable).toContain('66,7 %');
    expect(printable).not.toMatch(/\d\.\d%/);
    expect(printable).toMatch(/tự động lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(giờ Việt Nam\)/);
    expect(problems.errors).toEqual([]);
  });
});
