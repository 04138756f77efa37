import { timingSafeEqual } from 'node:crypto';
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Executor } from '../store/database.js';
import { Forbidden, Unauthorized } from '../errors.js';
import { readCookie } from '../http/cookies.js';
import { principalForSession } from './accounts.js';
import type { Role, StaffPrincipal } from './roles.js';

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

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Session, role and CSRF checks for one route: 401 without a valid session, 403 without one of
 * `roles` (admin passes everywhere), 403 for a state-changing request without the session's CSRF
 * token in the X-CSRF-Token header.
 */
export function guard(o: { db: Executor; clock: () => Date }, roles: readonly Role[], method: string): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const staff = token ? await principalForSession(o.db, token, o.clock()) : undefined;
    if (!staff) throw new Unauthorized('Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.');
    if (roles.length > 0 && !staff.roles.includes('admin') && !roles.some((r) => staff.roles.includes(r))) {
      throw new Forbidden();
    }
    if (method !== 'get') {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, staff.csrfToken)) {
        throw new Forbidden('Thiếu hoặc sai mã chống giả mạo (CSRF). Vui lòng tải lại trang.');
      }
    }
    res.locals.staff = staff;
    next();
  };
}

/**
 * A router whose every route is guarded and recorded in `registry`. `roles: []` means any signed-in
 * staff member.
 */
export function createStaffRouter(o: { db: Executor; clock: () => Date; registry: StaffRouteInfo[] }) {
  const router = Router();
  const add =
    (method: StaffRouteInfo['method']) =>
    (path: string, roles: readonly Role[], handler: (req: Request, res: Response) => unknown | Promise<unknown>) => {
      o.registry.push({ method, path, roles });
      router[method](path, guard(o, roles, method), handler);
    };
  return { router, get: add('get'), post: add('post'), put: add('put'), patch: add('patch'), delete: add('delete') };
}

export type StaffRouter = ReturnType<typeof createStaffRouter>;
