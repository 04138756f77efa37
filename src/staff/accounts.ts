import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Executor } from '../store/database.js';
import { Conflict, Invalid, NotFound } from '../errors.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';
import { passwordProblem } from './password-strength.js';
import { clearAllFailures, clearFailures, lockedUntil, recordFailure } from './login-throttle.js';
import { parseRoles, type Role, type StaffPrincipal } from './roles.js';

export const SESSION_HOURS = 12;
/** Staff usernames: what the console and the CLI both accept. */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;
export const USERNAME_HINT = 'Tên đăng nhập gồm 3–32 ký tự: chữ thường không dấu, số, dấu chấm, gạch.';

export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  active: boolean;
  lockedUntil: string | null;
  zaloUserId: string | null;
  /** null for province-level accounts. */
  communeId: string | null;
  createdAt: string;
}

function toUser(r: {
  id: string; username: string; display_name: string; roles: string; active: number; locked_until: string | null; zalo_user_id: string | null; commune_id: string | null; created_at: string;
}): StaffUser {
  return { id: r.id, username: r.username, displayName: r.display_name, roles: parseRoles(r.roles), active: r.active === 1, lockedUntil: r.locked_until, zaloUserId: r.zalo_user_id, communeId: r.commune_id, createdAt: r.created_at };
}

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

export async function createStaffUser(
  db: Executor,
  u: {
    username: string;
    displayName: string;
    password: string;
    roles: Role[];
    /** The commune of a commune account; the first commune when not given (a one-commune deployment). */
    communeId?: string | null;
  },
  now: Date,
): Promise<StaffUser> {
  requireStrongPassword(u.password, u);
  // A province admin belongs to no commune; everyone else to exactly one.
  const provinceLevel = u.roles.includes('province_admin');
  if (provinceLevel && u.roles.length > 1) throw new Invalid('Quản trị cấp tỉnh không kèm vai trò của xã.', { roles: 'Tài khoản cấp tỉnh chỉ có vai trò "Quản trị cấp tỉnh".' });
  const communeId = provinceLevel ? null : (u.communeId ?? (await firstCommuneId(db)));
  if (!provinceLevel && !communeId) throw new Invalid('Tài khoản của xã phải thuộc một xã.', { communeId: 'Chọn xã.' });
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
    commune_id: communeId,
    created_at: now.toISOString(),
  };
  await db.insertInto('staff_users').values(row).execute();
  return toUser(row);
}

async function firstCommuneId(db: Executor): Promise<string | null> {
  const row = await db.selectFrom('communes').select('id').orderBy('position').orderBy('created_at').limit(1).executeTakeFirst();
  return row?.id ?? null;
}

/** Throws Invalid with a field message saying what to fix when the password is too weak. */
function requireStrongPassword(password: string, who: { username: string; displayName?: string }): void {
  const problem = passwordProblem(password, who);
  if (problem) throw new Invalid('Mật khẩu chưa đủ mạnh.', { password: problem });
}

/** The commune's staff accounts (every account for `null`: the province's view). */
export async function listStaffUsers(db: Executor, communeId: string | null): Promise<StaffUser[]> {
  let query = db.selectFrom('staff_users').selectAll().orderBy('username');
  if (communeId !== null) query = query.where('commune_id', '=', communeId);
  return (await query.execute()).map(toUser);
}

/** An account of the commune (any account for `null`). */
export async function findStaffUser(db: Executor, id: string, communeId: string | null): Promise<StaffUser | undefined> {
  let query = db.selectFrom('staff_users').selectAll().where('id', '=', id);
  if (communeId !== null) query = query.where('commune_id', '=', communeId);
  const row = await query.executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function usersWithRole(db: Executor, role: Role, communeId: string | null): Promise<StaffUser[]> {
  return (await listStaffUsers(db, communeId)).filter((u) => u.active && u.roles.includes(role));
}

export async function updateStaffUser(
  db: Executor,
  id: string,
  patch: { displayName?: string; roles?: Role[]; active?: boolean; password?: string; zaloUserId?: string | null },
): Promise<StaffUser> {
  const current = await db.selectFrom('staff_users').select(['username', 'display_name']).where('id', '=', id).executeTakeFirst();
  if (!current) throw new NotFound('Không tìm thấy tài khoản.');
  const set: Record<string, unknown> = {};
  if (patch.displayName !== undefined) set.display_name = patch.displayName;
  if (patch.roles !== undefined) set.roles = [...new Set(patch.roles)].join(',');
  if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
  if (patch.zaloUserId !== undefined) set.zalo_user_id = patch.zaloUserId;
  if (patch.password !== undefined) {
    requireStrongPassword(patch.password, { username: current.username, displayName: patch.displayName ?? current.display_name });
    set.password_hash = await hashPassword(patch.password);
  }
  if (Object.keys(set).length) await db.updateTable('staff_users').set(set).where('id', '=', id).execute();
  // A new password lifts the locks others' wrong guesses put on the account.
  if (patch.password !== undefined) await clearAllFailures(db, current.username);
  if (patch.active === false || patch.password !== undefined) await db.deleteFrom('staff_sessions').where('user_id', '=', id).execute();
  const row = await db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('Không tìm thấy tài khoản.');
  return toUser(row);
}

export type LoginResult =
  | { ok: true; sessionToken: string; principal: StaffPrincipal; expiresAt: Date }
  | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: string };

/**
 * Checks a password and opens a session. Failures count per (username as typed, client address):
 * after a few, that pair waits a growing delay (login-throttle.ts), while the owner at another
 * address still gets in. Unknown and inactive usernames answer exactly like a wrong password:
 * the same result, the same scrypt work, the same counting and locking, so nothing tells which
 * accounts exist.
 */
export async function login(db: Executor, username: string, password: string, now: Date, address: string): Promise<LoginResult> {
  const key = { username, address };
  const locked = await lockedUntil(db, key, now);
  if (locked) return { ok: false, reason: 'locked', lockedUntil: locked };
  const row = await db.selectFrom('staff_users').selectAll().where('username', '=', username).executeTakeFirst();
  const known = row !== undefined && row.active === 1;
  const passwordOk = await verifyPassword(password, known ? row.password_hash : await dummyHash());
  if (!known || !passwordOk) {
    const lock = await recordFailure(db, key, now);
    return lock ? { ok: false, reason: 'locked', lockedUntil: lock } : { ok: false, reason: 'invalid' };
  }
  await clearFailures(db, key);
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
    principal: { id: row.id, username: row.username, displayName: row.display_name, roles: parseRoles(row.roles), communeId: row.commune_id, csrfToken, sessionId },
  };
}

/** The principal of a session cookie, if the session exists, has not expired and the user is active. */
export async function principalForSession(db: Executor, sessionToken: string, now: Date): Promise<StaffPrincipal | undefined> {
  const id = sha256(sessionToken);
  const row = await db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.user_id')
    .select(['s.id as sessionId', 's.csrf_token', 's.expires_at', 'u.id', 'u.username', 'u.display_name', 'u.roles', 'u.active', 'u.commune_id'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row || row.active !== 1 || row.expires_at <= now.toISOString()) return undefined;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: parseRoles(row.roles),
    communeId: row.commune_id,
    csrfToken: row.csrf_token,
    sessionId: row.sessionId,
  };
}

export async function logout(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('id', '=', sessionId).execute();
}

/** The first admin, from ADMIN_USERNAME / ADMIN_PASSWORD, created once. */
export async function ensureAdmin(db: Executor, username: string, password: string, now: Date, communeId: string): Promise<boolean> {
  const exists = await db.selectFrom('staff_users').select('id').where('username', '=', username).executeTakeFirst();
  if (exists) return false;
  await createStaffUser(db, { username, displayName: 'Quản trị viên', password, roles: ['admin'], communeId }, now);
  return true;
}
