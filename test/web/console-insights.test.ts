import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import type { RunningApp } from '../../src/main.js';
import { createStaffUser } from '../../src/staff/accounts.js';
import type { Role } from '../../src/staff/roles.js';
import { createSqliteTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { newUserId, sendAndAwaitReplies, startTestApp, textEvent, textsOf, waitFor } from '../helpers/app.js';
import { seedFollower } from '../helpers/seed.js';
import { staffClient } from '../helpers/staff.js';
import { launchChromium, requireBuiltApps, screenshot, type PageProblems, openDesktopTab } from './browser.js';
import { openFromMenu, signInToConsole } from './console-session.js';
import { publishNews, submitPetition } from './seed.js';

/**
 * The console's review of unanswered questions (link a group to a procedure, set it aside) and the
 * periodic report, in Debian's Chromium at 1280 px against the real server; and that what residents
 * or staff typed is shown as text, never run as HTML.
 */

const PASSWORD = 'mat-khau-du-dai-123';
const STAFF: Array<{ username: string; displayName: string; roles: Role[] }> = [
  { username: 'bien.tap', displayName: 'Nguyễn Thị Biên', roles: ['editor'] },
  { username: 'mot.cua', displayName: 'Lê Thị Một Cửa', roles: ['desk'] },
  { username: 'duyet.tin', displayName: 'Trần Văn Duyệt', roles: ['approver'] },
  { username: 'quan.tri', displayName: 'Phạm Quản Trị', roles: ['admin'] },
];
const TRICH_LUC = 'Cấp bản sao trích lục hộ tịch, bản sao Giấy khai sinh';
const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('console: unanswered questions and the report (1280 px)', () => {
  let sandbox: ZaloSandbox;
  let target: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  /** A resident writes to the OA; resolves with the assistant's whole answer (all its messages). */
  async function ask(user: string, text: string): Promise<string> {
    return textsOf(await sendAndAwaitReplies(app, sandbox, textEvent(sandbox, user, text))).join('\n');
  }

  const signIn = (username: string) => signInToConsole(page, app.url, username, PASSWORD);

  const open = (menu: string, heading = menu) => openFromMenu(page, menu, heading);

  /** Whether a page script ran the injected code. */
  const injected = () => page.evaluate('typeof window.__xss !== "undefined"');

  beforeAll(async () => {
    requireBuiltApps();
    sandbox = await startZaloSandbox();
    target = await createSqliteTestDatabase();
    app = await startTestApp({ sandbox, databaseUrl: target.url });
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
    // 400: the server's answer to a wrong date range, shown on the page; 401: not signed in yet.
    ({ context, page, problems } = await openDesktopTab(browser, [400, 401]));
  });

  it('an editor links a group of questions to a procedure; the next resident who asks gets its answer', async () => {
    const first = await ask(newUserId(), 'xin giấy bìa xanh');
    expect(first).not.toContain(`Dạ, thủ tục ${TRICH_LUC}:`);
    await ask(newUserId(), 'xin giấy bìa xanh');
    await ask(newUserId(), 'xin giấy bìa xanh');
    await ask(newUserId(), 'giá vàng hôm nay bao nhiêu');
    await ask(newUserId(), 'cách nấu phở bò');

    await signIn('bien.tap');
    const menu = page.getByRole('navigation', { name: 'Menu chính' });
    expect(await menu.getByRole('link').allTextContents()).toEqual(['Tổng quan', 'Tin thông báo', 'Câu hỏi chưa trả lời được', 'Báo cáo', 'In tờ rơi, áp phích', 'Phát thanh', 'Thi tìm hiểu', 'Đánh giá hài lòng']);
    await open('Câu hỏi chưa trả lời được');
    const table = page.getByTestId('unanswered');
    await table.waitFor();
    const firstQuestion = () => table.locator('tbody tr').first().locator('.question-text').textContent();

    // Most asked first (the default); then newest first.
    const row = table.locator('tbody tr', { hasText: 'xin giấy bìa xanh' });
    expect(await row.locator('td.num').textContent()).toBe('3');
    expect(await firstQuestion()).toBe('xin giấy bìa xanh');
    await page.getByRole('radio', { name: 'Mới nhất' }).check();
    await page.waitForURL(/sort=newest/);
    await waitFor(async () => (await firstQuestion()) === 'cách nấu phở bò', 5_000, 'the newest question on top');
    await page.getByRole('radio', { name: 'Hỏi nhiều nhất' }).check();
    await waitFor(async () => (await firstQuestion()) === 'xin giấy bìa xanh', 5_000, 'the most asked question on top');

    // Keyboard: the button opens the picker with the focus in its search box.
    await page.getByRole('button', { name: 'Gắn với thủ tục: xin giấy bìa xanh' }).click();
    const picker = page.getByRole('combobox', { name: 'Thủ tục' });
    await picker.waitFor();
    expect(await page.evaluate('document.activeElement && document.activeElement.getAttribute("role")')).toBe('combobox');
    expect(await page.getByRole('textbox', { name: 'Cụm từ để trợ lý học' }).inputValue()).toBe('xin giấy bìa xanh');
    await page.keyboard.type('trich luc ho tich');
    const option = page.getByRole('option', { name: new RegExp(TRICH_LUC) });
    await option.waitFor();
    expect(await option.textContent()).toContain('Mã 2.000635');
    await screenshot(page, 'console-questions', { fullPage: true });
    // Move to it with the arrow keys and pick it with Enter.
    const options = await page.getByRole('option').allTextContents();
    const index = options.findIndex((t) => t.startsWith(TRICH_LUC));
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('picked-procedure').getByText(TRICH_LUC).waitFor();
    await page.getByRole('button', { name: 'Gắn với thủ tục này' }).click();
    await page.getByRole('status').getByText(`Đã gắn “xin giấy bìa xanh” với thủ tục ${TRICH_LUC}.`, { exact: false }).waitFor();
    expect(await table.getByText('xin giấy bìa xanh').count()).toBe(0);

    // "Ngoài phạm vi" takes a group off the list after a confirmation.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Ngoài phạm vi: giá vàng hôm nay bao nhiêu' }).click();
    await page.getByRole('status').getByText('Đã đánh dấu “giá vàng hôm nay bao nhiêu” là ngoài phạm vi.').waitFor();
    expect(await table.getByText('giá vàng hôm nay bao nhiêu').count()).toBe(0);
    // Both stay off the list after a reload.
    await page.reload();
    await table.waitFor();
    expect(await table.textContent()).not.toMatch(/bìa xanh|giá vàng/);
    expect(await table.textContent()).toContain('cách nấu phở bò');

    // The assistant learned the phrase at once: a new resident gets the procedure's answer.
    const answer = await ask(newUserId(), 'xin giấy bìa xanh');
    expect(answer).toContain(`Dạ, thủ tục ${TRICH_LUC}:`);

    // The learned names as a patch for content/, downloaded with the session cookie.
    const exportLink = page.getByRole('link', { name: 'Xuất tên gọi khác' });
    const patch = await page.request.get(new URL((await exportLink.getAttribute('href'))!, page.url()).href);
    expect(patch.status()).toBe(200);
    expect(patch.headers()['content-type']).toContain('text/x-diff');
    const diff = await patch.text();
    expect(diff).toContain('+++ b/content/procedures/cap-ban-sao-trich-luc-ho-tich.md');
    expect(diff).toContain('+  - "xin giấy bìa xanh"');
    const download = page.waitForEvent('download');
    await exportLink.click();
    expect((await download).suggestedFilename()).toBe('ten-goi-khac.diff');
    // The residents' messages of the group became examples for the model, exported the same way.
    const examples = page.getByRole('link', { name: 'Xuất câu hỏi mẫu' });
    const examplesPatch = await page.request.get(new URL((await examples.getAttribute('href'))!, page.url()).href);
    expect(await examplesPatch.text()).toContain('+  - text: "xin giấy bìa xanh"');
    expect(problems.errors).toEqual([]);
  });

  it('the desk sees questions but cannot link them', async () => {
    await ask(newUserId(), 'lịch cắt điện tuần này');
    await signIn('mot.cua');
    await open('Câu hỏi chưa trả lời được');
    await page.getByTestId('unanswered').getByText('lịch cắt điện tuần này').waitFor();
    expect(await page.getByRole('button', { name: /Gắn với thủ tục|Ngoài phạm vi/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Xuất tên gọi khác' }).count()).toBe(0);
    expect(problems.errors).toEqual([]);
  });

  it('the report shows this month\'s activity, downloads XLSX and CSV, opens the printable page, explains a bad range', async () => {
    // Activity this month: questions (one answered well and rated), news sent, petitions (one answered).
    const resident = newUserId();
    const answer = await ask(resident, 'làm giấy khai sinh cho con cần mang gì');
    expect(answer).toContain('đăng ký khai sinh');
    const rate = /#danh-gia 1 [0-9a-f-]{36}/.exec(JSON.stringify(sandbox.sent.filter((m) => m.userId === resident)));
    expect(rate).not.toBeNull();
    await ask(resident, rate![0]);
    await seedFollower(app.database.db, newUserId(), new Date());
    await publishNews(app, { title: 'Nộp hồ sơ khai sinh trực tuyến', summary: 'Từ tháng này, người dân nộp hồ sơ khai sinh trực tuyến.', body: 'Người dân nộp hồ sơ khai sinh trên Cổng Dịch vụ công.' });
    await submitPetition(app, 'Đèn đường thôn Đông bị hỏng đã hai tuần, xin xã sửa.');
    const { code } = await submitPetition(app, 'Cống thoát nước trước nhà văn hóa thôn Tây bị tắc, nước tràn ra đường.');
    const desk = await staffClient(app, ['desk']);
    const row = await app.database.db.selectFrom('petitions').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    const replied = await desk.call('POST', `/api/admin/petitions/${row.id}/replies`, { text: 'Xã đã cho thông cống trong hôm nay. Cảm ơn ông/bà đã phản ánh.' });
    expect(replied.status).toBe(200);

    await signIn('duyet.tin');
    await open('Báo cáo');
    // The current month in Vietnam, first to last day.
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const [y, m] = today.split('-').map(Number) as [number, number];
    const from = `${today.slice(0, 7)}-01`;
    const to = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    expect(await page.getByLabel('Từ ngày').inputValue()).toBe(from);
    expect(await page.getByLabel('Đến ngày').inputValue()).toBe(to);
    const report = page.getByTestId('report');
    await report.waitFor();

    // The page shows what the server reports for the same range, and that includes the activity above.
    const json = (await (await page.request.get(`${app.url}/api/admin/reports?from=${from}&to=${to}`)).json()) as {
      questions: { total: number; answeredWellShare: number };
      news: { published: number; sent: number };
      petitions: { received: number; answered: number };
      satisfaction: { answers: { helpful: number } };
    };
    const stat = (section: string, label: string) => page.getByTestId(section).locator('.stat', { has: page.locator('.stat-label', { hasText: new RegExp(`^${label}$`) }) }).locator('.stat-value').textContent();
    expect(json.questions.total).toBeGreaterThanOrEqual(7);
    expect(await stat('report-questions', 'Tổng số câu hỏi')).toBe(String(json.questions.total));
    expect(await stat('report-questions', 'Trả lời tốt')).toBe(`${(Math.round(json.questions.answeredWellShare * 1000) / 10).toString().replace('.', ',')} %`);
    expect(json.news.published).toBe(1);
    expect(await stat('report-news', 'Tin đã đăng')).toBe('1');
    expect(await stat('report-news', 'Đã gửi qua Zalo')).toBe(String(json.news.sent));
    expect(json.petitions).toMatchObject({ received: 2, answered: 1 });
    expect(await stat('report-petitions', 'Tiếp nhận')).toBe('2');
    expect(await stat('report-petitions', 'Đã trả lời')).toBe('1');
    const category = page.getByTestId('report-petition-categories').locator('tr', { hasText: 'Thủ tục hành chính' });
    expect((await category.locator('td').allTextContents()).slice(1, 4)).toEqual(['2', '1', '0']);
    expect(await page.getByTestId('report-top-procedures').textContent()).toContain('Đăng ký khai sinh');
    expect(await page.getByTestId('report-top-gaps').textContent()).toContain('cách nấu phở bò');
    expect(json.satisfaction.answers.helpful).toBe(1);
    expect(await page.getByTestId('report-satisfaction-procedures').textContent()).toMatch(/Đăng ký khai sinh.*1.*0.*100 %/);
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'console-report', { fullPage: true });

    // XLSX: the browser downloads a spreadsheet named after the range.
    const xlsxLink = page.getByRole('link', { name: 'Tải XLSX' });
    const download = page.waitForEvent('download');
    await xlsxLink.click();
    expect((await download).suggestedFilename()).toBe(`bao-cao-${from}-${to}.xlsx`);
    const xlsx = await page.request.get(new URL((await xlsxLink.getAttribute('href'))!, page.url()).href);
    expect(xlsx.headers()['content-type']).toBe(XLSX_TYPE);
    expect((await xlsx.body()).subarray(0, 2).toString('latin1')).toBe('PK');
    const csv = await page.request.get(new URL((await page.getByRole('link', { name: 'Tải CSV' }).getAttribute('href'))!, page.url()).href);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain('"Tổng số câu hỏi"');

    // The printable page opens in a new tab.
    const [printable] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Mở bản in' }).click()]);
    await printable!.waitForLoadState();
    // Dates as Vietnamese write them, on the printed page too.
    const vi = (day: string) => day.split('-').reverse().join('/');
    expect(await printable!.title()).toBe(`Báo cáo ${vi(from)} – ${vi(to)}`);
    expect(await printable!.locator('body').textContent()).toContain('BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH');
    await printable!.close();

    // A quick choice: last month (nothing happened then).
    await page.getByRole('button', { name: 'Tháng trước' }).click();
    await waitFor(async () => (await stat('report-petitions', 'Tiếp nhận')) === '0', 5_000, 'last month\'s report');
    await page.getByRole('button', { name: 'Tháng này' }).click();
    await waitFor(async () => (await stat('report-petitions', 'Tiếp nhận')) === '2', 5_000, 'this month\'s report');

    // The end before the start: the server's Vietnamese message, no figures, no downloads.
    await page.getByLabel('Từ ngày').fill(`${y}-12-31`);
    await page.getByLabel('Đến ngày').fill(`${y}-01-01`);
    await page.getByLabel('Đến ngày').press('Enter');
    await page.getByRole('alert').getByText('Khoảng thời gian không hợp lệ.').waitFor();
    await page.getByText('Ngày kết thúc phải sau ngày bắt đầu.').waitFor();
    expect(await report.count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Tải XLSX' }).count()).toBe(0);
    // No start date at all: the server says what it needs.
    await page.getByLabel('Từ ngày').fill('');
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    // The alert points at the marked field; the field itself says what the server needs.
    await page.getByRole('alert').filter({ hasText: 'Vui lòng sửa mục được đánh dấu đỏ.' }).waitFor();
    await page.locator('label', { hasText: 'Từ ngày' }).getByText('Dạng ngày: 2026-01-01.').waitFor();
    expect(problems.errors).toEqual([]);
  });

  it('shows what residents and staff typed as text: a petition, an announcement title, a question', async () => {
    const { code } = await submitPetition(app, XSS);
    const editor = await staffClient(app, ['editor']);
    const created = await editor.call('POST', '/api/admin/announcements', { topic: 'cai-cach-hanh-chinh', title: XSS, summary: XSS, body: XSS });
    expect(created.status).toBe(201);
    await ask(newUserId(), XSS);

    await signIn('quan.tri');
    await open('Phản ánh, kiến nghị');
    await page.getByRole('link', { name: code }).click();
    await page.getByRole('heading', { level: 1, name: `Phản ánh ${code}` }).waitFor();
    expect(await page.getByTestId('petition-content').textContent()).toBe(XSS);
    await page.getByText(XSS, { exact: true }).first().waitFor();
    expect(await injected()).toBe(false);

    await open('Tin thông báo');
    await page.getByRole('link', { name: XSS, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: XSS, exact: true }).waitFor();
    expect(await injected()).toBe(false);

    await open('Câu hỏi chưa trả lời được');
    await page.getByTestId('unanswered').getByText(XSS, { exact: true }).waitFor();
    await open('Báo cáo');
    await page.getByTestId('report-top-gaps').getByText(XSS, { exact: true }).waitFor();

    expect(await injected()).toBe(false);
    // No element was made from the text (an <img src=x> would also have requested /console/x).
    expect(await page.locator('img[src="x"], main script').count()).toBe(0);
    expect(problems.errors).toEqual([]);
  });
});
