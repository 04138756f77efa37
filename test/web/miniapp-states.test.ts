import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import type { RunningApp } from '../../src/main.js';
import { createSqliteTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { startTestApp } from '../helpers/app.js';
import { currentScreen, launchChromium, newContext, PHONE, requireBuiltApps, screenshot, watchProblems, type PageProblems } from './browser.js';

/**
 * The Mini App where a resident could get stuck: the first screen on a small phone, a search that
 * finds nothing or is written as residents write, an address that does not exist, no network. Every
 * one of them keeps the hotline and a way back. Debian's Chromium, real server on loopback.
 */

/** A small Android phone: the hotline must be on the first screen without scrolling. */
const SMALL_PHONE = { width: 360, height: 640 };
const HOTLINE_HREF = 'tel:02000000000';

describe('Mini App: the hotline is never out of reach', () => {
  let sandbox: ZaloSandbox;
  let target: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    requireBuiltApps();
    sandbox = await startZaloSandbox();
    target = await createSqliteTestDatabase();
    app = await startTestApp({ sandbox, databaseUrl: target.url });
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
    context = await newContext(browser, PHONE, { mobile: true });
    page = await context.newPage();
    problems = { errors: [] };
    // 404: the unknown procedure, told to the resident on the page.
    watchProblems(page, problems, [404]);
  });

  /** The hotline call link of the screen on display, checked to be a real tel: link in view. */
  async function expectHotlineInView(scope: Awaited<ReturnType<typeof currentScreen>>) {
    const call = scope.locator(`a[href="${HOTLINE_HREF}"]`).first();
    await call.waitFor();
    const box = (await call.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  }

  it('shows the hotline on the first screen of a small phone, without scrolling', async () => {
    await page.setViewportSize(SMALL_PHONE);
    await page.goto(`${app.url}/app/`);
    await page.getByRole('link', { name: 'Gọi ngay' }).waitFor();
    expect(await page.evaluate('document.scrollingElement.scrollTop')).toBe(0);
    await expectHotlineInView(await currentScreen(page));
    await screenshot(page, 'miniapp-home-first-screen');
    expect(problems.errors).toEqual([]);
  });

  it('searches the way the chat understands: no diacritics, short forms, situations', async () => {
    await page.goto(`${app.url}/app/`);
    const box = page.getByRole('searchbox', { name: 'Tìm thủ tục' });
    const first = page.locator('.results .list-row').first();
    for (const [query, expected] of [
      ['vo toi moi sinh em be', 'Đăng ký khai sinh'],
      ['dk ket hon can gi', 'Đăng ký kết hôn'],
      ['bố tôi mất hôm qua', 'Đăng ký khai tử'],
    ] as const) {
      await box.fill(query);
      await expect.poll(async () => (await first.textContent())?.trim(), { message: query }).toBe(expected);
    }
    await screenshot(page, 'miniapp-search-situation');
    expect(problems.errors).toEqual([]);
  });

  it('says "không tìm thấy" with the hotline when nothing fits', async () => {
    await page.goto(`${app.url}/app/`);
    await page.getByRole('searchbox', { name: 'Tìm thủ tục' }).fill('qwxz zzkq');
    const empty = page.getByTestId('no-results');
    await empty.waitFor();
    expect(await empty.textContent()).toContain('Không tìm thấy thủ tục phù hợp với “qwxz zzkq”');
    expect(await empty.locator(`a[href="${HOTLINE_HREF}"]`).count()).toBe(1);
    await screenshot(page, 'miniapp-search-nothing');
    expect(problems.errors).toEqual([]);
  });

  it('an address the app does not have: not found, with the hotline and the way home', async () => {
    await page.goto(`${app.url}/app/`);
    await page.getByRole('link', { name: 'Gọi ngay' }).waitFor();
    await page.goto(`${app.url}/app/#/khong-co-trang-nay`);
    const screen = await currentScreen(page);
    await screen.getByTestId('not-found').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).waitFor();
    await expectHotlineInView(screen);
    await screenshot(page, 'miniapp-not-found');
    await screen.getByRole('button', { name: 'Về trang chủ' }).click();
    await page.getByRole('link', { name: 'Gọi ngay' }).waitFor();
    expect(problems.errors).toEqual([]);
  });

  it('a procedure that does not exist: the server\'s message, the hotline and the way home', async () => {
    await page.goto(`${app.url}/app/#/thu-tuc/khong-co-thu-tuc-nay`);
    const screen = await currentScreen(page);
    const notice = screen.getByTestId('not-found');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Không tìm thấy thủ tục này.');
    // Nothing to retry: the address is wrong.
    expect(await notice.getByRole('button', { name: 'Thử lại' }).count()).toBe(0);
    await expectHotlineInView(screen);
    await notice.getByRole('button', { name: 'Về trang chủ' }).click();
    await page.getByRole('link', { name: 'Gọi ngay' }).waitFor();
    expect(problems.errors).toEqual([]);
  });

  it('offline: says so, offers to retry, and still has the hotline from the last visit', async () => {
    await page.goto(`${app.url}/app/`);
    await page.getByRole('link', { name: 'Gọi ngay' }).waitFor();
    await context.setOffline(true);
    // Opened again without a network (the page itself from the browser's cache).
    await page.evaluate('location.hash = "#/thu-tuc/dang-ky-ket-hon"');
    const screen = await currentScreen(page);
    const notice = screen.getByTestId('offline');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('không có mạng');
    await notice.getByRole('button', { name: 'Thử lại' }).waitFor();
    await expectHotlineInView(screen);
    await screenshot(page, 'miniapp-offline');
    // Back online, "Thử lại" loads the procedure.
    await context.setOffline(false);
    await notice.getByRole('button', { name: 'Thử lại' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đăng ký kết hôn' }).waitFor();
    // The failed requests while offline are the point of this test.
    expect(problems.errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  });

  it('the public page of an unknown procedure is a page, with the closest procedures and the hotline', async () => {
    const res = await fetch(`${app.url}/thu-tuc/dang-ky-ket-hn`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    await page.goto(`${app.url}/thu-tuc/dang-ky-ket-hn`);
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy thủ tục này' }).waitFor();
    await page.getByRole('link', { name: 'Đăng ký kết hôn', exact: true }).waitFor();
    expect(await page.locator(`a[href="${HOTLINE_HREF}"]`).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Xem danh sách thủ tục' }).getAttribute('href')).toBe('/app/');
    await screenshot(page, 'public-procedure-not-found');
    await page.getByRole('link', { name: 'Đăng ký kết hôn', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Đăng ký kết hôn' }).waitFor();
    expect(problems.errors.filter((e) => !e.includes('/thu-tuc/dang-ky-ket-hn'))).toEqual([]);
  });
});
