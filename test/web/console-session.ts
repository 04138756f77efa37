import type { Page } from 'playwright-core';

/** The password the browser tests give the staff accounts they create. */
export const STAFF_PASSWORD = 'mat-khau-du-dai-123';

/** Signs in on the console's login form as a person would, and waits for the dashboard. */
export async function signInToConsole(page: Page, appUrl: string, username: string, password = STAFF_PASSWORD): Promise<void> {
  await page.goto(`${appUrl}/console/`);
  await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(username);
  await page.getByRole('textbox', { name: 'Mật khẩu' }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tổng quan' }).waitFor();
}

/** Opens a page from the console's main menu and waits for its heading. */
export async function openFromMenu(page: Page, menu: string, heading = menu): Promise<void> {
  await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: menu, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}
