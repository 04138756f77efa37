import { randomUUID } from 'node:crypto';
import { sql, type InsertObject, type Selectable } from 'kysely';
import type { Dialect, Executor } from '../store/database.js';
import type { DB, OutboundMessagesTable, OutboundStatus } from '../store/schema.js';
import type { OutboundMessage } from './messages.js';

export type OutboundRow = Selectable<OutboundMessagesTable>;

export interface EnqueueMessage {
  /**
   * Idempotency key: the same key is enqueued once, however often the caller retries. Messages to
   * one user queued at the same instant go out in the order of their keys.
   */
  dedupeKey: string;
  userId: string;
  /**
   * The commune whose OA sends it. Without it, the commune the user wrote to (zalo_users): a
   * user id belongs to one OA, so a message to them can only go through that OA.
   */
  communeId?: string;
  /** What the send is for: reply, news, digest, petition_reply, staff_notice… (for reports). */
  purpose: string;
  message: OutboundMessage;
  now: Date;
  /** Do not send before this instant (quiet hours). */
  notBefore?: Date;
}

/**
 * Who waits least, in one place: a resident who just wrote (their reply), then messages about
 * their own case (petitions, drafts, staff notices), then news. The claim takes lower numbers first.
 */
export function outboxPriority(purpose: string): number {
  if (purpose === 'reply') return 0;
  if (isNewsPurpose(purpose)) return 2;
  return 1;
}

/** Reform news to a subscriber (free or paid cs): sent only within the commune's sending hours. */
export function isNewsPurpose(purpose: string): boolean {
  return purpose === 'news' || purpose.startsWith('news_');
}

function outboundRow(db: Executor, m: EnqueueMessage): InsertObject<DB, 'outbound_messages'> {
  return {
    id: randomUUID(),
    commune_id: m.communeId ?? db.selectFrom('zalo_users').select('commune_id').where('user_id', '=', m.userId),
    dedupe_key: m.dedupeKey,
    user_id: m.userId,
    purpose: m.purpose,
    priority: outboxPriority(m.purpose),
    message: JSON.stringify(m.message),
    status: 'pending',
    attempts: 0,
    next_attempt_at: (m.notBefore ?? m.now).toISOString(),
    lease_until: null,
    zalo_message_id: null,
    last_error: null,
    created_at: m.now.toISOString(),
    sent_at: null,
    attempt_started_at: null,
  };
}

/** Rows per INSERT when queueing many (a fan-out): well under both dialects' parameter limits. */
const ENQUEUE_CHUNK = 1_000;

/**
 * Queues many messages with multi-row INSERTs (a fan-out's batch in a few statements instead of
 * one per subscriber). Keys already queued are skipped. Returns how many were new.
 */
export async function enqueueMessages(db: Executor, messages: readonly EnqueueMessage[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < messages.length; i += ENQUEUE_CHUNK) {
    const result = await db
      .insertInto('outbound_messages')
      .values(messages.slice(i, i + ENQUEUE_CHUNK).map((m) => outboundRow(db, m)))
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/** Queues a message for the outbox worker. Returns false if the key was already queued. */
export async function enqueueMessage(db: Executor, m: EnqueueMessage): Promise<boolean> {
  return (await enqueueMessages(db, [m])) === 1;
}

/**
 * The commune whose OA sends a queued row: its own; a row without one (queued before communes
 * existed, or to a user no OA has claimed yet) goes through the default commune's OA.
 */
export function sendingCommune(alias: 'm' | 'older' | 'outbound_messages', defaultCommuneId: string) {
  return sql<string>`coalesce(${sql.ref(`${alias}.commune_id`)}, ${defaultCommuneId})`;
}

/** Which OAs' messages a claim leaves alone (see messaging/sending-pause.ts and zalo/channel-state.ts). */
export interface ClaimBlock {
  /** The commune whose OA sends rows without a commune. */
  defaultCommuneId: string;
  /** OAs whose proactive sending is paused: of their messages, only `sentWhileHeld` purposes are claimed. */
  heldCommunes: readonly string[];
  sentWhileHeld: readonly string[];
  /** OAs whose tokens are dead: none of their messages are claimed (every call would fail). */
  skippedCommunes: readonly string[];
}

/**
 * Leases due messages, most urgent first (replies, then messages about a resident's case, then
 * news; see outboxPriority), oldest first within a priority. A message is eligible only when its
 * user has nothing more urgent pending and nothing older of the same priority: a resident reads
 * the parts of a reply in the order they were written, their answer does not wait behind news
 * queued to them earlier, and that news does not cut in between the parts of the answer.
 * Skips rows locked by another process on PostgreSQL.
 */
export async function claimDueMessages(
  db: Executor,
  dialect: Dialect,
  o: { limit: number; leaseMs: number; now: Date; blocked?: ClaimBlock },
): Promise<OutboundRow[]> {
  const now = o.now.toISOString();
  const block = o.blocked;
  const held = block && block.heldCommunes.length > 0 ? block : undefined;
  let candidates = db
    .selectFrom('outbound_messages as m')
    .select('m.id')
    .where('m.status', '=', 'pending')
    .where('m.next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('m.lease_until', 'is', null), eb('m.lease_until', '<', now)]))
    .$if(block !== undefined && block.skippedCommunes.length > 0, (qb) => qb.where(sendingCommune('m', block!.defaultCommuneId), 'not in', block!.skippedCommunes))
    .$if(held !== undefined, (qb) => qb.where((eb) => eb.or([eb(sendingCommune('m', held!.defaultCommuneId), 'not in', held!.heldCommunes), eb('m.purpose', 'in', held!.sentWhileHeld)])))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('outbound_messages as older')
            .select(sql`1`.as('one'))
            .where('older.status', '=', 'pending')
            // A message held back (sending paused) does not hold back an answer queued after it.
            .$if(held !== undefined, (qb) => qb.where((eb) => eb.or([eb(sendingCommune('older', held!.defaultCommuneId), 'not in', held!.heldCommunes), eb('older.purpose', 'in', held!.sentWhileHeld)])))
            .whereRef('older.user_id', '=', 'm.user_id')
            .where((eb) =>
              eb.or([
                // Anything more urgent for the same person goes first, whenever it was queued.
                eb('older.priority', '<', eb.ref('m.priority')),
                eb.and([
                  eb('older.priority', '=', eb.ref('m.priority')),
                  eb.or([
                    eb('older.created_at', '<', eb.ref('m.created_at')),
                    // Same instant (one event's several replies): their keys end in a zero-padded index.
                    eb.and([eb('older.created_at', '=', eb.ref('m.created_at')), eb('older.dedupe_key', '<', eb.ref('m.dedupe_key'))]),
                  ]),
                ]),
              ]),
            ),
        ),
      ),
    )
    .orderBy('m.priority')
    .orderBy('m.next_attempt_at')
    .limit(o.limit);
  if (dialect === 'postgres') candidates = candidates.forUpdate().skipLocked();
  const rows = await db
    .updateTable('outbound_messages')
    .set((eb) => ({ lease_until: new Date(o.now.getTime() + o.leaseMs).toISOString(), attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', candidates)
    .returningAll()
    .execute();
  // RETURNING does not keep the subquery's order: send in claim order.
  return rows.sort((a, b) => a.priority - b.priority || a.next_attempt_at.localeCompare(b.next_attempt_at));
}

/**
 * Takes one leased row for an attempt: extends its lease to cover the call and records when the
 * attempt started. Returns false if the lease was lost (another process has the row now).
 */
export async function beginAttempt(db: Executor, row: OutboundRow, now: Date, leaseMs: number): Promise<OutboundRow | undefined> {
  const lease = new Date(now.getTime() + leaseMs).toISOString();
  const result = await db
    .updateTable('outbound_messages')
    .set({ lease_until: lease, attempt_started_at: now.toISOString(), reconcile_attempts: 0 })
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .where('lease_until', '=', row.lease_until)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? { ...row, lease_until: lease, attempt_started_at: now.toISOString() } : undefined;
}

export async function markSent(db: Executor, row: OutboundRow, zaloMessageId: string, now: Date): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set({ status: 'sent', zalo_message_id: zaloMessageId, sent_at: now.toISOString(), lease_until: null, last_error: null, attempt_started_at: null })
    .where('id', '=', row.id)
    .execute();
}

/** Back to the queue for `at`. `outcomeUnknown` keeps the attempt mark: check before resending. */
export async function markRetry(db: Executor, row: OutboundRow, error: string, at: Date, outcomeUnknown = false): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set({
      next_attempt_at: at.toISOString(),
      lease_until: null,
      last_error: error.slice(0, 500),
      ...(outcomeUnknown ? {} : { attempt_started_at: null }),
    })
    .where('id', '=', row.id)
    .execute();
}

/**
 * Hands a claimed row back untouched (sending was paused after it was claimed): due now, its
 * claim not counted as an attempt.
 */
export async function releaseClaim(db: Executor, row: OutboundRow): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set((eb) => ({ lease_until: null, attempts: eb('attempts', '-', 1) }))
    .where('id', '=', row.id)
    .where('lease_until', '=', row.lease_until)
    .execute();
}

/** Gives a leased row back for later (`until`), counting no attempt: it was not tried. */
export async function deferClaim(db: Executor, row: OutboundRow, until: Date): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set((eb) => ({ lease_until: null, attempts: eb('attempts', '-', 1), next_attempt_at: until.toISOString() }))
    .where('id', '=', row.id)
    .where('lease_until', '=', row.lease_until)
    .execute();
}

/**
 * A delivery check of an ambiguous send failed: try the check again at `at`, keeping the attempt
 * mark (the outcome is still unknown) and counting the check.
 */
export async function markReconcileRetry(db: Executor, row: OutboundRow, error: string, at: Date, checks: number): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set({ next_attempt_at: at.toISOString(), lease_until: null, last_error: error.slice(0, 500), reconcile_attempts: checks })
    .where('id', '=', row.id)
    .execute();
}

/** Which of these Zalo message ids are already recorded as ours (so they prove nothing new). */
export async function knownZaloMessageIds(db: Executor, userId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('outbound_messages')
    .select('zalo_message_id')
    .where('user_id', '=', userId)
    .where('zalo_message_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.zalo_message_id!));
}

export async function markFinal(db: Executor, row: OutboundRow, status: Exclude<OutboundStatus, 'pending' | 'sent'>, error: string | null): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set({ status, lease_until: null, last_error: error?.slice(0, 500) ?? null, attempt_started_at: null })
    .where('id', '=', row.id)
    .execute();
}

/** Stops everything still queued for a user (they unfollowed). */
export async function cancelPendingForUser(db: Executor, userId: string): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set({ status: 'cancelled', lease_until: null, last_error: 'user unfollowed' })
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .execute();
}

export async function countOutboundByStatus(db: Executor): Promise<Record<string, number>> {
  const rows = await db.selectFrom('outbound_messages').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
