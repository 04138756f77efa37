import type { Executor } from '../store/database.js';

/**
 * Human takeover: when a clerk answers a resident in the OA chat tool (an `oa_send_*` echo with
 * `sender.admin_id`, reference §3), the assistant stays quiet for that resident for a while so it
 * does not talk over the clerk. The resident's messages are still recorded as interactions.
 * The console lists who is in human hands and can hand a resident back early.
 */

export interface HumanHandsRow {
  userId: string;
  adminId: string | null;
  until: string;
  lastInteractionAt: string | null;
}

/** Starts (or extends) a takeover from the echo's own time. */
export async function recordTakeover(tx: Executor, o: { userId: string; adminId: string; at: Date; hours: number; now: Date }): Promise<void> {
  const until = new Date(o.at.getTime() + o.hours * 3600_000).toISOString();
  const now = o.now.toISOString();
  await tx
    .insertInto('zalo_users')
    .values({ user_id: o.userId, following: 0, last_interaction_at: null, state: null, state_updated_at: null, created_at: now, human_until: until, human_admin_id: o.adminId })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet((eb) => ({
        // A later echo extends the takeover; an old one redelivered never shortens it.
        human_until: eb.case().when('zalo_users.human_until', '>', until).then(eb.ref('zalo_users.human_until')).else(until).end(),
        human_admin_id: o.adminId,
      })),
    )
    .execute();
}

/** Whether a clerk still has this resident in hand, from their zalo_users row. */
export function inHumanHands(row: { human_until?: string | null } | undefined, now: Date): boolean {
  return Boolean(row?.human_until && row.human_until > now.toISOString());
}

/** Hands a resident back to the assistant now. Returns false if they were not in human hands. */
export async function handBack(db: Executor, userId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('zalo_users')
    .set({ human_until: null, human_admin_id: null })
    .where('user_id', '=', userId)
    .where('human_until', '>', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The commune's residents a clerk has in hand (its OA's users only). */
export async function listHumanHands(db: Executor, now: Date, communeId: string): Promise<HumanHandsRow[]> {
  const rows = await db
    .selectFrom('zalo_users')
    .select(['user_id', 'human_admin_id', 'human_until', 'last_interaction_at'])
    .where('commune_id', '=', communeId)
    .where('human_until', '>', now.toISOString())
    .orderBy('human_until', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ userId: r.user_id, adminId: r.human_admin_id ?? null, until: r.human_until!, lastInteractionAt: r.last_interaction_at }));
}
