import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import type { RunningApp } from '../../src/main.js';
import { createSqliteTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { startTestApp } from '../helpers/app.js';
import { currentScreen, launchChromium, newContext, PHONE, requireBuiltApps, screenshot, watchProblems, type PageProblems } from './browser.js';
import { publishNews } from './seed.js';

/**
 * The residents' Mini App in Debian's Chromium at 360 px, against the real server on loopback.
 * Outside Zalo (this browser) every zmp-sdk feature must fall back to plain web behaviour.
 */

const NEWS = {
  title: 'Từ 01/12 nộp hồ sơ khai sinh trực tuyến không mất phí',
  summary: 'Xã hướng dẫn người dân nộp hồ sơ khai sinh qua Cổng Dịch vụ công. Bà con cần hỗ trợ xin gọi đường dây nóng.',
  body: 'Từ ngày 01/12, người dân nộp hồ sơ **khai sinh** trực tuyến không phải nộp lệ phí.\n\n- Bước 1: đăng nhập Cổng Dịch vụ công\n- Bước 2: chọn thủ tục khai sinh',
};

/**
 * What an older resident needs: 18 px text, 48 px tap targets, nothing wider than the phone.
 * Runs in the page (as text: the Node tsconfig has no DOM types).
 */
const ELDERLY_CHECK = `(() => {
  const visible = (el) => {
    const b = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return b.width > 0 && b.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && b.bottom > 0 && b.top < window.innerHeight;
  };
  // Only the page on screen (zmp-ui keeps the previous one for a moment during transitions).
  const scope = [...document.querySelectorAll('.zaui-page')].filter(visible).pop() || document.body;
  const targets = [
    ...scope.querySelectorAll('button, a, input:not([type=checkbox]):not([type=radio]), textarea, select, summary, label.choice, .checklist label'),
    ...document.querySelectorAll('.bottom-nav button'),
  ].filter(visible).filter((el) => !el.closest('.visually-hidden'));
  const size = (el) => Math.round(el.getBoundingClientRect().width) + 'x' + Math.round(el.getBoundingClientRect().height);
  const smallTargets = targets
    .filter((el) => el.getBoundingClientRect().height < 48 || el.getBoundingClientRect().width < 48)
    .map((el) => el.tagName.toLowerCase() + ' "' + (el.textContent || '').trim().slice(0, 30) + '" ' + size(el));
  const smallTexts = [];
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !n.textContent.trim() || !visible(el) || el.closest('.visually-hidden')) continue;
    const px = parseFloat(getComputedStyle(el).fontSize);
    if (px < 16) smallTexts.push(px + 'px "' + n.textContent.trim().slice(0, 30) + '"');
  }
  const pages = [...document.querySelectorAll('.zaui-page')];
  return {
    baseFontPx: parseFloat(getComputedStyle(document.body).fontSize),
    smallTargets,
    smallTexts,
    overflowX: document.documentElement.scrollWidth > window.innerWidth || pages.some((p) => p.scrollWidth > p.clientWidth + 1),
  };
})()`;

interface ElderlyReport {
  baseFontPx: number;
  smallTargets: string[];
  smallTexts: string[];
  overflowX: boolean;
}

async function expectElderlyFriendly(page: Page) {
  const r = (await page.evaluate(ELDERLY_CHECK)) as ElderlyReport;
  expect(r.baseFontPx).toBeGreaterThanOrEqual(18);
  expect(r.smallTargets).toEqual([]);
  expect(r.smallTexts).toEqual([]);
  expect(r.overflowX).toBe(false);
}

describe('Mini App in a browser (360 px)', () => {
  let sandbox: ZaloSandbox;
  let target: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let newsId: string;

  beforeAll(async () => {
    requireBuiltApps();
    sandbox = await startZaloSandbox();
    target = await createSqliteTestDatabase();
    app = await startTestApp({ sandbox, databaseUrl: target.url });
    newsId = await publishNews(app, NEWS);
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
    // 400: the form's validation answer, 404: an unknown code; both are shown to the resident.
    watchProblems(page, problems, [400, 404]);
    await page.goto(`${app.url}/app/`);
  });

  it('opens on the home page: search box, field tiles, hotline card and the latest news', async () => {
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('UBND xã An Lão');
    await page.getByRole('button', { name: 'Hộ tịch' }).waitFor();
    for (const field of ['Chứng thực', 'Đất đai', 'Hộ kinh doanh', 'Xây dựng', 'Bảo trợ xã hội']) {
      expect(await page.getByRole('button', { name: field }).count()).toBe(1);
    }
    await expect.poll(() => page.locator('.hotline-number').textContent()).toBe('0200 000 0000 (số ví dụ)');
    expect(await page.getByRole('link', { name: 'Gọi ngay' }).getAttribute('href')).toBe('tel:02000000000');
    await page.getByRole('button', { name: new RegExp(NEWS.title) }).waitFor();
    await screenshot(page, 'miniapp-home');
    await expectElderlyFriendly(page);
    // The whole home page in one picture (for the README): a taller phone.
    await page.setViewportSize({ width: PHONE.width, height: 1450 });
    await screenshot(page, 'miniapp-home-full');
    await page.setViewportSize(PHONE);
    expect(problems.errors).toEqual([]);
  });

  it('finds "dang ky ket hon" as the resident types, opens it and shows the documents checklist', async () => {
    const box = page.getByRole('searchbox', { name: 'Tìm thủ tục' });
    await box.pressSequentially('dang ky ket hon', { delay: 30 });
    const result = page.getByRole('button', { name: 'Đăng ký kết hôn', exact: true });
    await result.waitFor();
    expect(await page.locator('.group-title').first().textContent()).toBe('Hộ tịch');
    await screenshot(page, 'miniapp-search');
    await expectElderlyFriendly(page);

    await result.click();
    await page.getByRole('heading', { level: 1, name: 'Đăng ký kết hôn' }).waitFor();
    const docs = page.locator('.checklist li');
    await docs.first().waitFor();
    expect(await docs.allTextContents()).toEqual([expect.stringContaining('Tờ khai đăng ký kết hôn (theo mẫu)'), expect.stringContaining('Giấy tờ tùy thân của hai bên')]);
    expect(await page.getByText('Miễn lệ phí (đăng ký kết hôn trong nước)').count()).toBe(1);
    expect(await page.getByText('Luật Hộ tịch số 60/2014/QH13').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Gọi hotline' }).getAttribute('href')).toBe('tel:02000000000');
    // Whether it can be done online is not known for this one: a link to check, never "submit online".
    expect(await page.getByRole('link', { name: 'Kiểm tra trên Cổng Dịch vụ công' }).getAttribute('href')).toContain('dichvucong.gov.vn');
    expect(await page.getByRole('link', { name: 'Nộp trên Cổng Dịch vụ công' }).count()).toBe(0);
    await screenshot(page, 'miniapp-procedure');
    await expectElderlyFriendly(page);

    // Ticking a paper is remembered on the device, and the address can be reopened.
    await page.getByRole('checkbox', { name: /Tờ khai đăng ký kết hôn/ }).check();
    await page.getByText('Đã chuẩn bị 1/2').waitFor();
    expect(page.url()).toMatch(/\/app\/#\/thu-tuc\/dang-ky-ket-hon$/);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Đăng ký kết hôn' }).waitFor();
    await page.getByText('Đã chuẩn bị 1/2').waitFor();
    expect(await page.getByRole('checkbox', { name: /Tờ khai đăng ký kết hôn/ }).isChecked()).toBe(true);

    // "Nhắn tin cho xã" outside Zalo: no dead button, an explanation and another way.
    await page.getByRole('button', { name: 'Nhắn tin cho xã' }).click();
    await page.getByText('Nhắn tin cho xã cần mở ứng dụng này trong Zalo').waitFor();
    expect(problems.errors).toEqual([]);
  });

  it('goes back with the browser\'s Back button to the results the resident had', async () => {
    await page.getByRole('searchbox', { name: 'Tìm thủ tục' }).pressSequentially('khai sinh', { delay: 20 });
    // The results of the whole query, not of "kha" still on screen while "khai sinh" loads.
    const first = page.locator('.results[data-query="khai sinh"][aria-busy="false"] .list-row').first();
    await first.waitFor();
    const name = (await first.textContent())!.trim();
    await first.click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.goBack();
    await page.locator('.results .list-row').first().waitFor();
    expect(await page.getByRole('searchbox', { name: 'Tìm thủ tục' }).inputValue()).toBe('khai sinh');
  });

  it('opens a field tile and lists its procedures', async () => {
    await page.getByRole('button', { name: 'Đất đai' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đất đai' }).waitFor();
    await page.locator('.results .list-row').first().waitFor();
    expect(await page.locator('.results .list-row').count()).toBeGreaterThan(2);
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await page.getByRole('button', { name: 'Hộ tịch' }).waitFor();
  });

  it('sends feedback: Vietnamese field errors first, then the code and the deadline', async () => {
    await page.getByRole('navigation', { name: 'Mục chính' }).getByRole('button', { name: 'Góp ý' }).click();
    await page.getByRole('heading', { level: 1, name: 'Góp ý, phản ánh' }).waitFor();
    await page.getByRole('radio', { name: /Thủ tục hành chính/ }).check();
    await screenshot(page, 'miniapp-feedback');
    await page.getByRole('textbox', { name: /Nội dung/ }).fill('ngắn');
    await page.getByRole('button', { name: 'Gửi góp ý' }).click();
    await page.getByText('Nội dung phản ánh cần ít nhất 10 ký tự: việc gì, ở đâu, từ khi nào.').waitFor();

    await page.getByRole('textbox', { name: /Nội dung/ }).fill('Đèn đường ở thôn Đông bị hỏng từ tuần trước, buổi tối rất tối và nguy hiểm.');
    await page.getByRole('textbox', { name: 'Số điện thoại' }).fill('0912 345 678');
    await expectElderlyFriendly(page);
    await page.getByRole('button', { name: 'Gửi góp ý' }).click();

    const code = page.getByTestId('petition-code');
    await code.waitFor();
    const text = (await code.textContent())!.trim();
    expect(text).toMatch(/^PA-\d{4}-\d{6}$/);
    expect(await page.locator('.receipt-deadline').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await screenshot(page, 'miniapp-receipt');

    // The server has it, and the resident can follow it by its code.
    const stored = await app.database.db.selectFrom('petitions').select(['code', 'channel', 'contact_phone']).where('code', '=', text).executeTakeFirst();
    expect(stored).toMatchObject({ code: text, channel: 'web' });
    await page.getByRole('button', { name: 'Tra cứu phản ánh này' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tra cứu phản ánh' }).waitFor();
    await page.locator('.petition-status').getByText('Đã tiếp nhận').waitFor();
    await screenshot(page, 'miniapp-track');
    expect(problems.errors).toEqual([]);
  });

  it('explains an unknown petition code in Vietnamese', async () => {
    await page.goto(`${app.url}/app/#/tra-cuu?code=PA-2020-999999`);
    await page.getByText('Không tìm thấy phản ánh có mã PA-2020-999999').waitFor();
    expect(problems.errors).toEqual([]);
  });

  it('opens the news list and an article', async () => {
    await page.getByRole('navigation', { name: 'Mục chính' }).getByRole('button', { name: 'Tin tức' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tin tức, thông báo' }).waitFor();
    const card = page.getByRole('button', { name: new RegExp(NEWS.title) });
    await currentScreen(page);
    await card.waitFor();
    await screenshot(page, 'miniapp-news');
    await card.click();
    await page.getByRole('heading', { level: 2, name: NEWS.title }).waitFor();
    expect(await page.locator('.article-body strong').textContent()).toBe('khai sinh');
    expect(await page.locator('.article-body li').count()).toBe(2);
    expect(page.url()).toContain(`#/tin-tuc/${newsId}`);
    await screenshot(page, 'miniapp-article');
    await expectElderlyFriendly(page);
    expect(problems.errors).toEqual([]);
  });

  it('shows hotlines, office hours and the address', async () => {
    await page.getByRole('navigation', { name: 'Mục chính' }).getByRole('button', { name: 'Liên hệ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Liên hệ với xã' }).waitFor();
    await page.getByText('0200 000 0001 (số ví dụ)').waitFor();
    expect(await page.getByText('1800 1096', { exact: true }).count()).toBe(1);
    expect(await page.getByText('Thứ Hai đến Thứ Sáu', { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.getByText('Số 1 đường Trung Tâm', { exact: false }).count()).toBe(1);
    await screenshot(page, 'miniapp-contact');
    await expectElderlyFriendly(page);
    expect(problems.errors).toEqual([]);
  });

  it('finds the commune a resident names from before 2025 and, once chosen, shows that commune and its province\'s fees', async () => {
    await page.goto(`${app.url}/app/#/chon-xa`);
    await page.getByRole('searchbox', { name: 'Tên xã, phường cũ' }).pressSequentially('quoc tuan', { delay: 30 });
    const list = page.getByTestId('old-communes');
    await list.getByText('Nay thuộc xã An Quang').waitFor();
    expect(await list.getByText('Nay thuộc xã Trần Phú').count()).toBe(1);
    // Only a commune this assistant serves can be chosen.
    expect(await list.getByRole('button').allTextContents()).toEqual(['Chọn xã An Quang']);
    await screenshot(page, 'miniapp-commune-picker');
    await expectElderlyFriendly(page);
    await list.getByRole('button', { name: 'Chọn xã An Quang' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('UBND xã An Quang');
    await page.getByRole('searchbox', { name: 'Tìm thủ tục' }).pressSequentially('dang ky lai ket hon', { delay: 30 });
    await page.getByRole('button', { name: 'Đăng ký lại kết hôn', exact: true }).click();
    await page.getByText('30.000 đồng; nộp trực tuyến: 0 đồng').waitFor();
    expect(await page.getByRole('link', { name: 'Gọi hotline' }).getAttribute('href')).toBe('tel:02000001000');
    expect(problems.errors).toEqual([]);
  });

  it('never loads zmp-sdk or any outside resource in a plain browser', async () => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${app.url}/app/#/lien-he`);
    await page.getByText('0200 000 0001 (số ví dụ)').waitFor();
    await page.getByRole('link', { name: 'Gọi' }).first().waitFor();
    expect(requests.filter((u) => !u.startsWith(app.url))).toEqual([]);
    expect(requests.some((u) => /index\.es\.[\w-]+\.module\.js/.test(u))).toBe(false);
  });
});
