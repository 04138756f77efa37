import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createStaffUser } from '../../src/staff/accounts.js';
import { numericId } from '../../src/zalo/sandbox-state.js';
import { useTestApp } from '../helpers/app.js';
import { staffClient } from '../helpers/staff.js';
import { currentScreen, DESKTOP, launchChromium, newContext, PHONE, requireBuiltApps, screenshot, watchProblems, type PageProblems } from './browser.js';
import { submitPetition } from './seed.js';

/**
 * The reform plan's screens in Debian's Chromium: the quiz, the published answers and the
 * satisfaction survey in the Mini App (360 px), and the quiz and survey pages of the console
 * (1280 px), against the real server on loopback.
 */

const PASSWORD = 'mat-khau-du-dai-123';
const QUIZ = {
  title: 'Tìm hiểu thủ tục hộ tịch',
  intro: 'Hai câu hỏi ngắn, mỗi người một lần.',
  questions: [
    {
      text: 'Đăng ký kết hôn làm ở đâu?',
      choices: ['UBND cấp xã nơi cư trú của một trong hai bên', 'Tòa án nhân dân'],
      answer: 0,
      explanation: 'Hai bên nộp hồ sơ tại UBND cấp xã nơi một trong hai người cư trú.',
      procedureId: 'dang-ky-ket-hon',
    },
    {
      text: 'Mỗi người được dự thi mấy lần?',
      choices: ['Ba lần', 'Một lần'],
      answer: 1,
      explanation: 'Mỗi người một lần, qua Zalo hoặc Mini App.',
    },
  ],
};
const SUMMARY = 'Phản ánh đèn đường trục chính thôn Đông không sáng vào ban đêm.';

/** What an older resident needs on every screen: 18 px text and nothing wider than the phone. */
async function expectReadableOnPhone(page: Page) {
  const r = (await page.evaluate(`({ base: parseFloat(getComputedStyle(document.body).fontSize), overflow: document.documentElement.scrollWidth > window.innerWidth })`)) as {
    base: number;
    overflow: boolean;
  };
  expect(r.base).toBeGreaterThanOrEqual(18);
  expect(r.overflow).toBe(false);
}

describe('reform plan screens', () => {
  const h = useTestApp({ workers: false, env: { PUBLIC_BASE_URL: 'https://xa.example.vn' } });
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let quizId: string;

  beforeAll(async () => {
    requireBuiltApps();
    const editor = await staffClient(h.app, ['editor']);
    quizId = ((await (await editor.call('POST', '/api/admin/quizzes', QUIZ)).json()) as { id: string }).id;
    await editor.call('POST', `/api/admin/quizzes/${quizId}/open`);
    // One answered petition, published by the desk.
    const { code } = await submitPetition(h.app, 'Đèn đường trục chính thôn Đông hỏng mấy tuần nay, buổi tối rất nguy hiểm.');
    const desk = await staffClient(h.app, ['desk']);
    await desk.call('POST', `/api/admin/petitions/${code}/replies`, { text: 'Xã đã thay bóng đèn ngày 20/11.' });
    const pub = await desk.call('POST', `/api/admin/petitions/${code}/publish`, { summary: SUMMARY, answer: 'Xã đã thay bóng đèn ngày 20/11/2026.' });
    expect(pub.status).toBe(200);
    await createStaffUser(h.app.database.db, { username: 'bien.tap', displayName: 'Nguyễn Thị Biên', password: PASSWORD, roles: ['editor'] }, new Date());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(() => {
    problems = { errors: [] };
  });

  async function phone() {
    await context?.close();
    context = await newContext(browser, PHONE, { mobile: true });
    page = await context.newPage();
    watchProblems(page, problems);
    // Inside Zalo, zmp-sdk gives the Mini App the resident's token; this browser is outside Zalo,
    // so the header Zalo's web view would carry is added here (the server checks it with the sandbox).
    const token = h.sandbox.issueUserAccessToken(numericId());
    await page.route('**/api/**', (route) => route.continue({ headers: { ...route.request().headers(), 'x-zalo-access-token': token } }));
    await page.goto(`${h.app.url}/app/`);
  }

  it('Mini App: a resident takes the quiz once and reads the score with explanations', async () => {
    await phone();
    await page.getByRole('button', { name: 'Thi tìm hiểu cải cách hành chính' }).click();
    await page.getByRole('heading', { level: 2, name: QUIZ.title }).waitFor();
    await page.getByRole('radio', { name: 'UBND cấp xã nơi cư trú của một trong hai bên' }).check();
    await page.getByRole('button', { name: 'Nộp bài' }).click();
    await page.getByText('Ông/bà chưa trả lời câu 2.').waitFor();
    await page.getByRole('radio', { name: 'Ba lần' }).check();
    await screenshot(page, 'miniapp-quiz');
    await page.getByRole('button', { name: 'Nộp bài' }).click();
    await page.getByRole('heading', { name: 'Ông/bà trả lời đúng 1/2 câu' }).waitFor();
    await page.getByText('Đáp án đúng: Một lần').waitFor();
    expect(await page.getByRole('link', { name: 'Đăng ký kết hôn' }).getAttribute('href')).toBe('https://xa.example.vn/thu-tuc/dang-ky-ket-hon');
    await screenshot(page, 'miniapp-quiz-result');
    await expectReadableOnPhone(page);
    // Coming back shows the result, not the questions again.
    await page.reload();
    await page.getByRole('heading', { name: 'Ông/bà trả lời đúng 1/2 câu' }).waitFor();
    expect(problems.errors).toEqual([]);
  });

  it('Mini App: published answers are searchable without diacritics', async () => {
    await phone();
    await page.getByRole('button', { name: 'Xã trả lời phản ánh' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trả lời phản ánh' }).waitFor();
    const screen = await currentScreen(page);
    await screen.getByText(SUMMARY).waitFor();
    const box = screen.getByRole('searchbox');
    await box.pressSequentially('cau cong', { delay: 20 });
    await screen.getByText('Chưa có câu trả lời nào về “cau cong”.').waitFor();
    await box.fill('');
    await box.pressSequentially('den duong thon dong', { delay: 20 });
    await page.getByText(SUMMARY).waitFor();
    await screenshot(page, 'miniapp-published-answers');
    await expectReadableOnPhone(page);
    expect(problems.errors).toEqual([]);
  });

  it('Mini App: the satisfaction survey asks for every criterion, then thanks', async () => {
    await phone();
    await page.getByRole('button', { name: 'Đánh giá mức độ hài lòng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đánh giá mức độ hài lòng' }).waitFor();
    const groups = page.locator('fieldset.choices');
    await groups.first().waitFor();
    expect(await groups.count()).toBe(5);
    for (let i = 0; i < 4; i++) await groups.nth(i).getByRole('radio', { name: '5 – Rất hài lòng' }).check();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Ông/bà vui lòng chấm điểm mục “Tiếp nhận, xử lý góp ý, phản ánh”.').waitFor();
    await groups.nth(4).getByRole('radio', { name: '4 – Hài lòng' }).check();
    await screenshot(page, 'miniapp-survey');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Xin cảm ơn ông/bà đã đánh giá!').waitFor();
    const row = await h.app.database.db.selectFrom('survey_responses').selectAll().where('source', '=', 'miniapp').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ access: 5, procedure: 5, staff: 5, result: 5, feedback: 4 });
    expect(problems.errors).toEqual([]);
  });

  async function signIn() {
    await context?.close();
    context = await newContext(browser, DESKTOP);
    page = await context.newPage();
    // 401: the console asks /me before anyone has signed in; 400: the editor's validation answer.
    watchProblems(page, problems, [401, 400]);
    await page.goto(`${h.app.url}/console/`);
    await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill('bien.tap');
    await page.getByRole('textbox', { name: 'Mật khẩu' }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tổng quan' }).waitFor();
  }

  it('console: an editor writes and opens a quiz and reads the results of another', async () => {
    await signIn();
    await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Thi tìm hiểu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thi tìm hiểu cải cách hành chính' }).waitFor();
    await page.getByRole('link', { name: QUIZ.title }).waitFor();

    await page.getByRole('link', { name: 'Cuộc thi mới' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cuộc thi mới' }).waitFor();
    await page.getByRole('textbox', { name: 'Tên cuộc thi' }).fill('Tìm hiểu dịch vụ công trực tuyến');
    await page.getByRole('button', { name: 'Lưu cuộc thi' }).click();
    // The server's Vietnamese messages appear under the fields.
    await page.getByText('Vui lòng nhập câu hỏi.').first().waitFor();
    await page.getByRole('textbox', { name: 'Câu hỏi 1' }).fill('Nộp hồ sơ trực tuyến ở đâu?');
    await page.getByRole('textbox', { name: 'Câu 1, phương án 1' }).fill('Trên Cổng Dịch vụ công');
    await page.getByRole('textbox', { name: 'Câu 1, phương án 2' }).fill('Ở chợ');
    await page.getByRole('textbox', { name: 'Giải thích câu 1' }).fill('Hồ sơ trực tuyến nộp trên Cổng Dịch vụ công quốc gia hoặc của tỉnh.');
    await page.getByRole('combobox', { name: 'Thủ tục liên quan câu 1' }).selectOption('dang-ky-ket-hon');
    await screenshot(page, 'console-quiz-editor');
    await page.getByRole('button', { name: 'Lưu cuộc thi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tìm hiểu dịch vụ công trực tuyến' }).waitFor();
    await page.getByRole('button', { name: 'Mở cuộc thi' }).click();
    await page.getByRole('status').getByText('Đã mở cuộc thi').waitFor();
    await page.locator('.status-line').getByText('Đang mở').waitFor();

    // The seeded quiz, answered once in the Mini App test above.
    await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Thi tìm hiểu' }).click();
    await page.getByRole('link', { name: QUIZ.title }).click();
    await page.getByRole('heading', { level: 1, name: QUIZ.title }).waitFor();
    const perQuestion = page.getByTestId('quiz-per-question');
    await perQuestion.waitFor();
    expect(await perQuestion.locator('tbody tr').allTextContents()).toEqual([expect.stringContaining('1 (100'), expect.stringContaining('0 (0')]);
    expect(await page.getByRole('link', { name: 'Tải kết quả (Excel)' }).getAttribute('href')).toBe(`/api/admin/quizzes/${quizId}/results.xlsx`);
    await screenshot(page, 'console-quiz-results');
    expect(problems.errors).toEqual([]);
  });

  it('console: the survey page shows scores by criterion and month, and the QR card for the desk', async () => {
    await signIn();
    await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Đánh giá hài lòng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đánh giá mức độ hài lòng' }).waitFor();
    const criteria = page.getByTestId('survey-criteria');
    await criteria.waitFor();
    expect(await criteria.locator('tbody tr').first().textContent()).toContain('Tiếp cận dịch vụ5/5');
    await page.getByTestId('survey-months').waitFor();
    // The one answer rated every criterion 4 or 5: the index is 100 %.
    await page.getByText('100 %', { exact: true }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Tải mã QR cho Bộ phận Một cửa (A5)' }).getAttribute('href')).toBe('/api/admin/survey/qr.pdf');
    await screenshot(page, 'console-survey');

    // The periodic report of the month has both: the survey by criterion and month, the quizzes.
    await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Báo cáo' }).click();
    const survey = page.getByTestId('report-survey-criteria');
    await survey.waitFor();
    expect(await survey.locator('tbody tr').count()).toBe(5);
    await page.getByTestId('report-survey-months').waitFor();
    expect(await page.getByTestId('report-quizzes').locator('tbody tr').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining(QUIZ.title)]));
    expect(problems.errors).toEqual([]);
  });
});
