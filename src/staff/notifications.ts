import { randomUUID } from 'node:crypto';
import type { Executor } from '../store/database.js';
import { queueReply } from '../messaging/queue-reply.js';
import { usersWithRole } from './accounts.js';
import type { Role } from './roles.js';

/**
 * Tells every active staff member with `role` about something: a notice in the console, and a Zalo
 * message to those who linked their Zalo account (sent by the outbox, within Zalo's rules).
 * `key` makes it idempotent: the same notice is never queued twice.
 */
export async function notifyStaff(
  db: Executor,
  o: { role: Role; kind: string; text: string; link?: string; key: string; now: Date },
): Promise<number> {
  const users = await usersWithRole(db, o.role);
  for (const u of users) {
    await db
      .insertInto('staff_notifications')
      .values({ id: randomUUID(), dedupe_key: `${o.key}:${u.id}`, user_id: u.id, kind: o.kind, text: o.text, link: o.link ?? null, created_at: o.now.toISOString(), read_at: null })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
    if (u.zaloUserId) {
      await queueReply(db, { key: `staff:${o.key}:${u.id}`, userId: u.zaloUserId, purpose: 'staff_notice', replies: { text: o.text, buttons: [] }, now: o.now });
    }
  }
  return users.length;
}

export async function listNotifications(db: Executor, userId: string, limit = 50) {
  return db.selectFrom('staff_notifications').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').limit(limit).execute();
}
