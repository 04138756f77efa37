import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { staffClient } from '../helpers/staff.js';

describe('security headers and escaping', () => {
  const h = useTestApp();

  it('sends a Content-Security-Policy and the usual security headers on pages', async () => {
    const res = await fetch(`${h.app.url}/thu-tuc/dang-ky-ket-hon`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('referrer-policy')).toBeTruthy();
  });

  it('does not let other origins call the API unless configured', async () => {
    const res = await fetch(`${h.app.url}/api/procedures?q=khai%20sinh`, { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rejects malformed and oversized public input with field errors', async () => {
    const long = await fetch(`${h.app.url}/api/procedures?q=${'a'.repeat(500)}`);
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: { fields: Record<string, string> } }).error.fields.q).toBe('Từ khóa tối đa 200 ký tự.');
    expect((await fetch(`${h.app.url}/api/procedures?field=khong-co`)).status).toBe(400);
    expect((await fetch(`${h.app.url}/api/procedures/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    const badJson = await fetch(`${h.app.url}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { error: { code: string } }).error.code).toBe('bad_request');
  });

  it('stores injection strings as text and renders them escaped', async () => {
    const editor = await staffClient(h.app, ['editor']);
    const approver = await staffClient(h.app, ['approver']);
    const evil = `<script>alert("x")</script>'; DROP TABLE announcements; --`;
    const res = await editor.call('POST', '/api/admin/announcements', { title: evil, summary: evil, body: `**${evil}**`, topic: 'thong-bao-chung' });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await editor.call('POST', `/api/admin/announcements/${id}/submit`);
    await approver.call('POST', `/api/admin/announcements/${id}/approve`);
    const at = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 19);
    await approver.call('POST', `/api/admin/announcements/${id}/schedule`, { at });
    await h.app.scheduler.tick();
    const page = await (await fetch(`${h.app.url}/tin/${id}`)).text();
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    const feed = await (await fetch(`${h.app.url}/feed.xml`)).text();
    expect(feed).not.toContain('<script>');
    const count = await h.app.database.db.selectFrom('announcements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThan(0);
  });
});
