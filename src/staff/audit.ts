import { randomUUID } from 'node:crypto';
import type { Executor } from '../store/database.js';
import type { StaffPrincipal } from './roles.js';

/**
 * Records a staff action: who, what, on what, when. `details` must not hold residents' personal
 * data (names, phones, petition text): ids and field names only.
 */
export async function audit(
  db: Executor,
  actor: (Pick<StaffPrincipal, 'id' | 'username'> & { communeId?: string | null }) | null,
  action: string,
  target: { type: string; id: string } | null,
  now: Date,
  details?: Record<string, unknown>,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      // The actor's commune: a commune's audit trail is its own staff's actions.
      commune_id: actor?.communeId ?? null,
      actor_id: actor?.id ?? null,
      actor_username: actor?.username ?? null,
      action,
      target_type: target?.type ?? null,
      target_id: target?.id ?? null,
      details: details ? JSON.stringify(details) : null,
      at: now.toISOString(),
    })
    .execute();
}
