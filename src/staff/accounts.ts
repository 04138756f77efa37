import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Executor } from '../store/database.js';
import { Conflict, Invalid, NotFound } from '../errors.js';
import { dummyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js';
import { parseRoles, type Role, type StaffPrincipal } from './roles.js';

/** Failed logins before a username is locked, and for how long. */
export const LOCKOUT = { attempts: 5, minutes: 15 } as const;
export const SESSION_HOURS = 12;

export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  active: boolean;
  lockedUntil: string | null;
  zaloUserId: string | null;
  createdAt: string;
}

function toUser(r: {
  id: string; username: string; display_name: string; roles: string; active: number; locked_until: string | null; zalo_user_id: string | null; created_at: string;
}): StaffUser {
  return { id: r.id, username: r.username, displayName: r.display_name, roles: parseRoles(r.roles), active: r.active === 1, lockedUntil: r.locked_until, zaloUserId: r.zalo_user_id, createdAt: r.created_at };
}

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

export async function createStaffUser(
  db: Executor,
  u: { username: string; displayName: string; password: string; roles: Role[] },
  now: Date,
): Promise<StaffUser> {
  if (u.password.length < MIN_PASSWORD_LENGTH) {
    throw new Invalid('Mật khẩu chưa đủ mạnh.', { password: `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự.` });
  }
  const exists = await db.selectFrom('staff_users').select('id').where('username', '=', u.username).executeTakeFirst();
  if (exists) throw new Conflict(`Tên đăng nhập "${u.username}" đã có.`);
  const row = {
    id: randomUUID(),
    username: u.username,
    display_name: u.displayName,
    password_hash: await hashPassword(u.password),
    roles: [...new Set(u.roles)].join(','),
    active: 1,
    failed_logins: 0,
    locked_until: null,
    zalo_user_id: null,
    created_at: now.toISOString(),
  };
  await db.insertInto('staff_users').values(row).execute();
  return toUser(row);
}

export async function listStaffUsers(db: Executor): Promise<StaffUser[]> {
  const rows = await db.selectFrom('staff_users').selectAll().orderBy('username').execute();
  return rows.map(toUser);
}

export async function usersWithRole(db: Executor, role: Role): Promise<StaffUser[]> {
  return (await listStaffUsers(db)).filter((u) => u.active && u.roles.includes(role));
}

export async function updateStaffUser(
  db: Executor,
  id: string,
  patch: { displayName?: string; roles?: Role[]; active?: boolean; password?: string; zaloUserId?: string | null },
): Promise<StaffUser> {
  const set: Record<string, unknown> = {};
  if (patch.displayName !== undefined) set.display_name = patch.displayName;
  if (patch.roles !== undefined) set.roles = [...new Set(patch.roles)].join(',');
  if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
  if (patch.zaloUserId !== undefined) set.zalo_user_id = patch.zaloUserId;
  if (patch.password !== undefined) {
    if (patch.password.length < MIN_PASSWORD_LENGTH) throw new Invalid('Mật khẩu chưa đủ mạnh.', { password: `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự.` });
    set.password_hash = await hashPassword(patch.password);
    set.failed_logins = 0;
    set.locked_until = null;
  }
  if (Object.keys(set).length) await db.updateTable('staff_users').set(set).where('id', '=', id).execute();
  if (patch.active === false || patch.password !== undefined) await db.deleteFrom('staff_sessions').where('user_id', '=', id).execute();
  const row = await db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('Không tìm thấy tài khoản.');
  return toUser(row);
}

export type LoginResult =
  | { ok: true; sessionToken: string; principal: StaffPrincipal; expiresAt: Date }
  | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: string };

/**
 * Checks a password and opens a session. After LOCKOUT.attempts failures in a row the username is
 * locked for LOCKOUT.minutes (kept in the database, so it holds across processes). Unknown
 * usernames cost the same time as known ones.
 */
export async function login(db: Executor, username: string, password: string, now: Date): Promise<LoginResult> {
  const row = await db.selectFrom('staff_users').selectAll().where('username', '=', username).executeTakeFirst();
  if (!row || row.active !== 1) {
    await verifyPassword(password, await dummyHash());
    return { ok: false, reason: 'invalid' };
  }
  if (row.locked_until && row.locked_until > now.toISOString()) return { ok: false, reason: 'locked', lockedUntil: row.locked_until };
  if (!(await verifyPassword(password, row.password_hash))) {
    const failed = row.failed_logins + 1;
    const lock = failed >= LOCKOUT.attempts ? new Date(now.getTime() + LOCKOUT.minutes * 60_000).toISOString() : null;
    await db.updateTable('staff_users').set({ failed_logins: lock ? 0 : failed, locked_until: lock }).where('id', '=', row.id).execute();
    return lock ? { ok: false, reason: 'locked', lockedUntil: lock } : { ok: false, reason: 'invalid' };
  }
  await db.updateTable('staff_users').set({ failed_logins: 0, locked_until: null }).where('id', '=', row.id).execute();
  const sessionToken = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  const sessionId = sha256(sessionToken);
  await db
    .insertInto('staff_sessions')
    .values({ id: sessionId, user_id: row.id, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: expiresAt.toISOString() })
    .execute();
  return {
    ok: true,
    sessionToken,
    expiresAt,
    principal: { id: row.id, username: row.username, displayName: row.display_name, roles: parseRoles(row.roles), csrfToken, sessionId },
  };
}

/** The principal of a session cookie, if the session exists, has not expired and the user is active. */
export async function principalForSession(db: Executor, sessionToken: string, now: Date): Promise<StaffPrincipal | undefined> {
  const id = sha256(sessionToken);
  const row = await db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.user_id')
    .select(['s.id as sessionId', 's.csrf_token', 's.expires_at', 'u.id', 'u.username', 'u.display_name', 'u.roles', 'u.active'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row || row.active !== 1 || row.expires_at <= now.toISOString()) return undefined;
  return { id: row.id, username: row.username, displayName: row.display_name, roles: parseRoles(row.roles), csrfToken: row.csrf_token, sessionId: row.sessionId };
}

export async function logout(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('id', '=', sessionId).execute();
}

/** The first admin, from ADMIN_USERNAME / ADMIN_PASSWORD, created once. */
export async function ensureAdmin(db: Executor, username: string, password: string, now: Date): Promise<boolean> {
  const exists = await db.selectFrom('staff_users').select('id').where('username', '=', username).executeTakeFirst();
  if (exists) return false;
  await createStaffUser(db, { username, displayName: 'Quản trị viên', password, roles: ['admin'] }, now);
  return true;
}
