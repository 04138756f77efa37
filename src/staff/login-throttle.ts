import type { Executor } from '../store/database.js';

/**
 * Failed logins are counted per (username as typed, client address). The first `freeFailures`
 * cost nothing; every failure after that locks the pair for a delay that doubles each time, up to
 * `maxLockMinutes`. Another address is never affected, so an attacker cannot keep the owner out.
 */
export const LOGIN_THROTTLE = { freeFailures: 4, firstLockMinutes: 5, maxLockMinutes: 60, forgetAfterHours: 24 } as const;

export interface ThrottleKey {
  username: string;
  address: string;
}

const keyOf = (k: ThrottleKey) => ({ username: k.username.trim().toLowerCase(), address: k.address });

/** The delay after `failures` failures in a row: none up to freeFailures, then 5, 10, 20, … minutes. */
export function lockMinutes(failures: number): number {
  const over = failures - LOGIN_THROTTLE.freeFailures;
  if (over <= 0) return 0;
  return Math.min(LOGIN_THROTTLE.firstLockMinutes * 2 ** (over - 1), LOGIN_THROTTLE.maxLockMinutes);
}

/** When the pair is locked, until when (ISO); undefined when it may try. */
export async function lockedUntil(db: Executor, key: ThrottleKey, now: Date): Promise<string | undefined> {
  const k = keyOf(key);
  const row = await db
    .selectFrom('login_throttle')
    .select('locked_until')
    .where('username', '=', k.username)
    .where('address', '=', k.address)
    .executeTakeFirst();
  return row?.locked_until && row.locked_until > now.toISOString() ? row.locked_until : undefined;
}

/** Counts a failure; returns the lock it caused, if any. Also forgets pairs quiet for a day. */
export async function recordFailure(db: Executor, key: ThrottleKey, now: Date): Promise<string | undefined> {
  const k = keyOf(key);
  const at = now.toISOString();
  const row = await db
    .insertInto('login_throttle')
    .values({ ...k, failures: 1, locked_until: null, updated_at: at })
    .onConflict((oc) => oc.columns(['username', 'address']).doUpdateSet((eb) => ({ failures: eb('login_throttle.failures', '+', 1), updated_at: at })))
    .returning('failures')
    .executeTakeFirstOrThrow();
  const minutes = lockMinutes(row.failures);
  let lock: string | undefined;
  if (minutes > 0) {
    lock = new Date(now.getTime() + minutes * 60_000).toISOString();
    await db.updateTable('login_throttle').set({ locked_until: lock }).where('username', '=', k.username).where('address', '=', k.address).execute();
  }
  const forgetBefore = new Date(now.getTime() - LOGIN_THROTTLE.forgetAfterHours * 3600_000).toISOString();
  await db.deleteFrom('login_throttle').where('updated_at', '<', forgetBefore).execute();
  return lock;
}

/** A successful login from this address starts its count afresh. */
export async function clearFailures(db: Executor, key: ThrottleKey): Promise<void> {
  const k = keyOf(key);
  await db.deleteFrom('login_throttle').where('username', '=', k.username).where('address', '=', k.address).execute();
}

/** A password reset by an admin lifts every lock on that username. */
export async function clearAllFailures(db: Executor, username: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('username', '=', username.trim().toLowerCase()).execute();
}
