import type { Executor } from '../store/database.js';
import type { ZaloChannelStateTable } from '../store/schema.js';

/**
 * What every instance must know about each OA's channel, one database row per commune (row id =
 * commune id, as in zalo_tokens): whether proactive sending is paused (an operator, policy or
 * billing code came back from Zalo) and whether the tokens are dead (a refresh Zalo refused).
 * The webhook counters belong to the Zalo App (one webhook, one signing key for every OA) and
 * live in the app's own row. /healthz, the console and the outbox all read them here.
 */

/** The Zalo App's row: webhook counters (a request that fails its signature names no OA we can trust). */
export const APP_ROW_ID = 'app';
/** The single row of the deployments from before communes existed: the first commune's. */
const OLD_SINGLE_OA_ROW_ID = 'oa';

export type ChannelState = ZaloChannelStateTable;

async function ensureRow(db: Executor, id: string, now: Date): Promise<void> {
  await db
    .insertInto('zalo_channel_state')
    .values({
      id,
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

/** One commune's OA state (undefined: never paused, no token error recorded). */
export async function readChannelState(db: Executor, communeId: string): Promise<ChannelState | undefined> {
  return db.selectFrom('zalo_channel_state').selectAll().where('id', '=', communeId).executeTakeFirst();
}

/** The Zalo App's row (webhook counters). */
export async function readAppChannelState(db: Executor): Promise<ChannelState | undefined> {
  return db.selectFrom('zalo_channel_state').selectAll().where('id', '=', APP_ROW_ID).executeTakeFirst();
}

/** Which OAs may not send now, for the outbox's claim: paused ones hold proactive messages, dead ones send nothing. */
export async function blockedOas(db: Executor): Promise<{ paused: string[]; deadTokens: string[] }> {
  const rows = await db
    .selectFrom('zalo_channel_state')
    .select(['id', 'paused_at', 'token_error'])
    .where('id', '!=', APP_ROW_ID)
    .where((eb) => eb.or([eb('paused_at', 'is not', null), eb('token_error', 'is not', null)]))
    .execute();
  return { paused: rows.filter((r) => r.paused_at).map((r) => r.id), deadTokens: rows.filter((r) => r.token_error).map((r) => r.id) };
}

/**
 * Pauses proactive sending of each OA given. Returns the communes this call paused (those already
 * paused are left as they were), so only the call that paused one alerts about it.
 */
export async function pauseSending(db: Executor, o: { communeIds: readonly string[]; code: number; reason: string; now: Date }): Promise<string[]> {
  const paused: string[] = [];
  for (const id of o.communeIds) {
    await ensureRow(db, id, o.now);
    const result = await db
      .updateTable('zalo_channel_state')
      .set({ paused_at: o.now.toISOString(), pause_code: o.code, pause_reason: o.reason.slice(0, 300), updated_at: o.now.toISOString() })
      .where('id', '=', id)
      .where('paused_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) paused.push(id);
  }
  return paused;
}

/** Resumes one OA's proactive sending. Returns the pause that was lifted, if any. */
export async function resumeSending(db: Executor, communeId: string, now: Date): Promise<{ code: number | null; reason: string | null } | undefined> {
  const state = await readChannelState(db, communeId);
  if (!state?.paused_at) return undefined;
  await db
    .updateTable('zalo_channel_state')
    .set({ paused_at: null, pause_code: null, pause_reason: null, updated_at: now.toISOString() })
    .where('id', '=', communeId)
    .execute();
  return { code: state.pause_code, reason: state.pause_reason };
}

/** A refresh Zalo refused: this OA's pair is dead until an admin re-connects it or loads a new pair. */
export async function recordTokenError(db: Executor, communeId: string, error: string, now: Date): Promise<void> {
  await ensureRow(db, communeId, now);
  await db
    .updateTable('zalo_channel_state')
    .set({ token_error: error.slice(0, 300), token_error_at: now.toISOString(), updated_at: now.toISOString() })
    .where('id', '=', communeId)
    .execute();
}

export async function clearTokenError(db: Executor, communeId: string, now: Date): Promise<void> {
  await db
    .updateTable('zalo_channel_state')
    .set({ token_error: null, token_error_at: null, updated_at: now.toISOString() })
    .where('id', '=', communeId)
    .where('token_error', 'is not', null)
    .execute();
}

/** Counts a webhook request whose signature did not verify (someone else, or a wrong OA secret key). */
export async function countSignatureFailure(db: Executor, now: Date): Promise<void> {
  await ensureRow(db, APP_ROW_ID, now);
  await db
    .updateTable('zalo_channel_state')
    .set((eb) => ({ signature_failures: eb('signature_failures', '+', 1), last_signature_failure_at: now.toISOString() }))
    .where('id', '=', APP_ROW_ID)
    .execute();
}

/** Counts a signed event whose `app_id` is not this app's. */
export async function countForeignAppEvent(db: Executor, now: Date): Promise<void> {
  await ensureRow(db, APP_ROW_ID, now);
  await db
    .updateTable('zalo_channel_state')
    .set((eb) => ({ foreign_app_events: eb('foreign_app_events', '+', 1) }))
    .where('id', '=', APP_ROW_ID)
    .execute();
}

/**
 * The single-OA deployment kept one row (id "oa"): its pause and token state are the first
 * commune's, its webhook counters the app's. Idempotent (nothing to do once the old row is gone),
 * so it runs at every start: deployments that adopted their other rows before this existed get it too.
 */
export async function adoptSingleOaChannelState(db: Executor, firstCommuneId: string, now: Date): Promise<void> {
  const old = await db.selectFrom('zalo_channel_state').selectAll().where('id', '=', OLD_SINGLE_OA_ROW_ID).executeTakeFirst();
  if (!old) return;
  await db.transaction().execute(async (tx) => {
    await ensureRow(tx, APP_ROW_ID, now);
    await tx
      .updateTable('zalo_channel_state')
      .set((eb) => ({
        signature_failures: eb('signature_failures', '+', old.signature_failures),
        foreign_app_events: eb('foreign_app_events', '+', old.foreign_app_events),
        last_signature_failure_at: old.last_signature_failure_at,
      }))
      .where('id', '=', APP_ROW_ID)
      .execute();
    const own = await tx.selectFrom('zalo_channel_state').select('id').where('id', '=', firstCommuneId).executeTakeFirst();
    if (own) await tx.deleteFrom('zalo_channel_state').where('id', '=', OLD_SINGLE_OA_ROW_ID).execute();
    else {
      await tx
        .updateTable('zalo_channel_state')
        .set({ id: firstCommuneId, signature_failures: 0, last_signature_failure_at: null, foreign_app_events: 0 })
        .where('id', '=', OLD_SINGLE_OA_ROW_ID)
        .execute();
    }
  });
}
