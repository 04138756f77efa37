import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword, SCRYPT_PARAMS } from '../../src/staff/passwords.js';
import { useTestApp } from '../helpers/app.js';
import { loginClient, staffClient } from '../helpers/staff.js';

describe('staff accounts', () => {
  const h = useTestApp({ env: { ADMIN_USERNAME: 'quantri', ADMIN_PASSWORD: 'cay-cau-go-ben-song-9' } });

  it('hashes passwords with scrypt and its parameters', async () => {
    const hash = await hashPassword('một mật khẩu dài');
    expect(hash).toMatch(new RegExp(`^scrypt\\$${SCRYPT_PARAMS.N}\\$8\\$1\\$`));
    expect(await verifyPassword('một mật khẩu dài', hash)).toBe(true);
    expect(await verifyPassword('mot mat khau dai', hash)).toBe(false);
  });

  it('creates the first admin from ADMIN_USERNAME and logs in with a safe session cookie', async () => {
    const res = await fetch(`${h.app.url}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'quantri', password: 'cay-cau-go-ben-song-9' }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^xa_sid=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    const me = await fetch(`${h.app.url}/api/admin/me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(((await me.json()) as { user: { roles: string[] } }).user.roles).toEqual(['admin']);
  });

  it('answers a wrong password with 401 in Vietnamese, and locks after five failures', async () => {
    await staffClient(h.app, ['editor'], 'khoa-thu');
    const attempt = (password: string) =>
      fetch(`${h.app.url}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'khoa-thu', password }) });
    const first = await attempt('sai-mat-khau');
    expect(first.status).toBe(401);
    expect(((await first.json()) as { error: { message: string } }).error.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    for (let i = 0; i < 3; i++) expect((await attempt('sai-mat-khau')).status).toBe(401);
    expect((await attempt('sai-mat-khau')).status).toBe(429);
    // Even the right password waits out the lock.
    expect((await attempt('mat-khau-du-dai-123')).status).toBe(429);
    const audits = await h.app.database.db.selectFrom('audit_log').select('action').where('target_id', '=', 'khoa-thu').execute();
    expect(audits.map((a) => a.action)).toContain('login.locked');
  });

  it('rejects a login body with missing fields with field errors', async () => {
    const res = await fetch(`${h.app.url}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":""}' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fields: Record<string, string> } };
    expect(body.error.fields.username).toBe('Vui lòng nhập tên đăng nhập.');
    expect(body.error.fields.password).toBe('Vui lòng nhập mật khẩu.');
  });

  it('requires a session (401), the right role (403) and the CSRF token (403)', async () => {
    expect((await fetch(`${h.app.url}/api/admin/users`)).status).toBe(401);
    const editor = await staffClient(h.app, ['editor']);
    expect((await editor.call('GET', '/api/admin/users')).status).toBe(403);
    const admin = await loginClient(h.app, 'quantri', 'cay-cau-go-ben-song-9');
    const newUser = { username: 'motcua1', displayName: 'Chị Lan', password: 'mat-khau-chi-lan-1', roles: ['desk'] };
    expect((await admin.call('POST', '/api/admin/users', newUser, { csrf: false })).status).toBe(403);
    const created = await admin.call('POST', '/api/admin/users', newUser);
    expect(created.status).toBe(201);
    const audit = await h.app.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').executeTakeFirstOrThrow();
    expect(audit.actor_username).toBe('quantri');
    expect(audit.details).not.toContain('mat-khau');
  });

  it('logs out: the session no longer works', async () => {
    const desk = await staffClient(h.app, ['desk']);
    expect((await desk.call('POST', '/api/admin/logout')).status).toBe(200);
    expect((await desk.call('GET', '/api/admin/me')).status).toBe(401);
  });

  it('ends the sessions of a deactivated account', async () => {
    const admin = await loginClient(h.app, 'quantri', 'cay-cau-go-ben-song-9');
    const desk = await staffClient(h.app, ['desk']);
    expect((await admin.call('PATCH', `/api/admin/users/${desk.userId}`, { active: false })).status).toBe(200);
    expect((await desk.call('GET', '/api/admin/me')).status).toBe(401);
  });
});
