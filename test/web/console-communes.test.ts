import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createStaffUser } from '../../src/staff/accounts.js';
import { useTestApp } from '../helpers/app.js';
import { launchChromium, requireBuiltApps, screenshot, type PageProblems, openDesktopTab } from './browser.js';
import { openFromMenu, signInToConsole, STAFF_PASSWORD } from './console-session.js';

const NEW_OA = '5550000000000000801';

/**
 * The console's "Các xã" page in Debian's Chromium against the real server: a province admin
 * sees the communes, adds one (a bad id and a duplicate are refused beside the field, in
 * Vietnamese), the new commune is listed and its public procedure page works at once, without a
 * restart; a commune clerk has no such page.
 */
describe('"Các xã" in the staff console', () => {
  const h = useTestApp();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    requireBuiltApps();
    await createStaffUser(h.app.database.db, { username: 'tinh.quan.tri', displayName: 'Trần Quản Trị Tỉnh', password: STAFF_PASSWORD, roles: ['province_admin'], communeId: null }, new Date());
    await createStaffUser(h.app.database.db, { username: 'mot.cua', displayName: 'Lê Thị Một Cửa', password: STAFF_PASSWORD, roles: ['desk'] }, new Date());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    await context?.close();
    // 401: the console asks /me before anyone has signed in; 400 and 409: the refusals this test provokes.
    ({ context, page, problems } = await openDesktopTab(browser, [401, 400, 409]));
  });

  const form = () => page.locator('form', { has: page.getByRole('button', { name: 'Thêm xã' }) });
  const fieldError = (label: string) => form().locator('.field', { hasText: label }).locator('.field-error');

  async function fill(values: { id: string; name: string; oaId: string; hotline?: string }) {
    await form().getByLabel('Mã xã').fill(values.id);
    await form().getByLabel('Tên xã').fill(values.name);
    await form().getByLabel('Mã Official Account (OA) của xã').fill(values.oaId);
    await form().getByLabel('Đường dây nóng của xã').fill(values.hotline ?? '');
    await form().getByRole('button', { name: 'Thêm xã' }).click();
  }

  it('lets a province admin list the communes and add one that is served at once', async () => {
    await signInToConsole(page, h.app.url, 'tinh.quan.tri');
    await openFromMenu(page, 'Các xã');
    const table = page.getByTestId('communes');
    await table.getByRole('cell', { name: 'UBND xã An Lão', exact: true }).waitFor();
    await table.getByRole('cell', { name: 'UBND xã An Quang', exact: true }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);

    // A bad id: refused beside the field, in Vietnamese.
    await fill({ id: 'Xã Tân Tiến', name: 'UBND xã Tân Tiến', oaId: NEW_OA });
    await expect.poll(() => fieldError('Mã xã').textContent()).toContain('chữ thường không dấu');

    // A duplicate id: the field says which commune already has it.
    await fill({ id: 'xa-an-quang', name: 'UBND xã Tân Tiến', oaId: NEW_OA });
    await expect.poll(() => fieldError('Mã xã').textContent()).toBe('Mã "xa-an-quang" đã dùng cho UBND xã An Quang; vui lòng chọn mã khác.');
    await screenshot(page, 'console-communes-duplicate');

    await fill({ id: 'xa-tan-tien', name: 'UBND xã Tân Tiến', oaId: NEW_OA, hotline: '0225 3888 123' });
    await page.getByRole('status').getByText(`Đã thêm UBND xã Tân Tiến. Trợ lý trả lời tin nhắn gửi tới OA ${NEW_OA} ngay, không cần khởi động lại.`).waitFor();
    await table.getByRole('cell', { name: 'UBND xã Tân Tiến', exact: true }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(3);
    expect(await form().getByLabel('Mã xã').inputValue()).toBe('');
    await screenshot(page, 'console-communes-added');

    // Its public procedure page, in the same browser: its name and hotline, its province's fee.
    await page.goto(`${h.app.url}/c/xa-tan-tien/thu-tuc/dang-ky-lai-ket-hon`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toContain('UBND xã Tân Tiến');
    expect(text).toContain('30.000 đồng');
    expect(await page.locator('a[href="tel:02253888123"]').count()).toBeGreaterThan(0);
    expect(problems.errors).toEqual([]);
  });

  it('gives a commune clerk no "Các xã" page', async () => {
    await signInToConsole(page, h.app.url, 'mot.cua');
    const menu = page.getByRole('navigation', { name: 'Menu chính' });
    await menu.getByRole('link', { name: 'Tổng quan', exact: true }).waitFor();
    expect(await menu.getByRole('link', { name: 'Các xã' }).count()).toBe(0);
    // Typing the address: a plain explanation, no list, no form, no refused request.
    await page.goto(`${h.app.url}/console/#/xa`);
    await page.getByRole('heading', { level: 1, name: 'Các xã' }).waitFor();
    await page.getByText('Trang này dành cho cán bộ quản trị cấp tỉnh.').waitFor();
    expect(await page.getByTestId('communes').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Thêm xã' }).count()).toBe(0);
    expect(problems.errors).toEqual([]);
  });
});
