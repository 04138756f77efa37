import { beforeAll, describe, expect, it } from 'vitest';
import { ROLE_IDS, type Role } from '../../src/staff/roles.js';
import { useTestApp } from '../helpers/app.js';
import { staffClient, type StaffClient } from '../helpers/staff.js';

describe('security of the staff API', () => {
  const h = useTestApp({ workers: false });
  const clients = new Map<Role, StaffClient>();

  beforeAll(async () => {
    for (const role of ROLE_IDS) clients.set(role, await staffClient(h.app, [role]));
  });

  const concrete = (path: string) => path.replace(/:[a-zA-Z]+/g, 'khong-co-id');

  it('declares many staff routes, all under /api/admin', () => {
    expect(h.app.staffRoutes.length).toBeGreaterThan(20);
    for (const r of h.app.staffRoutes) expect(r.path.startsWith('/api/admin/')).toBe(true);
  });

  it('answers 401 to every staff route without a session', async () => {
    for (const r of h.app.staffRoutes) {
      const res = await fetch(`${h.app.url}${concrete(r.path)}`, { method: r.method.toUpperCase(), headers: { 'content-type': 'application/json' }, body: r.method === 'get' ? undefined : '{}' });
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
    }
  });

  it('answers 403 to every staff route for a role it does not allow', async () => {
    for (const r of h.app.staffRoutes) {
      if (r.roles.length === 0) continue;
      for (const role of ROLE_IDS) {
        // Admins and the province admin may use every route of their scope.
        if (role === 'admin' || role === 'province_admin' || r.roles.includes(role)) continue;
        const res = await clients.get(role)!.call(r.method.toUpperCase(), concrete(r.path), r.method === 'get' ? undefined : {});
        expect(res.status, `${role} ${r.method} ${r.path}`).toBe(403);
      }
    }
  });

  it('answers 403 to every state-changing staff request without the CSRF token', async () => {
    // The province admin may call every route, so only the missing token can refuse it.
    const admin = clients.get('province_admin')!;
    for (const r of h.app.staffRoutes.filter((x) => x.method !== 'get')) {
      const res = await admin.call(r.method.toUpperCase(), concrete(r.path), {}, { csrf: false });
      expect(res.status, `${r.method} ${r.path}`).toBe(403);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message).toContain('CSRF');
    }
  });

  it('throttles logins per address', async () => {
    let last = 0;
    for (let i = 0; i < 25; i++) {
      const res = await fetch(`${h.app.url}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `khong-co-${i}`, password: 'sai' }) });
      last = res.status;
    }
    expect(last).toBe(429);
  });
});
