import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { WEB_APPS } from '../../src/http/web-apps.js';

/** Debian's Chromium (CI installs it with apt); playwright-core never downloads a browser here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Screenshots go to an ignored folder: a test run never rewrites tracked files. `npm run
 * docs:screenshots` copies them into docs/screenshots/ when the documentation should change.
 */
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

/** Fails with instructions when the front-ends were not built (npm test builds them in pretest). */
export function requireBuiltApps(): void {
  const missing = WEB_APPS.filter((a) => !existsSync(join(a.dir, 'index.html'))).map((a) => `${a.prefix}/ → ${a.dir}/index.html`);
  if (missing.length > 0) {
    throw new Error(
      `The web apps are not built (${missing.join('; ')}). Run \`npm run build:web\` first; \`npm test\` does it through its pretest script.`,
    );
  }
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** Problems a person would notice or the CSP reports: uncaught errors, blocked resources. */
export interface PageProblems {
  errors: string[];
}

export async function newContext(browser: Browser, viewport: { width: number; height: number }, o: { mobile?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    isMobile: o.mobile ?? false,
    hasTouch: o.mobile ?? false,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  // Fail a step with the locator it waited for, well before the test's own timeout.
  context.setDefaultTimeout(10_000);
  return context;
}

/**
 * A fresh desktop tab for one test: its own context (no sign-in carried over from the last test)
 * and the page's problems collected, except the API statuses the test expects (see watchProblems).
 */
export async function openDesktopTab(browser: Browser, expectedStatus: number[]): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await newContext(browser, DESKTOP);
  const page = await context.newPage();
  const problems: PageProblems = { errors: [] };
  watchProblems(page, problems, expectedStatus);
  return { context, page, problems };
}

/**
 * Records uncaught page errors, console errors (CSP violations appear there) and failed
 * responses with their address. API answers of 4xx are the server telling the user something
 * (shown on the page), so tests list the ones they expect in `expectedStatus`.
 */
export function watchProblems(page: Page, problems: PageProblems, expectedStatus: number[] = []): void {
  page.on('pageerror', (err) => problems.errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // The failed response itself is recorded below, with its address.
    if (text.startsWith('Failed to load resource')) return;
    problems.errors.push(`console: ${text}`);
  });
  page.on('response', (res) => {
    if (res.status() < 400) return;
    const api = new URL(res.url()).pathname.startsWith('/api/');
    if (api && expectedStatus.includes(res.status())) return;
    problems.errors.push(`${res.status()} ${res.request().method()} ${res.url()}`);
  });
  page.on('requestfailed', (req) => {
    // Search as you type cancels the previous request on purpose.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.errors.push(`failed: ${req.url()} ${req.failure()?.errorText ?? ''}`);
  });
}

/** The screen on display once zmp-ui's page transition has finished. */
export async function currentScreen(page: Page) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('.zaui-routes-item').length === 1);
  return page.locator('.zaui-routes-item');
}

/** Saves test-output/screenshots/<name>.png: the viewport, or with `fullPage` the whole scrolled page. */
export async function screenshot(page: Page, name: string, o: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Let page transitions and fonts settle so the picture shows what a person sees.
  // (Browser-side code is passed as text: the Node tsconfig has no DOM types.)
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.waitForTimeout(450);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: o.fullPage ?? false });
}
