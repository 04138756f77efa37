import { Router } from 'express';
import { z } from 'zod';
import type { Executor } from '../store/database.js';
import { Forbidden, NotFound, TooManyRequests, Unauthorized } from '../errors.js';
import { parseOrThrow } from '../http/validate.js';
import { sessionCookie } from '../http/cookies.js';
import { createSlidingLimiter } from '../http/sliding-limiter.js';
import { createStaffUser, findStaffUser, listStaffUsers, login, logout, SESSION_HOURS, updateStaffUser, USERNAME_HINT, USERNAME_PATTERN } from './accounts.js';
import { dummyHash } from './passwords.js';
import { audit } from './audit.js';
import { communeScope, currentStaff, rollupScope, SESSION_COOKIE, type StaffRouter } from './guard.js';
import { isProvinceAdmin, ROLE_IDS, ROLES, type Role } from './roles.js';

const loginBody = z.object({
  username: z.string({ error: 'Vui lòng nhập tên đăng nhập.' }).trim().min(1, 'Vui lòng nhập tên đăng nhập.').max(64),
  password: z.string({ error: 'Vui lòng nhập mật khẩu.' }).min(1, 'Vui lòng nhập mật khẩu.').max(256),
});

const username = z.string().trim().regex(USERNAME_PATTERN, USERNAME_HINT);
const roles = z.array(z.enum(ROLE_IDS, { error: 'Vai trò không hợp lệ.' })).min(1, 'Chọn ít nhất một vai trò.');
const newUserBody = z.object({
  username,
  displayName: z.string().trim().min(1, 'Vui lòng nhập họ tên.').max(100),
  password: z.string().min(1, 'Vui lòng nhập mật khẩu.').max(256),
  roles,
});
const patchUserBody = z.object({
  displayName: z.string().trim().min(1).max(100).optional(),
  roles: roles.optional(),
  active: z.boolean().optional(),
  password: z.string().max(256).optional(),
  zaloUserId: z.string().regex(/^\d{5,25}$/, 'Mã người dùng Zalo gồm chữ số.').nullable().optional(),
});

/** Only a province admin grants the province admin role. */
function requireMayGrant(res: Parameters<typeof currentStaff>[0], roles: readonly Role[] | undefined): void {
  if (roles?.includes('province_admin') && !isProvinceAdmin(currentStaff(res))) {
    throw new Forbidden('Chỉ quản trị cấp tỉnh mới cấp được vai trò này.');
  }
}

/** Login, logout, "who am I" (public part), and the admin's user management (guarded). */
export function staffAuthRoutes(o: { db: Executor; clock: () => Date; secureCookies: boolean; staff: StaffRouter }): Router {
  const router = Router();
  const perIp = createSlidingLimiter({ max: 20, windowMs: 10 * 60_000 });
  // The first unknown username would otherwise pay for hashing the dummy password: a timing tell.
  void dummyHash();

  router.post('/api/admin/login', async (req, res) => {
    const address = req.ip ?? 'unknown';
    if (!perIp.hit(address)) throw new TooManyRequests('Đăng nhập sai quá nhiều lần, vui lòng thử lại sau 10 phút.', 600);
    const body = parseOrThrow(loginBody, req.body);
    const now = o.clock();
    const result = await login(o.db, body.username, body.password, now, address);
    if (!result.ok) {
      await audit(o.db, null, result.reason === 'locked' ? 'login.locked' : 'login.failed', { type: 'staff_user', id: body.username }, now);
      if (result.reason === 'locked') {
        const seconds = Math.max(1, Math.ceil((Date.parse(result.lockedUntil!) - now.getTime()) / 1000));
        throw new TooManyRequests(`Đăng nhập sai nhiều lần từ máy này. Vui lòng thử lại sau ${Math.ceil(seconds / 60)} phút.`, seconds);
      }
      throw new Unauthorized('Tên đăng nhập hoặc mật khẩu không đúng.');
    }
    await audit(o.db, result.principal, 'login', { type: 'staff_user', id: result.principal.id }, now);
    res.setHeader('Set-Cookie', sessionCookie(SESSION_COOKIE, result.sessionToken, { secure: o.secureCookies, maxAgeSeconds: SESSION_HOURS * 3600 }));
    const { csrfToken, id, username: u, displayName, roles: r } = result.principal;
    res.json({ user: { id, username: u, displayName, roles: r }, csrfToken });
  });

  o.staff.post('/api/admin/logout', [], async (_req, res) => {
    const staff = currentStaff(res);
    await logout(o.db, staff.sessionId);
    await audit(o.db, staff, 'logout', { type: 'staff_user', id: staff.id }, o.clock());
    res.setHeader('Set-Cookie', sessionCookie(SESSION_COOKIE, '', { secure: o.secureCookies, maxAgeSeconds: 0 }));
    res.json({ ok: true });
  });

  o.staff.get('/api/admin/me', [], (_req, res) => {
    const { id, username: u, displayName, roles: r, csrfToken, communeId } = currentStaff(res);
    res.json({ user: { id, username: u, displayName, roles: r, communeId }, communeScope: communeScope(res), csrfToken, roleLabels: ROLES });
  });

  o.staff.get('/api/admin/users', ['admin'], async (_req, res) => {
    // A province admin who picked no commune sees every account (the province's view).
    res.json({ items: await listStaffUsers(o.db, rollupScope(res)) });
  });

  o.staff.post('/api/admin/users', ['admin'], async (req, res) => {
    const body = parseOrThrow(newUserBody, req.body);
    requireMayGrant(res, body.roles);
    const user = await createStaffUser(o.db, { ...body, communeId: communeScope(res) }, o.clock());
    await audit(o.db, currentStaff(res), 'user.create', { type: 'staff_user', id: user.id }, o.clock(), { roles: user.roles });
    res.status(201).json(user);
  });

  o.staff.patch('/api/admin/users/:id', ['admin'], async (req, res) => {
    const body = parseOrThrow(patchUserBody, req.body);
    const id = String(req.params.id);
    requireMayGrant(res, body.roles);
    const before = await findStaffUser(o.db, id, rollupScope(res));
    // Another commune's account does not exist for this admin.
    if (!before) throw new NotFound('Không tìm thấy tài khoản.');
    const user = await updateStaffUser(o.db, id, body);
    const changed = Object.keys(body).map((k) => (k === 'password' ? 'password(reset)' : k));
    // Who got which powers is the first thing asked after an incident: record both directions.
    const roleChange = body.roles && before
      ? { rolesGranted: user.roles.filter((r) => !before.roles.includes(r)), rolesRemoved: before.roles.filter((r) => !user.roles.includes(r)) }
      : {};
    await audit(o.db, currentStaff(res), 'user.update', { type: 'staff_user', id: user.id }, o.clock(), { changed, ...roleChange });
    res.json(user);
  });

  return router;
}
