import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { useTestApp } from '../helpers/app.js';
import { staffClient } from '../helpers/staff.js';
import { createStaffUser } from '../../src/staff/accounts.js';
import { launchChromium, requireBuiltApps, screenshot, type PageProblems, openDesktopTab } from './browser.js';
import { openFromMenu, signInToConsole, STAFF_PASSWORD } from './console-session.js';
import { localInput } from './seed.js';

const viDay = (day: string) => day.split('-').reverse().join('/');

/**
 * The commune's own sending hours in the console, in Debian's Chromium: its admin changes them
 * (a wrong pair is refused beside the field), and the "real send time" on an approved
 * announcement follows them at once.
 */
describe('sending hours of a commune in the staff console', () => {
  // The system's default sending hours, which the console names as such.
  const h = useTestApp({ env: { NEWS_SEND_HOURS: '6-20' } });
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let announcementId = '';

  beforeAll(async () => {
    requireBuiltApps();
    await createStaffUser(h.app.database.db, { username: 'quan.tri', displayName: 'Phạm Quản Trị', password: STAFF_PASSWORD, roles: ['admin'] }, new Date());
    // An approved announcement, made over HTTP as the editor and the approver would.
    const editor = await staffClient(h.app, ['editor']);
    const approver = await staffClient(h.app, ['approver']);
    const created = await editor.call('POST', '/api/admin/announcements', { title: 'Lịch tiêm chủng tháng 12', summary: 'Trạm y tế xã thông báo lịch tiêm chủng.', body: 'Chi tiết.', topic: 'thong-bao-chung' });
    announcementId = ((await created.json()) as { id: string }).id;
    expect((await editor.call('POST', `/api/admin/announcements/${announcementId}/submit`)).status).toBe(200);
    expect((await approver.call('POST', `/api/admin/announcements/${announcementId}/approve`)).status).toBe(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });
  beforeEach(async () => {
    await context?.close();
    // 401: the console asks /me first; 400: the wrong pair of hours this test enters.
    ({ context, page, problems } = await openDesktopTab(browser, [400, 401]));
  });

  it('lets the admin set the hours; the real send time of a scheduled announcement follows them', async () => {
    await signInToConsole(page, h.app.url, 'quan.tri');
    await openFromMenu(page, 'Tin thông báo');
    const panel = page.getByTestId('send-hours');
    await panel.getByText('Hiện tại: 6h–20h (mặc định của hệ thống).', { exact: false }).waitFor();

    await panel.getByLabel('Gửi từ (giờ)').fill('21');
    await panel.getByLabel('Đến trước (giờ)').fill('7');
    await panel.getByRole('button', { name: 'Lưu khung giờ' }).click();
    await panel.locator('.field', { hasText: 'Đến trước (giờ)' }).locator('.field-error').getByText('Giờ kết thúc phải sau giờ bắt đầu.').waitFor();

    await panel.getByLabel('Gửi từ (giờ)').fill('7');
    await panel.getByLabel('Đến trước (giờ)').fill('22');
    await panel.getByRole('button', { name: 'Lưu khung giờ' }).click();
    await panel.getByRole('status').getByText('Đã lưu. Tin của xã gửi trong khung 7h–22h.').waitFor();
    await panel.getByText('Hiện tại: 7h–22h (do xã đặt trên trang này).', { exact: false }).waitFor();
    await screenshot(page, 'console-send-hours');

    // 21:30 is now inside the hours; 06:30 waits for 07:00.
    await page.goto(`${h.app.url}/console/#/tin/${announcementId}`);
    const at = page.getByLabel('Thời điểm gửi (giờ Việt Nam)');
    await at.waitFor();
    await page.getByText('Tin chỉ gửi trong khung giờ gửi tin của xã (7h–22h)', { exact: false }).waitFor();
    const tomorrow = localInput(24 * 3600_000).slice(0, 10);
    await at.fill(`${tomorrow}T21:30`);
    await page.getByTestId('send-time').getByText(`Sẽ gửi lúc`, { exact: false }).waitFor();
    await at.fill(`${tomorrow}T06:30`);
    await page.getByTestId('send-time').getByText(`06:30 ngoài khung giờ gửi tin của xã (7h–22h), nên tin sẽ gửi lúc 07:00 ngày ${viDay(tomorrow)}.`).waitFor();

    // Back to the default: the button names what it goes back to.
    await openFromMenu(page, 'Tin thông báo');
    await panel.getByRole('button', { name: 'Dùng lại khung giờ 6h–20h (mặc định của hệ thống)' }).click();
    await panel.getByRole('status').getByText('Đã lưu. Tin của xã gửi trong khung 6h–20h.').waitFor();
    expect(problems.errors).toEqual([]);
  });
});
