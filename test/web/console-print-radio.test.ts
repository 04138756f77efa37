import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createStaffUser } from '../../src/staff/accounts.js';
import { useTestApp } from '../helpers/app.js';
import { staffClient } from '../helpers/staff.js';
import { decodeQrCodes, pdfText } from '../print/pdf-tools.js';
import { launchChromium, requireBuiltApps, type PageProblems, openDesktopTab } from './browser.js';
import { openFromMenu, signInToConsole } from './console-session.js';

/** Screenshots of these pages go to test-output/ (docs/ keeps only the curated ones). */
const OUTPUT = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));
const PASSWORD = 'mat-khau-du-dai-123';
const HAS_ESPEAK = (() => {
  try {
    return /\bvi\b/.test(execFileSync('espeak-ng', ['--voices=vi'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
})();

const NEWS = {
  title: 'Từ 01/12 nộp hồ sơ khai sinh trực tuyến không mất phí',
  summary: 'Xã hướng dẫn nộp hồ sơ khai sinh qua Cổng Dịch vụ công.',
  body: 'Từ ngày 01/12/2026, người dân nộp hồ sơ **đăng ký khai sinh** (mã 1.001193) không mất lệ phí.\n\nCần hỗ trợ xin gọi 0200 000 0001 từ 7h30 đến 11h30.',
  topic: 'cai-cach-hanh-chinh',
};

describe('console: printed material and radio (1280 px)', () => {
  const h = useTestApp({ workers: false, env: { PUBLIC_BASE_URL: 'https://xa.example.vn' } });
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  const signIn = (username: string) => signInToConsole(page, h.app.url, username, PASSWORD);

  const open = (menu: string, heading = menu) => openFromMenu(page, menu, heading);

  async function shot(name: string) {
    mkdirSync(OUTPUT, { recursive: true });
    await page.evaluate('document.fonts.ready.then(() => true)');
    await page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: false });
  }

  beforeAll(async () => {
    requireBuiltApps();
    await createStaffUser(h.app.database.db, { username: 'mot.cua', displayName: 'Lê Thị Một Cửa', password: PASSWORD, roles: ['desk'] }, new Date());
    await createStaffUser(h.app.database.db, { username: 'bien.tap', displayName: 'Nguyễn Thị Biên', password: PASSWORD, roles: ['editor'] }, new Date());
    // One announcement approved through the API and published this month, as the scheduler would.
    const editor = await staffClient(h.app, ['editor']);
    const approver = await staffClient(h.app, ['approver']);
    const { id } = (await (await editor.call('POST', '/api/admin/announcements', NEWS)).json()) as { id: string };
    await editor.call('POST', `/api/admin/announcements/${id}/submit`);
    await approver.call('POST', `/api/admin/announcements/${id}/approve`);
    await h.app.database.db.updateTable('announcements').set({ status: 'sent', published_at: new Date().toISOString() }).where('id', '=', id).execute();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    await context?.close();
    // 401: the console asks /me before anyone has signed in.
    ({ context, page, problems } = await openDesktopTab(browser, [401]));
  });

  it('the desk downloads a leaflet (A4 or A5), a field poster and the booklet', async () => {
    await signIn('mot.cua');
    const menu = page.getByRole('navigation', { name: 'Menu chính' });
    // Printing and the satisfaction figures are for every role; the radio is the news staff's; the desk sees who a clerk answers in the OA chat.
    expect(await menu.getByRole('link').allTextContents()).toEqual(['Tổng quan', 'Phản ánh, kiến nghị', 'Câu hỏi chưa trả lời được', 'Báo cáo', 'In tờ rơi, áp phích', 'Đánh giá hài lòng', 'Kết nối Zalo']);
    await open('In tờ rơi, áp phích');
    await page.getByRole('heading', { level: 3, name: /Hộ tịch/ }).waitFor();
    await shot('console-print');

    const a4 = page.getByRole('link', { name: 'Tải tờ rơi A4: Đăng ký kết hôn', exact: true });
    let download = page.waitForEvent('download');
    await a4.click();
    expect((await download).suggestedFilename()).toBe('to-roi-dang-ky-ket-hon.pdf');

    await page.getByRole('radio', { name: 'A5 (để ở quầy)' }).check();
    const a5 = page.getByRole('link', { name: 'Tải tờ rơi A5: Đăng ký kết hôn', exact: true });
    download = page.waitForEvent('download');
    await a5.click();
    const leaflet = await download;
    expect(leaflet.suggestedFilename()).toBe('to-roi-dang-ky-ket-hon-a5.pdf');
    const file = join(OUTPUT, 'console-leaflet-a5.pdf');
    await leaflet.saveAs(file);
    expect(await pdfText(file)).toContain('Đăng ký kết hôn');
    expect(await decodeQrCodes(file, { dpi: 200 })).toEqual(['https://xa.example.vn/thu-tuc/dang-ky-ket-hon']);

    download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải áp phích lĩnh vực Chứng thực (A3)' }).click();
    expect((await download).suggestedFilename()).toBe('ap-phich-chung-thuc.pdf');
    download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Sổ tay thủ tục (A5)' }).click();
    expect((await download).suggestedFilename()).toBe('so-tay-thu-tuc-hanh-chinh.pdf');
    expect(problems.errors).toEqual([]);
  });

  it('the editor sees this month\'s reform column with its duration and downloads the script', async () => {
    await signIn('bien.tap');
    await open('Phát thanh');
    const script = page.getByTestId('radio-script');
    await script.getByText('Tin thứ nhất.').waitFor();
    expect(await page.getByTestId('radio-duration').textContent()).toMatch(/thời lượng ước tính khoảng \d/);
    await script.getByText('Cần hỗ trợ xin gọi không hai không không, không không không, không không không một từ bảy giờ ba mươi phút đến mười một giờ ba mươi phút.').waitFor();
    const status = page.getByTestId('tts-status');
    if (HAS_ESPEAK) {
      await status.getByText(/Có bản đọc máy \(espeak-ng/).waitFor();
      expect(await page.getByRole('link', { name: 'Tải bản đọc máy (.wav)' }).count()).toBe(1);
    } else {
      await status.getByText(/chưa cài phần mềm đọc tiếng Việt/).waitFor();
    }
    await shot('console-radio');

    const download = page.waitForEvent('download');
    await page.getByRole('group', { name: 'Tải chuyên mục' }).getByRole('link', { name: 'Tải kịch bản (.txt)' }).click();
    const text = await download;
    const month = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
    expect(text.suggestedFilename()).toBe(`chuyen-muc-cchc-${month}.txt`);
    const saved = join(OUTPUT, 'console-radio.txt');
    await text.saveAs(saved);
    expect(readFileSync(saved, 'utf8')).toContain('[Lời mở đầu]');

    // A month without news: the server's plain sentence, no script.
    await page.getByRole('form', { name: 'Chọn tháng' }).locator('input[type="month"]').fill('2020-01');
    await page.getByRole('button', { name: 'Xem chuyên mục' }).click();
    await page.getByRole('alert').getByText('Tháng 01/2020 chưa có tin nào được đăng').waitFor();

    // The bulletin of the announcement itself.
    await page.getByRole('link', { name: NEWS.title }).click();
    await page.getByRole('heading', { level: 1, name: `Bản tin phát thanh: ${NEWS.title}` }).waitFor();
    await page.getByTestId('radio-script').getByText('Đây là Đài truyền thanh xã An Lão.').waitFor();
    expect(problems.errors.filter((e) => !e.includes('/api/admin/radio/columns/2020-01'))).toEqual([]);
  });
});
