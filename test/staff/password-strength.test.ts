import { describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../../src/config.js';
import { startApp } from '../../src/main.js';
import { passwordProblem } from '../../src/staff/password-strength.js';
import { createSqliteTestDatabase } from '../helpers/databases.js';
import { useTestApp } from '../helpers/app.js';
import { staffClient } from '../helpers/staff.js';

const ADVICE = 'Hãy dùng một cụm dài gồm ba, bốn từ không liên quan đến nhau';

describe('staff password strength', () => {
  it.each([
    ['ngắn', 'lan', 'Mật khẩu cần ít nhất 10 ký tự.'],
    ['1234567890', 'lan', 'danh sách mật khẩu phổ biến'],
    ['Password123!', 'lan', 'danh sách mật khẩu phổ biến'],
    ['qwertyuiop', 'lan', 'danh sách mật khẩu phổ biến'],
    ['matkhau2026', 'lan', 'từ quá phổ biến'],
    ['Mật khẩu 2026', 'lan', 'từ quá phổ biến'],
    ['anhyeuem@123', 'lan', 'từ quá phổ biến'],
    ['anh yeu em 2026', 'lan', 'từ quá phổ biến'],
    ['Mat-Khau-2026', 'lan', 'từ quá phổ biến'],
    ['aaaaaaaaaaaa', 'lan', 'lặp lại hoặc theo dãy'],
    ['abcabcabcabc', 'lan', 'lặp lại hoặc theo dãy'],
    ['lan.nguyen2026', 'lan.nguyen', 'không được chứa tên đăng nhập'],
    ['Lan-Nguyen-99', 'lan.nguyen', 'không được chứa tên đăng nhập'],
    ['nguyenthilan1', 'ntlan', 'giống tên đăng nhập hoặc họ tên'],
  ])('rejects %j (username %s), saying what to fix', (password, username, reason) => {
    const problem = passwordProblem(password, { username, displayName: 'Nguyễn Thị Lan' });
    expect(problem).toContain(reason);
    if (password.length >= 10) expect(problem).toContain(ADVICE);
  });

  it.each(['trau-an-co-ben-song-Hong', 'cay-cau-go-ben-song-9', 'mat-khau-du-dai-123', 'Ngựa ô chạy qua đồi chè 7'])('accepts %j', (password) => {
    expect(passwordProblem(password, { username: 'lan', displayName: 'Nguyễn Thị Lan' })).toBeUndefined();
  });
});

describe('staff password strength over the API', () => {
  const h = useTestApp({ workers: false });

  it('refuses a weak password when an admin creates or resets an account, with the reason on the field', async () => {
    const admin = await staffClient(h.app, ['admin']);
    const created = await admin.call('POST', '/api/admin/users', { username: 'mot.cua', displayName: 'Lê Thị Hoa', password: 'motcua12345', roles: ['desk'] });
    expect(created.status).toBe(400);
    const body = (await created.json()) as { error: { message: string; fields: Record<string, string> } };
    expect(body.error.message).toBe('Mật khẩu chưa đủ mạnh.');
    expect(body.error.fields.password).toContain('không được chứa tên đăng nhập');

    const ok = await admin.call('POST', '/api/admin/users', { username: 'mot.cua', displayName: 'Lê Thị Hoa', password: 'trau-an-co-ben-song-Hong', roles: ['desk'] });
    expect(ok.status).toBe(201);
    const { id } = (await ok.json()) as { id: string };
    const reset = await admin.call('PATCH', `/api/admin/users/${id}`, { password: 'xyzxyzxyzxyz' });
    expect(reset.status).toBe(400);
    expect(((await reset.json()) as { error: { fields: Record<string, string> } }).error.fields.password).toContain('lặp lại hoặc theo dãy');
  });
});

describe('ADMIN_PASSWORD', () => {
  it('stops start-up with a one-line configuration error when it is weak', async () => {
    const target = await createSqliteTestDatabase();
    try {
      const config = loadConfig({ PORT: '0', DATABASE_URL: target.url, ADMIN_USERNAME: 'quantri', ADMIN_PASSWORD: 'quantri2026', WORKERS: 'off', LOG_LEVEL: 'silent' });
      const started = startApp(config);
      await expect(started).rejects.toBeInstanceOf(ConfigError);
      await expect(started).rejects.toThrow(/^config: ADMIN_PASSWORD: Mật khẩu không được chứa tên đăng nhập/);
    } finally {
      await target.cleanup();
    }
  });
});
