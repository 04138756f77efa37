import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { LogCapture, useTestApp } from '../helpers/app.js';
import { staffClient, type StaffClient } from '../helpers/staff.js';
import { launchChromium, requireBuiltApps } from '../web/browser.js';

describe('refusals are logged and audited; role changes say what changed', () => {
  const logs = new LogCapture();
  const h = useTestApp({ workers: false, logs });
  let admin: StaffClient;
  let editor: StaffClient;

  beforeAll(async () => {
    admin = await staffClient(h.app, ['admin']);
    editor = await staffClient(h.app, ['editor'], 'bien.tap.vien');
  });

  const denials = () => h.app.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'access.denied').orderBy('at').execute();
  const refusalLines = () => logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'staff request refused');

  it('logs and audits a refusal for the role, with the route pattern and no personal data', async () => {
    const res = await editor.call('GET', '/api/admin/users');
    expect(res.status).toBe(403);
    const [row] = (await denials()).filter((d) => d.actor_id === editor.userId);
    expect(row).toMatchObject({ actor_username: 'bien.tap.vien', target_type: 'route', target_id: 'GET /api/admin/users' });
    expect(JSON.parse(row!.details!)).toEqual({ reason: 'role', requiredRoles: ['admin'], roles: ['editor'] });
    const line = refusalLines().find((l) => l.staffId === editor.userId);
    expect(line).toMatchObject({ level: 40, reason: 'role', route: 'GET /api/admin/users' });
    expect(JSON.stringify(line)).not.toContain('bien.tap.vien');
  });

  it('logs and audits a request without the CSRF token', async () => {
    const res = await admin.call('POST', '/api/admin/users', { username: 'x' }, { csrf: false });
    expect(res.status).toBe(403);
    const row = (await denials()).find((d) => d.actor_id === admin.userId);
    expect(row).toMatchObject({ target_id: 'POST /api/admin/users' });
    expect(JSON.parse(row!.details!)).toEqual({ reason: 'csrf' });
    expect(refusalLines().some((l) => l.staffId === admin.userId && l.reason === 'csrf')).toBe(true);
  });

  it('records the roles granted and removed by a role change', async () => {
    const clerk = await staffClient(h.app, ['desk', 'editor'], 'doi.vai.tro');
    const res = await admin.call('PATCH', `/api/admin/users/${clerk.userId}`, { roles: ['editor', 'approver'] });
    expect(res.status).toBe(200);
    const row = await h.app.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.update')
      .where('target_id', '=', clerk.userId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.details!)).toEqual({ changed: ['roles'], rolesGranted: ['approver'], rolesRemoved: ['desk'] });
  });
});

describe('caching and framing', () => {
  const h = useTestApp({ workers: false });
  let admin: StaffClient;

  beforeAll(async () => {
    admin = await staffClient(h.app, ['admin']);
  });

  const concrete = (path: string) => path.replace(/:[a-zA-Z]+/g, 'khong-co-id');

  it('marks every staff answer no-store, errors included', async () => {
    for (const r of h.app.staffRoutes) {
      const res = await admin.call(r.method.toUpperCase(), concrete(r.path), r.method === 'get' ? undefined : {});
      expect(res.headers.get('cache-control'), `${r.method} ${r.path} → ${res.status}`).toBe('no-store');
    }
    const login = await fetch(`${h.app.url}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(login.headers.get('cache-control')).toBe('no-store');
  });

  it('marks petition lookups, the petition form and subscriptions no-store', async () => {
    const form = await fetch(`${h.app.url}/api/petitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'thai-do-phuc-vu', content: 'Cán bộ hẹn trả kết quả nhưng quá hạn chưa trả.', name: 'Lê Văn Tám', phone: '0912345678' }),
    });
    expect(form.status).toBe(201);
    expect(form.headers.get('cache-control')).toBe('no-store');
    const { code } = (await form.json()) as { code: string };
    for (const path of [`/api/petitions/${code}`, '/api/petitions/mine', '/api/petitions/public', '/api/subscriptions']) {
      const res = await fetch(`${h.app.url}${path}`);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('forbids framing everywhere but the Mini App, which only Zalo may frame', async () => {
    for (const path of ['/console/', '/api/admin/me', '/thu-tuc/dang-ky-ket-hon', '/api/procedures']) {
      const res = await fetch(`${h.app.url}${path}`);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
    }
    const app = await fetch(`${h.app.url}/app/`);
    expect(app.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://*.zalo.me https://*.zdn.vn");
    expect(app.headers.get('x-frame-options')).toBeNull();
  });

  describe('in a real browser', () => {
    let browser: Browser;
    beforeAll(async () => {
      requireBuiltApps();
      browser = await launchChromium();
      return () => browser.close();
    });

    it('refuses to show the console inside another page', async () => {
      // Another origin on loopback (Chromium blocks public pages from framing local ones anyway):
      // /inner is its own frameable page, anything else frames that path of the app.
      const framer = createServer((req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(req.url === '/inner' ? '<h1>Trang được nhúng</h1>' : `<iframe src="${req.url === '/control' ? '/inner' : `${h.app.url}${req.url}`}"></iframe>`);
      });
      framer.listen(0, '127.0.0.1');
      await once(framer, 'listening');
      const framerUrl = `http://127.0.0.1:${(framer.address() as AddressInfo).port}`;
      const page = await browser.newPage();
      try {
        // The control: this browser shows an ordinary framed page.
        await page.goto(`${framerUrl}/control`);
        await page.frames()[1]!.locator('h1', { hasText: 'Trang được nhúng' }).waitFor();

        const blocked = page.waitForEvent('requestfailed', { predicate: (r) => r.url() === `${h.app.url}/console/` });
        const refusal = page.waitForEvent('console', { predicate: (m) => m.text().includes("frame-ancestors 'none'") });
        await page.goto(`${framerUrl}/console/`);
        expect((await blocked).failure()?.errorText).toBe('net::ERR_BLOCKED_BY_RESPONSE');
        await refusal;
        for (const frame of page.frames()) expect(await frame.locator('h1', { hasText: 'Đăng nhập' }).count()).toBe(0);
      } finally {
        await page.close();
        framer.close();
      }
    });
  });
});
