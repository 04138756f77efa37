import { afterAll, beforeAll, expect, it, describe } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { useTestApp } from '../helpers/app.js';
import { staffClient } from '../helpers/staff.js';
import { launchChromium, newContext, PHONE, requireBuiltApps, screenshot, watchProblems, type PageProblems } from './browser.js';
import { publishNews } from './seed.js';

const FIRST_COMMUNE_NEWS = 'Tin riêng của xã An Lão: lịch tiếp dân tháng 12';

/**
 * A commune added at run time, chosen in the Mini App (Debian's Chromium, 360 px) by the name of
 * the commune a resident lived in before 2025: its profile, its province's fees, its hotline, and
 * its own news (never the first commune's).
 */
describe('Mini App with a commune added at run time', () => {
  const h = useTestApp();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: PageProblems = { errors: [] };

  beforeAll(async () => {
    requireBuiltApps();
    const province = await staffClient(h.app, ['province_admin']);
    const added = await province.call('POST', '/api/admin/communes', { id: 'xa-tran-phu', name: 'UBND xã Trần Phú', provinceId: 'hai-phong', oaId: '5550000000000000901', hotline: '0220 3777 456' });
    expect(added.status).toBe(201);
    await publishNews(h.app, { title: FIRST_COMMUNE_NEWS, summary: 'Lịch tiếp dân của xã An Lão.', body: 'Chi tiết.' });
    browser = await launchChromium();
    context = await newContext(browser, PHONE, { mobile: true });
    page = await context.newPage();
    watchProblems(page, problems);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('lets a resident choose it by their old commune, then shows its profile, fees, hotline and news', async () => {
    await page.goto(`${h.app.url}/app/#/chon-xa`);
    await page.getByRole('searchbox', { name: 'Tên xã, phường cũ' }).pressSequentially('quoc tuan', { delay: 30 });
    const list = page.getByTestId('old-communes');
    await list.getByRole('button', { name: 'Chọn xã Trần Phú' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('UBND xã Trần Phú');

    await page.getByRole('searchbox', { name: 'Tìm thủ tục' }).pressSequentially('dang ky lai ket hon', { delay: 30 });
    await page.getByRole('button', { name: 'Đăng ký lại kết hôn', exact: true }).click();
    await page.getByText('30.000 đồng; nộp trực tuyến: 0 đồng').waitFor();
    expect(await page.getByRole('link', { name: 'Gọi hotline' }).getAttribute('href')).toBe('tel:02203777456');
    await screenshot(page, 'miniapp-runtime-commune-procedure');

    // Its own news: none yet, and never the first commune's.
    await page.getByRole('navigation', { name: 'Mục chính' }).getByRole('button', { name: 'Tin tức' }).click();
    await page.getByText('Xã chưa đăng tin nào.').waitFor();
    expect(await page.getByText(FIRST_COMMUNE_NEWS).count()).toBe(0);
    expect(problems.errors).toEqual([]);
  });
});
