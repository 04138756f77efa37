import type { Executor } from '../store/database.js';
import { csWindowAt } from '../messaging/rules.js';

/**
 * Whether a message to this user now is free: their last interaction (any message, follow, button)
 * is within Zalo's 48-hour window. Messages nobody asked for (survey invitations, change alerts)
 * are sent only then; otherwise they wait for the resident's next message.
 */
export async function insideFreeWindow(db: Executor, zaloUserId: string, now: Date): Promise<boolean> {
  const row = await db.selectFrom('zalo_users').select('last_interaction_at').where('user_id', '=', zaloUserId).executeTakeFirst();
  return csWindowAt(row?.last_interaction_at, now) === 'free';
}
