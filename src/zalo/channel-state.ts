import type { Executor } from '../store/database.js';
import type { ZaloChannelStateTable } from '../store/schema.js';

/**
 * What every instance must know about the OA's channel, kept in one database row: whether
 * proactive sending is paused (an operator, policy or billing code came back from Zalo), whether
 * the tokens are dead (a refresh Zalo refused), and webhook counters. /healthz, the console and
 * the outbox all read it here.
 */

const ROW_ID = 'oa';

export type ChannelState = ZaloChannelStateTable;

async function ensureRow(db: Executor, now: Date): Promise<void> {
  await db
    .insertInto('zalo_channel_state')
    .values({
      id: ROW_ID,
      paused_at: null,
      pause_code: null,
      pause_reason: null,
      token_error: null,
      token_error_at: null,
      signature_failures: 0,
      last_signature_failure_at: null,
      foreign_app_events: 0,
      updated_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function readChannelState(db: Executor): Promise<ChannelState | undefined> {
  return db.selectFrom('zalo_channel_state').selectAll().where('id', '=', ROW_ID).executeTakeFirst();
}

/** Pauses proactive sending. Returns true only for the call that paused it (so one alert is sent). */
export async function pauseSending(db: Executor, o: { code: number; reason: string; now: Date }): Promise<boolean> {
  await ensureRow(db, o.now);
  const result = await db
    .updateTable('zalo_channel_state')
    .set({ paused_at: o.now.toISOString(), pause_code: o.code, pause_reason: o.reason.slice(0, 300), updated_at: o.now.toISOString() })
    .where('id', '=', ROW_ID)
    .where('paused_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Resumes proactive sending. Returns the pause that was lifted, if any. */
export async function resumeSending(db: Executor, now: Date): Promise<{ code: number | null; reason: string | null } | undefined> {
  const state = await readChannelState(db);
  if (!state?.paused_at) return undefined;
  await db
    .updateTable('zalo_channel_state')
    .set({ paused_at: null, pause_code: null, pause_reason: null, updated_at: now.toISOString() })
    .where('id', '=', ROW_ID)
    .execute();
  return { code: state.pause_code, reason: state.pause_reason };
}

/** A refresh Zalo refused: the pair is dead until an admin re-connects or loads a new pair. */
export async function recordTokenError(db: Executor, error: string, now: Date): Promise<void> {
  await ensureRow(db, now);
  await db
    .updateTable('zalo_channel_state')
    .set({ token_error: error.slice(0, 300), token_error_at: now.toISOString(), updated_at: now.toISOString() })
    .where('id', '=', ROW_ID)
    .execute();
}

export async function clearTokenError(db: Executor, now: Date): Promise<void> {
  await db
    .updateTable('zalo_channel_state')
    .set({ token_error: null, token_error_at: null, updated_at: now.toISOString() })
    .where('id', '=', ROW_ID)
    .where('token_error', 'is not', null)
    .execute();
}

/** Counts a webhook request whose signature did not verify (someone else, or a wrong OA secret key). */
export async function countSignatureFailure(db: Executor, now: Date): Promise<void> {
  await ensureRow(db, now);
  await db
    .updateTable('zalo_channel_state')
    .set((eb) => ({ signature_failures: eb('signature_failures', '+', 1), last_signature_failure_at: now.toISOString() }))
    .where('id', '=', ROW_ID)
    .execute();
}

/** Counts a signed event whose `app_id` is not this app's. */
export async function countForeignAppEvent(db: Executor, now: Date): Promise<void> {
  await ensureRow(db, now);
  await db
    .updateTable('zalo_channel_state')
    .set((eb) => ({ foreign_app_events: eb('foreign_app_events', '+', 1) }))
    .where('id', '=', ROW_ID)
    .execute();
}
