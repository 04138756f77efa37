import { timingSafeEqual } from 'node:crypto';
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import type { Executor } from '../store/database.js';
import { Forbidden, NotFound, Unauthorized } from '../errors.js';
import { readCookie } from '../http/cookies.js';
import { principalForSession } from './accounts.js';
import { runInCommune } from '../communes/request-commune.js';
import { audit } from './audit.js';
import { isProvinceAdmin, type Role, type StaffPrincipal } from './roles.js';

export const SESSION_COOKIE = 'xa_sid';
export const CSRF_HEADER = 'x-csrf-token';

/** A staff route as declared, for the security test that proves every one is guarded. */
export interface StaffRouteInfo {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  roles: readonly Role[];
}

export function currentStaff(res: Response): StaffPrincipal {
  const staff = res.locals.staff as StaffPrincipal | undefined;
  if (!staff) throw new Unauthorized();
  return staff;
}

/** Header (or `?commune=` query) with which a province admin picks the commune to act in. */
export const COMMUNE_HEADER = 'x-commune';

/**
 * The commune a staff request reads and writes: the account's own commune; for a province admin
 * the commune they picked, else the first commune. Every commune-owned query of a staff route
 * filters by this: a clerk never reaches another commune's rows.
 */
export function communeScope(res: Response): string {
  const scope = res.locals.communeScope as { communeId: string } | undefined;
  if (!scope) throw new Unauthorized();
  return scope.communeId;
}

/** For roll-up reports: the commune as above, or null (every commune) for a province admin who picked none. */
export function rollupScope(res: Response): string | null {
  const scope = res.locals.communeScope as { communeId: string; picked: boolean } | undefined;
  if (!scope) throw new Unauthorized();
  return isProvinceAdmin(currentStaff(res)) && !scope.picked ? null : scope.communeId;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface GuardDeps {
  db: Executor;
  clock: () => Date;
  log: Logger;
  /** Whether a commune id is served (a province admin's pick is checked against it). */
  communeExists: (communeId: string) => Promise<boolean>;
  /** The default commune (a province admin who picked none). */
  defaultCommuneId: () => string;
}

/**
 * A refusal is worth knowing about: a clerk probing for more than their role, or a page from
 * another site trying to act with a staff member's cookie. Logged and audited with the route's
 * pattern (never the concrete path, which may hold a petition code) and the staff id only.
 */
async function recordRefusal(o: GuardDeps, staff: StaffPrincipal, route: StaffRouteInfo, reason: 'role' | 'csrf'): Promise<void> {
  const where = `${route.method.toUpperCase()} ${route.path}`;
  o.log.warn({ staffId: staff.id, route: where, reason, requiredRoles: route.roles }, 'staff request refused');
  await audit(o.db, staff, 'access.denied', { type: 'route', id: where }, o.clock(), {
    reason,
    ...(reason === 'role' ? { requiredRoles: route.roles, roles: staff.roles } : {}),
  });
}

/**
 * Session, role and CSRF checks for one route: 401 without a valid session, 403 without one of
 * `roles` (admin passes everywhere), 403 for a state-changing request without the session's CSRF
 * token in the X-CSRF-Token header. Every 403 is logged and audited.
 */
export function guard(o: GuardDeps, route: StaffRouteInfo): RequestHandler {
  const { roles, method } = route;
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const staff = token ? await principalForSession(o.db, token, o.clock()) : undefined;
    if (!staff) throw new Unauthorized('Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.');
    // A commune admin passes every commune route; a province admin passes every route (acting in
    // the commune picked); routes for province admins only are closed to commune admins.
    const provinceOnly = roles.includes('province_admin');
    const passes =
      roles.length === 0 ||
      isProvinceAdmin(staff) ||
      (!provinceOnly && staff.roles.includes('admin')) ||
      roles.some((r) => staff.roles.includes(r));
    if (!passes) {
      await recordRefusal(o, staff, route, 'role');
      throw new Forbidden();
    }
    if (method !== 'get') {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, staff.csrfToken)) {
        await recordRefusal(o, staff, route, 'csrf');
        throw new Forbidden('Thiếu hoặc sai mã chống giả mạo (CSRF). Vui lòng tải lại trang.');
      }
    }
    res.locals.staff = staff;
    const scope = await scopeOf(o, staff, req);
    res.locals.communeScope = scope;
    runInCommune(scope.communeId, next);
  };
}

async function scopeOf(o: GuardDeps, staff: StaffPrincipal, req: Request): Promise<{ communeId: string; picked: boolean }> {
  if (!isProvinceAdmin(staff)) {
    // Accounts from before communes existed are adopted at start; one without a commune reaches none.
    if (!staff.communeId) throw new Forbidden('Tài khoản chưa thuộc xã nào.');
    return { communeId: staff.communeId, picked: true };
  }
  const header = req.headers[COMMUNE_HEADER];
  const picked = typeof header === 'string' && header ? header : typeof req.query.commune === 'string' && req.query.commune ? req.query.commune : undefined;
  if (picked === undefined) return { communeId: o.defaultCommuneId(), picked: false };
  if (!(await o.communeExists(picked))) throw new NotFound(`Không tìm thấy xã "${picked}".`);
  return { communeId: picked, picked: true };
}

/**
 * A router whose every route is guarded and recorded in `registry`. `roles: []` means any signed-in
 * staff member.
 */
export function createStaffRouter(o: GuardDeps & { registry: StaffRouteInfo[] }) {
  const router = Router();
  const add =
    (method: StaffRouteInfo['method']) =>
    (path: string, roles: readonly Role[], handler: (req: Request, res: Response) => unknown | Promise<unknown>) => {
      const route = { method, path, roles };
      o.registry.push(route);
      router[method](path, guard(o, route), handler);
    };
  return { router, get: add('get'), post: add('post'), put: add('put'), patch: add('patch'), delete: add('delete') };
}

export type StaffRouter = ReturnType<typeof createStaffRouter>;
